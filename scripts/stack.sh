#!/usr/bin/env bash
# `make stack`: the docker/compose.yml topology without Docker. gunicorn, a
# screening worker, a default worker and beat, against local PostgreSQL and Redis.
#   scripts/stack.sh start | stop | status
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv/bin
RUN=var/stack
mkdir -p "$RUN"

# Two database roles (config/db_roles.py): the processes connect as commons_app, which owns
# nothing (no TRUNCATE, no ALTER TABLE, no DROP TRIGGER); migrations run as commons_owner;
# the postgres superuser only sets the roles up (`manage.py setup_db_roles`).
STACK_DB="${STACK_DB:-clinician_commons_stack}"
export DATABASE_URL="${STACK_DATABASE_URL:-postgres://commons_app:commons-app-local@127.0.0.1:5432/$STACK_DB}"
export MIGRATE_DATABASE_URL="${STACK_MIGRATE_DATABASE_URL:-postgres://commons_owner:commons-owner-local@127.0.0.1:5432/$STACK_DB}"
export ADMIN_DATABASE_URL="${STACK_ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${STACK_REDIS_URL:-redis://127.0.0.1:6379/1}"
export SECRET_KEY="${SECRET_KEY:-stack-local-secret-key-not-for-production-0123456789}"
export DEBUG=false
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
export STATICFILES_STORAGE=whitenoise.storage.CompressedManifestStaticFilesStorage
export EMAIL_URL="${EMAIL_URL:-consolemail://}"
PORT="${PORT:-8000}"

ensure_services() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  fi
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/stack.log
  fi
  $VENV/python scripts/wait_for.py postgres "$ADMIN_DATABASE_URL" 20
  $VENV/python scripts/wait_for.py redis "$REDIS_URL" 20
}

spawn() {  # name, command...
  local name=$1; shift
  nohup "$@" >"$RUN/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  echo "  $name (pid $!) -> $RUN/$name.log"
}

start() {
  ensure_services
  # Roles (created or updated), the database if missing, migrations as the owner, then the
  # app role's grants on every table: idempotent.
  $VENV/python manage.py setup_db_roles --migrate
  EMAIL_URL=dummymail:// $VENV/python manage.py seed_demo
  $VENV/python manage.py collectstatic --noinput >/dev/null
  echo "starting:"
  spawn web $VENV/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --access-logfile -
  spawn worker-screening $VENV/celery -A config worker -Q screening -n "screening@%h" --concurrency 1
  spawn worker-default $VENV/celery -A config worker -Q default -n "default@%h" --concurrency 1
  spawn beat $VENV/celery -A config beat --schedule "$RUN/celerybeat-schedule"
  $VENV/python - "$PORT" <<'PY'
import json, sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/healthz"
for _ in range(60):
    try:
        print("healthz:", json.load(urllib.request.urlopen(url, timeout=2)))
        break
    except Exception:
        time.sleep(0.5)
else:
    sys.exit("the web process did not answer /healthz")
PY
  echo "Clinician Commons runs at http://127.0.0.1:$PORT  (stop with: make stack-stop)"
}

stop() {
  for pidfile in "$RUN"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  echo "stack stopped"
}

status() {
  for pidfile in "$RUN"/*.pid; do
    [ -e "$pidfile" ] || continue
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then state=running; else state=dead; fi
    echo "$(basename "$pidfile" .pid): $state"
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
