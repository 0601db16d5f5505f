"""The learned second look at full names no rule found (issue 20).

The name rules find a person by a cue ("my client", "her mother", "Mr.", a name's own
detail after it) and leave a bare full name alone, because most bare full names in a
clinicians' forum are authors, presenters and colleagues ("read Kathy Baldock", "Laurel
Parnell's resource tapping"). Fresh writers name clients bare too, after a setting or a role
("OTP: Shelby Crouch is pregnant", "Marine vet Luis Carrasco, VA claim number ..."), so in a
post where the rules already found an identifier of someone (the post is held whatever this
model says), every run of two or three capitalised words that opens with a first name of the
gazetteer and that no rule found is asked here: is this the client or a relative, or someone
the post cites? It never flags a post the rules leave clean.

A logistic regression over hashed binary features (`token_model`) of the name (its words,
whether the first is an ambiguous first name and the last a known surname or an everyday
word, whether it is a public figure), where it stands (a line's or a sentence's start) and
the words around it (a possessive and "model", "read", "per" mark an author), and what the
rules found in the post. `moderation/loose_token_training.py` trains it (`make train`) on the
name runs of the development posts, `phi_dev*.jsonl`: a run on a gold name span is a
client's, every other run is not. It is asked after the signature rules and the
own-details model have set the author's details aside, and never about a run in the author's
signature block, so what it holds is added as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from detectors.identifiers import names, signature, token_model
from detectors.identifiers._text import _Candidate
from detectors.identifiers.token_model import TokenModel
from detectors.identifiers.wordlists import (
    _AMBIGUOUS_FIRST,
    _COMMON_WORDS,
    _FIRST_NAMES,
    _LAST_NAMES,
    _PUBLIC_FIGURES,
)

STEM = "loose-names"
CURRENT = "CURRENT_LOOSE_NAMES"
# Only a gold name span makes a name run an identifier (training).
GOLD_KINDS: frozenset[str] | None = frozenset({"name"})
# Asked only in a post the rules and the own-details model already hold.
ONLY_IN_HELD_POSTS = True

_CAPITALISED = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+|-[a-z]{2,})?"
_RUN = re.compile(rf"(?<![\w@.])({_CAPITALISED})(?:\s{_CAPITALISED}){{1,2}}(?![\w@])")


def tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of two or three capitalised words opening with a first
    name (not an official's office)."""
    for m in _RUN.finditer(text):
        first = m.group(1)
        # ("Judge Hatfield", "Pastor Greene": an official, names._OFFICIALS.)
        if (first in _FIRST_NAMES or first in _AMBIGUOUS_FIRST) and (
            first.lower() not in names._OFFICIALS
        ):
            yield m.span()


def features(text: str, start: int, end: int, shared: list[str]) -> Iterator[str]:
    """The name run's binary features, as strings (hashed into the model's columns)."""
    value = text[start:end]
    words = value.split()
    yield "bias"
    yield from shared
    yield f"nw:{len(words)}"
    if words[0] in _AMBIGUOUS_FIRST:
        yield "ambiguous-first"
    if words[-1] in _LAST_NAMES:
        yield "known-last"
    if words[-1].lower() in _COMMON_WORDS:
        yield "everyday-last"
    if value.lower() in _PUBLIC_FIGURES:
        yield "public-figure"
    for word in words:
        yield f"w:{word.lower()}"
    yield f"nc2:{text[end : end + 2]}"
    yield from token_model.context(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        yield "line-start"
    if start == 0 or text[max(0, start - 2) : start].strip() in (".", "!", "?", ""):
        yield "sentence-start"


@lru_cache(maxsize=2)
def load_model(version: str | None = None) -> TokenModel:
    return token_model.load_artifact(token_model.ARTIFACT_DIR, STEM, CURRENT, version)


def unasked_tokens(
    text: str, found: list[_Candidate], blocks: signature.Blocks | None = None
) -> list[tuple[int, int]]:
    """The name runs no rule found, outside the author's signature block, less those the
    name rules take for made up (a placeholder such as "John Smith", a name marked as a
    pseudonym, every name in a post whose names "have been changed"). Asked only in a post
    the rest of the detector holds (ONLY_IN_HELD_POSTS)."""
    spans = list(tokens(text))
    if not spans:
        return []
    spans = token_model.unasked(text, spans, found, blocks)
    if not spans:
        return []
    real = names._without_pseudonyms(text, [_Candidate("name", s, e) for s, e in spans])
    return [(c.start, c.end) for c in real]


def asked(
    text: str, found: list[_Candidate], blocks: signature.Blocks | None = None
) -> token_model.Asked:
    """The name runs the model is asked about in this post, and each one's features."""
    return token_model.asked_with(text, found, blocks, unasked_tokens, features)


def held_candidates(text: str, spans: list[tuple[int, int]]) -> list[_Candidate]:
    """The candidates for the name runs the model holds."""
    return [_Candidate("name", s, e) for s, e in spans]


def learned_names(
    text: str,
    found: list[_Candidate],
    model: TokenModel | None = None,
    blocks: signature.Blocks | None = None,
) -> list[_Candidate]:
    """Candidates for the name runs the rules left alone (`found`: every candidate the kind
    modules found, before any was set aside) that the model takes for a client's."""
    spans, rows = asked(text, found, blocks)
    if not spans:
        return []
    model = model if model is not None else load_model()
    return held_candidates(text, token_model.held(model, rows, spans))
