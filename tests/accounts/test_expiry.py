"""The daily job: expire licenses past their date; remind 30 and 7 days before. Idempotent."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts import tasks, verification
from accounts.access import can_post, posting_block_reason
from accounts.choices import LicenseState
from accounts.models import ExpiryReminder
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import grant_verified_license

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def member(db: None):  # type: ignore[no-untyped-def]
    return factories.UserFactory()


def notices(user) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        Notification.objects.filter(recipient=user, kind="license").values_list(
            "message", flat=True
        )
    )


def test_a_license_past_its_date_expires_once_and_posting_stops(member) -> None:  # type: ignore[no-untyped-def]
    license = grant_verified_license(
        member, expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert verification.expire_licenses() == 1
    assert verification.expire_licenses() == 0
    license.refresh_from_db()
    assert license.state == LicenseState.EXPIRED
    assert license.history.filter(to_state=LicenseState.EXPIRED).count() == 1
    assert len(notices(member)) == 1
    assert not can_post(member)
    assert "expired" in posting_block_reason(member)


def test_a_license_expiring_today_still_counts(member) -> None:  # type: ignore[no-untyped-def]
    grant_verified_license(member, expires_on=timezone.localdate())
    assert verification.expire_licenses() == 0
    assert can_post(member)


def test_even_before_the_job_runs_an_expired_license_does_not_count(member) -> None:  # type: ignore[no-untyped-def]
    grant_verified_license(member, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert not can_post(member)


def test_reminders_go_out_at_30_and_7_days_and_never_twice(
    member, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    license = grant_verified_license(member, expires_on=TODAY + datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert verification.send_expiry_reminders(today=TODAY) == 1
    assert verification.send_expiry_reminders(today=TODAY) == 0
    for day in range(1, 23):  # the days in between send nothing
        assert verification.send_expiry_reminders(today=TODAY + datetime.timedelta(days=day)) == 0
    seven_before = TODAY + datetime.timedelta(days=23)
    with django_capture_on_commit_callbacks(execute=True):
        assert verification.send_expiry_reminders(today=seven_before) == 1
    assert verification.send_expiry_reminders(today=seven_before) == 0
    assert sorted(
        ExpiryReminder.objects.filter(license=license).values_list("days_before", flat=True)
    ) == [7, 30]
    messages = notices(member)
    assert len(messages) == 2
    assert any("in 30 days" in m for m in messages) and any("in 7 days" in m for m in messages)
    assert len(mailoutbox) == 2


def test_a_late_first_run_sends_only_the_nearest_reminder(member) -> None:  # type: ignore[no-untyped-def]
    grant_verified_license(member, expires_on=TODAY + datetime.timedelta(days=5))
    assert verification.send_expiry_reminders(today=TODAY) == 1
    assert ExpiryReminder.objects.get().days_before == 7


def test_a_renewed_license_is_reminded_again_for_its_new_date(member) -> None:  # type: ignore[no-untyped-def]
    license = grant_verified_license(member, expires_on=TODAY + datetime.timedelta(days=7))
    verification.send_expiry_reminders(today=TODAY)
    license.expires_on = TODAY + datetime.timedelta(days=372)
    license.save(update_fields=["expires_on"])
    assert verification.send_expiry_reminders(today=TODAY + datetime.timedelta(days=342)) == 1


def test_the_daily_task_runs_both_and_is_safe_to_run_twice(member) -> None:  # type: ignore[no-untyped-def]
    grant_verified_license(member, expires_on=timezone.localdate() - datetime.timedelta(days=2))
    other = factories.UserFactory()
    grant_verified_license(other, expires_on=timezone.localdate() + datetime.timedelta(days=7))
    assert tasks.expire_licenses.apply().get() == {"expired": 1, "reminded": 1}
    assert tasks.expire_licenses.apply().get() == {"expired": 0, "reminded": 0}
