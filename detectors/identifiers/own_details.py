"""The learned half of telling a clinician's own details from a client's (issue 20).

`signature.clinician_own` sets aside, by rule, the author's signature block, registration
numbers and practice contact details. Fresh writers lay out their cards in ways no rule
list anticipates (a card first, a card inside a sentence, a card between rule lines, an
announcement's contact line), so what the rules keep goes through a small linear model
that asks of each candidate: is this the author's own name, number or address, or a
client's?

The model is logistic regression over hashed binary features of the candidate's
surroundings: its kind, the words just before and after it, the words of its line, where
its line stands in the post (first, last, how far from the end), the line's length and
shape, and what the signature rules say about the line (a credential, a practice word, a
sign-off above, a line about someone else). `moderation/own_details_training.py` trains it
(`make train`) on the candidates the kind modules find in development posts: every
candidate in a clinician's signed post (which holds no client identifier) is the author's
own, every candidate on a gold client identifier in a vignette is not. Served with numpy
and the standard library from ``detectors/artifacts/own-details-<version>.npz`` and its
``.json``; ``detectors/artifacts/CURRENT_OWN_DETAILS`` names the deployed version. A
candidate is set aside only at or above the artifact's threshold, chosen so the model
drops almost no gold client identifier out of fold.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from detectors.artifact_files import artifact_files
from detectors.hashed_text import abs_hashes
from detectors.identifiers import signature
from detectors.identifiers._text import _Candidate

ARTIFACT_DIR = Path(__file__).resolve().parents[1] / "artifacts"

# What a card can carry. Dates, ages, SSNs, devices, plates and IP addresses are never the
# author's own in a post.
OWN_KINDS = frozenset({"name", "phone", "email", "url", "address", "zip", "record_number"})

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
_WORD = re.compile(r"[^\W\d_]+")
_FIRST_PERSON = re.compile(r"(?i)\b(?:i|i'm|i’m|me|my|we|our|us)\b")
_THIRD_PERSON = re.compile(
    r"(?i)\b(?:client|clients|patient|pt|he|she|his|her|him|they|their|mom|mother|dad|father|"
    r"son|daughter|wife|husband|partner|brother|sister|guardian|family|kid|child)\b"
)
_WINDOW = 120  # characters of context read on each side of a candidate
_MARK_REACH = 200
# A label line naming the person a block of details is about, within `_CARD_REACH`
# characters above the detail (and no blank line between).
_CLIENT_LABEL = re.compile(
    r"(?im)^\W*(?:client|patient|pt|resident|consumer|youth|student|child|minor|member|"
    r"participant|referral|guardian|parent|emergency contact)(?:'s)?(?:\s+name)?\s*[:#-]"
)
_CARD_REACH = 240
_BULLET = re.compile(r"\s*[-•*]\s")
_MARKS = {
    "cred": signature._CREDENTIAL,
    "pron": signature._PRONOUN_SET,
    "first": _FIRST_PERSON,
    "third": _THIRD_PERSON,
}


class OwnDetailsModelNotFoundError(RuntimeError):
    """No own-details artifact for the requested version (or no CURRENT_OWN_DETAILS)."""


def _norm(token: str) -> str:
    """A token as a feature: words lowercased, numbers by their length."""
    if token.isdigit():
        return f"#{min(len(token), 6)}"
    return token.lower()


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    for index, edge in enumerate(edges):
        if value < edge:
            return index
    return len(edges)


@dataclass
class _PostView:
    """What every candidate of one post shares: its lines and the signature rules' view."""

    text: str
    line_starts: list[int]
    signed_from: int | None
    leading_end: int | None
    sign_off_at: int | None
    # Whether a sign-off line that is not a list's bullet ("- Client: ...") stands anywhere.
    signs_off: bool
    # Each line's features, worked out when a candidate on it is first asked about (for
    # this call only: the view is dropped with it).
    line_features: dict[int, tuple[list[str], list[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, blocks: signature.Blocks | None = None) -> _PostView:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        sign_off, signs_off = None, False
        for m in re.finditer(r"(?m)^.*$", text):
            if signature._SIGN_OFF.match(m.group().strip()):
                sign_off = m.start() if sign_off is None else sign_off
                signs_off = not _BULLET.match(m.group())
                if signs_off:
                    break
        blocks = blocks if blocks is not None else signature.Blocks(text)
        return cls(
            text=text,
            line_starts=starts,
            signed_from=blocks.start,
            leading_end=blocks.leading_end,
            sign_off_at=sign_off,
            signs_off=signs_off,
        )

    def nearest(self, mark: str, start: int, end: int) -> str:
        """How far the nearest of a kind of mark (a credential, a pronoun set, a first
        person, someone else spoken of) stands from the span, and on which side, within
        `_MARK_REACH` characters."""
        best, side = None, ""
        low = max(0, start - _MARK_REACH)
        for m in _MARKS[mark].finditer(self.text, low, min(len(self.text), end + _MARK_REACH)):
            position = m.start()
            if start <= position < end:
                return "in"
            distance = start - position if position < start else position - end
            if best is None or distance < best:
                best, side = distance, "b" if position < start else "a"
        if best is None:
            return "none"
        return f"{side}{_bucket(best, (15, 40, 90, 200))}"

    def line_of(self, position: int) -> tuple[int, int, int]:
        """(line index, line start, line end) of the line holding `position`."""
        index = bisect.bisect_right(self.line_starts, position) - 1
        start = self.line_starts[index]
        end = self.text.find("\n", start)
        return index, start, len(self.text) if end < 0 else end


def _line_features(view: _PostView, index: int, line: str) -> tuple[list[str], list[str]]:
    """Features of a candidate's line: (the same for every kind, to be crossed with the
    kind). Worked out once per line of a post."""
    lines = len(view.line_starts)
    from_end = lines - 1 - index
    plain = [f"w:{word}" for word in {w.lower() for w in _WORD.findall(line)}]
    crossed = [f"fe:{min(from_end, 5)}"]
    if _FIRST_PERSON.search(line):
        plain.append("line-first-person")
    plain += [
        f"fe:{min(from_end, 5)}",
        f"fs:{min(index, 3)}",
        f"nl:{_bucket(lines, (2, 3, 5, 9))}",
        f"ll:{_bucket(len(line), (30, 60, 100, 160, 260))}",
    ]
    tokens = line.split()
    if tokens:
        capitals = sum(t[:1].isupper() for t in tokens) / len(tokens)
        plain.append(f"caps:{int(capitals * 4)}")
    if line.rstrip()[-1:] in ".?!":
        plain.append("line-sentence-end")
    if signature._CREDENTIAL.search(line):
        plain.append("line-credential")
        crossed.append("line-credential")
    if signature._PRACTICE.search(line):
        plain.append("line-practice")
    if len(line) <= signature._MAX_LINE and signature._signature_line(line.strip()):
        plain.append("line-signature-rule")
        crossed.append("line-signature-rule")
    if signature._about_someone(line):
        plain.append("line-about-someone")
    return plain, crossed


def features(view: _PostView, kind: str, start: int, end: int) -> Iterator[str]:
    """The candidate's binary features, as strings (hashed into the model's columns)."""
    text = view.text
    index, line_start, line_end = view.line_of(start)
    if index not in view.line_features:
        view.line_features[index] = _line_features(view, index, text[line_start:line_end])
    plain, crossed = view.line_features[index]
    yield f"k:{kind}"
    yield "bias"
    yield from plain
    for feature in crossed:
        yield f"k:{kind}|{feature}"
    before = [_norm(t) for t in _TOKEN.findall(text[max(line_start, start - _WINDOW) : start])]
    after = [_norm(t) for t in _TOKEN.findall(text[end : min(line_end, end + _WINDOW)])]
    for position, token in enumerate(reversed(before[-3:]), start=1):
        yield f"l{position}:{token}"
        yield f"k:{kind}|l{position}:{token}"
    if len(before) >= 2:
        yield f"l12:{before[-2]}_{before[-1]}"
    if not before:
        yield "line-starts"
        yield f"k:{kind}|line-starts"
    for position, token in enumerate(after[:2], start=1):
        yield f"r{position}:{token}"
    if not after:
        yield "line-ends"
    for token in set(before[-12:]):
        yield f"lb:{token}"
    for token in set(after[:8]):
        yield f"rb:{token}"
    wide = text[max(0, start - 2 * _WINDOW) : start]
    for word in {w.lower() for w in _THIRD_PERSON.findall(wide)}:
        yield f"tp:{word}"
    yield f"pos:{int(10 * start / max(len(text), 1))}"
    yield f"de:{_bucket(len(text) - end, (40, 100, 200, 400, 800))}"
    for mark in _MARKS:
        where = view.nearest(mark, start, end)
        yield f"{mark}:{where}"
        yield f"k:{kind}|{mark}:{where}"
    if view.signed_from is not None and start >= view.signed_from:
        yield "after-signature-start"
    if view.leading_end is not None and end <= view.leading_end:
        yield "in-leading-card"
    if view.sign_off_at is not None:
        yield "sign-off-above" if view.sign_off_at <= start else "sign-off-below"


@dataclass(frozen=True)
class OwnDetailsModel:
    version: str
    metadata: dict[str, Any]
    n_features: int
    coef: np.ndarray
    intercept: float
    threshold: float

    def __post_init__(self) -> None:
        if self.n_features & (self.n_features - 1):
            raise ValueError("the own-details model's width must be a power of two")

    def probabilities(self, view: _PostView, candidates: list[_Candidate]) -> np.ndarray:
        """Each candidate's probability of being the author's own, its features' terms
        hashed together (`abs_hashes`; with a power-of-two width the column is the hash's
        absolute value modulo the width, as `hashed_column` gives it)."""
        rows = [set(features(view, c.kind, c.start, c.end)) for c in candidates]
        terms = sorted(set().union(*rows))
        column_of = dict(zip(terms, (abs_hashes(terms) % self.n_features).tolist(), strict=True))
        # Each column once, as training's binary matrix counts it (two terms may share one).
        logits = np.array([self.coef[list({column_of[t] for t in row})].sum() for row in rows])
        return 1.0 / (1.0 + np.exp(-(logits + self.intercept)))


def load_artifact(directory: Path, version: str | None = None) -> OwnDetailsModel:
    version, arrays_path, meta = artifact_files(
        directory, "own-details", "CURRENT_OWN_DETAILS", version, OwnDetailsModelNotFoundError
    )
    with np.load(arrays_path, allow_pickle=False) as arrays:
        coef = arrays["coef"].astype(np.float64)
    return OwnDetailsModel(
        version=version,
        metadata=meta,
        n_features=int(meta["n_features"]),
        coef=coef,
        intercept=float(meta["intercept"]),
        threshold=float(meta["threshold"]),
    )


@lru_cache(maxsize=2)
def load_model(version: str | None = None) -> OwnDetailsModel:
    return load_artifact(ARTIFACT_DIR, version)


def _someone_elses(text: str, start: int, end: int) -> bool:
    """Whether the detail's sentence says whose it is, and not the author's: a client, a
    relative, someone reported ("Call 971-555-0164 (the teen's burner)", "her cell is
    ..."), as the signature rules read it (`signature.spoken_of`). The model is not asked
    about those."""
    clause = text[signature._clause_start(text, start) : start]
    after = signature._sentence_after(text, end)
    if signature.spoken_of(signature._OTHERS, clause) or signature.spoken_of(
        signature._OTHERS_AFTER, after
    ):
        return True
    # A card that opens with whose it is: "Client: J. Whitcombe\n9 Ferris Ln, ...".
    block_start = text.rfind("\n\n", 0, start)
    block = text[max(block_start + 2, start - _CARD_REACH) : start]
    return _CLIENT_LABEL.search(block) is not None


def gated(view: _PostView, candidates: list[_Candidate]) -> bool:
    """Whether the model is not asked about this post at all: it keeps a candidate of a
    kind no card carries (it is held whatever the model says), or nothing in it marks an
    author giving their own details (a credential or a signing role, a pronoun set, a
    practice's name, a sign-off, a signature block the rules found). A bare block of a name
    and an address is nobody's card."""
    if any(c.kind not in OWN_KINDS for c in candidates):
        return True
    return not _signed(view)


# State abbreviations that are also degrees ("Salem MA 01970"): no mark of an author alone.
_AMBIGUOUS_CREDENTIALS = frozenset({"MA", "MS", "MD", "DO", "NP", "RN", "PA"})


# ... but after a name and a comma, and not before a ZIP, they are: "Vikram Patel, MD".
_AMBIGUOUS_AFTER_NAME = re.compile(
    r"\b[A-Z][\w'’.-]+,\s*(?:MD|DO|NP|RN|PA|MA|MS)\b(?![\s,]*\d{5})(?!\s+[A-Z][a-z])"
)


# A clinical practice's name ("Esperanza Behavioral Health", "Chesapeake Family Therapy"),
# not any firm's ("Johnson Inc.", "Asc Partners").
_CLINICAL_PRACTICE = re.compile(
    r"\b[A-Z][\w'’&.-]*\s+(?:[A-Z][\w'’&.-]*\s+){0,3}(?:Counseling|Counselling|Therapy|"
    r"Therapies|Psychotherapy|Psychology|Psychiatry|Psychological|Behavioral Health|"
    r"Behavioural Health|Mental Health|Neuropsychology|Psychiatric|Recovery|Wellness)\b"
)


def _signed(view: _PostView) -> bool:
    text = view.text
    if any(m.group() not in _AMBIGUOUS_CREDENTIALS for m in signature._CREDENTIAL.finditer(text)):
        return True
    if signature._PRONOUN_SET.search(text) or _AMBIGUOUS_AFTER_NAME.search(text):
        return True
    if _CLINICAL_PRACTICE.search(text):
        return True
    return view.signs_off or view.signed_from is not None or view.leading_end is not None


def not_own(
    text: str,
    candidates: list[_Candidate],
    model: OwnDetailsModel | None = None,
    blocks: signature.Blocks | None = None,
) -> list[_Candidate]:
    """The candidates less those the model takes for the author's own details. A post
    that keeps an identifier no card carries (a date of birth, an SSN, a device) is held
    whatever the model says, so there it sets nothing aside: the reader of the hold sees
    every span, and a client's contact card is never half-cleared. `blocks`: the post's
    signature blocks, when its caller has them."""
    if not candidates or any(c.kind not in OWN_KINDS for c in candidates):
        return candidates
    view = _PostView.of(text, blocks)
    if not _signed(view):
        return candidates
    asked = [c for c in candidates if not _someone_elses(text, c.start, c.end)]
    if not asked:
        return candidates
    model = model if model is not None else load_model()
    own = model.probabilities(view, asked) >= model.threshold
    set_aside = {id(c) for c, is_own in zip(asked, own, strict=True) if is_own}
    return [c for c in candidates if id(c) not in set_aside]
