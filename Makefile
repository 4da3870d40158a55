# The two commands of the README: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
# The demo runs locally with DEBUG on; production sets its own environment.
DEMO_ENV := DEBUG=true

.PHONY: demo setup install test lint chromium benchmark fuzz load serve benchmark-scale scale-db

demo: setup
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The production server (README, "Production"): gunicorn with gunicorn.conf.py,
# which reads HOST, PORT and WEB_CONCURRENCY. SECRET_KEY, ALLOWED_HOSTS and
# DATABASE_URL come from the environment. Never DEBUG, whatever .env says.
PROD_ENV := DEBUG=false

serve: install
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_ENV) exec $(VENV)/bin/gunicorn diplomacy.wsgi

setup: install
	$(DEMO_ENV) $(PY) manage.py setup_demo

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

chromium:
	@test -x /usr/bin/chromium || scripts/install-chromium

test: install chromium
	$(VENV)/bin/ruff check .
	$(DEMO_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

benchmark: install
	$(PY) benchmarks/extraction.py

# An archive-scale database (README, "Archive scale"): DATABASE_URL when set,
# else an embedded server of its own, so the demo's var/pgdata stays as it is.
STATEMENTS ?= 1000000
EMBEDDED_DB_DIR ?= var/pgdata-scale

scale-db: install
	EMBEDDED_DB_DIR=$(EMBEDDED_DB_DIR) $(DEMO_ENV) $(PY) benchmarks/scale_db.py \
		--statements $(STATEMENTS) $(if $(REPLACE),--replace)

# Every journalist's page under `make serve`, with Datasette beside it (README,
# "Archive scale"): DATABASE_URL, else the embedded server in var/pgdata-scale
# that `make scale-db` fills. ARGS: --quick, --no-datasette, --pages a,b, ...
benchmark-scale: install
	$(PY) benchmarks/scale.py $(ARGS)

# Issue 11's long runs: the fuzz suite with 10,000+ importer inputs and page
# requests (about 30 minutes on 2 CPUs), and 100 connections for 60 s against
# gunicorn. Both print what they counted.
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest tests/test_fuzz.py -q -s -p no:cacheprovider

load: install
	scripts/load
