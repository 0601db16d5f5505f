"""A member's standing: suspensions and silences imposed by moderators, read wherever a
write happens (accounts.access.posting_block_reason, the one place posting is refused)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Greatest, Now
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.choices import LicenseState
from accounts.models import License, StandingSweep, Suspension, SuspensionKind, User
from accounts.signals import send_standing_changed, standing_changed
from accounts.timezones import format_moment, site_today

# How far back the first sweep looks (no StandingSweep row yet).
FIRST_SWEEP_LOOKBACK = timedelta(days=30)


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
    what lapsed between the marks the last run left and now (indexed ranges), and moves
    the marks only after every member is told, so a run that fails is done again by the
    next; two runs at once tell some members twice, which changes nothing. Returns how many
    members were told."""
    StandingSweep.objects.get_or_create(
        pk=1,
        defaults={
            "restrictions_until": timezone.now() - FIRST_SWEEP_LOOKBACK,
            "licenses_before": site_today() - FIRST_SWEEP_LOOKBACK,
        },
    )
    # The database's clock, which restriction_in_force reads (Now()): a restriction
    # announced as ended is ended for the re-ranking that follows.
    restrictions_since, licenses_since, now = (
        StandingSweep.objects.filter(pk=1)
        .values_list("restrictions_until", "licenses_before", Now())
        .get()
    )
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
    user_ids = sorted(set(ended) | set(lapsed))
    for user_id in user_ids:
        # Sent now, not on commit (send_standing_changed): no transaction of ours changed
        # the standing, the clock did; and the marks must not move before it is delivered.
        standing_changed.send(sender=None, user_id=user_id)
    # Forward only: a slower run that started earlier never moves the marks back.
    StandingSweep.objects.filter(pk=1).update(
        restrictions_until=Greatest("restrictions_until", Value(now)),
        licenses_before=Greatest("licenses_before", Value(today)),
    )
    return len(user_ids)


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
