# The two commands of the README: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
# The demo runs locally with DEBUG on; production sets its own environment.
DEMO_ENV := DEBUG=true

.PHONY: demo setup install test lint chromium rabbitmq benchmark worker beat poll benchmark-ingest

# Workers: `make worker WORKERS=4` starts one worker process with 4 children;
# run it on as many machines as you like against the same broker and database.
WORKERS ?= 2
BROKER ?= amqp://guest:guest@127.0.0.1:5672//

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

rabbitmq:
	@scripts/start-rabbitmq

test: install chromium rabbitmq
	$(VENV)/bin/ruff check .
	$(DEMO_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

benchmark: install
	$(PY) benchmarks/extraction.py

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

benchmark-ingest: install rabbitmq
	$(PY) benchmarks/ingest.py
