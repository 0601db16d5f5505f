"""Real Celery workers on Redis and PostgreSQL, started by the tests.

The worker runs as a subprocess against the pytest-django test database (rows
are committed: tests use django_db(transaction=True)); the test process
publishes to the same Redis, so posting -> on_commit -> broker -> worker is
the production path.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.celery import app as celery_app
from tests.db_roles import app_role_url

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def database_url() -> str:
    """The test database as the app's own role (tests/db_roles.py), as in production."""
    return app_role_url()


def wait_for(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class Worker:
    """One `celery worker` subprocess (solo pool: the process that runs tasks is this pid)."""

    def __init__(self, broker_url: str, log_path: Path) -> None:
        self.broker_url = broker_url
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "TESTING": "1",
            "LOG_LEVEL": "WARNING",
        }
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "config",
                "worker",
                "-Q",
                "screening,default",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def use_broker(url: str) -> None:
    """Point this (web-side) process's Celery app at a real broker, eagerness off."""
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = False
    _reset_pools()


def _reset_pools() -> None:
    # Pools are cached per app; drop them so the next publish connects to the new URL.
    # kombu keeps its own registry of pools keyed by URL: reset that too.
    from kombu import pools

    with contextlib.suppress(Exception):
        pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(require_postgres: None, require_redis: str) -> Iterator[str]:
    """The shared test Redis, flushed, as this process's broker."""
    import redis

    client = redis.Redis.from_url(require_redis)
    client.flushdb()
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    use_broker(require_redis)
    yield require_redis
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    _reset_pools()
    client.flushdb()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[str], Worker]]:
    started: list[Worker] = []

    def start(broker_url: str) -> Worker:
        worker = Worker(broker_url, tmp_path / f"worker-{len(started)}.log").start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateRedis:
    """A redis-server of our own on a random port, so the test can stop the broker."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        assert wait_for(answers, 10), "private redis-server did not start"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(require_postgres: None, tmp_path: Path) -> Iterator[PrivateRedis]:
    import shutil

    if shutil.which("redis-server") is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("CI=true but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    use_broker(server.url)
    yield server
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    _reset_pools()
    server.stop()
