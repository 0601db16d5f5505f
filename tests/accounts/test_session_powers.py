"""Moderator and staff powers need a session that passed TOTP in this login (issue 18, 1 and 4).

A password alone gives a member's view everywhere: the admin (and the admin's own login
form), license evidence, held posts and private groups on the forum pages. The powers come
from allauth's authentication records of this session, never from the account merely
having an authenticator, and never to a User object loaded outside a request.
"""

from __future__ import annotations

import copy
import pickle
import time

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from accounts.access import (
    has_session_powers,
    holds_moderator_role,
    is_moderator,
    moderates_group,
    role_moderates_group,
)
from accounts.models import License, User
from forum.choices import PostStatus
from forum.models import Group, Post, Topic
from tests.accounts.helpers import (
    TEST_TOTP_SECRET,
    current_totp_code,
    enroll_totp,
    sign_in_with_totp,
)
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import IDENTIFYING, new_reply

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff(db: None) -> User:
    user = make_verified_clinician(
        is_staff=True, is_superuser=True, email="stella@example.org", display_name="Stella"
    )
    enroll_totp(user)
    return user


@pytest.fixture
def held_reply(topic: Topic, other_clinician: User, django_capture_on_commit_callbacks) -> Post:
    reply = new_reply(
        django_capture_on_commit_callbacks, author=other_clinician, topic=topic, body=IDENTIFYING
    )
    reply.refresh_from_db()
    assert reply.status == PostStatus.HELD
    return reply


def _step_up_location(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.status_code
    return response["Location"]


# -- the admin's own sign-in ------------------------------------------------------------


def test_a_staff_password_posted_to_the_admin_login_signs_nobody_in(
    client: Client, staff: User
) -> None:
    response = client.post(
        reverse("admin:login"), {"username": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_login_sends_visitors_to_allauths_sign_in_with_where_they_were_going(
    client: Client, db: None
) -> None:
    url = reverse("admin:moderation_case_changelist")
    response = client.get(reverse("admin:login"), {"next": url})
    assert response["Location"] == f"{reverse('account_login')}?next={url.replace('/', '%2F')}"
    # An address elsewhere is not followed.
    response = client.get(reverse("admin:login"), {"next": "https://evil.example/"})
    assert "evil" not in response["Location"]


def test_passwords_go_through_allauths_sign_in_and_its_limit_not_the_admins(
    client: Client, staff: User
) -> None:
    """The admin has no password form of its own (15 right passwords there sign nobody in);
    guesses go to allauth's sign-in, whose per-IP limit of failed sign-ins stops them."""
    for _ in range(15):
        response = client.post(
            reverse("admin:login"), {"username": staff.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session
    for n in range(15):  # other accounts' emails: the per-IP limit, not the account's
        client.post(reverse("account_login"), {"login": f"guess{n}@example.org", "password": "x"})
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


# -- the admin with and without a TOTP pass -----------------------------------------------


@pytest.mark.parametrize("role", ["staff", "moderator"])
def test_a_password_only_session_is_sent_to_confirm_with_the_authenticator(
    client: Client, staff: User, moderator: User, role: str
) -> None:
    user = {"staff": staff, "moderator": moderator}[role]
    client.force_login(user)  # what a password sign-in leaves: no TOTP record
    target = reverse("admin:moderation_case_changelist")
    location = _step_up_location(client.get(target))
    assert location.startswith(reverse("mfa_reauthenticate"))
    # The step-up asks for a code; a wrong one changes nothing.
    assert client.post(location, {"code": "000000"}).status_code == 200
    assert client.get(target).status_code == 302
    response = client.post(location, {"code": current_totp_code()})
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_a_recovery_code_gives_a_members_view_not_powers(client: Client, staff: User) -> None:
    from allauth.mfa.models import Authenticator

    codes = Authenticator.objects.get(user=staff, type="recovery_codes").wrap()
    client.force_login(staff)
    client.post(reverse("mfa_reauthenticate"), {"code": codes.get_unused_codes()[0]})
    records = client.session["account_authentication_methods"]
    assert any(record.get("type") == "recovery_codes" for record in records)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_sign_in_with_a_totp_code_gives_powers_and_the_password_step_alone_does_not(
    client: Client, staff: User
) -> None:
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_old_totp_pass_asks_again(client: Client, staff: User, settings: object) -> None:
    sign_in_with_totp(client, staff)
    assert client.get(reverse("admin:index")).status_code == 200
    session = client.session
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] = time.time() - settings.ACCESS_TOTP_MAX_AGE_SECONDS - 1  # type: ignore[attr-defined]
    session["account_authentication_methods"] = records
    session.save()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_members_session_with_someone_elses_totp_record_has_no_powers(
    client: Client, staff: User, moderator: User
) -> None:
    """allauth ties its records to the user they were written for."""
    sign_in_with_totp(client, moderator)
    session = client.session
    records = session["account_authentication_methods"]
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = records
    session.save()
    assert client.get(reverse("admin:index")).status_code == 302


def test_no_admin_page_shows_an_authenticator_secret(client: Client, staff: User) -> None:
    from allauth.mfa.models import Authenticator

    other = make_verified_clinician(is_moderator=True)
    enroll_totp(other)
    secrets = {TEST_TOTP_SECRET}
    for authenticator in Authenticator.objects.all():
        wrapped = authenticator.wrap()
        secrets.update(str(value) for value in authenticator.data.values() if value)
        if authenticator.type == "recovery_codes":
            secrets.update(wrapped.get_unused_codes())
    sign_in_with_totp(client, staff)
    pages = [
        reverse("admin:index"),
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[other.pk]),
    ]
    for authenticator in Authenticator.objects.all():
        pages += [
            reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
            reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]),
            reverse("admin:mfa_authenticator_history", args=[authenticator.pk]),
        ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        leaked = [secret for secret in secrets if secret in html]
        assert leaked == [], f"{url} shows {len(leaked)} secret(s)"
    # The listing is there (the check above is not of an empty page).
    assert str(other) in client.get(reverse("admin:mfa_authenticator_changelist")).content.decode()


def test_staff_cannot_edit_an_authenticator_through_the_admin(client: Client, staff: User) -> None:
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.get(user=staff, type="totp")
    sign_in_with_totp(client, staff)
    client.post(
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
        {"data": '{"secret": "AAAA"}', "type": "totp", "user": staff.pk},
    )
    authenticator.refresh_from_db()
    assert authenticator.data.get("secret") != "AAAA"
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


# -- forum pages ------------------------------------------------------------------------


def test_a_password_only_moderator_reads_a_held_post_as_a_member_until_stepping_up(
    client: Client, moderator: User, held_reply: Post, group: Group
) -> None:
    group.is_private = True
    group.save(update_fields=["is_private"])
    topic_url = reverse("forum:topic", args=[held_reply.topic_id])
    urls = {
        "thread": topic_url,
        "post": reverse("forum:post", args=[held_reply.pk]),
        "history": reverse("forum:post_history", args=[held_reply.pk]),
        "revision": reverse("forum:revision", args=[held_reply.pk, 1]),
        "reply": reverse("forum:reply", args=[held_reply.topic_id]) + f"?to={held_reply.pk}",
    }
    client.force_login(moderator)
    for name, url in urls.items():
        response = client.get(url, follow=True)
        assert response.status_code in (403, 404), name
        assert "Keisha" not in response.content.decode(), name
    home = client.get(reverse("forum:home")).content.decode()
    assert "Confirm with your authenticator" in home
    assert reverse("mfa_reauthenticate") in home
    client.post(f"{reverse('mfa_reauthenticate')}?next={topic_url}", {"code": current_totp_code()})
    for name, url in urls.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, name
    assert "Keisha" in client.get(topic_url).content.decode()
    assert "Confirm with your authenticator" not in client.get(topic_url).content.decode()


def test_a_password_only_staff_member_cannot_organize_a_group_or_open_evidence(
    client: Client, staff: User, group: Group, clinician: User, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    license = License.objects.filter(user=clinician).get()
    license.evidence.save("scan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    license.evidence_content_type = "application/pdf"
    license.save(update_fields=["evidence", "evidence_content_type"])
    urls = [
        reverse("forum:group_members", args=[group.slug]),
        reverse("forum:group_create"),
        reverse("accounts:evidence_file", args=[license.pk]),
    ]
    client.force_login(staff)
    assert [client.get(url).status_code for url in urls] == [403, 403, 404]
    sign_in_with_totp(client, staff)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


# -- users outside a request ------------------------------------------------------------


def test_a_user_loaded_outside_a_request_holds_the_role_but_no_powers(
    moderator: User, group: Group
) -> None:
    fresh = User.objects.get(pk=moderator.pk)
    assert holds_moderator_role(fresh) and role_moderates_group(fresh, group)
    assert not has_session_powers(fresh)
    assert not is_moderator(fresh) and not moderates_group(fresh, group)


def test_a_pickled_or_deep_copied_user_leaves_its_powers_behind(
    moderator: User, group: Group
) -> None:
    from accounts.powers import grant_powers_outside_a_session

    user = grant_powers_outside_a_session(moderator, reason="test")
    assert moderates_group(user, group)
    for copied in (pickle.loads(pickle.dumps(user)), copy.deepcopy(user)):  # noqa: S301
        assert copied.pk == user.pk
        assert not moderates_group(copied, group)


def test_the_request_user_gets_powers_only_from_its_own_session(
    client: Client, moderator: User, held_reply: Post
) -> None:
    """The held reply's page, read by the moderator with TOTP, shows the post; the same
    request does not lend powers to other User objects of the same person."""
    from django.test import RequestFactory

    from accounts.powers import give_session_powers

    signed = sign_in_with_totp(Client(), moderator)
    request = RequestFactory().get("/")
    request.session = signed.session
    user = give_session_powers(request, User.objects.get(pk=moderator.pk))
    assert is_moderator(user)
    assert not is_moderator(User.objects.get(pk=moderator.pk))
    # A session with no TOTP record gives none.
    bare = Client()
    bare.force_login(moderator)
    request.session = bare.session
    assert not is_moderator(give_session_powers(request, User.objects.get(pk=moderator.pk)))


def test_the_admin_refuses_a_member_who_reaches_its_login_page(
    client: Client, clinician: User
) -> None:
    client.force_login(clinician)
    assert client.get(reverse("admin:login")).status_code == 403
