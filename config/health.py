"""GET /healthz: the state of the database, the broker and each app's own checks, as JSON.

Apps above config register their checks from AppConfig.ready() (moderation: the
screening backlog); each returns a dict with a "status" of "ok" or something else.
"""

from __future__ import annotations

from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse

_checks: dict[str, Callable[[], dict[str, object]]] = {}


def register_check(name: str, check: Callable[[], dict[str, object]]) -> None:
    """Add an app's check to /healthz (and to the admin index) under `name`."""
    _checks[name] = check


def app_checks() -> dict[str, dict[str, object]]:
    """Each registered check's state; one that raises reports "down", it does not raise."""
    states: dict[str, dict[str, object]] = {}
    for name, check in _checks.items():
        try:
            states[name] = check()
        except Exception as exc:  # a failing check is a finding, not a 500
            states[name] = {"status": "down", "error": type(exc).__name__}
    return states


def _database_state() -> dict[str, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; report it, don't raise
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "ok", "vendor": connection.vendor}


def _broker_state() -> dict[str, str]:
    if not settings.REDIS_URL:
        return {"status": "ok", "mode": "in-process"}
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError as exc:
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "ok", "mode": "redis"}


def healthz(request: HttpRequest) -> JsonResponse:
    database = _database_state()
    broker = _broker_state()
    checks = app_checks() if database["status"] == "ok" else {}
    healthy = (
        database["status"] == "ok"
        and broker["status"] == "ok"
        and all(state["status"] == "ok" for state in checks.values())
    )
    return JsonResponse(
        {
            "status": "ok" if healthy else "degraded",
            "database": database,
            "broker": broker,
            **checks,
        },
        status=200 if healthy else 503,
    )
