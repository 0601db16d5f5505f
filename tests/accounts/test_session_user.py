"""A page reads the session's user in the same round trip as its own first statements
(accounts.backends.together_with_session_user), and Django's checks on that user still hold."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.backends import together_with_session_user
from accounts.models import User
from config.precompiled import Call, Precompiled
from tests import factories

pytestmark = pytest.mark.django_db

HANDLE = Precompiled(
    lambda *, pk: User.objects.filter(pk=pk).values_list("handle"), pk=9_000_000_000_000_000_061
)


def _request(client: Client):
    """A request carrying the client's session, through the middleware that sets request.user."""
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.COOKIES.update({name: morsel.value for name, morsel in client.cookies.items()})
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    return request


def test_the_signed_in_user_and_the_pages_statements_come_in_one_query(
    client, clinician, django_assert_num_queries, require_postgres
):
    client.force_login(clinician)
    request = _request(client)
    assert request.session.get(SESSION_KEY) == str(clinician.pk)  # read (the db engine here)
    asked = []
    with django_assert_num_queries(1):
        read = together_with_session_user(
            request, lambda user_id: asked.append(user_id) or [Call(HANDLE, {"pk": user_id})]
        )
        assert request.user.pk == clinician.pk and request.user.is_authenticated
    assert asked == [clinician.pk]
    assert read == [[(clinician.handle,)]]
    assert request.user.email == clinician.email  # the whole user, as the backend reads it


def test_no_one_signed_in_reads_nothing(client, django_assert_num_queries):
    request = _request(client)  # no session cookie: the session reads nothing either
    with django_assert_num_queries(0):
        assert together_with_session_user(request, lambda user_id: [Call(HANDLE, {})]) is None
    assert not request.user.is_authenticated


@pytest.mark.parametrize("change", ["password", "deactivated", "deleted"])
def test_a_session_that_no_longer_holds_gives_no_results_and_no_user(client, clinician, change):
    if change == "deleted":
        clinician = factories.UserFactory(handle="gone-reader")  # nothing refers to them
    client.force_login(clinician)
    if change == "password":  # the session's auth hash no longer matches: signed out
        clinician.set_password("a-new-and-different-passphrase")
        clinician.save()
    elif change == "deactivated":
        User.objects.filter(pk=clinician.pk).update(is_active=False)
    else:
        User.objects.filter(pk=clinician.pk).delete()
    request = _request(client)
    assert together_with_session_user(request, lambda pk: [Call(HANDLE, {"pk": pk})]) is None
    assert not request.user.is_authenticated


def test_a_user_read_already_keeps_its_checks_and_the_results_are_for_that_user(
    client, clinician, other_clinician
):
    client.force_login(clinician)
    request = _request(client)
    assert request.user.pk == clinician.pk  # read before the page's statements (and session)
    with CaptureQueriesContext(connection) as queries:
        read = together_with_session_user(request, lambda pk: [Call(HANDLE, {"pk": pk})])
    assert read == [[(clinician.handle,)]]
    # One statement on PostgreSQL (the user again with the page's own); one each elsewhere.
    assert len(queries) == (1 if connection.vendor == "postgresql" else 2)


def test_thread_and_group_pages_send_a_stale_session_to_sign_in(client, clinician, topic):
    client.force_login(clinician)
    assert client.get(topic.get_absolute_url()).status_code == 200
    clinician.set_password("a-new-and-different-passphrase")
    clinician.save()
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    page = client.get(topic.group.get_absolute_url()).content.decode()
    assert topic.title not in page and "Sign in to join." in page
