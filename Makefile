# The two commands of the README: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
# The demo runs locally with DEBUG on; production sets its own environment.
DEMO_ENV := DEBUG=true

.PHONY: demo setup install test lint chromium benchmark scale-db

demo: setup
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

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
