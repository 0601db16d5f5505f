"""License verification: declare, check with the registry, review, expire, remind.

Every change of state goes through `_transition`, which claims the row with a
conditional UPDATE (so two moderators, or a moderator and the registry task,
cannot both decide) and writes an append-only LicenseStatusChange in the same
transaction. Notices to the member are rows written in that transaction too.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import registry, tasks
from accounts.access import can_review_licenses
from accounts.choices import (
    ALLOWED_TRANSITIONS,
    JURISDICTION_LABELS,
    LIVE_STATES,
    REMINDER_DAYS,
    US_CODES,
    LicenseState,
    LicenseType,
    RegistryStatus,
    VerificationMethod,
)
from accounts.evidence import validate_evidence
from accounts.models import ExpiryReminder, License, LicenseStatusChange, User
from accounts.npi import normalize_npi, npi_error
from accounts.signals import send_standing_changed
from accounts.timezones import site_today
from notifications.choices import NotificationKind
from notifications.delivery import notify

logger = logging.getLogger(__name__)

MAX_YEARS_AHEAD = 10
# A registry claim older than this is taken to belong to a worker that died.
STALE_REGISTRY_CLAIM = datetime.timedelta(minutes=10)
LICENSE_NUMBER_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -./")


class InvalidTransition(ValidationError):
    pass


@dataclass(frozen=True)
class RegistryOutcome:
    status: str
    verified: bool = False


def licenses_url() -> str:
    return reverse("accounts:profile") + "#licenses"


def normalize_license_number(raw: str) -> str:
    return registry.normalize_license_number(raw)


def license_number_error(raw: str) -> str | None:
    text = raw.strip().upper()
    if not text:
        return "Enter the license number as printed on your license."
    if len(text) > 32:
        return "License numbers are at most 32 characters."
    if not set(text) <= LICENSE_NUMBER_ALLOWED:
        return "A license number has letters, digits, spaces, hyphens, dots or slashes only."
    normalized = normalize_license_number(text)
    if len(normalized) < 3:
        return "This license number is too short: enter it as printed on your license."
    if not any(c.isdigit() for c in normalized):
        return "A license number contains at least one digit."
    return None


def _record(
    *,
    license: License,
    from_state: str,
    to_state: str,
    actor: User | None,
    reason: str,
    method: str = "",
) -> LicenseStatusChange:
    return LicenseStatusChange.objects.create(
        license=license,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        method=method,
        reason=reason[:2000],
    )


def _transition(
    *,
    license: License,
    to_state: str,
    actor: User | None,
    reason: str,
    method: str = "",
    **fields: object,
) -> License:
    """Move a license to `to_state` if the workflow allows it and nobody moved it first."""
    from_state = license.state
    if to_state not in ALLOWED_TRANSITIONS.get(from_state, frozenset()):
        raise InvalidTransition(
            f"A license that is {LicenseState(from_state).label.lower()} cannot become "
            f"{LicenseState(to_state).label.lower()}."
        )
    with transaction.atomic():
        claimed = License.objects.filter(pk=license.pk, state=from_state).update(
            state=to_state, **fields
        )
        if claimed != 1:
            current = License.objects.filter(pk=license.pk).values_list("state", flat=True).first()
            raise InvalidTransition(
                f"This license was already changed (it is now {current or 'gone'}); "
                "reload the page."
            )
        _record(
            license=license,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            reason=reason,
            method=method,
        )
        send_standing_changed(license.user_id)
    license.state = to_state
    for name, value in fields.items():
        setattr(license, name, value)
    return license


def _notify(*, license: License, message: str) -> None:
    notify(
        recipient=license.user,
        kind=NotificationKind.LICENSE,
        message=message,
        url=licenses_url(),
    )


def _enqueue_registry_check(license_id: int) -> None:
    try:
        tasks.check_license_registry.delay(license_id)
    except Exception:  # broker down: sweep_registry_checks enqueues it later
        logger.warning("could not enqueue registry check for license %s", license_id)


def _validate_declaration(
    *,
    user: User,
    license_type: str,
    license_type_other: str,
    jurisdiction: str,
    number: str,
    holder_name: str,
    expires_on: datetime.date | None,
    npi: str,
    today: datetime.date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if license_type not in LicenseType.values:
        add("license_type", "Choose your license type from the list.")
    elif license_type == LicenseType.OTHER and not license_type_other.strip():
        add("license_type_other", "Name your license type (for example, its abbreviation).")
    if len(license_type_other) > 80:
        add("license_type_other", "Keep the license type under 80 characters.")
    if jurisdiction not in JURISDICTION_LABELS:
        add("jurisdiction", "Choose the state, territory or country that issued the license.")
    number_problem = license_number_error(number)
    if number_problem:
        add("number", number_problem)
    if not holder_name.strip():
        add("holder_name", "Enter your name as it appears on the license.")
    elif len(holder_name) > 150:
        add("holder_name", "Keep the name under 150 characters.")
    if expires_on is None:
        add("expires_on", "Enter the expiry date printed on the license.")
    elif expires_on < today:
        add(
            "expires_on",
            "This expiry date is in the past. Declare your current (renewed) license instead.",
        )
    elif expires_on.year > today.year + MAX_YEARS_AHEAD:
        add("expires_on", "This expiry date is too far ahead: check the year.")
    if npi:
        problem = npi_error(npi)
        if problem:
            add("npi", problem)
        elif jurisdiction and jurisdiction not in US_CODES:
            add("npi", "An NPI belongs to US licenses only; leave it empty for this one.")
    if not errors:
        normalized = normalize_license_number(number)
        duplicate = License.objects.filter(
            license_type=license_type,
            jurisdiction=jurisdiction,
            number=normalized,
            state__in=LIVE_STATES,
        ).first()
        if duplicate is not None:
            if duplicate.user_id == user.pk:
                add("number", "You have already declared this license.")
            else:
                add(
                    "number",
                    "This license is already declared by another account. If it is yours, "
                    "write to the moderators.",
                )
    return errors


def license_submit(
    *,
    user: User,
    license_type: str,
    jurisdiction: str,
    number: str,
    holder_name: str,
    expires_on: datetime.date | None,
    npi: str = "",
    license_type_other: str = "",
    evidence: UploadedFile | None = None,
    today: datetime.date | None = None,
) -> License:
    """Declare a license. With an NPI or evidence it goes to verification at once."""
    today = today or site_today()
    npi = normalize_npi(npi)
    errors = _validate_declaration(
        user=user,
        license_type=license_type,
        license_type_other=license_type_other,
        jurisdiction=jurisdiction,
        number=number,
        holder_name=holder_name,
        expires_on=expires_on,
        npi=npi,
        today=today,
    )
    kind = None
    if evidence is not None:
        try:
            kind = validate_evidence(evidence)
        except ValidationError as error:
            errors.setdefault("evidence", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    assert expires_on is not None
    license = License(
        user=user,
        license_type=license_type,
        license_type_other=license_type_other.strip() if license_type == LicenseType.OTHER else "",
        jurisdiction=jurisdiction,
        number=normalize_license_number(number),
        holder_name=holder_name.strip(),
        npi=npi,
        expires_on=expires_on,
        state=LicenseState.UNVERIFIED,
        registry_status=RegistryStatus.QUEUED if npi else RegistryStatus.NOT_APPLICABLE,
    )
    try:
        with transaction.atomic():
            if kind is not None and evidence is not None:
                license.evidence.save(f"evidence.{kind.extension}", evidence, save=False)
                license.evidence_content_type = kind.content_type
            license.save()
            _record(
                license=license,
                from_state="",
                to_state=LicenseState.UNVERIFIED,
                actor=user,
                reason="Declared by the member.",
            )
            if npi or kind is not None:
                _transition(
                    license=license,
                    to_state=LicenseState.PENDING,
                    actor=user,
                    reason=(
                        "Submitted with an NPI for a registry check."
                        if npi
                        else "Submitted with evidence for moderator review."
                    ),
                )
            if npi:
                transaction.on_commit(lambda: _enqueue_registry_check(license.pk))
    except IntegrityError as exc:
        _discard_file(license)
        raise ValidationError({"number": ["You or another account already declared it."]}) from exc
    except BaseException:
        _discard_file(license)
        raise
    return license


def _discard_file(license: License) -> None:
    if license.evidence and license.evidence.name:
        try:
            license.evidence.storage.delete(license.evidence.name)
        except OSError:
            logger.warning("could not delete evidence file %s", license.evidence.name)


def license_add_evidence(*, user: User, license: License, evidence: UploadedFile) -> License:
    """Attach (or replace) evidence; an unverified license then goes to review."""
    if license.user_id != user.pk:
        raise PermissionDenied("Only the license holder can add evidence.")
    if license.state not in (LicenseState.UNVERIFIED, LicenseState.PENDING):
        raise ValidationError(
            {"evidence": ["This license is no longer under review; declare it again instead."]}
        )
    try:
        kind = validate_evidence(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages}) from error
    old_name = license.evidence.name if license.evidence else ""
    locked = license
    try:
        with transaction.atomic():
            locked = License.objects.select_for_update().get(pk=license.pk)
            locked.evidence.save(f"evidence.{kind.extension}", evidence, save=False)
            locked.evidence_content_type = kind.content_type
            locked.save(update_fields=["evidence", "evidence_content_type"])
            if locked.state == LicenseState.UNVERIFIED:
                _transition(
                    license=locked,
                    to_state=LicenseState.PENDING,
                    actor=user,
                    reason="Evidence uploaded for moderator review.",
                )
    except BaseException:
        _discard_file(locked)
        raise
    if old_name:
        locked.evidence.storage.delete(old_name)
    return locked


def _require_reviewer(moderator: User, license: License) -> None:
    if not can_review_licenses(moderator):
        raise PermissionDenied("Only moderators review licenses.")
    if license.user_id == moderator.pk:
        raise PermissionDenied("You cannot review your own license.")


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Give a reason: the member sees it."]})
    if len(reason) > 2000:
        raise ValidationError({"reason": ["Keep the reason under 2,000 characters."]})
    return reason


def license_approve(*, moderator: User, license: License, reason: str) -> License:
    _require_reviewer(moderator, license)
    reason = _require_reason(reason)
    with transaction.atomic():
        _transition(
            license=license,
            to_state=LicenseState.VERIFIED,
            actor=moderator,
            reason=reason,
            method=VerificationMethod.MANUAL,
            verified_at=timezone.now(),
            verification_method=VerificationMethod.MANUAL,
        )
        _notify(
            license=license,
            message=f"Your {license.type_short} license ({license.jurisdiction_label}) is "
            "verified. You can post and join groups.",
        )
    return license


def _manual_decision(
    *, moderator: User, license: License, reason: str, to_state: str, message: str
) -> License:
    """A reviewer's reject or revoke: a reason, a recorded transition, and a notice."""
    _require_reviewer(moderator, license)
    reason = _require_reason(reason)
    with transaction.atomic():
        _transition(
            license=license,
            to_state=to_state,
            actor=moderator,
            reason=reason,
            method=VerificationMethod.MANUAL,
        )
        _notify(
            license=license,
            message=f"Your {license.type_short} license ({license.jurisdiction_label}) "
            f"{message}: {reason}",
        )
    return license


def license_reject(*, moderator: User, license: License, reason: str) -> License:
    return _manual_decision(
        moderator=moderator,
        license=license,
        reason=reason,
        to_state=LicenseState.REJECTED,
        message="could not be verified",
    )


def license_revoke(*, moderator: User, license: License, reason: str) -> License:
    return _manual_decision(
        moderator=moderator,
        license=license,
        reason=reason,
        to_state=LicenseState.REVOKED,
        message="verification was revoked",
    )


def registry_check(
    *,
    license_id: int,
    final_attempt: bool = True,
    base_url: str | None = None,
    timeout: float | None = None,
) -> RegistryOutcome:
    """Look a pending license's NPI up in NPPES; verify it on a full match.

    Safe to run twice: the check is claimed with a conditional UPDATE first.
    A registry that does not answer raises RegistryUnavailable (for the task to
    retry) until the final attempt, which leaves the license to a moderator.
    """
    now = timezone.now()
    claimed = (
        License.objects.filter(pk=license_id, state=LicenseState.PENDING)
        .filter(
            Q(registry_status=RegistryStatus.QUEUED)
            | Q(
                registry_status=RegistryStatus.CHECKING,
                registry_claimed_at__lt=now - STALE_REGISTRY_CLAIM,
            )
        )
        .update(registry_status=RegistryStatus.CHECKING, registry_claimed_at=now)
    )
    if claimed != 1:
        return RegistryOutcome(status="skipped")
    license = License.objects.select_related("user").get(pk=license_id)
    try:
        result = registry.lookup_npi(license.npi, base_url=base_url, timeout=timeout)
    except registry.RegistryUnavailable as exc:
        if not final_attempt:
            License.objects.filter(pk=license_id, registry_status=RegistryStatus.CHECKING).update(
                registry_status=RegistryStatus.QUEUED
            )
            raise
        return _registry_failed(license, RegistryStatus.UNAVAILABLE, str(exc))
    except registry.RegistryInvalidAnswer as exc:
        return _registry_failed(license, RegistryStatus.INVALID_ANSWER, str(exc))
    evaluation = registry.evaluate(
        result.record,
        holder_name=license.holder_name,
        jurisdiction=license.jurisdiction,
        number=license.number,
    )
    checked = timezone.now()
    with transaction.atomic():
        if evaluation.verified:
            try:
                _transition(
                    license=license,
                    to_state=LicenseState.VERIFIED,
                    actor=None,
                    reason=" ".join(evaluation.reasons),
                    method=VerificationMethod.REGISTRY,
                    verified_at=checked,
                    verification_method=VerificationMethod.REGISTRY,
                    registry_status=RegistryStatus.MATCHED,
                    registry_checked_at=checked,
                    registry_response=result.raw,
                    registry_notes=evaluation.reasons,
                )
            except InvalidTransition:
                # A moderator decided while we were asking the registry: theirs stands.
                License.objects.filter(pk=license_id).update(
                    registry_status=RegistryStatus.MATCHED,
                    registry_checked_at=checked,
                    registry_response=result.raw,
                    registry_notes=evaluation.reasons,
                )
                return RegistryOutcome(status=RegistryStatus.MATCHED)
            _notify(
                license=license,
                message=f"Your {license.type_short} license ({license.jurisdiction_label}) "
                "is verified by the NPI registry. You can post and join groups.",
            )
            return RegistryOutcome(status=RegistryStatus.MATCHED, verified=True)
        License.objects.filter(pk=license_id).update(
            registry_status=RegistryStatus.NO_MATCH,
            registry_checked_at=checked,
            registry_response=result.raw,
            registry_notes=evaluation.reasons,
        )
    return RegistryOutcome(status=RegistryStatus.NO_MATCH)


def _registry_failed(license: License, status: str, detail: str) -> RegistryOutcome:
    logger.warning("registry check for license %s: %s (%s)", license.pk, status, detail)
    License.objects.filter(pk=license.pk).update(
        registry_status=status,
        registry_checked_at=timezone.now(),
        registry_response={"error": detail[:500]},
        registry_notes=[f"{RegistryStatus(status).label}: a moderator reviews this license."],
    )
    return RegistryOutcome(status=status)


def requeue_registry_checks() -> int:
    """Enqueue queued checks that no worker has taken (the broker was down at submit)."""
    stale = timezone.now() - STALE_REGISTRY_CLAIM
    ids = list(
        License.objects.filter(state=LicenseState.PENDING, created_at__lt=stale)
        .filter(
            Q(registry_status=RegistryStatus.QUEUED)
            | Q(registry_status=RegistryStatus.CHECKING, registry_claimed_at__lt=stale)
        )
        .values_list("pk", flat=True)[:500]
    )
    for license_id in ids:
        _enqueue_registry_check(license_id)
    return len(ids)


def expire_licenses(*, today: datetime.date | None = None) -> int:
    """Licenses past their expiry date stop counting. Running twice changes nothing twice."""
    today = today or site_today()
    expired = 0
    ids = list(
        License.objects.filter(state__in=LIVE_STATES, expires_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    for license_id in ids:
        with transaction.atomic():
            license = License.objects.select_for_update().select_related("user").get(pk=license_id)
            if license.state not in LIVE_STATES or license.expires_on >= today:
                continue
            _transition(
                license=license,
                to_state=LicenseState.EXPIRED,
                actor=None,
                reason=f"The license expired on {license.expires_on:%B %-d, %Y}.",
            )
            _notify(
                license=license,
                message=f"Your {license.type_short} license ({license.jurisdiction_label}) "
                f"expired on {license.expires_on:%B %-d, %Y}. Declare your renewed license "
                "to keep posting.",
            )
            expired += 1
    return expired


def send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Warn holders 30 and 7 days before expiry. One reminder per window, ever."""
    today = today or site_today()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    sent = 0
    licenses = License.objects.filter(
        state=LicenseState.VERIFIED, expires_on__gte=today, expires_on__lte=horizon
    ).select_related("user")
    for license in licenses:
        days_left = (license.expires_on - today).days
        window = min(d for d in REMINDER_DAYS if days_left <= d)
        with transaction.atomic():
            if ExpiryReminder.objects.filter(
                license=license, expires_on=license.expires_on, days_before__lte=window
            ).exists():
                continue
            try:
                with transaction.atomic():
                    ExpiryReminder.objects.create(
                        license=license, days_before=window, expires_on=license.expires_on
                    )
            except IntegrityError:
                continue  # another run sent it
            when = "today" if days_left == 0 else f"in {days_left} days"
            _notify(
                license=license,
                message=f"Your {license.type_short} license ({license.jurisdiction_label}) "
                f"expires {when}, on {license.expires_on:%B %-d, %Y}. Renew it and declare "
                "the new expiry date to keep posting.",
            )
            sent += 1
    return sent


def user_has_verified_license(user: User, *, today: datetime.date | None = None) -> bool:
    today = today or site_today()
    return License.objects.filter(
        user=user, state=LicenseState.VERIFIED, expires_on__gte=today
    ).exists()
