"""@handles (issue 21 item 9): every member gets one at sign-up, changes it in settings under
clear rules, sees it on their profile and posts; mentions of it (and of one given up lately)
reach them, and only once the post is published."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts import handles
from accounts.models import HandleChange, User
from forum.choices import PostStatus
from forum.models import Membership, Post
from moderation.revision_screening import screen_revision
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import form_fields, sign_in_with_totp
from tests.moderation.helpers import new_reply, new_topic

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "jamie.lee@example.org",
    "display_name": "Jamie Lee-Ortíz",
    "credentials_suffix": "LMFT",
    "time_zone": "UTC",
    "password1": "a long calm passphrase 42",
    "password2": "a long calm passphrase 42",
}


def _settings_data(user: User, **changes: str) -> dict[str, str]:
    return {
        "display_name": user.display_name,
        "credentials_suffix": user.credentials_suffix,
        "handle": user.handle or "",
        "time_zone": user.time_zone,
        "email_notices": user.email_notices,
        "digest": user.digest,
        **changes,
    }


def _mentions(user: User) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=NotificationKind.MENTION))


# -- sign-up ----------------------------------------------------------------------------


def test_sign_up_proposes_a_handle_from_the_display_name_numbered_when_taken(client):
    factories.UserFactory(handle="jamie.lee-ortiz")
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="handle"' in page and "Leave it empty" in page
    assert client.post(reverse("account_signup"), SIGN_UP).status_code == 302
    assert User.objects.get(email=SIGN_UP["email"]).handle == "jamie.lee-ortiz2"


def test_sign_up_keeps_a_typed_handle_and_refuses_a_taken_one_with_a_message(client):
    factories.UserFactory(handle="jl")
    response = client.post(reverse("account_signup"), {**SIGN_UP, "handle": "JL"})
    assert response.status_code == 200
    assert "“@jl” is taken; choose another handle." in response.content.decode()
    assert not User.objects.filter(email=SIGN_UP["email"]).exists()
    response = client.post(reverse("account_signup"), {**SIGN_UP, "handle": "@Jamie_L"})
    assert response.status_code == 302
    assert User.objects.get(email=SIGN_UP["email"]).handle == "jamie_l"


def test_a_proposal_skips_reserved_words_and_names_without_letters():
    assert handles.propose_handle("Admin") == "admin2"
    assert handles.propose_handle("李") == "member2"
    assert handles.slug_from_name("  Dr. Ana  O'Neil ") == "dr.ana.o.neil"


# -- settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("x", "Use 2 to 30 characters (this has 1)."),
        ("a" * 31, "Use 2 to 30 characters (this has 31)."),
        ("dana reyes", "Use lower-case letters a-z, digits"),
        ("dana.", "starting and ending with a letter or digit"),
        ("dañа", "Use lower-case letters a-z, digits"),
        ("Moderators", "“@moderators” is kept for the site; choose another handle."),
        ("here", "“@here” is kept for the site"),
        ("SAM", "“@sam” is taken; choose another handle."),
        ("", "Enter a handle"),
    ],
)
def test_settings_refuse_a_bad_handle_with_a_clear_message(
    client, clinician, other_clinician, typed, message
):
    client.force_login(clinician)
    response = client.post(reverse("accounts:settings"), _settings_data(clinician, handle=typed))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.get(pk=clinician.pk).handle == "dana"


def test_a_member_changes_their_handle_and_sees_it_on_their_profile_and_posts(
    client, clinician, group, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    response = client.post(
        reverse("accounts:settings"), _settings_data(clinician, handle="  @Dana.Reyes ")
    )
    assert response.status_code == 302
    assert User.objects.get(pk=clinician.pk).handle == "dana.reyes"
    assert HandleChange.objects.get(user=clinician).old_handle == "dana"
    assert (
        "@dana.reyes" in client.get(reverse("forum:member", args=[clinician.pk])).content.decode()
    )
    assert "@dana.reyes" in client.get(reverse("accounts:profile")).content.decode()
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    thread = client.get(topic.get_absolute_url()).content.decode()
    assert '<span class="handle meta">@dana.reyes</span>' in thread
    assert 'title="Dana Reyes · @dana.reyes"' in thread


def test_an_old_handle_is_held_for_its_member_and_changes_are_limited(
    client, clinician, other_clinician
):
    handles.handle_change(user=clinician, handle="dana.r")
    client.force_login(other_clinician)
    response = client.post(
        reverse("accounts:settings"), _settings_data(other_clinician, handle="dana")
    )
    assert response.status_code == 400
    assert "“@dana” is taken" in response.content.decode()
    # Its own member may take it back; then two more changes use up the month.
    handles.handle_change(user=clinician, handle="dana")
    handles.handle_change(user=clinician, handle="dana.reyes")
    client.force_login(clinician)
    response = client.post(
        reverse("accounts:settings"), _settings_data(clinician, handle="dana.rx")
    )
    assert response.status_code == 400
    assert "You changed your handle 3 times in the last 30 days" in response.content.decode()
    assert User.objects.get(pk=clinician.pk).handle == "dana.reyes"
    # Past the hold, anyone may take it.
    HandleChange.objects.filter(old_handle="dana.r").update(
        changed_at=timezone.now() - handles.HELD_FOR - timedelta(days=1)
    )
    assert handles.clean_handle("dana.r", user=other_clinician) == "dana.r"


# -- the admin ------------------------------------------------------------------------------


def test_staff_edit_a_member_with_a_dotted_handle_and_give_one_in_the_admin(client, clinician):
    handles.handle_change(user=clinician, handle="dana.reyes")
    staff = factories.UserFactory(is_staff=True, is_superuser=True, handle="stella")
    sign_in_with_totp(client, staff)
    url = reverse("admin:accounts_user_change", args=[clinician.pk])
    data = form_fields(client.get(url).content.decode(), "user_form")
    assert data["handle"] == "dana.reyes" and data["email"] == clinician.email
    # Saving the member as they are (a dotted handle), then giving another dotted one.
    response = client.post(url, {**data, "is_moderator": "on"})
    assert response.status_code == 302
    assert User.objects.get(pk=clinician.pk).is_moderator
    response = client.post(url, {**data, "handle": "D.Reyes_2"})
    assert response.status_code == 302
    assert User.objects.get(pk=clinician.pk).handle == "d.reyes_2"
    # The member's rules still hold there: characters, reserved words.
    refused = [("dana reyes", "Use lower-case letters"), ("staff", "kept for the site")]
    for typed, message in refused:
        response = client.post(url, {**data, "handle": typed})
        assert response.status_code == 200 and message in response.content.decode()
    assert User.objects.get(pk=clinician.pk).handle == "d.reyes_2"


def test_a_handle_staff_change_in_the_admin_keeps_its_history_like_the_members_own(
    client, clinician, other_clinician, group, topic
):
    staff = factories.UserFactory(is_staff=True, is_superuser=True, handle="stella")
    sign_in_with_totp(client, staff)
    url = reverse("admin:accounts_user_change", args=[clinician.pk])
    data = form_fields(client.get(url).content.decode(), "user_form")
    group.refresh_from_db()
    topics_version = group.topics_version
    # A handle another member holds is refused, as in settings.
    response = client.post(url, {**data, "handle": "sam"})
    assert response.status_code == 200
    assert "“@sam” is taken; choose another handle." in response.content.decode()
    response = client.post(url, {**data, "handle": "Dana.Reyes"})
    assert response.status_code == 302
    assert User.objects.get(pk=clinician.pk).handle == "dana.reyes"
    change = HandleChange.objects.get(user=clinician)
    assert (change.old_handle, change.new_handle) == ("dana", "dana.reyes")
    # The old handle is held for the member and a mention of it still reaches them.
    assert handles.resolve_mentions({"dana", "dana.reyes"}) == {
        "dana": clinician,
        "dana.reyes": clinician,
    }
    client.force_login(other_clinician)
    response = client.post(
        reverse("accounts:settings"), _settings_data(other_clinician, handle="dana")
    )
    assert response.status_code == 400
    assert "“@dana” is taken" in response.content.decode()
    # Cached topic lists showing the member's byline get a new key, as from settings.
    group.refresh_from_db()
    assert group.topics_version > topics_version
    # Saving the form again without touching the handle records nothing more; staff are
    # not held to the member's changes per month.
    sign_in_with_totp(client, staff)
    data = form_fields(client.get(url).content.decode(), "user_form")
    assert client.post(url, {**data, "display_name": "Dana R."}).status_code == 302
    assert HandleChange.objects.filter(user=clinician).count() == 1
    for handle in ("dana.r1", "dana.r2", "dana.r3"):
        assert client.post(url, {**data, "handle": handle}).status_code == 302
    assert User.objects.get(pk=clinician.pk).handle == "dana.r3"
    assert HandleChange.objects.filter(user=clinician).count() == 4


def test_every_way_of_changing_a_handle_records_it_and_a_first_handle_is_no_change(clinician):
    fresh = factories.UserFactory(handle=None)
    fresh.handle = "first.handle"
    fresh.save()
    assert not HandleChange.objects.filter(user=fresh).exists()
    clinician.handle = "by.save"
    clinician.save()
    User.objects.filter(pk=clinician.pk).update(handle="by.update")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET handle = 'by.sql' WHERE id = %s", [clinician.pk])
        cursor.execute("UPDATE accounts_user SET handle = NULL WHERE id = %s", [clinician.pk])
    got = list(
        HandleChange.objects.filter(user=clinician).values_list(
            "old_handle", "new_handle", "changed_by", "actor"
        )
    )
    # No path said who: the database records each, as made by someone not known.
    assert got == [
        ("dana", "by.save", "unknown", None),
        ("by.save", "by.update", "unknown", None),
        ("by.update", "by.sql", "unknown", None),
        ("by.sql", "", "unknown", None),
    ]
    # Each old handle is held for the member, even after staff cleared the handle.
    assert handles.resolve_mentions({"dana", "by.sql"}) == {"dana": clinician, "by.sql": clinician}
    assert handles.handle_change(user=User.objects.get(pk=clinician.pk), handle="dana.again")
    assert HandleChange.objects.filter(user=clinician).count() == 4  # from none: no change


def test_staff_changes_in_the_admin_are_recorded_as_theirs_and_leave_the_members_limit(
    client, clinician
):
    staff = factories.UserFactory(is_staff=True, is_superuser=True, handle="stella")
    sign_in_with_totp(client, staff)
    url = reverse("admin:accounts_user_change", args=[clinician.pk])
    data = form_fields(client.get(url).content.decode(), "user_form")
    for handle in ("dana.s1", "dana.s2", "dana.s3"):
        assert client.post(url, {**data, "handle": handle}).status_code == 302
    # Saving the form without touching the handle claims no change, not even an unknown one.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET handle = 'by.sql' WHERE id = %s", [clinician.pk])
    data = form_fields(client.get(url).content.decode(), "user_form")
    assert client.post(url, {**data, "display_name": "Dana R."}).status_code == 302
    got = list(
        HandleChange.objects.filter(user=clinician).values_list("new_handle", "changed_by", "actor")
    )
    assert got == [
        ("dana.s1", "staff", staff.pk),
        ("dana.s2", "staff", staff.pk),
        ("dana.s3", "staff", staff.pk),
        ("by.sql", "unknown", None),
    ]
    # The admin shows who made each, on the member's page.
    page = client.get(url).content.decode()
    assert "Handle history" in page and "not known (a script or SQL)" in page
    # Four changes in a day, none the member's: all three of theirs are left.
    member = User.objects.get(pk=clinician.pk)
    assert handles.changes_left(member) == 3
    client.force_login(member)
    for handle in ("dana.m1", "dana.m2", "dana.m3"):
        response = client.post(reverse("accounts:settings"), _settings_data(member, handle=handle))
        assert response.status_code == 302
        member = User.objects.get(pk=clinician.pk)
    assert list(
        HandleChange.objects.filter(user=clinician, changed_by="member").values_list(
            "new_handle", "actor"
        )
    ) == [("dana.m1", clinician.pk), ("dana.m2", clinician.pk), ("dana.m3", clinician.pk)]
    response = client.post(reverse("accounts:settings"), _settings_data(member, handle="dana.m4"))
    assert response.status_code == 400
    assert "You changed your handle 3 times in the last 30 days" in response.content.decode()
    # Staff may still change it, and that still leaves the member's count as it was.
    sign_in_with_totp(client, staff)
    data = form_fields(client.get(url).content.decode(), "user_form")
    assert client.post(url, {**data, "handle": "dana.s4"}).status_code == 302
    assert User.objects.get(pk=clinician.pk).handle == "dana.s4"
    assert handles.changes_left(User.objects.get(pk=clinician.pk)) == 0


def test_a_staff_member_without_a_totp_passed_session_changes_no_handle(client, clinician):
    staff = factories.UserFactory(is_staff=True, is_superuser=True, handle="stella")
    client.force_login(staff)  # a password alone
    url = reverse("admin:accounts_user_change", args=[clinician.pk])
    response = client.post(url, {"handle": "dana.x", "email": clinician.email})
    assert response.status_code == 302 and "/admin/" not in response["Location"].split("?")[0]
    assert User.objects.get(pk=clinician.pk).handle == "dana"
    assert not HandleChange.objects.filter(user=clinician).exists()


# -- mentions -----------------------------------------------------------------------------


def test_a_mention_of_a_changed_handle_reaches_the_member_by_new_and_old_handle(
    group, clinician, other_clinician, organizer, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=organizer, group=group)
    handles.handle_change(user=clinician, handle="dana.reyes")
    first = new_reply(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        topic=topic,
        body="@Dana.Reyes, how do you pace exposure with teens?",
    )
    assert len(_mentions(clinician)) == 1
    second = new_reply(
        django_capture_on_commit_callbacks,
        author=organizer,
        topic=topic,
        body="Agreeing with @dana here.",
    )
    assert sorted(n.post_id for n in _mentions(clinician)) == [first.pk, second.pk]


def test_a_mention_in_a_post_screening_has_not_published_tells_nobody_until_it_is(
    group, clinician, other_clinician, organizer, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=organizer, group=group)
    reply = new_reply(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        topic=topic,
        body="@dana what would you do with a teen who skips homework?",
        run_screening=False,
    )
    assert Post.objects.get(pk=reply.pk).status == PostStatus.PENDING
    assert _mentions(clinician) == []
    with django_capture_on_commit_callbacks(execute=True):
        screen_revision(revision_id=reply.current_revision_id)
    assert Post.objects.get(pk=reply.pk).status == PostStatus.PUBLISHED
    assert [n.post_id for n in _mentions(clinician)] == [reply.pk]


# -- the data migration ------------------------------------------------------------------


def test_the_migration_gives_every_member_a_unique_handle_deterministically():
    first = factories.UserFactory(display_name="Ana Li", handle=None)
    second = factories.UserFactory(display_name="Ana Li", handle=None)
    reserved = factories.UserFactory(display_name="Staff Person", handle="staff")
    kept = factories.UserFactory(display_name="Kept", handle="ana.li2")
    nameless = factories.UserFactory(display_name="", handle=None)
    migration = importlib.import_module("accounts.migrations.0010_handles_and_digest_parts")
    migration.give_every_member_a_handle(apps, None)
    got = {u.pk: u.handle for u in User.objects.filter(pk__in=[first.pk, second.pk])}
    assert got == {first.pk: "ana.li", second.pk: "ana.li3"}
    assert User.objects.get(pk=kept.pk).handle == "ana.li2"
    assert User.objects.get(pk=reserved.pk).handle == "staff.person"
    assert User.objects.get(pk=nameless.pk).handle == "member2"
    before = dict(User.objects.values_list("pk", "handle"))
    migration.give_every_member_a_handle(apps, None)
    assert dict(User.objects.values_list("pk", "handle")) == before
    assert None not in before.values()


def test_the_export_holds_the_handle_its_history_and_each_groups_digest(client, clinician, group):
    handles.handle_change(user=clinician, handle="dana.reyes")
    Membership.objects.filter(user=clinician, group=group).update(digest="weekly")
    client.force_login(clinician)
    data = client.get(reverse("accounts:export")).json()
    assert data["profile"]["handle"] == "dana.reyes"
    assert [(c["from"], c["to"], c["by"]) for c in data["profile"]["handle_changes"]] == [
        ("dana", "dana.reyes", "member")
    ]
    assert data["profile"]["digest"] == "none"
    assert [(m["group"], m["digest"]) for m in data["memberships"]] == [(group.name, "weekly")]


def test_the_handle_history_trigger_for_sqlite_records_changes_as_on_postgresql():
    """`make run` uses SQLite: its trigger (migration 0014), on the two tables it touches."""
    import sqlite3

    migration = importlib.import_module("accounts.migrations.0014_handle_history_on_sqlite")
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE accounts_user (id INTEGER PRIMARY KEY, handle TEXT);"
        "CREATE TABLE accounts_handlechange (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " user_id INTEGER, old_handle TEXT NOT NULL, new_handle TEXT NOT NULL,"
        " changed_at TEXT NOT NULL);"
    )
    db.executescript(migration.CREATE)
    db.execute("INSERT INTO accounts_user VALUES (1, NULL)")
    for handle in ("ana.li", "ana.li", "ana.b", None):
        db.execute("UPDATE accounts_user SET handle = ?", [handle])
    rows = db.execute(
        "SELECT user_id, old_handle, new_handle, changed_at FROM accounts_handlechange"
    ).fetchall()
    assert [row[:3] for row in rows] == [(1, "ana.li", "ana.b"), (1, "ana.b", "")]
    assert all(len(row[3]) == len("2026-12-06 03:42:06.108") for row in rows)


def test_the_sqlite_trigger_records_changes_as_not_known_until_a_path_says_who():
    """Migration 0016's SQLite trigger on the two tables it touches: every change recorded,
    as "unknown" (the column the app's paths then set)."""
    import sqlite3

    migration = importlib.import_module("accounts.migrations.0016_handle_change_made_by")
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE accounts_user (id INTEGER PRIMARY KEY, handle TEXT);"
        "CREATE TABLE accounts_handlechange (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " user_id INTEGER, old_handle TEXT NOT NULL, new_handle TEXT NOT NULL,"
        " changed_at TEXT NOT NULL, changed_by TEXT NOT NULL, actor_id INTEGER NULL);"
    )
    db.executescript(migration.SQLITE)
    db.execute("INSERT INTO accounts_user VALUES (1, 'ana.li')")
    for handle in ("ana.li", "ana.b", None):
        db.execute("UPDATE accounts_user SET handle = ?", [handle])
    rows = db.execute(
        "SELECT user_id, old_handle, new_handle, changed_by, actor_id FROM accounts_handlechange"
    ).fetchall()
    assert rows == [(1, "ana.li", "ana.b", "unknown", None), (1, "ana.b", "", "unknown", None)]
