"""The moderation overview: last 30 days' queue size, time to first action, outcomes."""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from moderation.models import Case, CaseReason

DAYS = 30
CHART_WIDTH = 600
BAR_HEIGHT = 120


def _day_ends(now: datetime) -> list[datetime]:
    today_end = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=0)
    return [today_end - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]


def last_30_days(cases: QuerySet[Case]) -> dict[str, Any]:
    now = timezone.now()
    since = now - timedelta(days=DAYS)
    ends = _day_ends(now)
    # Queue size at each day's end: cases opened by then and not yet resolved then.
    relevant = list(
        cases.filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=ends[0] - timedelta(days=1)))
        .filter(opened_at__lte=now)
        .values_list("opened_at", "resolved_at")
    )
    queue = []
    for end in ends:
        size = sum(
            1
            for opened, resolved in relevant
            if opened <= end and (resolved is None or resolved > end)
        )
        queue.append({"day": end.date(), "size": size})
    peak = max([d["size"] for d in queue] + [1])
    slot = CHART_WIDTH / DAYS
    for i, day in enumerate(queue):
        height = round(BAR_HEIGHT * day["size"] / peak)
        day.update(
            x=round(i * slot, 1), width=round(slot - 2, 1), height=height, y=BAR_HEIGHT - height
        )

    waits = [
        (first - opened).total_seconds() / 60
        for opened, first in cases.filter(
            first_action_at__isnull=False, first_action_at__gte=since
        ).values_list("opened_at", "first_action_at")
    ]
    median_minutes = statistics.median(waits) if waits else None

    outcome_rows = (
        cases.filter(state="resolved", resolved_at__gte=since)
        .values("reason", "resolution")
        .annotate(n=Count("id"))
        .order_by("reason", "resolution")
    )
    by_reason: dict[str, dict[str, int]] = {}
    for row in outcome_rows:
        by_reason.setdefault(row["reason"], {})[row["resolution"] or "other"] = row["n"]
    widest = max([sum(v.values()) for v in by_reason.values()] + [1])
    outcomes = []
    for reason, counts in sorted(by_reason.items(), key=lambda item: -sum(item[1].values())):
        total = sum(counts.values())
        segments = []
        x = 0.0
        for resolution, n in sorted(counts.items()):
            width = 400 * n / widest
            segments.append(
                {"resolution": resolution, "n": n, "x": round(x, 1), "width": round(width, 1)}
            )
            x += width
        label = CaseReason(reason).label if reason in CaseReason.values else reason
        outcomes.append({"reason": label, "total": total, "segments": segments})
    return {
        "queue": queue,
        "queue_now": cases.filter(state__in=["open", "claimed", "appealed"]).count(),
        "opened": cases.filter(opened_at__gte=since).count(),
        "median_minutes": median_minutes,
        "acted_on": len(waits),
        "outcomes": outcomes,
        "chart_width": CHART_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
