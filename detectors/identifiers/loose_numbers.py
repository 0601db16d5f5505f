"""The learned half of finding numbers that identify someone (issue 20).

The kind modules find a number by its shape and its cue ("MRN 448210", "plate KGT-5521").
Fresh writers keep naming numbers the cue lists do not know (an immigration file, a booking
sheet, an interlock on a car, a state before a Medicaid ID, a discharge written "12/19"), so
every number-like token the rules leave alone is asked about here: is this a number that
points to a person, or a score, a dose, a year, a code?

Candidates are tokens of letters and digits with at least four digits (``A-212 448 901``,
``MO 10442 8871``, ``IX-552190``) or a month/day (``10/29``), a capitalised prefix and space-
or dash-joined groups included. The model is logistic regression over hashed binary features
of the token (its shape, how many digits and letters, whether it reads as a rating, a
month/day, a decimal) and its surroundings (the words just before and after it, the words
near it, what the rules found elsewhere in the post: a post that names a client and gives a
chart number is a vignette). `moderation/loose_token_training.py` trains it (`make train`)
on the tokens of the development posts, `phi_dev*.jsonl`: a token on a gold span is an
identifier, every other one (in vignettes, de-identified and signed posts) is not. Served with
numpy and the standard library from ``detectors/artifacts/loose-numbers-<version>.npz`` and its
``.json``; ``detectors/artifacts/CURRENT_LOOSE_NUMBERS`` names the deployed version. A token is
held only at or above the artifact's threshold, chosen out of fold by writer so that few
de-identified posts would be flagged.

A token a rule already found (even one the signature rules then set aside as the author's) is
never asked about, nor one in the author's signature block; what the model holds then goes
through the signature rules and the own-details model like any other candidate (an NPI in a
sentence of a signed post is the author's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from detectors.identifiers import signature, token_model
from detectors.identifiers._text import BILLING_CODE, _Candidate
from detectors.identifiers.token_model import TokenModel

STEM = "loose-numbers"
CURRENT = "CURRENT_LOOSE_NUMBERS"
# A token on a gold span of any kind is an identifier (training).
GOLD_KINDS: frozenset[str] | None = None
# Asked in every post.
ONLY_IN_HELD_POSTS = False

# A group of letters and digits holding a digit; a token is an optional capitalised prefix
# ("A", "MO", "IX-", "RING-DB-") and groups joined by one dash, slash or dot, or by a space
# before a group of digits alone ("10442 8871", "C-29 481 776").
_GROUP = r"[A-Za-z0-9]*\d[A-Za-z0-9]*"
_TOKEN = re.compile(
    rf"(?<![\w@/.$-])(?:[A-Z]{{1,6}}(?:-[A-Z]{{1,6}})*[- ]?#?\s?)?{_GROUP}"
    rf"(?:[-/.]{_GROUP}|[ ]\d{{2,6}}(?=[^\w.,:-]|[.,](?!\d)|$)|-[A-Z]{{1,6}}(?=-\d))*"
    r"(?![\w@]|[-/.]\w)"
)
_DIGIT = re.compile(r"\d")
_MONTH_DAY = re.compile(r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])")
_YEARS = re.compile(r"(?:19|20)\d\d(?:[-/](?:19|20)?\d\d)?s?")
_DECIMAL = re.compile(r"\d+\.\d+")
_RATING = re.compile(r"\d{1,3}/\d{1,3}")
# A mental-health billing code, with or without "CPT" before it.
_BILLING_CODE = re.compile(rf"(?:CPT\s?)?{BILLING_CODE}")
# A time on the 24-hour clock ("around 2300", "~1400").
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_RUNS = re.compile(r"(9+|A+|a+)")


# What a token holds before its first digit (its prefix and the letters and digits of its
# first group), read backwards from the post's first digit.
_BEFORE_FIRST_DIGIT = re.compile(r"[A-Za-z0-9\s#-]*")


def _first_token_start(text: str, first_digit: int) -> int:
    """No token begins before this: a token's characters before its first digit are all
    _BEFORE_FIRST_DIGIT's, so one that began earlier would run on to the post's first
    digit through such characters alone. _TOKEN tried at every character of the post."""
    if first_digit == 0:
        return 0
    run = _BEFORE_FIRST_DIGIT.match(text[first_digit - 1 :: -1])
    return first_digit - (run.end() if run else 0)


def tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each number-like token worth asking about."""
    first_digit = _DIGIT.search(text)
    if first_digit is None:
        return
    # (finditer from a position still reads the characters before it for the lookbehind.)
    for m in _TOKEN.finditer(text, _first_token_start(text, first_digit.start())):
        value = m.group()
        digits = len(_DIGIT.findall(value))
        # A year (or a span of years) alone is not a date, by the product's rule, and a
        # billing code is no one's.
        if _YEARS.fullmatch(value) or _BILLING_CODE.fullmatch(value):
            continue
        if digits >= 4 or _MONTH_DAY.fullmatch(value):
            start, end = m.span()
            while end > start and text[end - 1] in " .-/":
                end -= 1
            yield start, end


def _shape(value: str) -> str:
    out = []
    for ch in value:
        if ch.isdigit():
            out.append("9")
        elif ch.isupper():
            out.append("A")
        elif ch.isalpha():
            out.append("a")
        else:
            out.append(ch)
    return "".join(out)


def features(text: str, start: int, end: int, shared: list[str]) -> Iterator[str]:
    """The token's binary features, as strings (hashed into the model's columns)."""
    value = text[start:end]
    shape = _shape(value)
    digits = len(_DIGIT.findall(value))
    letters = sum(ch.isalpha() for ch in value)
    short = _RUNS.sub(lambda m: m.group()[0], shape)
    yield "bias"
    yield from shared
    yield f"shape:{shape[:14]}"
    yield f"short:{short}"
    yield f"nd:{min(digits, 13)}"
    yield f"nl:{min(letters, 6)}"
    if _MONTH_DAY.fullmatch(value):
        yield "month-day"
    elif _RATING.fullmatch(value):
        yield "ratio"
    if _DECIMAL.fullmatch(value):
        yield "decimal"
    if _BILLING_CODE.fullmatch(value):
        yield "billing-code"
    if _CLOCK.fullmatch(value):
        yield "clock"
    parts = value.split("/")
    if len(parts) == 2 and parts[1].isdigit():
        # What a slash divides by: "/10" and "/30" are scales, "/29" a day.
        yield f"den:{parts[1]}"
    if value[:1] == "0":
        yield "leading-zero"
    for sep in " -/.":
        if sep in value:
            yield f"sep:{sep}"
    before = ""
    for feature in token_model.context(text, start, end):
        if feature.startswith("l1:"):
            before = feature[3:]
        yield feature
    yield f"short|l1:{short}|{before or '^'}"


@lru_cache(maxsize=2)
def load_model(version: str | None = None) -> TokenModel:
    return token_model.load_artifact(token_model.ARTIFACT_DIR, STEM, CURRENT, version)


def unasked_tokens(
    text: str, found: list[_Candidate], blocks: signature.Blocks | None = None
) -> list[tuple[int, int]]:
    """The tokens no rule found, outside the author's signature block."""
    spans = list(tokens(text))
    return token_model.unasked(text, spans, found, blocks) if spans else []


def kind_of(value: str) -> str:
    """The label shown to the author: a month/day (any value with a slash) is a date,
    anything else a record, account or ID number."""
    return "date" if "/" in value else "record_number"


def asked(
    text: str, found: list[_Candidate], blocks: signature.Blocks | None = None
) -> token_model.Asked:
    """The tokens the model is asked about in this post, and each one's features."""
    return token_model.asked_with(text, found, blocks, unasked_tokens, features)


def held_candidates(text: str, spans: list[tuple[int, int]]) -> list[_Candidate]:
    """The candidates for the tokens the model holds."""
    return [_Candidate(kind_of(text[s:e]), s, e) for s, e in spans]


def learned_numbers(
    text: str,
    found: list[_Candidate],
    model: TokenModel | None = None,
    blocks: signature.Blocks | None = None,
) -> list[_Candidate]:
    """Candidates for the tokens the rules left alone (`found`: every candidate the kind
    modules found, before any was set aside) that the model takes for identifiers."""
    spans, rows = asked(text, found, blocks)
    if not spans:
        return []
    model = model if model is not None else load_model()
    return held_candidates(text, token_model.held(model, rows, spans))
