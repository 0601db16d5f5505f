"""The author's answers about detected names, and when screening honours them (issue 20.3,
22.8). Pure: no database, no settings.

On the identifier confirmation an author says, for each detected name, who it is: a
client (the default), or a colleague, an author, a public figure, themselves, or not a
person at all. The answers are recorded with the revision as {span key: answer}
(IdentifierSpan.key: the kind and a digest of the text, never the text itself).

Rules (`review_answers`), applied the same way by the composer and by screening:

1. Only names can be answered for. Structured identifiers (dates, ages, phone numbers,
   emails, addresses, ZIP codes, record numbers, SSNs, links, IP addresses, plates,
   device ids) hold the post whatever the author says.
2. If anything other than a name is detected in the post, no answer is honoured: the post
   goes through normal screening (it holds on the structured identifier anyway, and the
   moderator sees every name listed, with the author's answers beside them).
3. An answer is not honoured when the same name (the same text, any case) also appears
   in the post in a client's context: after a client or patient word ("my client Dana",
   "pt Dana"), after a relative of someone else's ("her daughter Dana"), after a treating
   verb ("I've been seeing Dana"), before a clinical possessive ("Dana's diagnosis",
   "Dana's mother"), or followed by a client tag or an age ("Dana (client)", "Dana, 16,").
   Saying "a colleague" about a name the post itself calls a client does not clear it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from detectors.identifiers import IdentifierSpan, names
from detectors.identifiers.name_cues import _POSSESSIVE_WORDS, _RELATION_SET

CLIENT = "client"
# What an author may say about a detected name; "client" is the default and holds.
ANSWER_LABELS: dict[str, str] = {
    CLIENT: "A client (or someone in a client's life)",
    "colleague": "A colleague",
    "author": "An author",
    "public_figure": "A public figure",
    "self": "Myself",
    "not_a_person": "Not a person (a common word, a place, a thing)",
}
NOT_A_CLIENT = frozenset(ANSWER_LABELS) - {CLIENT}
# The only kinds an answer can clear.
WAIVABLE_KINDS = frozenset({"name"})

# Words that make the name right after them a client ("my client Dana", "pt Dana").
_CLIENT_WORDS = frozenset(
    {
        "client",
        "clients",
        "patient",
        "patients",
        "pt",
        "pt.",
        "clt",
        "consumer",
        "resident",
        "kiddo",
        "youth",
        "teen",
        "teenager",
        "adolescent",
        "veteran",
        "supervisee's",
        "client's",
        "patient's",
    }
)
# "her daughter Dana": a relative of someone other than the author.
_THIRD_PARTY = frozenset({"her", "his", "their", "client's", "patient's", "the"})
_CLIENT_AFTER_RE = re.compile(
    r"\s*[,(\[–—-]\s*(?:(?:my|our|a|the|her|his|their|new)\s+)?(?:client|patient|pt\b)",
    re.IGNORECASE,
)
# "Dana (16F)", "Dana, 16,", "Dana, age 16": an age tag, the shape of a case vignette.
_AGE_TAG_RE = re.compile(
    r"\s*(?:\(\s*(?:\d{1,3}\s*[MFmf]?|[MFmf]\s*,?\s*\d{1,3}|age\s*\d{1,3})\s*\)"
    r"|,\s*(?:age\s*)?\d{1,3}\s*(?:[MFmf]\b|y/?o\b|years?\b|,))"
)


@dataclass(frozen=True)
class AnswerReview:
    """What screening makes of the recorded answers for one text."""

    # Span key -> answer, the ones honoured (detectors.policy.decide's `cleared`).
    honoured: dict[str, str] = field(default_factory=dict)
    # Span key -> why an answer the author gave is not honoured (no text in it).
    refused: dict[str, str] = field(default_factory=dict)


def clean_answers(raw: object) -> dict[str, str]:
    """A stored answers value as {key: answer}, anything malformed dropped."""
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(key): str(answer)
        for key, answer in raw.items()
        if isinstance(key, str) and isinstance(answer, str) and answer in ANSWER_LABELS
    }


def in_client_context(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is written as a client (rule 3)."""
    prev, sentence_ended = names._previous_words(text, start)
    if prev and not sentence_ended:
        last = prev[-1]
        if last in _CLIENT_WORDS:
            return True
        if last in _RELATION_SET and len(prev) >= 2 and prev[-2] in _THIRD_PARTY:
            return True
        if names._treating_cue(prev):
            return True
    if names._possessive_word(text, end) in _POSSESSIVE_WORDS:
        return True
    return bool(_CLIENT_AFTER_RE.match(text, end) or _AGE_TAG_RE.match(text, end))


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    words = r"\s+".join(re.escape(word) for word in name.split())
    if not words:
        return []
    pattern = re.compile(rf"(?<![\w@]){words}(?!\w)", re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


def review_answers(
    text: str, spans: Sequence[IdentifierSpan], answers: Mapping[str, str] | None
) -> AnswerReview:
    """Which of the author's answers about `spans` (IdentifierSpan, found in `text`) stand.

    See the module docstring for the rules."""
    given = {key: answer for key, answer in clean_answers(answers).items() if answer != CLIENT}
    if not given:
        return AnswerReview()
    answered = [span for span in spans if span.key in given]
    if not answered:
        return AnswerReview()
    others = sorted({s.kind for s in spans if s.kind not in WAIVABLE_KINDS})
    if others:
        why = "the post also has " + ", ".join(others) + ", which an answer cannot clear"
        return AnswerReview(refused={span.key: why for span in answered})
    honoured: dict[str, str] = {}
    refused: dict[str, str] = {}
    for span in answered:
        key = span.key
        if key in honoured or key in refused:
            continue
        if span.kind not in WAIVABLE_KINDS:
            refused[key] = "only names can be answered for"
        elif any(
            in_client_context(text, start, end) for start, end in _occurrences(text, span.text)
        ):
            refused[key] = "the same name appears in the post as a client's"
        else:
            honoured[key] = given[key]
    return AnswerReview(honoured=honoured, refused=refused)
