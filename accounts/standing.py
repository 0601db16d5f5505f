"""A member's standing: suspensions and silences imposed by moderators, read wherever a
write happens (accounts.access.posting_block_reason, the one place posting is refused)."""

from __future__ import annotations

import logging
from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Greatest, Now
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.choices import LicenseState
from accounts.models import (
    License,
    StandingRetry,
    StandingSweep,
    Suspension,
    SuspensionKind,
    User,
)
from accounts.signals import send_standing_changed, standing_changed_failures
from accounts.timezones import format_moment, site_today

logger = logging.getLogger(__name__)

# Where the first sweep (no StandingSweep row: a new deployment, or the row lost) starts:
# the beginning. A restriction that ended at its time, or a license whose date passed,
# before any sweep ran was told to nobody, and the open cases its member flagged still
# count their flags as they did then, however old. Once, over the indexed ranges.
FIRST_SWEEP_FROM = datetime(1970, 1, 1, tzinfo=UTC)


def suspend(
    *,
    user: User,
    ends_at: datetime | None,
    reason: str,
    by: User,
    kind: str = SuspensionKind.SUSPEND,
) -> Suspension:
    """Restrict a member's writing until `ends_at` (None: until lifted); moderation records
    the action that did. The apps above are told once it commits (standing_changed)."""
    suspension = Suspension.objects.create(
        user=user, kind=kind, ends_at=ends_at, reason=reason, created_by=by
    )
    send_standing_changed(user.pk)
    return suspension


def suspension_closes_reading(user_id: OuterRef) -> Exists:
    """A condition on a user id (an OuterRef): a suspension (not a silence) in force now.
    A suspended member reads no topic bodies until it ends or is lifted; a silenced one
    still reads (accounts.access.can_read_topics reads it with the license, no query of
    its own)."""
    return Exists(
        Suspension.objects.in_force().filter(user_id=user_id, kind=SuspensionKind.SUSPEND)
    )


def restriction_in_force(user_id: OuterRef) -> Exists:
    """A condition on a user id (an OuterRef): a suspension or a silence in force now, so
    the member may not write or flag (their earlier flags stop counting, moderation's
    rank_flags)."""
    return Exists(Suspension.objects.in_force().filter(user_id=user_id))


def announce_lapses() -> int:
    """Tell the apps above (standing_changed) of each member whose standing changed by the
    clock alone since the last sweep: a suspension or silence that ended at its time, a
    verified license whose expiry date passed. Nobody acts then, so nothing else sends the
    signal: moderation would go on ranking their flags as before (restriction_in_force,
    current_license_holder_ids) and the forum showing their cached posting notice.

    Beat runs it every minute (accounts.tasks.announce_standing_lapses). Each run reads only
    what lapsed between the marks the last run left and now (indexed ranges), with the
    members a receiver failed for before whose next attempt is due (StandingRetry). Every
    receiver is called for every member even when one raises (send_robust, each failure
    logged); a member any receiver failed for is kept to be told again, after a back-off
    that doubles from RETRY_FIRST_AFTER up to RETRY_AT_MOST_AFTER, at most RETRY_ATTEMPTS
    times: then the sweep gives up, logs an error and staff see the member in the admin
    ("Standing changes not yet announced"), where they tell them again once the receiver
    is mended. So the marks move on and no lapse is lost, and a receiver that always fails
    costs a bounded number of tries. Two runs at once tell some members twice, which
    changes nothing. Returns how many members every receiver was told of."""
    restrictions_since, licenses_since, now = _sweep_marks()
    # The date current_license_holder_ids judges by (site_today, this process's clock).
    today = site_today()
    ended = Suspension.objects.filter(
        lifted_at__isnull=True, ends_at__gt=restrictions_since, ends_at__lte=now
    ).values_list("user_id", flat=True)
    # A license counts through its expiry date: one dated before today that counted on the
    # last run's date has lapsed since. (expire_licenses marks it expired later, and tells.)
    lapsed = License.objects.filter(
        state=LicenseState.VERIFIED, expires_on__gte=licenses_since, expires_on__lt=today
    ).values_list("user_id", flat=True)
    due = StandingRetry.objects.filter(next_attempt_at__lte=now).values_list("user_id", flat=True)
    user_ids = sorted(set(ended) | set(lapsed) | set(due))
    # Sent now, not on commit (send_standing_changed): no transaction of ours changed the
    # standing, the clock did.
    outcomes = {user_id: standing_changed_failures(user_id) for user_id in user_ids}
    failed = sorted(user_id for user_id, failures in outcomes.items() if failures)
    # The failures are kept in the transaction that moves the marks past their lapses.
    with transaction.atomic() if failed else nullcontext():
        # Forward only: a slower run that started earlier never moves the marks back.
        StandingSweep.objects.filter(pk=1).update(
            restrictions_until=Greatest("restrictions_until", Value(now)),
            licenses_before=Greatest("licenses_before", Value(today)),
        )
        if outcomes:
            record_outcomes(outcomes, now=now)
    if failed:
        logger.warning(
            "Standing sweep: %d of %d members to be told again later: %s",
            len(failed),
            len(user_ids),
            failed,
        )
    return len(user_ids) - len(failed)


# A member a receiver failed for is told again after 1, 2, 4, ... minutes (at most 2 hours
# apart), 10 failed attempts in all (about 6 hours), then left to staff.
RETRY_ATTEMPTS = 10
RETRY_FIRST_AFTER = timedelta(minutes=1)
RETRY_AT_MOST_AFTER = timedelta(hours=2)


def retry_delay(attempts: int) -> timedelta:
    """How long after its `attempts`-th failure a member is told again."""
    return min(RETRY_FIRST_AFTER * 2 ** max(attempts - 1, 0), RETRY_AT_MOST_AFTER)


def record_outcomes(outcomes: dict[int, list[str]], *, now: datetime | None = None) -> None:
    """What telling each member (standing_changed) gave: no failures forgets any earlier
    ones (the count starts again), failures count one more attempt and set the next (or
    give up after RETRY_ATTEMPTS, logged as an error for staff). `now`: the database's."""
    told = [user_id for user_id, failures in outcomes.items() if not failures]
    failed = {user_id: failures for user_id, failures in outcomes.items() if failures}
    if told:
        StandingRetry.objects.filter(user_id__in=told).delete()
    if not failed:
        return
    if now is None:
        now = _sweep_marks()[2]
    with transaction.atomic():
        kept = {
            retry.user_id: retry
            for retry in StandingRetry.objects.select_for_update().filter(user_id__in=failed)
        }
        for user_id, failures in sorted(failed.items()):
            retry = kept.get(user_id) or StandingRetry(
                user_id=user_id, first_failed_at=now, last_failed_at=now
            )
            retry.attempts += 1
            retry.last_failed_at = now
            retry.last_error = "\n".join(failures)[:4000]
            if retry.gave_up_at is None and retry.attempts >= RETRY_ATTEMPTS:
                retry.gave_up_at = now
                logger.error(
                    "Standing sweep gave up on user %s after %d failed attempts (staff: admin, "
                    "Standing changes not yet announced): %s",
                    user_id,
                    retry.attempts,
                    retry.last_error,
                )
            retry.next_attempt_at = (
                None if retry.gave_up_at is not None else now + retry_delay(retry.attempts)
            )
            if retry.pk is None:
                # A member another run or on-commit send kept meanwhile: theirs counts too.
                try:
                    with transaction.atomic():
                        retry.save(force_insert=True)
                except IntegrityError:
                    StandingRetry.objects.filter(user_id=user_id).update(
                        attempts=F("attempts") + 1,
                        last_failed_at=now,
                        last_error=retry.last_error,
                    )
            else:
                retry.save()


def tell_again_now(*, user_ids: list[int], by: User) -> tuple[list[int], list[int]]:
    """Staff (a TOTP-passed session, the admin) tell these kept members again at once,
    once the receiver is mended: (told, still failing). A member still failing starts a
    fresh round of RETRY_ATTEMPTS tries."""
    told: list[int] = []
    failing: list[int] = []
    for user_id in user_ids:
        failures = standing_changed_failures(user_id)
        (failing if failures else told).append(user_id)
        if failures:
            StandingRetry.objects.filter(user_id=user_id).update(attempts=0, gave_up_at=None)
        record_outcomes({user_id: failures})
    logger.info(
        "Standing changes told again by staff %s: told %s, still failing %s", by.pk, told, failing
    )
    return told, failing


def _sweep_marks() -> tuple[datetime, date, datetime]:
    """(restrictions_until, licenses_before, the database's now), the row made on the first
    run. The database's clock: restriction_in_force reads it (Now()), so a restriction
    announced as ended is ended for the re-ranking that follows."""
    marks = StandingSweep.objects.filter(pk=1).values_list(
        "restrictions_until", "licenses_before", Now()
    )
    row = marks.first()
    if row is None:
        StandingSweep.objects.get_or_create(
            pk=1,
            defaults={
                "restrictions_until": FIRST_SWEEP_FROM,
                "licenses_before": FIRST_SWEEP_FROM.date(),
            },
        )
        row = marks.get()
    return row


def active_restrictions(user: User | AnonymousUser) -> list[Suspension]:
    """The member's restrictions in force now, the longest-lasting first (indefinite ones
    before any with an end)."""
    if not user.is_authenticated:
        return []
    return list(
        Suspension.objects.in_force()
        .filter(user=user)
        .order_by(F("ends_at").desc(nulls_first=True), "-pk")
    )


def active_suspension(user: User | AnonymousUser) -> Suspension | None:
    """The restriction the member is told of: a suspension (the stronger) before a
    silence, and the longest-lasting of its kind."""
    restrictions = active_restrictions(user)
    suspensions = [r for r in restrictions if not r.is_silence]
    return (suspensions or restrictions or [None])[0]


def restriction_end(suspension: Suspension, zone: object = None) -> str:
    """ "until 4 Dec 2026, 09:12 EST" in `zone` (the reader's when None), or "until a
    moderator lifts it"."""
    if suspension.ends_at is None:
        return "until a moderator lifts it"
    return f"until {format_moment(suspension.ends_at, zone)}"  # type: ignore[arg-type]


def suspension_block_reason(user: User | AnonymousUser) -> SafeString | None:
    """For accounts.access.posting_block_reason: why a suspended or silenced member may not
    write, until when, and that they may still read (if silenced) and appeal."""
    suspension = active_suspension(user)
    if suspension is None:
        return None
    end = restriction_end(suspension)
    if suspension.is_silence:
        return format_html(
            "You are silenced by the moderators {}: you can read and appeal, but not post, "
            "reply, edit or flag. Reason: {}",
            end,
            suspension.reason,
        )
    return format_html(
        "You are suspended by the moderators {}: you cannot read topics, post, reply, edit "
        "or flag; you can still appeal the decision. Reason: {}",
        end,
        suspension.reason,
    )
