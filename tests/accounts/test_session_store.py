"""accounts.sessions.SessionStore: a dropped database connection while saving a session is
a server error, not Django's 400 "the session was deleted" (found by
tests/reliability/test_faults.py::test_database_connections_dropped_mid_request)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection, connections

from accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate_this_connection() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            (done,) = cursor.fetchone()
        assert done is True
    finally:
        other.close()


def test_a_dropped_connection_while_saving_raises_the_database_error(
    require_postgres: None,
) -> None:
    session = SessionStore()
    session["answer"] = 1
    session.save()
    _terminate_this_connection()
    session["answer"] = 2
    try:
        with pytest.raises(OperationalError):
            session.save()
    finally:
        connection.close()  # the next query opens a fresh connection
    assert SessionStore(session.session_key)["answer"] == 1


def test_a_session_deleted_meanwhile_is_still_an_update_error() -> None:
    session = SessionStore()
    session["answer"] = 1
    session.save()
    Session.objects.filter(session_key=session.session_key).delete()
    session["answer"] = 2
    with pytest.raises(UpdateError):
        session.save()
