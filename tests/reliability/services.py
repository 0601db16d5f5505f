"""Real services for the fault tests: our own redis-server, a Celery worker and beat, gunicorn.

Every process listens on loopback only and runs against the pytest-django test database
(the tests use django_db(transaction=True), so rows are committed and visible to them).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.db_roles import app_role_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(predicate: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def database_url(application_name: str = "") -> str:
    """The test database as the app's own database role, which owns nothing (the owner
    and app roles are set up in it first; tests/db_roles.py): the processes these tests
    start have the rights production's have, no more."""
    return app_role_url(application_name)


class Process:
    """A subprocess with its log in a file; stopped politely, or killed."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.args = args
        self.env = env
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Process:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            assert self.process is not None
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            assert self.process is not None
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self, tail: int = 4000) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-tail:]


def redis_server(log_dir: Path, port: int | None = None) -> Process:
    port = port or free_port()
    args = [
        "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", str(log_dir),
    ]  # fmt: skip
    server = Process(f"redis-{port}", args, dict(os.environ), log_dir)
    server.port = port  # type: ignore[attr-defined]
    return server


def redis_answers(port: int) -> bool:
    import redis

    try:
        return bool(redis.Redis(port=port, socket_connect_timeout=0.2).ping())
    except redis.RedisError:
        return False


def service_env(redis_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reliability.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "TESTING": "1",
        "LOG_LEVEL": "WARNING",
        "FORUM_POSTING_RATE_LIMIT": "",
    }
    env.update(extra)
    return env


def celery_worker(redis_url: str, log_dir: Path, name: str = "worker") -> Process:
    args = [
        str(BIN / "celery"), "-A", "config", "worker", "-Q", "screening,default",
        "--pool=solo", "--without-gossip", "--without-mingle",
        "-n", f"{name}-{os.getpid()}@%h", "-l", "WARNING",
    ]  # fmt: skip
    return Process(name, args, service_env(redis_url), log_dir)


def celery_beat(redis_url: str, log_dir: Path) -> Process:
    args = [
        str(BIN / "celery"), "-A", "config", "beat", "-l", "WARNING",
        "--schedule", str(log_dir / "celerybeat-schedule"),
    ]  # fmt: skip
    return Process("beat", args, service_env(redis_url), log_dir)


def gunicorn(redis_url: str, log_dir: Path, port: int, workers: int = 2) -> Process:
    args = [
        str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5",
    ]  # fmt: skip
    env = service_env(redis_url, DATABASE_URL=database_url("cc-fault-web"))
    return Process("web", args, env, log_dir)


class Member:
    """A signed-in browser session against the gunicorn server (cookies, CSRF)."""

    def __init__(self, base_url: str, session_key: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        host = urllib.parse.urlsplit(base_url).hostname or "127.0.0.1"
        self.jar.set_cookie(_cookie("sessionid", session_key, host))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict[str, str | list[str]]) -> tuple[int, str]:
        status, page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or match is None:
            return status, page
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": match.group(1)}, doseq=True)
        request = urllib.request.Request(
            self.base_url + path,
            data=body.encode(),
            headers={"Referer": self.base_url + path},
            method="POST",
        )
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _cookie(name: str, value: str, host: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, False, None,
        None, {},
    )  # fmt: skip
