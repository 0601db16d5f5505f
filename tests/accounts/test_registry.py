"""The NPPES client and the registry check, against a local fake registry server."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts import registry, verification
from accounts.choices import LicenseState, LicenseType, RegistryStatus
from accounts.models import License
from accounts.tasks import check_license_registry
from notifications.models import Notification
from tests import factories
from tests.accounts.fake_nppes import FakeRegistry

NPI = "1234567893"


def lookup(fake: FakeRegistry, npi: str = NPI) -> registry.RegistryResult:
    return registry.lookup_npi(npi, base_url=fake.base_url, timeout=0.5)


def judge(result: registry.RegistryResult) -> registry.Evaluation:
    return registry.evaluate(
        result.record, holder_name="Dana M. Reyes", jurisdiction="US-OR", number="C-12345"
    )


def test_a_full_match_verifies(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_record(NPI)
    result = lookup(fake_registry)
    assert result.record is not None and result.record.is_active
    assert judge(result).verified
    assert fake_registry.requests[0]["number"] == [NPI]
    assert fake_registry.requests[0]["version"] == ["2.1"]


def test_a_different_name_does_not_verify(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_record(NPI, first_name="Robin", last_name="Castillo")
    evaluation = judge(lookup(fake_registry))
    assert not evaluation.verified
    assert any("name" in reason for reason in evaluation.reasons)


def test_an_inactive_record_does_not_verify(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_record(NPI, status="D")
    evaluation = judge(lookup(fake_registry))
    assert not evaluation.verified
    assert any("not active" in reason for reason in evaluation.reasons)


def test_a_non_behavioural_taxonomy_does_not_verify(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_record(NPI, taxonomy_code="207Q00000X", taxonomy_desc="Family Medicine")
    evaluation = judge(lookup(fake_registry))
    assert not evaluation.verified
    assert any("behavioural" in reason for reason in evaluation.reasons)


def test_another_state_or_license_number_does_not_verify(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_record(NPI, state="WA", license="C12345")
    assert not judge(lookup(fake_registry)).verified
    fake_registry.answer_record(NPI, state="OR", license="C99999")
    assert not judge(lookup(fake_registry)).verified


def test_no_record_is_a_non_match(fake_registry: FakeRegistry) -> None:
    result = lookup(fake_registry, "1245319599")
    assert result.record is None
    assert not judge(result).verified


def test_a_timeout_is_transient(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_record(NPI)
    fake_registry.answers[NPI].delay = 2.0
    with pytest.raises(registry.RegistryUnavailable):
        lookup(fake_registry)


def test_a_server_error_is_transient(fake_registry: FakeRegistry) -> None:
    fake_registry.answer_raw(NPI, b"<html>busy</html>", status=503)
    with pytest.raises(registry.RegistryUnavailable):
        lookup(fake_registry)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>not json</html>",
        b'{"results": "nope"}',
        b"[1, 2, 3]",
        b'{"Errors": [{"description": "Invalid NPI"}]}',
        b'{"result_count": 1, "results": [{"number": "1234567893", "basic": "x"}]}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_malformed_answers_are_reported_not_crashes(
    fake_registry: FakeRegistry, body: bytes
) -> None:
    fake_registry.answer_raw(NPI, body)
    with pytest.raises(registry.RegistryInvalidAnswer):
        lookup(fake_registry)


def test_a_refused_connection_is_transient() -> None:
    with pytest.raises(registry.RegistryUnavailable):
        registry.lookup_npi(NPI, base_url="http://127.0.0.1:9/api/", timeout=0.5)


# The check end to end: declared with an NPI, the task verifies or hands it to a moderator.


@pytest.fixture
def applicant(db: None):  # type: ignore[no-untyped-def]
    return factories.UserFactory(display_name="Dana Reyes")


def declare_with_npi(user, django_capture_on_commit_callbacks, npi: str = NPI) -> License:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        license = verification.license_submit(
            user=user,
            license_type=LicenseType.LCSW,
            jurisdiction="US-OR",
            number="C-12345",
            holder_name="Dana Reyes",
            npi=npi,
            expires_on=timezone.localdate() + datetime.timedelta(days=300),
        )
    license.refresh_from_db()
    return license


def test_a_registry_match_verifies_the_license_after_commit(
    fake_registry: FakeRegistry, applicant, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fake_registry.answer_record(NPI)
    license = declare_with_npi(applicant, django_capture_on_commit_callbacks)
    assert license.state == LicenseState.VERIFIED
    assert license.verification_method == "registry"
    assert license.registry_status == RegistryStatus.MATCHED
    assert license.registry_response["results"][0]["number"] == NPI
    last = license.history.last()
    assert last.actor is None and last.method == "registry"
    assert Notification.objects.filter(recipient=applicant, kind="license").exists()


def test_a_mismatch_goes_to_manual_review_with_the_answer_stored(
    fake_registry: FakeRegistry, applicant, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fake_registry.answer_record(NPI, last_name="Someone")
    license = declare_with_npi(applicant, django_capture_on_commit_callbacks)
    assert license.state == LicenseState.PENDING
    assert license.registry_status == RegistryStatus.NO_MATCH
    assert license.registry_response["result_count"] == 1
    assert any("name" in note for note in license.registry_notes)


def test_a_registry_that_times_out_leaves_the_license_to_a_moderator(
    fake_registry: FakeRegistry, applicant, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fake_registry.answer_record(NPI)
    fake_registry.answers[NPI].delay = 2.0
    license = declare_with_npi(applicant, django_capture_on_commit_callbacks)
    assert license.state == LicenseState.PENDING
    assert license.registry_status == RegistryStatus.UNAVAILABLE
    assert "timed out" in license.registry_response["error"]


def test_garbage_from_the_registry_leaves_the_license_to_a_moderator(
    fake_registry: FakeRegistry, applicant, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fake_registry.answer_raw(NPI, b"{not json")
    license = declare_with_npi(applicant, django_capture_on_commit_callbacks)
    assert license.state == LicenseState.PENDING
    assert license.registry_status == RegistryStatus.INVALID_ANSWER


def test_a_transient_failure_before_the_last_attempt_is_retried(
    fake_registry: FakeRegistry, applicant
) -> None:  # type: ignore[no-untyped-def]
    license = verification.license_submit(
        user=applicant,
        license_type=LicenseType.LCSW,
        jurisdiction="US-OR",
        number="C-12345",
        holder_name="Dana Reyes",
        npi=NPI,
        expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    fake_registry.answer_raw(NPI, b"busy", status=503)
    with pytest.raises(registry.RegistryUnavailable):
        verification.registry_check(license_id=license.pk, final_attempt=False)
    license.refresh_from_db()
    assert license.registry_status == RegistryStatus.QUEUED  # released for the retry
    fake_registry.answer_record(NPI)
    assert verification.registry_check(license_id=license.pk).verified


def test_the_check_runs_once_even_if_the_task_is_delivered_twice(
    fake_registry: FakeRegistry, applicant, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fake_registry.answer_record(NPI)
    license = declare_with_npi(applicant, django_capture_on_commit_callbacks)
    assert license.state == LicenseState.VERIFIED
    assert check_license_registry.apply(args=[license.pk]).get() == "skipped"
    assert len(fake_registry.requests) == 1
    assert license.history.filter(to_state=LicenseState.VERIFIED).count() == 1
