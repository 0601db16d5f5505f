"""Author nudges: "check yourself before posting".

The draft check runs the screening detectors (tone, patient identifiers,
content warnings) on a draft the author has not posted yet and says what they
found, with the words highlighted. It is pure and fast: no database, no
storage of the draft text. On submit, `gate_submission` decides whether the
draft goes through, needs the author's answer first (the tone interstitial,
the identifier confirmation), or is scheduled ("sleep on it").

What the author was shown and what they did next is a NudgeEvent: finding
codes, identifier kinds and a probability, never the text. One event per
composer session, carried by the hidden `nudge` field of the composer form.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import ClassVar

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from accounts.timezones import format_moment, zone_of
from config import ratelimit
from detectors import content_warnings, identifiers, incivility, policy
from detectors.identifiers import answers as author_answers
from forum.choices import Disclaimer, PostStatus, TopicPurpose, TriggerWarning
from forum.models import NudgeEvent, Post
from forum.rendering import mask_image_urls

logger = logging.getLogger(__name__)

TONE = "tone"
IDENTIFIERS = "identifiers"
PROMOTION = "promotion"
WARNING_PREFIX = "warning:"

TONE_SUGGESTION = (
    "This reads as aimed at a person rather than at the idea. Try describing the "
    "practice or the claim you disagree with, say what you have seen yourself, "
    "and ask a question instead of drawing a conclusion about your colleague."
)
PROMOTION_REMINDER = (
    "This topic promotes a practice or a product: choose the disclaimer "
    "“I have a financial interest in what I describe”."
)
CORRECTION_GUIDE = (
    ("Lead with empathy", "Acknowledge what the person is trying to do and why it matters."),
    ("Own your perspective", "Say “in my experience” or “my reading of the evidence is”."),
    ("State the purpose", "Say what the correction protects: a client, a colleague, the facts."),
)
CORRECTION_TEMPLATE = (
    "I can see you're trying to [what they are working towards], and that matters.\n\n"
    "In my experience, [what you have seen or read, with a source if you have one].\n\n"
    "I'm raising it because [the purpose: client safety, accuracy, the law in our state]. "
    "Happy to talk it through."
)

# "Sleep on it": the delays an author can pick on the tone interstitial.
SLEEP_CHOICES: dict[str, str] = {
    "30m": "In 30 minutes",
    "2h": "In 2 hours",
    "morning": "Tomorrow morning (8:00 in your time zone)",
}
MORNING = time(8, 0)

# A nudge with no decision after this long counts as a draft withdrawn.
ABANDONED_AFTER = timedelta(days=1)
MAX_TONE_PHRASES = 6
MAX_HIGHLIGHTS = 200

PUBLISHED_FIGURES = (
    ("Twitter reply prompts (2021): revised or deleted", 0.34),
    ("OpenWeb and Perspective API test (2020): edited", 0.34),
)


@dataclass(frozen=True)
class IdentifierFinding:
    kind: str
    label: str
    text: str
    hint: str
    in_title: bool = False
    # IdentifierSpan.key: what the author's answer about this span is recorded under.
    key: str = ""

    @property
    def answerable(self) -> bool:
        """Only names can be answered for ("a colleague"); dates, numbers, addresses and
        contact details hold whatever the author says."""
        return self.kind in author_answers.WAIVABLE_KINDS


@dataclass(frozen=True)
class WarningFinding:
    value: str
    label: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class ToneFinding:
    probability: float
    threshold: float
    phrases: tuple[str, ...]

    @property
    def fires(self) -> bool:
        return self.probability >= self.threshold


@dataclass(frozen=True)
class DraftCheck:
    # None when the tone model is not installed: the check says so instead of guessing.
    tone: ToneFinding | None
    identifiers: list[IdentifierFinding] = field(default_factory=list)
    missing_warnings: list[WarningFinding] = field(default_factory=list)
    promotion_reminder: bool = False
    body_html: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308
    # Set instead of findings when the member has used up their draft checks this minute.
    refused: str = ""
    # What screening will read (title, blank line, body) and the spans found in it.
    text: str = field(default="", repr=False)
    spans: list[identifiers.IdentifierSpan] = field(default_factory=list, repr=False)

    tone_suggestion: ClassVar[str] = TONE_SUGGESTION
    promotion_text: ClassVar[str] = PROMOTION_REMINDER

    @property
    def tone_fires(self) -> bool:
        return self.tone is not None and self.tone.fires

    @property
    def codes(self) -> list[str]:
        codes = []
        if self.tone_fires:
            codes.append(TONE)
        if self.identifiers:
            codes.append(IDENTIFIERS)
        codes += [f"{WARNING_PREFIX}{w.value}" for w in self.missing_warnings]
        if self.promotion_reminder:
            codes.append(PROMOTION)
        return codes

    @property
    def has_findings(self) -> bool:
        return bool(self.codes)

    @property
    def identifier_kinds(self) -> list[str]:
        return sorted({finding.kind for finding in self.identifiers})


# -- the check ---------------------------------------------------------------------------


def tone_threshold() -> float:
    """The draft nudge fires where moderators would start reviewing (the queue threshold)."""
    return policy.thresholds()[0]


def score_tone(text: str) -> ToneFinding | None:
    """The incivility model's view of the draft; None while no model is installed."""
    try:
        result = incivility.score(text)
        threshold = tone_threshold()
    except (RuntimeError, LookupError, OSError):  # no trained artifact (ModelNotFoundError)
        logger.warning("draft check: the tone model is unavailable")
        return None
    phrases = [
        str(word) for word, weight in sorted(result.drivers, key=lambda d: -d[1]) if weight > 0
    ]
    return ToneFinding(
        probability=float(result.probability),
        threshold=threshold,
        phrases=tuple(phrases[:MAX_TONE_PHRASES]),
    )


def _declared(warnings: Sequence[str]) -> list[str]:
    return [w for w in warnings if w in TriggerWarning.values]


def check_draft(
    *,
    body: str,
    title: str = "",
    declared_warnings: Sequence[str] = (),
    purpose: str = "",
    disclaimer: str = "",
) -> DraftCheck:
    """What screening would see in this draft, for its author. Stores nothing."""
    # The text screening reads (revision_screening.screened_text): title, blank line, body.
    offset = len(title) + 2 if title else 0
    # Image URLs are blanked (same length): the check reads a picture's description only.
    checked = mask_image_urls(body)
    text = f"{title}\n\n{checked}" if title else checked
    tone = score_tone(text)
    found = []
    highlights: list[tuple[int, int, str, str]] = []
    spans = identifiers.find_identifiers(text)
    for span in spans:
        in_title = span.start < offset
        found.append(
            IdentifierFinding(
                kind=span.kind,
                label=identifiers.KIND_LABELS.get(span.kind, span.kind),
                text=span.text,
                hint=identifiers.GENERALISE_HINTS.get(span.kind, ""),
                in_title=in_title,
                key=span.key,
            )
        )
        if not in_title:
            label = identifiers.KIND_LABELS.get(span.kind, span.kind)
            highlights.append((span.start - offset, span.end - offset, "identifier", label))
    # Whatever the author ticked (nothing, "None", or some warnings), the draft is checked
    # for the warnings it calls for that are not declared (issue 22.1): an empty
    # declaration is not a reason to stay silent.
    declared = _declared(declared_warnings)
    missing_values = content_warnings.missing_warnings(text, declared)
    cues: dict[str, list[str]] = {value: [] for value in missing_values}
    for cue in content_warnings.find_warning_cues(checked):
        if cue.category in cues:
            if cue.text.lower() not in (c.lower() for c in cues[cue.category]):
                cues[cue.category].append(cue.text)
            label = TriggerWarning(cue.category).label
            highlights.append((cue.start, cue.end, "warning", f"Content warning: {label}"))
    missing = [
        WarningFinding(value=value, label=TriggerWarning(value).label, cues=tuple(cues[value]))
        for value in missing_values
        if value in TriggerWarning.values
    ]
    if tone is not None and tone.fires:
        highlights += _phrase_spans(body, tone.phrases)
    return DraftCheck(
        tone=tone,
        identifiers=found,
        missing_warnings=missing,
        promotion_reminder=purpose == TopicPurpose.PROMOTION
        and disclaimer != Disclaimer.FINANCIAL_INTEREST,
        body_html=highlight(body, highlights),
        text=text,
        spans=spans,
    )


def _phrase_spans(body: str, phrases: Sequence[str]) -> list[tuple[int, int, str, str]]:
    spans = []
    for phrase in phrases:
        # Drivers are word n-grams; match them across any run of non-word characters.
        words = r"\W+".join(re.escape(word) for word in phrase.split())
        if not words:
            continue
        pattern = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(body):
            spans.append((match.start(), match.end(), "tone", "Drove the tone check"))
            if len(spans) >= MAX_HIGHLIGHTS:
                return spans
    return spans


_PRIORITY = {"identifier": 0, "tone": 1, "warning": 2}


def highlight(body: str, spans: Sequence[tuple[int, int, str, str]]) -> SafeString:
    """The draft, escaped, with each finding in a <mark>. Overlaps: the stronger finding wins."""
    chosen: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s[2]], s[0], -s[1])):
        start, end = span[0], span[1]
        if start >= end or any(start < c[1] and c[0] < end for c in chosen):
            continue
        chosen.append(span)
        if len(chosen) >= MAX_HIGHLIGHTS:
            break
    parts: list[str] = []
    position = 0
    for start, end, kind, label in sorted(chosen):
        parts.append(html.escape(body[position:start]))
        parts.append(
            f'<mark class="nudge-{kind}" title="{html.escape(label)}">'
            f"{html.escape(body[start:end])}"
            f'<span class="visually-hidden"> ({html.escape(label)})</span></mark>'
        )
        position = end
    parts.append(html.escape(body[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


# -- the author's answers about detected names -------------------------------------------

ANSWER_MISMATCH = (
    "Your answers did not match what the privacy check found in this draft (it may have "
    "changed). Nothing was posted: answer for each name below and post again."
)
ANSWER_UNKNOWN = "Choose one of the answers offered for each name. Nothing was posted."
ANSWER_NOT_WAIVABLE = (
    "Only names can be answered for: dates, numbers, addresses and contact details must be "
    "removed or replaced, or the post waits for a moderator. Nothing was posted."
)
_ANSWER_FIELD = re.compile(r"answer_(\d{1,4})")
_MAX_ANSWER_FIELDS = 500


@dataclass(frozen=True)
class AnswerRow:
    """One finding on the identifier confirmation, with the author's current answer."""

    index: int
    finding: IdentifierFinding
    answer: str
    choices: tuple[tuple[str, str], ...]


def parse_answers(
    data: Mapping[str, object], findings: Sequence[IdentifierFinding]
) -> tuple[dict[str, str], str]:
    """The confirmation's answers as {span key: answer}, or an error message.

    Fields are `answer_<i>` (i indexes `findings`, the check's spans in order) with
    `answer_<i>_key`, the span's key as shown: a draft changed since, or an index or
    answer made up, is refused with a message rather than guessed at. Two answers for the
    same name: "a client" wins."""
    found: dict[str, str] = {}
    names = [str(name) for name in data if str(name).startswith("answer_")]
    if len(names) > _MAX_ANSWER_FIELDS:
        return {}, ANSWER_MISMATCH
    for name in names:
        if name.endswith("_key"):
            continue
        match = _ANSWER_FIELD.fullmatch(name)
        if match is None or int(match.group(1)) >= len(findings):
            return {}, ANSWER_MISMATCH
        index = int(match.group(1))
        finding = findings[index]
        if str(data.get(f"{name}_key") or "") != finding.key:
            return {}, ANSWER_MISMATCH
        answer = str(data.get(name) or "")
        if answer not in author_answers.ANSWER_LABELS:
            return {}, ANSWER_UNKNOWN
        if answer != author_answers.CLIENT and not finding.answerable:
            return {}, ANSWER_NOT_WAIVABLE
        if found.get(finding.key) == author_answers.CLIENT:
            continue
        if answer == author_answers.CLIENT or finding.key not in found:
            found[finding.key] = answer
    return found, ""


def answer_rows(check: DraftCheck, given: Mapping[str, str]) -> list[AnswerRow]:
    """The confirmation's rows: each finding, its answer so far ("a client" by default)
    and the answers it can take (names only: the rest can only be removed or replaced)."""
    rows = []
    for index, finding in enumerate(check.identifiers):
        choices = (
            tuple(author_answers.ANSWER_LABELS.items())
            if finding.answerable
            else ((author_answers.CLIENT, author_answers.ANSWER_LABELS[author_answers.CLIENT]),)
        )
        answer = given.get(finding.key, author_answers.CLIENT)
        rows.append(AnswerRow(index=index, finding=finding, answer=answer, choices=choices))
    return rows


def held_after_answers(check: DraftCheck, given: Mapping[str, str]) -> bool:
    """Whether screening will still hold this draft for what the check found, once the
    author's answers are applied by the same rules screening uses."""
    if not check.spans:
        return False
    review = author_answers.review_answers(check.text, check.spans, given)
    return any(span.key not in review.honoured for span in check.spans)


# -- placeholders -------------------------------------------------------------------------

PLACEHOLDERS: dict[str, str] = {
    "name": "[client]",
    "date": "[date]",
    "age": "[age over 89]",
    "phone": "[phone]",
    "email": "[email]",
    "address": "[address]",
    "zip": "[ZIP code]",
    "record_number": "[record number]",
    "ssn": "[SSN]",
    "url": "[link]",
    "ip": "[IP address]",
    "license_plate": "[licence plate]",
    "device_id": "[device ID]",
}


def _rewrite(part: str, start: int, spans: Sequence[identifiers.IdentifierSpan]) -> tuple[str, int]:
    """`part` (which starts at `start` in the checked text) with each span inside it
    replaced by its kind's placeholder. Overlapping spans become one placeholder (the
    first's kind); adjacent ones stay two."""
    end = start + len(part)
    regions: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        first, last = max(span.start, start), min(span.end, end)
        if first >= last:
            continue
        if regions and first < regions[-1][1]:
            region_start, region_end, kind = regions[-1]
            regions[-1] = (region_start, max(region_end, last), kind)
            continue
        regions.append((first, last, span.kind))
    pieces = []
    position = start
    for first, last, kind in regions:
        pieces.append(part[position - start : first - start])
        pieces.append(PLACEHOLDERS.get(kind, "[removed]"))
        position = last
    pieces.append(part[position - start :])
    return "".join(pieces), len(regions)


def with_placeholders(
    *,
    title: str,
    body: str,
    spans: Sequence[identifiers.IdentifierSpan],
    keep: frozenset[str] = frozenset(),
    title_editable: bool = True,
) -> tuple[str, str, int]:
    """(title, body, how many placeholders) with each span, found in the checked text
    (title, blank line, body), replaced by its kind's placeholder ("[client]",
    "[date]"...), except spans whose key is in `keep`. A title the author cannot edit here
    (an edit of a first post) is left as it is."""
    chosen = [span for span in spans if span.key not in keep]
    count = 0
    offset = len(title) + 2 if title else 0
    if title and title_editable:
        title, count = _rewrite(title, 0, chosen)
    body, replaced = _rewrite(body, offset, chosen)
    return title, body, count + replaced


def placeholder_draft(
    data: Mapping[str, object], *, title: str, body: str, title_editable: bool
) -> tuple[dict[str, str], str]:
    """The composer's fields after "Replace with placeholders": the new title and body,
    and the answers about the names kept (a colleague's name stays, re-numbered for the
    spans of the new draft); or an error message when the answers were malformed."""
    text = f"{title}\n\n{body}" if title else body
    offset = len(title) + 2 if title else 0
    spans = identifiers.find_identifiers(text)
    findings = [
        IdentifierFinding(
            kind=span.kind,
            label="",
            text=span.text,
            hint="",
            in_title=span.start < offset,
            key=span.key,
        )
        for span in spans
    ]
    given, error = parse_answers(data, findings)
    if error:
        return {}, error
    keep = frozenset(key for key, answer in given.items() if answer != author_answers.CLIENT)
    new_title, new_body, count = with_placeholders(
        title=title, body=body, spans=spans, keep=keep, title_editable=title_editable
    )
    fields = {"body": new_body, "placeholders_count": str(count)}
    if title_editable and title:
        fields["title"] = new_title
    new_text = f"{new_title}\n\n{new_body}" if new_title else new_body
    for index, span in enumerate(identifiers.find_identifiers(new_text)):
        if span.key in keep:
            fields[f"answer_{index}"] = given[span.key]
            fields[f"answer_{index}_key"] = span.key
    return fields, ""


# -- rate limit --------------------------------------------------------------------------


def check_refused(user: User) -> str | None:
    """Count one draft check against the member's budget (FORUM_DRAFT_CHECK_RATE_LIMIT,
    shared by the htmx check and the no-JS "Check my post" submit); past it, the message
    that says so (the check does not run), else None."""
    try:
        ratelimit.enforce(
            "draft_check",
            who=user.pk,
            spec=settings.FORUM_DRAFT_CHECK_RATE_LIMIT,
            doing="draft check",
        )
    except ratelimit.RateLimited as refused:
        return " ".join(refused.messages)
    return None


# -- "sleep on it" ----------------------------------------------------------------------


def sleep_until(choice: str, *, user: User, now: datetime | None = None) -> datetime | None:
    """When a post slept on with `choice` publishes; None for an unknown choice."""
    now = now or timezone.now()
    if choice == "30m":
        return now + timedelta(minutes=30)
    if choice == "2h":
        return now + timedelta(hours=2)
    if choice == "morning":
        zone = zone_of(user)
        tomorrow = now.astimezone(zone).date() + timedelta(days=1)
        return datetime.combine(tomorrow, MORNING, tzinfo=zone)
    return None


# -- the submit gate ---------------------------------------------------------------------


@dataclass
class Gate:
    """What to do with a submitted draft."""

    check: DraftCheck
    event: NudgeEvent | None
    proceed: bool = False
    # The tone interstitial (edit, post anyway, sleep on it).
    interstitial: bool = False
    # The identifier confirmation on the form.
    confirm_identifiers: bool = False
    # The content-warning question on the form: add the warnings the draft calls for, or
    # post without them (issue 22.1). Asked once per submit; either answer posts.
    confirm_warnings: bool = False
    # The author already answered one of the two questions above (carried on the form).
    identifiers_confirmed: bool = False
    warnings_answered: bool = False
    schedule_at: datetime | None = None
    posted_anyway: bool = False
    error: str = ""
    # The author's answers about detected names, {span key: answer}: recorded with the
    # revision (PostContent.identifier_answers) and honoured by screening.
    answers: dict[str, str] = field(default_factory=dict)
    # Screening will hold the post for what the check found, the answers applied.
    identifiers_held: bool = False
    # Said on the composer after "Replace with placeholders".
    notice: str = ""

    @property
    def answer_rows(self) -> list[AnswerRow]:
        return answer_rows(self.check, self.answers)

    @property
    def nudge_id(self) -> int | None:
        return self.event.pk if self.event is not None else None


def gate_submission(
    *,
    user: User,
    composer: str,
    data: Mapping[str, object],
    body: str,
    title: str = "",
    declared_warnings: Sequence[str] = (),
    purpose: str = "",
    disclaimer: str = "",
    can_schedule: bool = True,
) -> Gate:
    """Decide a submit: post, show the check, ask about identifiers, or show the interstitial.

    `data` is the submitted form: `check` (the no-JS check button), `nudge_choice`
    (edit, post, sleep), `sleep_for`, `confirm_identifiers`, the answers about detected
    names (`answer_<i>`, `answer_<i>_key`), `placeholders_count` (set by the composer after
    "Replace with placeholders"), `add_warnings` or `post_without_warnings` (the answer to
    the content-warning question) and `nudge`.
    """
    choice = str(data.get("nudge_choice") or "")
    event = event_for(user, data.get("nudge"))
    replaced = str(data.get("placeholders_count") or "")
    checking = (
        bool(data.get("check"))
        or bool(data.get("add_warning"))
        or choice == "edit"
        or bool(replaced)
    )
    # The no-JS "Check my post" submit costs the same check as the htmx one, so it
    # counts against the same per-minute budget (before the check runs).
    refused = check_refused(user) if checking else None
    if refused is not None:
        return Gate(check=DraftCheck(tone=None, refused=refused), event=event)
    check = check_draft(
        body=body,
        title=title,
        declared_warnings=declared_warnings,
        purpose=purpose,
        disclaimer=disclaimer,
    )
    gate = Gate(check=check, event=event)
    if check.identifiers:
        gate.answers, gate.error = parse_answers(data, check.identifiers)
        gate.identifiers_held = held_after_answers(check, gate.answers)
    if replaced:
        count = int(replaced) if replaced.isdigit() else 0
        gate.notice = (
            f"Replaced {count} identifier{'s' if count != 1 else ''} with placeholders. "
            "Read your draft again before posting: nothing is saved until you post."
        )
        # Names kept (the author said they are not clients) are asked about again, with
        # the answers given.
        gate.confirm_identifiers = bool(check.identifiers)
    if checking:
        gate.event = record_check(user=user, composer=composer, check=check, event=event)
        return gate
    # Confirmed with answers that parse (a tampered or stale answer asks again, saying why).
    gate.identifiers_confirmed = bool(
        check.identifiers and data.get("confirm_identifiers") and not gate.error
    )
    # "Add these warnings and post" (the composer adds them to the form's warnings before
    # it is validated) or "Post without them".
    gate.warnings_answered = bool(data.get("add_warnings") or data.get("post_without_warnings"))
    needs_identifiers = bool(check.identifiers) and not gate.identifiers_confirmed
    needs_warnings = bool(check.missing_warnings) and not gate.warnings_answered
    if needs_identifiers or needs_warnings:
        gate.event = record_check(
            user=user, composer=composer, check=check, event=event, at_submit=True
        )
        gate.confirm_identifiers = needs_identifiers
        gate.confirm_warnings = needs_warnings
        return gate
    if check.tone_fires and choice not in ("post", "sleep"):
        gate.event = record_check(
            user=user, composer=composer, check=check, event=event, at_submit=True
        )
        gate.interstitial = True
        return gate
    if check.tone_fires and choice == "sleep":
        when = sleep_until(str(data.get("sleep_for") or ""), user=user) if can_schedule else None
        if when is None:
            gate.interstitial = True
            gate.error = "Choose when to publish: in 30 minutes, in 2 hours or tomorrow morning."
            return gate
        gate.schedule_at = when
    gate.posted_anyway = (
        (check.tone_fires and choice == "post")
        or bool(check.identifiers)
        or bool(check.missing_warnings)
    )
    gate.proceed = True
    return gate


def after_post(*, gate: Gate, post: Post) -> None:
    """Record the author's decision and the identifier confirmation, in the posting transaction.

    Screening runs after commit and must hold a post its author confirmed with identifiers
    their answers do not clear (the field); names the author answered for (a colleague,
    not a client) are recorded on the revision itself (PostContent.identifier_answers).
    """
    confirmed = gate.identifiers_held
    if post.identifiers_confirmed_by_author != confirmed:
        Post.objects.filter(pk=post.pk).update(identifiers_confirmed_by_author=confirmed)
        post.identifiers_confirmed_by_author = confirmed
    if gate.event is None:
        return
    event = gate.event
    resolved = set(event.shown) - set(gate.check.codes)
    if gate.schedule_at is not None:
        outcome = NudgeEvent.Outcome.SCHEDULED
    elif gate.posted_anyway:
        outcome = NudgeEvent.Outcome.POSTED_ANYWAY
    elif resolved:
        outcome = NudgeEvent.Outcome.REVISED
    else:
        outcome = NudgeEvent.Outcome.POSTED_ANYWAY
    NudgeEvent.objects.filter(pk=event.pk, outcome=NudgeEvent.Outcome.SHOWN).update(
        outcome=outcome, post=post, decided_at=timezone.now()
    )


# -- nudge records -----------------------------------------------------------------------


def event_for(user: User, raw_id: object) -> NudgeEvent | None:
    """The author's undecided nudge named by the composer's hidden field, if it is theirs."""
    try:
        event_id = int(str(raw_id))
    except (TypeError, ValueError):
        return None
    if not 0 < event_id < 2**62:
        return None
    return NudgeEvent.objects.filter(
        pk=event_id, user=user, outcome=NudgeEvent.Outcome.SHOWN
    ).first()


def record_check(
    *,
    user: User,
    composer: str,
    check: DraftCheck,
    event: NudgeEvent | None,
    at_submit: bool = False,
) -> NudgeEvent | None:
    """Note what this check showed; the first finding of a session opens its event."""
    if not check.has_findings:
        return event
    if event is None:
        if composer not in NudgeEvent.Composer.values:
            composer = NudgeEvent.Composer.TOPIC
        event = NudgeEvent(user=user, composer=composer)
    event.shown = sorted(set(event.shown) | set(check.codes))
    event.identifier_kinds = sorted(set(event.identifier_kinds) | set(check.identifier_kinds))
    if check.tone_fires and check.tone is not None:
        event.tone_probability = max(event.tone_probability or 0.0, check.tone.probability)
    event.interstitial_shown = event.interstitial_shown or at_submit
    event.check_count += 1
    event.save()
    return event


def record_cancelled(*, post_id: int) -> int:
    return NudgeEvent.objects.filter(post_id=post_id, outcome=NudgeEvent.Outcome.SCHEDULED).update(
        outcome=NudgeEvent.Outcome.CANCELLED, decided_at=timezone.now()
    )


def nudge_outcome_summary(days: int = 30) -> dict[str, object]:
    """Nudged drafts of the last `days` and what their authors did, for the admin overview.

    "Withdrawn" counts scheduled posts cancelled before publishing and nudged drafts
    left without a decision for a day. The share is over decided drafts, to compare
    with the published figures in PUBLISHED_FIGURES.
    """
    now = timezone.now()
    events = NudgeEvent.objects.filter(created_at__gte=now - timedelta(days=days))
    Outcome = NudgeEvent.Outcome
    cancelled = Q(outcome=Outcome.CANCELLED) | Q(
        outcome=Outcome.SCHEDULED, post__status=PostStatus.CANCELLED
    )
    stale = Q(outcome=Outcome.SHOWN, created_at__lt=now - ABANDONED_AFTER)

    def counts(queryset: object) -> dict[str, object]:
        figures = queryset.aggregate(  # type: ignore[attr-defined]
            nudged=Count("pk"),
            revised=Count("pk", filter=Q(outcome=Outcome.REVISED)),
            posted_anyway=Count("pk", filter=Q(outcome=Outcome.POSTED_ANYWAY)),
            scheduled=Count("pk", filter=Q(outcome=Outcome.SCHEDULED) & ~cancelled),
            cancelled=Count("pk", filter=cancelled),
            abandoned=Count("pk", filter=stale),
            pending=Count("pk", filter=Q(outcome=Outcome.SHOWN) & ~stale),
        )
        decided = figures["nudged"] - figures["pending"]
        withdrawn = figures["cancelled"] + figures["abandoned"]
        figures["withdrawn"] = withdrawn
        figures["decided"] = decided
        figures["share_revised_or_withdrawn"] = (
            round((figures["revised"] + withdrawn) / decided, 3) if decided else None
        )
        return figures

    return {
        "days": days,
        **counts(events),
        "tone": counts(events.filter(tone_probability__isnull=False)),
        "published_figures": [
            {"source": source, "share": share} for source, share in PUBLISHED_FIGURES
        ],
    }


def describe_time(when: datetime, *, user: User) -> str:
    """'on 28 Nov 2026, 08:00 CET': a time in the author's own zone, the zone named."""
    return f"on {format_moment(when, zone_of(user))}"


def sleep_choices(*, user: User, now: datetime | None = None) -> list[tuple[str, str]]:
    """SLEEP_CHOICES for this author, "tomorrow morning" with its time in their zone."""
    choices = []
    for choice, label in SLEEP_CHOICES.items():
        if choice == "morning":
            when = sleep_until(choice, user=user, now=now)
            assert when is not None
            label = f"Tomorrow morning: {format_moment(when, zone_of(user))}, your time zone"
        choices.append((choice, label))
    return choices
