#!/usr/bin/env bash
# `make bench` / `make bench-large`: load the bench data set into its own PostgreSQL
# database, serve it with gunicorn and measure with wrk (see bench/run.py).
#   scripts/bench.sh [--large] [--duration 10] [--rounds 3] [--skip-screening] ...
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk (Debian package)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq wrk
fi

export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/clinician_commons_bench}"
export BENCH_REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/3}"
$PY scripts/wait_for.py postgres "${BENCH_DATABASE_URL%/*}/postgres" 20
$PY scripts/wait_for.py redis "$BENCH_REDIS_URL" 20

exec $PY bench/run.py "$@"
