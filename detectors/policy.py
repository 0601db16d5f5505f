"""The screening policy: detector results in, a decision out.

Rules, in order of strength (every rule that applies adds a reason):

1. Patient identifiers found (any HIPAA Safe Harbor kind)  -> **hold**: the
   post is visible only to its author and moderators until a moderator decides.
   A name the author answered for (``cleared``: "a colleague", "an author", "a
   public figure", "myself", "not a person") does not hold; it queues, so a
   moderator can still look (issue 20.3). Which answers screening passes in
   here is detectors.identifiers.answers.review_answers's call.
2. Incivility probability >= the hold threshold            -> **hold**.
3. A content warning the text calls for that the author did not declare: the
   post is published **collapsed behind the detected warnings**
   (``Decision.collapse_warnings``) and queued, and the author is asked to
   confirm; when the detector is confident (``warning_confidence`` of a missing
   warning at or above MISSING_WARNING_HOLD_CONFIDENCE) it is **held** instead
   (issue 20.2).
4. A picture in the post whose text could not be read automatically
   (``unread_pictures``: Tesseract missing, failing or too slow) -> **hold**: what
   the picture says was never screened, so a moderator looks at it first.
5. The group pre-approves a member's first posts (``first_posts_rule``) -> **hold**
   until a moderator approves it: pre-approval means nobody else reads it first
   (issues 21.6, 22.14).
6. Incivility probability >= the queue threshold, or a member flag -> **queue**:
   the post is published and a case opens for review.
7. Otherwise                                                -> **publish**.

Thresholds come from settings ``MODERATION_QUEUE_THRESHOLD`` and
``MODERATION_HOLD_THRESHOLD`` (environment variables of the same names); when
unset they are the deployed model artifact's own, chosen at training time
(``detectors.incivility.thresholds()``).

When the author declared no warnings at all (``missing_warnings is None``, as
for `score_posts` input without ``trigger_warnings``) the missing-warning rule
does not apply.

Each reason is a ``Reason(code, detail)``; the code is one of REASON_CODES and
names the case reason in the moderation queue. ``str(reason)`` is the
``"<code>: <detail>"`` text shown to people and written by `score_posts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings

from detectors.identifiers.answers import NOT_A_CLIENT, WAIVABLE_KINDS
from detectors.screen import ScreenReport

Action = Literal["publish", "queue", "hold"]

IDENTIFIERS = "identifiers"
IDENTIFIERS_CLEARED = "identifiers_cleared"
INCIVILITY = "incivility"
MISSING_WARNING = "missing_warning"
MEMBER_FLAG = "member_flag"
FIRST_POST = "first_post"
PICTURE_UNREAD = "picture_unread"
REASON_CODES = (
    IDENTIFIERS,
    IDENTIFIERS_CLEARED,
    INCIVILITY,
    MISSING_WARNING,
    MEMBER_FLAG,
    FIRST_POST,
    PICTURE_UNREAD,
)
# What the author and moderators are told when a picture's text could not be read.
PICTURE_UNREAD_TEXT = "the picture could not be read automatically"

# What an author may say about a detected span, and the kinds each answer can clear: only
# names (a colleague, an author, a public figure, the writer themselves, not a person).
# Structured identifiers (dates, numbers, addresses, contact details) are never cleared by
# anyone's word (detectors/identifiers/answers.py has the rules and the labels).
AUTHOR_ANSWERS: dict[str, frozenset[str]] = {answer: WAIVABLE_KINDS for answer in NOT_A_CLIENT}

# A missing warning whose detector confidence reaches this is held, not just collapsed.
MISSING_WARNING_HOLD_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code

    @classmethod
    def from_text(cls, text: str) -> Reason:
        """The reason a stored ``"<code>: <detail>"`` text was written from (rows written
        before reasons were structured, and case rows, keep the text form)."""
        code, _, detail = text.partition(":")
        return cls(code.strip(), detail.strip())


@dataclass(frozen=True)
class Decision:
    action: Action
    reasons: list[Reason] = field(default_factory=list)
    # Detected warnings the author did not declare: readers see the post collapsed
    # behind them until the author confirms or a moderator adds them.
    collapse_warnings: list[str] = field(default_factory=list)
    # Keys (IdentifierSpan.key) of spans the author answered for, honoured here.
    cleared_identifiers: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    @property
    def texts(self) -> list[str]:
        """The reasons as the strings score_posts writes and people read."""
        return [str(reason) for reason in self.reasons]

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
    cleared: Mapping[str, str] | None = None,
    unread_pictures: Sequence[str] = (),
) -> Decision:
    """Apply the rules in the module docstring. `limits` overrides (queue, hold) for batch
    use; `cleared` maps span keys (IdentifierSpan.key) to the author's answer about them
    (one of AUTHOR_ANSWERS); `unread_pictures` are the descriptions of the pictures the
    post shows whose text could not be read."""
    queue_at, hold_at = limits if limits is not None else thresholds()
    hold: list[Reason] = []
    queue: list[Reason] = []
    answers = cleared or {}
    held_spans = []
    cleared_spans = []
    for span in report.identifiers:
        answer = answers.get(span.key)
        if answer is not None and span.kind in AUTHOR_ANSWERS.get(answer, ()):
            cleared_spans.append((span, answer))
        else:
            held_spans.append(span)
    if held_spans:
        hold.append(Reason(IDENTIFIERS, ", ".join(sorted({span.kind for span in held_spans}))))
    if cleared_spans:
        answered = sorted({f"{span.kind} ({answer})" for span, answer in cleared_spans})
        queue.append(Reason(IDENTIFIERS_CLEARED, "the author answered for " + ", ".join(answered)))
    score = report.incivility
    if score >= hold_at:
        hold.append(Reason(INCIVILITY, f"{score:.2f} at or above the hold threshold {hold_at:.2f}"))
    elif score >= queue_at:
        queue.append(
            Reason(INCIVILITY, f"{score:.2f} at or above the review threshold {queue_at:.2f}")
        )
    missing = list(report.missing_warnings or [])
    if missing:
        confident = [
            category
            for category in missing
            if report.warning_confidence.get(category, 0.0) >= MISSING_WARNING_HOLD_CONFIDENCE
        ]
        reason = Reason(MISSING_WARNING, ", ".join(missing))
        (hold if confident else queue).append(reason)
    if member_flagged:
        queue.append(Reason(MEMBER_FLAG, "a member flagged this post"))
    for description in unread_pictures:
        hold.append(Reason(PICTURE_UNREAD, f"{PICTURE_UNREAD_TEXT} (“{description}”)"))
    if first_posts_rule:
        hold.append(Reason(FIRST_POST, "this group's moderators approve a member's first posts"))
    extra = {
        "collapse_warnings": missing,
        "cleared_identifiers": sorted({span.key for span, _ in cleared_spans}),
    }
    if hold:
        return Decision("hold", hold + queue, **extra)
    if queue:
        return Decision("queue", queue, **extra)
    return Decision("publish", [], **extra)
