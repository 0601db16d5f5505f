#!/usr/bin/env bash
# The whole suite: lint, format, import layers, migrations check, then pytest.
# With PostgreSQL reachable the suite runs on it; under CI=true it must be.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export TESTING=1
export DJANGO_SETTINGS_MODULE=config.settings
unset REDIS_URL

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

# The dependency direction (pyproject.toml [tool.importlinter]): moderation > forum >
# accounts > notifications > config, and detectors import no app. Imports inside
# functions count too.
echo "== import layers"
.venv/bin/lint-imports --no-cache

# A database name per run: concurrent runs on one machine must not drop each other's
# test database (pytest-django creates test_<name> and removes it at the end).
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cc_run_$$}"
if $PY scripts/wait_for.py postgres "$PG_URL" 3; then
  export DATABASE_URL="$PG_URL"
  echo "== database: PostgreSQL"
else
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true but PostgreSQL does not answer at $PG_URL" >&2
    exit 1
  fi
  echo "== database: SQLite (PostgreSQL does not answer; PostgreSQL-only tests will be SKIPPED)"
fi
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
if ! $PY scripts/wait_for.py redis "$TEST_REDIS_URL" 3; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true but Redis does not answer at $TEST_REDIS_URL" >&2
    exit 1
  fi
  echo "== Redis does not answer: tests that need Redis or a Celery worker will be SKIPPED"
fi

echo "== migrations are up to date"
$PY manage.py makemigrations --check --dry-run

echo "== pytest"
$PY -m pytest "$@"
