# The two commands of the README: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
# The demo runs locally with DEBUG on; production sets its own environment.
DEMO_ENV := DEBUG=true

.PHONY: demo setup install test lint chromium rabbitmq benchmark fuzz load serve benchmark-scale scale-db worker beat poll benchmark-ingest

# Workers: `make worker WORKERS=4` starts one worker process with 4 children;
# run it on as many machines as you like against the same broker and database.
WORKERS ?= 2
BROKER ?= amqp://guest:guest@127.0.0.1:5672//

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

rabbitmq:
	@scripts/start-rabbitmq

test: install chromium rabbitmq
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

# Import from sources with N workers (README, "Sources and the queue").
worker: install
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(BROKER)} $(DEMO_ENV) \
	    $(VENV)/bin/celery -A diplomacy worker --concurrency $(WORKERS) --loglevel INFO

# Celery beat: queues poll_sources every minute (or use the cron line in README).
beat: install
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(BROKER)} $(DEMO_ENV) \
	    $(VENV)/bin/celery -A diplomacy beat --loglevel INFO --schedule var/celerybeat-schedule

poll: install
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(BROKER)} $(DEMO_ENV) $(PY) manage.py poll_sources

# ARGS: --outlets 100 --per-outlet 100 (10,000 pages) --workers 1 2 4 --max-seconds 400 ...
benchmark-ingest: install rabbitmq
	$(PY) benchmarks/ingest.py $(ARGS)
