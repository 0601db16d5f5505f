"""The standing sweep (accounts.standing.announce_lapses) and standing_changed's delivery:
a receiver that raises stops neither the other receivers nor the other members, and the
member it failed for is told again; the first sweep looks back to the beginning; and
whether a restriction is in force is one answer, by the database's clock, everywhere."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import OuterRef

from accounts import standing, tasks
from accounts.access import posting_block_reason
from accounts.models import StandingSweep, Suspension, SuspensionKind, User
from accounts.powers import grant_powers_outside_a_session
from accounts.signals import standing_changed
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
    sweep = StandingSweep.objects.get()
    assert sweep.retry_user_ids == [first.pk]
    assert sweep.restrictions_until > Suspension.objects.get(user=first).ends_at

    # Still failing: told again, and kept again.
    assert tasks.announce_standing_lapses() == 0
    assert told == [first.pk, second.pk, first.pk]
    assert StandingSweep.objects.get().retry_user_ids == [first.pk]

    # Mended: told once more, then done.
    FAILING.clear()
    assert tasks.announce_standing_lapses() == 1
    assert told == [first.pk, second.pk, first.pk, first.pk]
    assert StandingSweep.objects.get().retry_user_ids == []
    assert tasks.announce_standing_lapses() == 0
    assert told == [first.pk, second.pk, first.pk, first.pk]


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
    assert StandingSweep.objects.get().retry_user_ids == [clinician.pk]

    FAILING.clear()
    assert tasks.announce_standing_lapses() == 1
    assert told == [clinician.pk, clinician.pk]
    assert StandingSweep.objects.get().retry_user_ids == []


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
