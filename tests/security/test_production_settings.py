"""Production settings: `check --deploy` is clean, and the security headers are on every answer.

The deploy checks run in a subprocess with a production environment (DEBUG off, a real
secret, TESTING unset), because the suite itself runs with test-friendly cookies.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "commons.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://commons.example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}
_DROPPED = {
    "TESTING",
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' Playwright; never in production
}


def _production(args: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(PRODUCTION_ENV)
    env.update(extra)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_the_production_settings() -> None:
    result = _production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


_PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="commons.example.org")
plain = client.get("/accounts/login/")
secure = client.get("/accounts/login/", secure=True)
cookies = {
    name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
    for name, m in secure.cookies.items()
}
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "secure_status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security", ""),
    "cookies": cookies,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "debug": settings.DEBUG,
}))
"""


@pytest.fixture(scope="module")
def production_probe() -> dict[str, object]:
    # An in-memory database: the login page of an anonymous visitor needs no table.
    result = _production(["-c", _PROBE], DATABASE_URL="sqlite://:memory:")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_to_https(production_probe: dict[str, object]) -> None:
    assert production_probe["plain_status"] == 301
    assert str(production_probe["plain_location"]).startswith("https://commons.example.org/")


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload(
    production_probe: dict[str, object],
) -> None:
    assert production_probe["secure_status"] == 200
    hsts = str(production_probe["hsts"])
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts


def test_production_cookies_are_secure_and_session_cookie_is_http_only(
    production_probe: dict[str, object],
) -> None:
    assert production_probe["debug"] is False
    assert production_probe["session_cookie_secure"] is True
    assert production_probe["session_cookie_httponly"] is True
    assert production_probe["csrf_cookie_secure"] is True
    cookies = production_probe["cookies"]
    assert isinstance(cookies, dict)
    assert "csrftoken" in cookies, cookies
    assert cookies["csrftoken"]["secure"] is True
    assert cookies["csrftoken"]["samesite"] == "Lax"


# Pages anyone can reach without data; each answer carries the full set of headers.
HEADER_PAGES = ["/", "/groups/", "/accounts/login/", "/accounts/signup/", "/healthz"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", HEADER_PAGES)
def test_every_answer_carries_the_security_headers(path: str) -> None:
    response = Client().get(path)
    assert response.status_code < 500
    csp = response["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in csp.split(";")) if part
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"], "no inline or third-party script"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_signed_in_pages_carry_the_csp_too(client: Client, clinician: object) -> None:
    client.force_login(clinician)
    response = client.get("/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/groups/", "/accounts/login/", "/accounts/signup/"])
def test_our_templates_hold_no_inline_script_or_handler(path: str) -> None:
    """The CSP forbids inline script; the pages must not rely on any."""
    from html.parser import HTMLParser

    problems: list[str] = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names = dict(attrs)
            if tag == "script" and "src" not in names and names.get("type") != "application/json":
                problems.append("inline <script>")
            problems.extend(f"{tag}[{n}]" for n, _ in attrs if n.startswith("on"))
            if tag == "a" and (names.get("href") or "").strip().lower().startswith("javascript:"):
                problems.append("javascript: link")

    Finder().feed(Client().get(path).content.decode())
    assert problems == []
