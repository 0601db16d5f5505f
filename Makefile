# Clinician Commons: every target sets itself up from pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check stack stack-stop bench bench-large train clean

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt ".[dev]"
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; else echo "npm not found: htmx enhancements are off (pages work without them)"; fi
	touch $(STAMP)

## make run: SQLite, tasks in-process, demo data, http://127.0.0.1:8000
run: $(STAMP)
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true EMAIL_URL=dummymail:// $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

## make test: lint, format check, then the whole suite
test: $(STAMP)
	bash scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make stack: gunicorn + Celery worker + beat against local PostgreSQL and Redis
stack: $(STAMP)
	bash scripts/stack.sh start

stack-stop:
	bash scripts/stack.sh stop

bench: $(STAMP)
	bash scripts/bench.sh

bench-large: $(STAMP)
	bash scripts/bench.sh --large

train: $(STAMP)
	$(PY) manage.py train_moderation_model

clean:
	rm -rf $(VENV) var staticfiles
