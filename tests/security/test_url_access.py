"""The authorization matrix: every URL pattern × every persona × GET and POST.

The test walks the whole URLconf, so a new URL without a row in MATRIX fails the suite.
The admin and allauth URLs are covered by family rules (ADMIN_ROWS pins the admin pages
that matter). Each cell is "GET/POST", the expected answer:

    200   the page           L    302 to the login page    302  a redirect elsewhere
    400   form errors        403  refused                  404  refused, hiding existence
    405   GET on a POST-only view                          S    302 to the TOTP step-up

The sample objects are in a *private* group whose member wrote the topic (see
tests/security/personas.py), so the other-group personas must be refused its content.
POSTs carry no data (the test client skips CSRF); each request runs in a transaction that
is rolled back, so a POST that changes something (withdraw, leave, decide) does not
change the world for the next cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http.cookies import SimpleCookie

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from accounts.models import User
from forum.models import Group, Topic
from tests.security.personas import PASSWORD_ONLY, PERSONAS, World, build_world

pytestmark = pytest.mark.django_db

# Columns: anonymous, unverified, member, other_member, other_organizer,
# scoped_moderator (of the other group), moderator (global), staff, each of those last
# three signed in with a TOTP code, then the same three with a password alone (their
# session passed no TOTP: they read as members outside the private group, and every admin
# page sends them to confirm with their authenticator first). The unverified account holds
# no license: search and others' profiles answer 403 with the explanation (issue 22 item 2).
MATRIX = """
url name                 anon    unverif member  oth_mem oth_org scoped  mod     staff   scop_pw mod_pw  stf_pw
healthz                  200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:home               200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:directory          200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:group              200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:group_create       L/L     403/403 403/403 403/403 200/200 403/403 403/403 200/200 403/403 403/403 403/403
forum:group_join         405/L   405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302
forum:group_leave        405/L   405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302
forum:group_members      L/L     403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403
forum:group_settings     L/L     403/403 403/403 403/403 403/403 403/403 200/200 200/200 403/403 403/403 403/403
forum:group_notify_level 405/L   405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302
forum:notify_levels      L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:group_purpose_history 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
forum:membership_decide  405/L   405/403 405/403 405/403 405/403 405/403 405/403 405/302 405/403 405/403 405/403
forum:topic_create       L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:topic              L/L     404/404 200/200 404/404 404/404 404/404 200/200 200/200 404/404 404/404 404/404
forum:reply              L/L     404/404 200/200 404/404 404/404 404/404 200/200 200/200 404/404 404/404 404/404
forum:topic_new_posts    L/405   404/405 204/405 404/405 404/405 404/405 204/405 204/405 404/405 404/405 404/405
forum:topic_flags        405/L   405/404 405/403 405/404 405/404 405/404 405/403 405/302 405/404 405/404 405/404
forum:post               L/L     404/404 302/302 404/404 404/404 404/404 302/302 302/302 404/404 404/404 404/404
forum:post_state         L/405   404/405 200/405 404/405 404/405 404/405 200/405 200/405 404/405 404/405 404/405
forum:post_edit          L/L     404/404 200/200 404/404 404/404 404/404 403/403 403/403 404/404 404/404 404/404
forum:post_history       L/L     404/404 200/200 404/404 404/404 404/404 200/200 200/200 404/404 404/404 404/404
forum:revision           L/L     404/404 200/200 404/404 404/404 404/404 200/200 200/200 404/404 404/404 404/404
forum:answered_version   L/405   404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405
forum:post_warnings      L/L     404/404 200/302 404/404 404/404 404/404 403/403 403/403 404/404 404/404 404/404
forum:post_withdraw      L/L     404/404 200/302 404/404 404/404 404/404 403/403 403/403 404/404 404/404 404/404
forum:post_withdrawn     L/405   404/405 200/405 404/405 404/405 404/405 403/405 403/405 404/405 404/405 404/405
forum:post_restore       405/L   405/404 405/302 405/404 405/404 405/404 405/403 405/403 405/404 405/404 405/404
forum:post_helpful       405/L   405/404 405/403 405/404 405/404 405/404 405/403 405/403 405/404 405/404 405/404
forum:image              404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404
forum:draft_check        405/L   405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400
forum:draft_preview      405/L   405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400
forum:scheduled          L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
forum:scheduled_action   405/L   405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302
forum:search             L/L     403/403 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
notifications:list       L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
notifications:read       405/L   405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302
notifications:open       L/405   404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405
accounts:profile         L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
accounts:settings        L/L     200/400 200/400 200/400 200/400 200/400 200/400 200/400 200/400 200/400 200/400
accounts:avatar_upload   L/L     405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400 405/400
accounts:avatar_delete   L/L     405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302
members:avatar           404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405
forum:member             L/405   403/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
accounts:license_add     L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
accounts:evidence_upload L/L     405/404 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 405/404
accounts:evidence_file   404/404 404/404 200/200 404/404 404/404 404/404 200/200 200/200 404/404 404/404 404/404
accounts:export          L/L     200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200
accounts:deactivate      L/L     200/400 200/400 200/400 200/400 200/400 200/400 200/400 200/400 200/400 200/400
moderation:flag          L/L     404/404 200/400 404/404 404/404 404/404 200/400 200/400 404/404 404/404 404/404
moderation:case          L/L     404/404 200/400 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404
"""

# The admin pages that matter, pinned cell by cell (object ids are the sample case,
# license and member). Every other admin URL follows the family rule below.
ADMIN_ROWS = """
url name                          anon    unverif member  oth_mem oth_org scoped  mod     staff   scop_pw mod_pw  stf_pw
admin:index                       L/L     L/L     L/L     L/L     L/L     200/200 200/200 200/200 S/S     S/S     S/S
admin:moderation_case_changelist  L/L     L/L     L/L     L/L     L/L     200/200 200/200 200/200 S/S     S/S     S/S
admin:moderation_case_change      L/L     L/L     L/L     L/L     L/L     404/404 200/200 200/200 S/S     S/S     S/S
admin:moderation_case_overview    L/L     L/L     L/L     L/L     L/L     200/200 200/200 200/200 S/S     S/S     S/S
admin:moderation_flag_changelist  L/L     L/L     L/L     L/L     L/L     200/200 200/200 200/200 S/S     S/S     S/S
admin:accounts_license_changelist L/L     L/L     L/L     L/L     L/L     403/403 200/200 200/200 S/S     S/S     S/S
admin:accounts_license_review     L/L     L/L     L/L     L/L     L/L     403/403 200/200 200/200 S/S     S/S     S/S
admin:accounts_user_changelist    L/L     L/L     L/L     L/L     L/L     403/403 403/403 403/403 S/S     S/S     S/S
admin:accounts_user_change        L/L     L/L     L/L     L/L     L/L     403/403 403/403 403/403 S/S     S/S     S/S
"""

# The rest of the admin: anyone who is not a moderator or staff is sent to the admin's
# login page (its login and logout pages excepted), a moderator or staff member whose
# session passed no TOTP to the step-up (all of it, login and logout included); moderators
# and staff get no 5xx.
ADMIN_OPEN = {"admin:login", "admin:logout"}
NOT_ADMITTED = ("anonymous", "unverified", "member", "other_member", "other_organizer")
# allauth's account and MFA pages: its own login rules; no persona gets a 5xx.
ALLAUTH_PREFIXES = ("account_", "mfa_")


def _parse(table: str) -> dict[str, dict[str, tuple[str, str]]]:
    rows: dict[str, dict[str, tuple[str, str]]] = {}
    for line in table.strip().splitlines()[1:]:
        name, *cells = line.split()
        assert len(cells) == len(PERSONAS), f"row {name} needs {len(PERSONAS)} cells"
        rows[name] = {
            persona: tuple(cell.split("/"))  # type: ignore[misc]
            for persona, cell in zip(PERSONAS, cells, strict=True)
        }
    return rows


EXPECTED = _parse(MATRIX)
ADMIN_EXPECTED = _parse(ADMIN_ROWS)


def url_patterns() -> Iterator[tuple[str, str, URLPattern]]:
    """(route, namespaced name, pattern) for every pattern in the URLconf."""

    def walk(patterns: list, prefix: str, namespace: str) -> Iterator:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            else:
                yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern

    yield from walk(get_resolver().url_patterns, "", "")


def _family(name: str, route: str) -> str | None:
    if name.startswith("admin:") or route.startswith("admin/"):
        return "admin"
    if name.startswith(ALLAUTH_PREFIXES) or route.startswith("accounts/"):
        return "allauth"
    return None


def test_every_url_pattern_has_a_row_in_the_matrix() -> None:
    missing = [
        f"{route} ({name or 'unnamed'})"
        for route, name, _ in url_patterns()
        if _family(name, route) is None and name not in EXPECTED
    ]
    assert missing == [], (
        "New URLs need a row in tests/security/test_url_access.py MATRIX: " + ", ".join(missing)
    )
    stale = set(EXPECTED) - {name for _, name, _ in url_patterns()}
    assert stale == set(), f"MATRIX rows for URLs that no longer exist: {stale}"
    admin_names = {name for _, name, _ in url_patterns() if name.startswith("admin:")}
    assert set(ADMIN_EXPECTED) <= admin_names


def _samples(world: World) -> dict[str, object]:
    return {
        "slug": world.group.slug,
        "topic_id": world.topic.pk,
        "post_id": world.post.pk,
        "number": 1,
        "membership_id": world.membership.pk,
        "license_id": world.license.pk,
        "case_id": world.case.pk,
        "member_id": world.users["member"].pk,
    }


ADMIN_OBJECT_IDS = {
    "admin:moderation_case_change": lambda w: w.case.pk,
    "admin:accounts_license_change": lambda w: w.license.pk,
    "admin:accounts_user_change": lambda w: w.users["member"].pk,
}


def _sample_url(route: str, name: str, pattern: URLPattern, world: World) -> str:
    samples = _samples(world)
    if name in ADMIN_OBJECT_IDS:
        samples["object_id"] = ADMIN_OBJECT_IDS[name](world)
    if isinstance(pattern.pattern, RoutePattern):

        def value(match: re.Match[str]) -> str:
            key = match.group(1)
            return str(samples.get(key, "999999" if key.endswith("id") else "sample"))

        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "moderation"})
    if "(?P<url>" in route:  # the admin's catch-all
        return "/admin/no-such-page/"
    keys = pattern.pattern.regex.groupindex
    return reverse(name, kwargs={key: "sample" for key in keys})


def _answer(client: Client, method: str, url: str) -> str:
    """One request in a rolled-back transaction, keeping the client's session cookie."""
    cookies = SimpleCookie()
    for key, morsel in client.cookies.items():
        cookies[key] = morsel.value
    cache.clear()  # rate limits and cached pages start afresh in every cell
    with transaction.atomic():
        response = getattr(client, method)(url, {})
        transaction.set_rollback(True)
    client.cookies = cookies  # a logout in the request must not sign out later cells
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("mfa_reauthenticate")):
        return "S"
    if response.status_code == 302 and "login" in location:
        return "L"
    return str(response.status_code)


@pytest.fixture
def world(
    group: Group,
    topic: Topic,
    clinician: User,
    other_clinician: User,
    organizer: User,
    moderator: User,
    settings: object,
    tmp_path: object,
) -> World:
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return build_world(
        group=group,
        topic=topic,
        member=clinician,
        fellow=other_clinician,
        organizer=organizer,
        moderator=moderator,
    )


def test_every_persona_gets_the_declared_answer_on_every_url(world: World) -> None:
    clients = dict(world.clients())
    problems: list[str] = []
    checked = 0
    for route, name, pattern in url_patterns():
        url = _sample_url(route, name, pattern, world)
        family = _family(name, route)
        for persona in PERSONAS:
            for index, method in enumerate(("get", "post")):
                got = _answer(clients[persona], method, url)
                checked += 1
                where = f"{method.upper()} {url} ({name or 'unnamed'}) as {persona}"
                if got.startswith("5"):
                    problems.append(f"{where}: {got}")
                    continue
                expected_row = EXPECTED.get(name) or ADMIN_EXPECTED.get(name)
                if expected_row is not None:
                    expected = expected_row[persona][index]
                    if got != expected:
                        problems.append(f"{where}: got {got}, expected {expected}")
                elif family == "admin" and persona in PASSWORD_ONLY and got != "S":
                    problems.append(f"{where}: got {got}, expected the step-up")
                elif (
                    family == "admin"
                    and name not in ADMIN_OPEN
                    and persona in NOT_ADMITTED
                    and got != "L"
                ):
                    problems.append(f"{where}: got {got}, expected the admin login")
    # Every persona x 2 methods for every pattern in the URLconf.
    assert checked == len(list(url_patterns())) * len(PERSONAS) * 2
    assert problems == [], "\n".join(problems)
