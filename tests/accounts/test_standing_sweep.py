"""Whether a restriction is in force is one answer, by the database's clock, everywhere
it is asked (accounts.models.Suspension.objects.in_force)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import OuterRef

from accounts import standing
from accounts.access import posting_block_reason
from accounts.models import Suspension, SuspensionKind, User
from accounts.powers import grant_powers_outside_a_session

pytestmark = pytest.mark.django_db


def _database_now() -> datetime.datetime:
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        return cursor.fetchone()[0]


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
