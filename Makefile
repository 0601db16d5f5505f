# Clinician Commons: every target sets itself up from pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: bandit audit security-full reliability loadtest run test lint format check stack stack-stop bench bench-large train clean browser ocr e2e

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
	$(MAKE) --no-print-directory bandit
	bash scripts/test.sh

## make browser: Debian's Chromium (and npm, for axe-core) for the browser journeys, if missing.
## A test tool's own browser download does not work on our machines: never `playwright install`.
browser:
	@SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	missing=""; \
	[ -x /usr/bin/chromium ] || missing="chromium"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi; \
	/usr/bin/chromium --version 2>/dev/null || true

## make ocr: Debian's Tesseract (English) to read the text in pictures posted, if missing.
## Everything comes from the apt packages: nothing is downloaded at run time. Without it the
## site still runs; a post with a picture then waits for a moderator (forum/picture_text.py).
ocr:
	@SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="tesseract-ocr"; \
	[ -n "$$(ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata 2>/dev/null)" ] || missing="$$missing tesseract-ocr-eng"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi; \
	tesseract --version 2>&1 | head -n1

## make e2e: only the browser journeys (tests/e2e); screenshots in test-artifacts/e2e/
e2e: $(STAMP) browser
	bash scripts/test.sh tests/e2e

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
	DEBUG=true $(PY) manage.py train_moderation_model

clean:
	rm -rf $(VENV) var staticfiles

## make bandit: static security lint of our code; fails on any high-severity finding (offline)
bandit: $(STAMP)
	$(VENV)/bin/bandit -q -r notifications accounts forum moderation detectors config -lll -x "*/migrations/*"

## make audit: pip-audit over the pinned dependencies, against PyPI's per-release JSON
## (its "vulnerabilities" field). --strict: a dependency that could not be looked up fails
## the audit instead of being skipped, so an unreachable service never reads as "clean".
## Not run by .ci/run: it needs https://pypi.org/pypi/<name>/<version>/json (see SECURITY.md).
AUDIT_SERVICE ?= pypi
audit: $(STAMP)
	$(VENV)/bin/pip-audit -r constraints.txt --no-deps --disable-pip --progress-spinner off \
	  --strict -s $(AUDIT_SERVICE)

## make security-full: every naughty string through every field (make test takes one in three)
security-full: $(STAMP)
	HOSTILE_FULL=1 bash scripts/test.sh tests/security

## make reliability: faults with real services (worker SIGKILL, Redis restart, DB drop)
reliability: $(STAMP)
	RELIABILITY=1 bash scripts/test.sh -s tests/reliability

## make loadtest: 60 s of mixed reading, posting and flagging against gunicorn on loopback
loadtest: $(STAMP)
	LOADTEST=1 bash scripts/test.sh -s tests/load
