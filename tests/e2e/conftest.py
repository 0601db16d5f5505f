"""Browser journeys: Debian's Chromium driven by Playwright against a real stack.

One gunicorn server and one Celery worker (solo pool, Redis broker) run as
subprocesses against the pytest-django test database on PostgreSQL for the
whole session. Journeys use a transactional database, so rows the test writes
are committed and the server sees them; the database is emptied after each
test.

Without Chromium, PostgreSQL or Redis the journeys are skipped with a message,
except under CI=true, where they fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The narrowest phone people still use (issue 22: one run of each member journey here).
SMALL_PHONE = {"width": 375, "height": 812}
REQUIRE = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BIN = Path(sys.executable).parent


def _unavailable(message: str) -> None:
    if REQUIRE:
        pytest.fail(f"CI=true but {message}")
    pytest.skip(f"{message}; browser journeys skipped")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Callable[[], object], timeout: float = 30, interval: float = 0.2) -> Any:
    """Poll until predicate returns something truthy; return it, or fail after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout}s waiting for {predicate!r}")
        time.sleep(interval)


def _database_url() -> str:
    s = connection.settings_dict
    user = quote(s.get("USER") or "")
    password = f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@dataclass
class Stack:
    """The live server and its worker, and where they write mail and logs."""

    base_url: str
    mail_dir: Path
    log_dir: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def mails(self) -> list[str]:
        """Every mail the server sent this session, oldest first."""
        files = sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime)
        return [p.read_text(errors="replace") for p in files]

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted(self.log_dir.glob("*.log"))
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _redis_url() -> str:
    # A database of its own; keys also carry a per-run prefix (tests/e2e/settings.py).
    return os.environ.get("E2E_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture(scope="session")
def chromium() -> str:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium, or `make browser`)"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def stack(
    chromium: str, django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[Stack]:
    if connection.vendor != "postgresql":
        _unavailable("the suite is not running on PostgreSQL (set DATABASE_URL)")
    import redis

    try:
        redis.Redis.from_url(_redis_url(), socket_connect_timeout=1).ping()
    except redis.RedisError:
        _unavailable(f"Redis at {_redis_url()} does not answer")

    with django_db_blocker.unblock():
        database_url = _database_url()
    work = tmp_path_factory.mktemp("e2e")
    mail_dir, log_dir = work / "mail", work / "logs"
    mail_dir.mkdir()
    log_dir.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": _redis_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "TESTING": "1",
        "DEBUG": "false",
        "E2E_RUN_ID": uuid.uuid4().hex[:12],
        "E2E_MAIL_DIR": str(mail_dir),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    result = Stack(base_url=f"http://127.0.0.1:{port}", mail_dir=mail_dir, log_dir=log_dir)
    commands = {
        "server": [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        "worker": [
            str(BIN / "celery"),
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
            "INFO",
        ],
    }
    for name, command in commands.items():
        log = (log_dir / f"{name}.log").open("ab")
        result.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )

    def server_answers() -> bool:
        for process in result.processes:
            if process.poll() is not None:
                raise AssertionError(f"a stack process exited early:\n{result.logs()}")
        try:
            with urllib.request.urlopen(result.url("/healthz"), timeout=2):  # noqa: S310
                return True
        except urllib.error.HTTPError:
            return True  # it answers; the broker's state is not our concern here
        except OSError:
            return False

    def worker_ready() -> bool:
        return " ready." in (log_dir / "worker.log").read_text(errors="replace")

    try:
        wait_until(server_answers, timeout=60)
        wait_until(worker_ready, timeout=90)
    except AssertionError:
        result.stop()
        raise
    yield result
    result.stop()


@pytest.fixture(scope="module")
def browser(chromium: str, stack: Stack) -> Iterator[Any]:
    # Per module, not per session: while Playwright runs, its event loop runs in this
    # thread, and later tests' ordinary database calls would be refused as "async".
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def journey_dir_name(name: str, limit: int = 60) -> str:
    """The screenshot folder of a test named `name` (pytest's node name, with its
    parameter ids in brackets). Short names are their slug. A longer one keeps the start
    of the test's name, its parameter ids (desktop, phone-375, ...) and eight hex digits
    of the whole name's hash, so two runs of one long-named journey never share (and
    overwrite) a folder, and the name stays at most `limit` characters."""
    full = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if len(full) <= limit:
        return full
    base, _, params = name.partition("[")
    variant = re.sub(r"[^a-z0-9]+", "-", params.lower()).strip("-")[:20].strip("-")
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    room = limit - len(digest) - 1 - (len(variant) + 1 if variant else 0)
    head = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:room].strip("-")
    return "-".join(part for part in (head, variant, digest) if part)


class Journey:
    """One test's browser sessions, screenshots and accessibility checks."""

    def __init__(self, browser: Any, stack: Stack, name: str) -> None:
        self.browser = browser
        self.stack = stack
        self.dir = ARTIFACTS / journey_dir_name(name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.contexts: list[Any] = []
        self.shots = 0
        # The production Content-Security-Policy stays in force in every journey: a page
        # whose script, style or picture it refuses is a failed journey (close()).
        self.csp_refusals: list[str] = []

    def new_page(
        self,
        user: Any = None,
        *,
        javascript: bool = True,
        viewport: dict[str, int] | None = None,
        timezone_id: str | None = None,
    ) -> Any:
        """A fresh browser (own cookies); signed in as `user` when given. `timezone_id`:
        the zone the browser reports (Intl), as a member's own computer would."""
        options: dict[str, Any] = {"timezone_id": timezone_id} if timezone_id else {}
        context = self.browser.new_context(
            base_url=self.stack.base_url,
            viewport=viewport or DESKTOP,
            locale="en-US",
            java_script_enabled=javascript,
            **options,
        )
        context.set_default_timeout(15_000)
        context.on("console", self._note_csp_refusal)
        self.contexts.append(context)
        if user is not None:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": session_for(user),
                        "url": self.stack.base_url,
                    }
                ]
            )
        return context.new_page()

    def shoot(self, page: Any, step: str) -> None:
        """Screenshots of the current page at desktop and phone widths (a page opened at
        a phone's size is shot at that size only, and stays at it)."""
        self.shots += 1
        stem = self.dir / f"{self.shots:02d}-{_slug(step)}"
        size = page.viewport_size or DESKTOP
        if size["width"] < DESKTOP["width"]:
            page.screenshot(path=f"{stem}-{size['width']}px.png", full_page=True)
            return
        page.screenshot(path=f"{stem}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=f"{stem}-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)

    def _note_csp_refusal(self, message: Any) -> None:
        # Chromium reports each refusal on the console ("Refused to ... because it violates
        # the following Content Security Policy directive ...").
        if "Content Security Policy" in message.text:
            source = message.location.get("url", "?")
            page = message.page.url if message.page else "?"
            self.csp_refusals.append(f"{message.text} (source {source}, page {page})")

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        assert not self.csp_refusals, "the Content-Security-Policy refused:\n" + "\n".join(
            self.csp_refusals
        )


def session_for(user: Any) -> str:
    """A signed-in session for `user`, written to the database the server reads."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def axe_violations(page: Any, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core on the page; describe each violation of the given impacts."""
    if not AXE_JS.is_file():
        _unavailable(f"axe-core is not installed at {AXE_JS} (run `npm ci`)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol, which the page's CSP does not
        # govern (a <script> tag with axe's source would be refused, as it should be).
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in results["violations"]:
        if violation["impact"] in impacts:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            found.append(
                f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"
            )
    return found


# Every impact level fails a journey. An email opened as a page is checked too, but not
# for page structure it cannot carry (mail clients drop landmarks and headings around the
# message): one main landmark, a level-one heading, content inside landmarks.
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")
NOT_FOR_EMAIL = ("landmark-one-main", "page-has-heading-one", "region")


def assert_accessible(journey: Journey, page: Any, name: str) -> None:
    problems = [
        problem
        for problem in axe_violations(page, impacts=EVERY_IMPACT)
        if not (name.endswith("email") and problem.split(" ")[1] in NOT_FOR_EMAIL)
    ]
    report = journey.dir / f"axe-{_slug(name)}.json"
    report.write_text(json.dumps({"url": page.url, "violations": problems}, indent=2))
    assert not problems, f"axe found problems on {name}:\n" + "\n".join(problems)


@pytest.fixture
def async_unsafe_orm() -> Iterator[None]:
    """Let this test's own ORM calls run while Playwright's event loop runs in the thread.

    Playwright's sync API keeps an event loop running in the main thread; Django refuses
    blocking database calls there unless told. Set for the test only (it is torn down
    after the database flush) so no later test or subprocess inherits it.
    """
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def live(async_unsafe_orm: None, stack: Stack, transactional_db: None) -> Stack:
    """The running stack, with a committed (transactional) test database."""
    return stack


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def journey(browser: Any, live: Stack, request: pytest.FixtureRequest) -> Iterator[Journey]:
    trip = Journey(browser, live, request.node.name)
    yield trip
    if request.node.stash.get(CALL_FAILED, False):
        # What each browser showed when the test failed, beside the step screenshots.
        for number, context in enumerate(trip.contexts):
            for page in context.pages:
                with contextlib.suppress(Exception):  # a closed page has nothing to show
                    page.screenshot(path=str(trip.dir / f"failed-browser-{number}.png"))
    trip.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if ARTIFACTS.is_dir() and any(ARTIFACTS.iterdir()):
        terminalreporter.write_line(f"Browser journey screenshots: {ARTIFACTS}")
