"""The screening policy: detector results in, a decision out.

Rules, in order of strength (every rule that applies adds a reason):

1. Patient identifiers found (any HIPAA Safe Harbor kind)  -> **hold**: the
   post is visible only to its author and moderators until a moderator decides.
2. Incivility probability >= the hold threshold            -> **hold**.
3. Incivility probability >= the queue threshold, or a content warning the
   text calls for but the author did not declare, or a member flag, or the
   group queues a new member's first posts                  -> **queue**: the
   post is published and a case opens for review.
4. Otherwise                                                -> **publish**.

Thresholds come from settings ``MODERATION_QUEUE_THRESHOLD`` and
``MODERATION_HOLD_THRESHOLD`` (environment variables of the same names); when
unset they are the deployed model artifact's own, chosen at training time
(``detectors.incivility.thresholds()``).

When the author declared no warnings at all (``missing_warnings is None``, as
for `score_posts` input without ``trigger_warnings``) the missing-warning rule
does not apply.

Each reason is a string ``"<code>: <detail>"`` (or just ``"<code>"``); the code
is one of REASON_CODES and names the case reason in the moderation queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings

from detectors.screen import ScreenReport

Action = Literal["publish", "queue", "hold"]

IDENTIFIERS = "identifiers"
INCIVILITY = "incivility"
MISSING_WARNING = "missing_warning"
MEMBER_FLAG = "member_flag"
FIRST_POST = "first_post"
REASON_CODES = (IDENTIFIERS, INCIVILITY, MISSING_WARNING, MEMBER_FLAG, FIRST_POST)


@dataclass(frozen=True)
class Decision:
    action: Action
    reasons: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [reason.split(":", 1)[0] for reason in self.reasons]

    @property
    def needs_review(self) -> bool:
        return self.action != "publish"


def thresholds() -> tuple[float, float]:
    """(queue, hold) incivility thresholds in force."""
    queue = settings.MODERATION_QUEUE_THRESHOLD
    hold = settings.MODERATION_HOLD_THRESHOLD
    if queue is None or hold is None:
        from detectors import incivility

        model_queue, model_hold = incivility.thresholds()
        queue = model_queue if queue is None else queue
        hold = model_hold if hold is None else hold
    return float(queue), float(hold)


def decide(
    report: ScreenReport,
    *,
    member_flagged: bool = False,
    first_posts_rule: bool = False,
    limits: tuple[float, float] | None = None,
) -> Decision:
    """Apply the rules in the module docstring. `limits` overrides (queue, hold) for batch use."""
    queue_at, hold_at = limits if limits is not None else thresholds()
    hold: list[str] = []
    queue: list[str] = []
    if report.identifiers:
        hold.append(f"{IDENTIFIERS}: {', '.join(report.identifier_kinds)}")
    score = report.incivility
    if score >= hold_at:
        hold.append(f"{INCIVILITY}: {score:.2f} at or above the hold threshold {hold_at:.2f}")
    elif score >= queue_at:
        queue.append(f"{INCIVILITY}: {score:.2f} at or above the review threshold {queue_at:.2f}")
    if report.missing_warnings:
        queue.append(f"{MISSING_WARNING}: {', '.join(report.missing_warnings)}")
    if member_flagged:
        queue.append(f"{MEMBER_FLAG}: a member flagged this post")
    if first_posts_rule:
        queue.append(f"{FIRST_POST}: this group reviews a new member's first posts")
    if hold:
        return Decision("hold", hold + queue)
    if queue:
        return Decision("queue", queue)
    return Decision("publish", [])
