"""The moderation overview: the last 30 days, from the action log.

Outcomes are counted by the action a moderator took (moderation.models.ModerationAction),
on the day it was taken, never by a case's current reason or state: a case decided,
reopened and decided again counts both decisions. Escalations, appeals and reopenings are
not outcomes and are counted apart. Every figure is computed from the cases the moderator
may see (moderation.access): a scoped moderator sees their groups' figures only, and the
site-wide author-nudge figures are left out for them.

Each figure is one aggregate query (no query per day or per case)."""

from __future__ import annotations

import math
import statistics
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.access import AnyUser
from forum.nudges import nudge_outcome_summary
from moderation.access import cases_for_moderator, in_moderated_groups, sees_site_wide_figures
from moderation.models import (
    ACTIVE_CASE_STATES,
    RESOLVING_ACTIONS,
    ActionKind,
    Case,
    CaseReason,
    ModerationAction,
    ScreeningFailure,
)
from moderation.revision_screening import screening_backlog

DAYS = 30

# Decisions: what became of the post or its author. Escalating hands a case on; it decides
# nothing, so it is not an outcome.
OUTCOME_KINDS = tuple(kind for kind in RESOLVING_ACTIONS if kind != ActionKind.ESCALATE)
# Events that send a case back to the queue or on to someone else: shown apart.
HANDOFF_KINDS = (ActionKind.ESCALATE, ActionKind.APPEAL, ActionKind.REOPEN)
HANDOFF_LABELS = {
    ActionKind.ESCALATE: "Escalated to staff",
    ActionKind.APPEAL: "Appealed by the author",
    ActionKind.REOPEN: "Reopened by staff",
}
REQUEUING_KINDS = (ActionKind.APPEAL, ActionKind.REOPEN)

# Chart geometry (SVG user units; the SVG scales down on narrow screens).
WIDTH = 640
PLOT_LEFT = 48
PLOT_RIGHT = 8
PLOT_TOP = 10
PLOT_HEIGHT = 150
BOTTOM = 44  # x tick labels and the x axis title
X_TICK_EVERY = 7


def for_moderator(user: AnyUser) -> dict[str, Any]:
    """Everything the overview page shows `user`, scoped to the cases they may see."""
    site_wide = sees_site_wide_figures(user)
    return {
        "site_wide": site_wide,
        "stats": last_30_days(cases_for_moderator(user)),
        "backlog": screening_figures(user),
        # Author nudges (forum/nudges.py) carry no group: site-wide, so not for a scoped
        # moderator.
        "nudges": nudge_outcome_summary(days=DAYS) if site_wide else None,
    }


def window() -> tuple[list[date], datetime]:
    """The last DAYS local days, oldest first, and the moment the first of them began."""
    today = timezone.localdate()
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    return days, timezone.make_aware(datetime.combine(days[0], time.min))


def last_30_days(cases: QuerySet[Case]) -> dict[str, Any]:
    days, since = window()
    actions = ModerationAction.objects.filter(case__in=cases, created_at__gte=since)
    per_day = _actions_per_day(actions)
    decisions = sum(day.get(kind, 0) for day in per_day.values() for kind in OUTCOME_KINDS)
    decided_cases = actions.filter(action__in=OUTCOME_KINDS).aggregate(
        n=Count("case_id", distinct=True)
    )["n"]
    queue, opened = _queue_by_day(cases, days, since)
    median_minutes, decided_first = _median_minutes_to_first_decision(cases, since)
    open_by_reason, escalated_open = _open_by_reason(cases)
    return {
        "days": DAYS,
        "queue_now": sum(row["n"] for row in open_by_reason),
        "escalated_open": escalated_open,
        "opened": opened,
        "median_minutes": median_minutes,
        "decided_first": decided_first,
        "decisions": decisions,
        "decided_cases": decided_cases,
        "open_by_reason": open_by_reason,
        "queue_chart": bar_chart(
            ident="queue",
            title="Cases waiting at the end of each day",
            days=days,
            series=[("queue", "Cases waiting")],
            counts={day: {"queue": n} for day, n in queue.items()},
            y_title="Cases (count)",
            summed=False,
        ),
        "outcome_chart": bar_chart(
            ident="outcomes",
            title="Decisions taken each day, by action",
            days=days,
            series=[(kind, ActionKind(kind).label) for kind in OUTCOME_KINDS],
            counts=per_day,
            y_title="Decisions (count)",
        ),
        "handoff_chart": bar_chart(
            ident="handoffs",
            title="Escalations, appeals and reopenings each day",
            days=days,
            series=[(kind, HANDOFF_LABELS[kind]) for kind in HANDOFF_KINDS],
            counts=per_day,
            y_title="Events (count)",
        ),
    }


def _actions_per_day(actions: QuerySet[ModerationAction]) -> dict[date, dict[str, int]]:
    rows = (
        actions.filter(action__in=OUTCOME_KINDS + HANDOFF_KINDS)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "action")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_day: dict[date, dict[str, int]] = {}
    for row in rows:
        per_day.setdefault(row["day"], {})[row["action"]] = row["n"]
    return per_day


def _queue_by_day(
    cases: QuerySet[Case], days: list[date], since: datetime
) -> tuple[dict[date, int], int]:
    """Cases waiting at each day's end, from the action log: a case waits from its opening
    to its first decision, and again from an appeal or a reopening to the next decision.
    Also how many cases opened in the window. Two queries."""
    now = timezone.now()
    # Every case that waited at some point of the window is still active or was last
    # decided within it (a later appeal or reopening would make it one or the other).
    relevant = cases.filter(Q(state__in=ACTIVE_CASE_STATES) | Q(resolved_at__gte=since))
    opened_at = dict(relevant.values_list("pk", "opened_at"))
    events: dict[int, list[tuple[datetime, str]]] = {pk: [] for pk in opened_at}
    for case_id, action, at in (
        ModerationAction.objects.filter(
            case__in=relevant, action__in=OUTCOME_KINDS + REQUEUING_KINDS
        )
        .order_by("created_at", "id")
        .values_list("case_id", "action", "created_at")
    ):
        events.setdefault(case_id, []).append((at, action))
    spans: list[tuple[datetime, datetime | None]] = []
    for pk, start in opened_at.items():
        waiting_since: datetime | None = start
        for at, action in events.get(pk, []):
            if action in OUTCOME_KINDS and waiting_since is not None:
                spans.append((waiting_since, at))
                waiting_since = None
            elif action in REQUEUING_KINDS and waiting_since is None:
                waiting_since = at
        if waiting_since is not None:
            spans.append((waiting_since, None))
    queue = {}
    for day in days:
        end = min(now, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)))
        queue[day] = sum(
            1 for start, stop in spans if start <= end and (stop is None or stop > end)
        )
    opened = sum(1 for start in opened_at.values() if start >= since)
    return queue, opened


def _median_minutes_to_first_decision(
    cases: QuerySet[Case], since: datetime
) -> tuple[float | None, int]:
    """Median minutes from opening to the first decision (not an escalation), over the
    cases first decided in the window; and how many those are."""
    waits = [
        (first - opened).total_seconds() / 60
        for opened, first in cases.annotate(
            first_decision=Min("actions__created_at", filter=Q(actions__action__in=OUTCOME_KINDS))
        )
        .filter(first_decision__gte=since)
        .values_list("opened_at", "first_decision")
    ]
    return (statistics.median(waits) if waits else None), len(waits)


def _open_by_reason(cases: QuerySet[Case]) -> tuple[list[dict[str, Any]], int]:
    rows = (
        cases.filter(state__in=ACTIVE_CASE_STATES)
        .values("reason")
        .annotate(n=Count("id"), escalated=Count("id", filter=Q(escalated_at__isnull=False)))
        .order_by("-n", "reason")
    )
    labels = dict(CaseReason.choices)
    open_by_reason = [
        {"reason": labels.get(row["reason"], row["reason"]), "n": row["n"]} for row in rows
    ]
    return open_by_reason, sum(row["escalated"] for row in rows)


def screening_figures(user: AnyUser) -> dict[str, Any]:
    """Posts waiting for screening and screening failures nobody has resolved, in the
    groups `user` moderates (all groups for staff and global moderators)."""
    backlog = screening_backlog(
        within=lambda posts: in_moderated_groups(user, posts, "topic__group_id")
    )
    failures = in_moderated_groups(
        user,
        ScreeningFailure.objects.filter(resolved_at__isnull=True),
        "revision__post__topic__group_id",
    ).count()
    return {**backlog, "failures": failures}


def _nice_step(peak: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most five ticks up to `peak`."""
    rough = max(1.0, peak / 4)
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover


def bar_chart(
    *,
    ident: str,
    title: str,
    days: list[date],
    series: list[tuple[str, str]],
    counts: dict[date, dict[str, int]],
    y_title: str,
    summed: bool = True,
) -> dict[str, Any]:
    """Geometry for a server-rendered SVG bar chart of one (stacked) bar per day, with its
    legend, axes and a table of the same figures. `summed`: the totals row adds the days
    up (False for a level such as the queue size, whose total is meaningless)."""
    keys = [key for key, _ in series]
    totals_by_day = {day: sum(counts.get(day, {}).get(key, 0) for key in keys) for day in days}
    peak = max(totals_by_day.values(), default=0)
    step = _nice_step(peak)
    top = max(step, step * math.ceil(peak / step))
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    slot = plot_width / len(days)
    bottom = PLOT_TOP + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return round(bottom - PLOT_HEIGHT * value / top, 1)

    bars = []
    for i, day in enumerate(days):
        x = round(PLOT_LEFT + i * slot + 1, 1)
        stacked = 0
        segments = []
        for key, label in series:
            n = counts.get(day, {}).get(key, 0)
            if n:
                segments.append(
                    {
                        "key": key,
                        "label": label,
                        "n": n,
                        "y": y_of(stacked + n),
                        "height": round(PLOT_HEIGHT * n / top, 1),
                    }
                )
            stacked += n
        bars.append(
            {
                "day": day,
                "x": x,
                "width": round(slot - 2, 1),
                "segments": segments,
                "total": stacked,
            }
        )
    x_ticks = [
        {"day": days[i], "x": round(PLOT_LEFT + (i + 0.5) * slot, 1)}
        for i in range(len(days) - 1, -1, -X_TICK_EVERY)
    ][::-1]
    totals = {key: sum(counts.get(day, {}).get(key, 0) for day in days) for key in keys}
    legend = [{"key": key, "label": label, "total": totals[key]} for key, label in series]
    grand_total = sum(totals.values())
    if summed:
        summary = f"{grand_total} in {len(days)} days: " + ", ".join(
            f"{item['label']} {item['total']}" for item in legend
        )
    else:
        summary = f"Highest {peak}, today {totals_by_day[days[-1]]}"
    return {
        "id": ident,
        "title": title,
        "summary": summary,
        "summed": summed,
        "width": WIDTH,
        "height": bottom + BOTTOM,
        "plot_left": PLOT_LEFT,
        "plot_right": WIDTH - PLOT_RIGHT,
        "plot_top": PLOT_TOP,
        "plot_bottom": bottom,
        "plot_middle": PLOT_TOP + PLOT_HEIGHT / 2,
        "x_tick_y": bottom + 14,
        "x_title_x": PLOT_LEFT + plot_width / 2,
        "x_title_y": bottom + 36,
        "y_ticks": [{"value": v, "y": y_of(v)} for v in range(0, top + 1, step)],
        "x_ticks": x_ticks,
        "bars": bars,
        "legend": legend,
        "multi": len(series) > 1,
        "y_title": y_title,
        "columns": len(series) + (2 if len(series) > 1 else 1),
        "row_values": [
            {
                "day": bar["day"],
                "values": [counts.get(bar["day"], {}).get(key, 0) for key in keys],
                "total": bar["total"],
            }
            for bar in bars
            if bar["total"]
        ],
        "grand_total": grand_total,
    }
