# Clinician Commons: every target sets itself up from pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check stack stack-stop bench bench-large train clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt ".[dev]"
	touch $(STAMP)

## make run: SQLite, tasks in-process, demo data, http://127.0.0.1:8000
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

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
