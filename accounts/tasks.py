"""Celery tasks for licenses: thin callers of accounts.verification."""

from __future__ import annotations

from celery import shared_task

from accounts import standing, verification
from accounts.registry import RegistryUnavailable

REGISTRY_MAX_RETRIES = 4


@shared_task(
    bind=True,
    autoretry_for=(RegistryUnavailable,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=REGISTRY_MAX_RETRIES,
)
def check_license_registry(self, license_id: int) -> str:  # type: ignore[no-untyped-def]
    """Look one license up in NPPES; the last attempt hands it to a moderator."""
    final = self.request.retries >= REGISTRY_MAX_RETRIES or self.request.is_eager
    return verification.registry_check(license_id=license_id, final_attempt=final).status


@shared_task
def sweep_registry_checks() -> int:
    return verification.requeue_registry_checks()


@shared_task
def expire_licenses() -> dict[str, int]:
    """Daily: expire licenses past their date, then send 30- and 7-day reminders."""
    expired = verification.expire_licenses()
    reminded = verification.send_expiry_reminders()
    return {"expired": expired, "reminded": reminded}


@shared_task
def announce_standing_lapses() -> int:
    """Every minute: members whose suspension or silence ended, or whose license expired,
    by the clock alone are announced (standing_changed), so their flags rank again."""
    return standing.announce_lapses()
