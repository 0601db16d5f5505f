"""The standing sweep (accounts.standing.announce_lapses) and standing_changed's delivery:
a receiver that raises stops neither the other receivers nor the other members, and the
member it failed for is told again with back-off, a bounded number of times, then shown to
staff, who tell them again in the admin; the first sweep looks back to the beginning; and
whether a restriction is in force is one answer, by the database's clock, everywhere."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import OuterRef
from django.urls import reverse

from accounts import standing, tasks
from accounts.access import posting_block_reason
from accounts.models import StandingRetry, StandingSweep, Suspension, SuspensionKind, User
from accounts.powers import grant_powers_outside_a_session
from accounts.signals import standing_changed
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician

pytestmark = pytest.mark.django_db


@pytest.fixture
def told() -> Iterator[list[int]]:
    """The members standing_changed was sent for, in order, as a receiver connected after
    the one that fails sees them."""
    members: list[int] = []

    def failing(*, user_id: int, **_: object) -> None:
        if user_id in FAILING:
            raise RuntimeError(f"receiver broke on {user_id}")

    def listen(*, user_id: int, **_: object) -> None:
        members.append(user_id)

    standing_changed.connect(failing, dispatch_uid="test-failing-receiver")
    standing_changed.connect(listen, dispatch_uid="test-listening-receiver")
    try:
        yield members
    finally:
        standing_changed.disconnect(dispatch_uid="test-failing-receiver")
        standing_changed.disconnect(dispatch_uid="test-listening-receiver")
        FAILING.clear()


FAILING: set[int] = set()


def _database_now() -> datetime.datetime:
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        return cursor.fetchone()[0]


def _ended(user: User, by: User, *, ago: datetime.timedelta) -> Suspension:
    return Suspension.objects.create(
        user=user, ends_at=_database_now() - ago, reason="Cooling off", created_by=by
    )


def _swept_until_an_hour_ago() -> None:
    from accounts.timezones import site_today

    StandingSweep.objects.create(
        pk=1,
        restrictions_until=_database_now() - datetime.timedelta(hours=1),
        licenses_before=site_today(),
    )


def _due_now() -> None:
    """As if the back-off had passed: every kept member's next attempt is due."""
    StandingRetry.objects.filter(next_attempt_at__isnull=False).update(
        next_attempt_at=_database_now() - datetime.timedelta(seconds=1)
    )


def test_a_receiver_that_raises_stops_neither_the_others_nor_the_members_after_it(
    told, moderator, caplog
):
    _swept_until_an_hour_ago()
    first, second = make_verified_clinician(), make_verified_clinician()
    assert first.pk < second.pk  # told in id order: the failure comes first
    _ended(first, moderator, ago=datetime.timedelta(minutes=5))
    _ended(second, moderator, ago=datetime.timedelta(minutes=5))
    FAILING.add(first.pk)

    with caplog.at_level(logging.ERROR, logger="accounts.signals"):
        assert tasks.announce_standing_lapses() == 1
    # The receiver after the failing one heard of both members.
    assert told == [first.pk, second.pk]
    failure = next(r for r in caplog.records if r.name == "accounts.signals")
    assert str(first.pk) in failure.getMessage() and failure.exc_info is not None
    # Kept to be told again, though the marks moved past its lapse.
    retry = StandingRetry.objects.get()
    assert (retry.user_id, retry.attempts) == (first.pk, 1)
    assert "receiver broke on" in retry.last_error and "failing" in retry.last_error
    sweep = StandingSweep.objects.get()
    assert sweep.restrictions_until > Suspension.objects.get(user=first).ends_at

    # Not before its back-off: the next minute's run leaves it.
    assert tasks.announce_standing_lapses() == 0
    assert told == [first.pk, second.pk]
    # Due and still failing: told again, and kept again, a second attempt.
    _due_now()
    assert tasks.announce_standing_lapses() == 0
    assert told == [first.pk, second.pk, first.pk]
    assert StandingRetry.objects.get().attempts == 2

    # Mended: told once more, then done, the count forgotten.
    FAILING.clear()
    _due_now()
    assert tasks.announce_standing_lapses() == 1
    assert told == [first.pk, second.pk, first.pk, first.pk]
    assert not StandingRetry.objects.exists()
    assert tasks.announce_standing_lapses() == 0
    assert told == [first.pk, second.pk, first.pk, first.pk]


def test_a_receiver_that_always_fails_is_tried_a_bounded_number_of_times_then_left_to_staff(
    told, moderator, caplog
):
    _swept_until_an_hour_ago()
    member = make_verified_clinician()
    _ended(member, moderator, ago=datetime.timedelta(minutes=5))
    FAILING.add(member.pk)
    with caplog.at_level(logging.ERROR, logger="accounts.standing"):
        tasks.announce_standing_lapses()
        for attempt in range(2, standing.RETRY_ATTEMPTS + 1):
            retry = StandingRetry.objects.get()
            # Each wait doubles, up to the bound.
            assert retry.next_attempt_at - retry.last_failed_at == standing.retry_delay(attempt - 1)
            _due_now()
            tasks.announce_standing_lapses()
    assert told == [member.pk] * standing.RETRY_ATTEMPTS
    assert [standing.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 8, 9)] == [
        1,
        2,
        4,
        120,
        120,
    ]
    retry = StandingRetry.objects.get()
    assert retry.attempts == standing.RETRY_ATTEMPTS
    assert retry.gave_up_at is not None and retry.next_attempt_at is None
    gave_up = [r for r in caplog.records if r.name == "accounts.standing"]
    assert len(gave_up) == 1 and gave_up[0].levelno == logging.ERROR
    assert f"gave up on user {member.pk}" in gave_up[0].getMessage()
    # Given up: later runs leave the member alone.
    _due_now()
    for _ in range(3):
        assert tasks.announce_standing_lapses() == 0
    assert len(told) == standing.RETRY_ATTEMPTS


def test_a_later_success_forgets_the_failed_attempts(told, clinician, moderator):
    _swept_until_an_hour_ago()
    FAILING.add(clinician.pk)
    _ended(clinician, moderator, ago=datetime.timedelta(minutes=5))
    tasks.announce_standing_lapses()
    _due_now()
    tasks.announce_standing_lapses()
    assert StandingRetry.objects.get().attempts == 2
    # Told with success by another path (a moderator's suspension, on its commit).
    FAILING.clear()
    from accounts.signals import _tell_or_retry

    _tell_or_retry(clinician.pk)
    assert not StandingRetry.objects.exists()
    # A failure after that starts the count again.
    FAILING.add(clinician.pk)
    _tell_or_retry(clinician.pk)
    assert StandingRetry.objects.get().attempts == 1


def test_a_receiver_that_raises_on_commit_leaves_the_member_to_the_next_sweep(
    told, clinician, moderator, django_capture_on_commit_callbacks, caplog
):
    _swept_until_an_hour_ago()
    FAILING.add(clinician.pk)
    with (
        caplog.at_level(logging.ERROR, logger="accounts.signals"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        standing.suspend(user=clinician, ends_at=None, reason="Cooling off", by=moderator)
    assert told == [clinician.pk]
    assert any(str(clinician.pk) in r.getMessage() for r in caplog.records)
    assert StandingRetry.objects.get().user_id == clinician.pk

    FAILING.clear()
    _due_now()
    assert tasks.announce_standing_lapses() == 1
    assert told == [clinician.pk, clinician.pk]
    assert not StandingRetry.objects.exists()


def test_staff_see_the_members_given_up_and_tell_them_again_in_a_totp_passed_session(
    client, told, clinician, moderator
):
    _swept_until_an_hour_ago()
    FAILING.add(clinician.pk)
    _ended(clinician, moderator, ago=datetime.timedelta(minutes=5))
    tasks.announce_standing_lapses()
    StandingRetry.objects.update(
        attempts=standing.RETRY_ATTEMPTS, gave_up_at=_database_now(), next_attempt_at=None
    )
    changelist = reverse("admin:accounts_standingretry_changelist")
    staff = factories.UserFactory(is_staff=True, is_superuser=True, handle="stella")

    # A password alone, or a moderator who is not staff, sees nothing of it.
    client.force_login(staff)
    assert client.get(changelist).status_code == 302
    sign_in_with_totp(client, moderator)
    assert client.get(changelist).status_code == 403
    assert "standing-given-up" not in client.get(reverse("admin:index")).content.decode()

    sign_in_with_totp(client, staff)
    index = client.get(reverse("admin:index")).content.decode()
    assert "The standing sweep gave up telling 1 member" in index
    page = client.get(changelist + "?state=gave_up").content.decode()
    assert "Dana Reyes" in page and "given up" in page and "receiver broke on" in page

    # Still broken: kept, a fresh round of attempts, and staff are told so.
    retry = StandingRetry.objects.get()
    action = {"action": "tell_again_now", "_selected_action": [str(retry.pk)]}
    response = client.post(changelist, action, follow=True)
    assert "Still failing for users" in response.content.decode()
    retry = StandingRetry.objects.get()
    assert (retry.attempts, retry.gave_up_at) == (1, None) and retry.next_attempt_at
    # Mended: told, and the row is gone.
    FAILING.clear()
    response = client.post(changelist, action, follow=True)
    assert "every receiver succeeded" in response.content.decode()
    assert not StandingRetry.objects.exists()
    assert told[-1] == clinician.pk


def test_the_first_sweep_tells_of_restrictions_that_ended_long_before_it(told, moderator):
    """No StandingSweep row yet: a suspension that ended 90 days ago was told to nobody,
    and the open cases its member flagged still leave their flags out."""
    assert not StandingSweep.objects.exists()
    member = make_verified_clinician()
    _ended(member, moderator, ago=datetime.timedelta(days=90))
    assert tasks.announce_standing_lapses() == 1
    assert told == [member.pk]
    assert tasks.announce_standing_lapses() == 0


def test_a_restriction_is_in_force_by_the_database_clock_wherever_it_is_asked(
    clinician, moderator, monkeypatch
):
    """This server's clock two hours behind the database's: a silence that ended a minute
    ago by the database's clock (whose flags count again, and which the sweep announces)
    has ended for posting and for lifting too."""
    from django.utils import timezone

    from moderation.penalties import lift_suspension

    silence = Suspension.objects.create(
        user=clinician,
        kind=SuspensionKind.SILENCE,
        ends_at=_database_now() - datetime.timedelta(minutes=1),
        reason="Cooling off",
        created_by=moderator,
    )
    in_force = User.objects.filter(standing.restriction_in_force(OuterRef("pk")), pk=clinician.pk)
    assert not in_force.exists()

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() - datetime.timedelta(hours=2))
    assert posting_block_reason(clinician) is None
    assert standing.active_suspension(clinician) is None
    lifter = grant_powers_outside_a_session(
        User.objects.get(pk=moderator.pk), reason="standing sweep test"
    )
    with pytest.raises(ValidationError, match="no longer in force"):
        lift_suspension(suspension_id=silence.pk, moderator=lifter, reason="Apologised")
