"""What the two learned second looks share (`loose_numbers.py`, `loose_names.py`, issue 20).

Each asks, of every token of its shape that no identifier rule found, whether it points to a
person: a logistic regression over hashed binary features (the token's own features and the
words around it, `context`, and what the rules found in the post, `post_features`), served
with numpy and the standard library from ``detectors/artifacts/<stem>-<version>.npz`` and its
``.json``; a file ``CURRENT_<NAME>`` names the deployed version. A token is held at or above
the artifact's threshold. `moderation/loose_token_training.py` trains both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from detectors.artifact_files import artifact_files
from detectors.hashed_text import abs_hashes, murmurhash3_32
from detectors.identifiers import signature
from detectors.identifiers._text import _Candidate

ARTIFACT_DIR = Path(__file__).resolve().parents[1] / "artifacts"

_WORD = re.compile(r"[^\W\d_]+|[^\w\s]")
_BEFORE = 60  # characters of context read before a token
_AFTER = 40  # ... and after it
# Up to this many distinct terms, hashing them one by one is faster than abs_hashes.
_FEW_TERMS = 80


class TokenModelNotFoundError(RuntimeError):
    """No artifact of a token model for the requested version (or no CURRENT_ file)."""


class TokenModel:
    def __init__(
        self, version: str, metadata: dict[str, Any], coef: np.ndarray, intercept: float
    ) -> None:
        self.version = version
        self.metadata = metadata
        self.n_features = int(metadata["n_features"])
        if self.n_features & (self.n_features - 1):
            raise ValueError("a token model's width must be a power of two")
        self.coef = coef
        self.intercept = intercept
        self.threshold = float(metadata["threshold"])

    def probabilities(self, rows: list[set[str]]) -> np.ndarray:
        """Each row's probability of being an identifier (terms hashed as `hashed_column`
        gives them, each column once, as training's binary matrix counts it)."""
        terms = sorted(set().union(*rows))
        if len(terms) <= _FEW_TERMS:
            # A post's one or two tokens: hashing term by term beats numpy's set-up.
            columns = [abs(murmurhash3_32(term)) % self.n_features for term in terms]
        else:
            columns = (abs_hashes(terms) % self.n_features).tolist()
        column_of = dict(zip(terms, columns, strict=True))
        logits = np.array([self.coef[list({column_of[t] for t in row})].sum() for row in rows])
        return 1.0 / (1.0 + np.exp(-(logits + self.intercept)))


def load_artifact(
    directory: Path, stem: str, current_name: str, version: str | None = None
) -> TokenModel:
    version, arrays_path, meta = artifact_files(
        directory, stem, current_name, version, TokenModelNotFoundError
    )
    with np.load(arrays_path, allow_pickle=False) as arrays:
        coef = arrays["coef"].astype(np.float64)
    return TokenModel(version, meta, coef, float(meta["intercept"]))


def post_features(found: list[_Candidate]) -> list[str]:
    """What the rules found in the post (shared by its every token: a vignette that names a
    client and gives a chart number is where a loose token is someone's)."""
    kinds = {c.kind for c in found}
    return [f"found:{min(len(found), 4)}", *(f"fk:{kind}" for kind in sorted(kinds))]


def context(text: str, start: int, end: int) -> Iterator[str]:
    """The characters next to the token, the three words before it and two after, and the
    words within 60 characters before and 40 after."""
    yield f"pc:{text[start - 1 : start] if start else '^'}"
    yield f"nc:{text[end : end + 1] or '$'}"
    before = [w.lower() for w in _WORD.findall(text[max(0, start - _BEFORE) : start])]
    after = [w.lower() for w in _WORD.findall(text[end : end + _AFTER])]
    for position, word in enumerate(reversed(before[-3:]), start=1):
        yield f"l{position}:{word}"
    if len(before) >= 2:
        yield f"l12:{before[-2]}_{before[-1]}"
    for position, word in enumerate(after[:2], start=1):
        yield f"r{position}:{word}"
    for word in set(before):
        yield f"lb:{word}"
    for word in set(after):
        yield f"rb:{word}"


def unasked(
    text: str,
    spans: Iterable[tuple[int, int]],
    found: list[_Candidate],
    blocks: signature.Blocks | None = None,
) -> list[tuple[int, int]]:
    """The token spans no rule found (nothing found overlaps them), outside the author's
    signature block (`blocks`: the post's, when its caller has them)."""
    taken = [(c.start, c.end) for c in found]
    spans = [(s, e) for s, e in spans if not any(a < e and s < b for a, b in taken)]
    if not spans:
        return []
    blocks = blocks if blocks is not None else signature.Blocks(text)
    signed_from = blocks.start
    leading_end = blocks.leading_end
    return [
        (s, e)
        for s, e in spans
        if (signed_from is None or s < signed_from) and (leading_end is None or e > leading_end)
    ]


def held(
    model: TokenModel, rows: list[set[str]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans whose rows the model holds."""
    chosen = model.probabilities(rows) >= model.threshold
    return [span for span, is_id in zip(spans, chosen, strict=True) if is_id]


# One post's questions to a token model: its token spans and each one's row of features.
Asked = tuple[list[tuple[int, int]], list[set[str]]]
Spans = list[tuple[int, int]]


def asked_with(
    text: str,
    found: list[_Candidate],
    blocks: signature.Blocks | None,
    unasked_tokens: Callable[[str, list[_Candidate], signature.Blocks | None], Spans],
    features: Callable[[str, int, int, list[str]], Iterable[str]],
) -> Asked:
    """The spans one model is asked about in this post (`unasked_tokens`), and each one's
    features (`features`, given the post's shared terms)."""
    spans = unasked_tokens(text, found, blocks)
    if not spans:
        return [], []
    shared = post_features(found)
    return spans, [set(features(text, s, e, shared)) for s, e in spans]


def held_many(model: TokenModel, asked: Sequence[Asked]) -> list[list[tuple[int, int]]]:
    """`held` for each post's (spans, rows), the model asked once for every row of the
    batch: each distinct term is hashed once for it, all together (`abs_hashes`), where a
    post asked alone hashes its terms one by one."""
    rows = [row for _, post_rows in asked for row in post_rows]
    if not rows:
        return [[] for _ in asked]
    chosen = iter((model.probabilities(rows) >= model.threshold).tolist())
    return [[span for span in spans if next(chosen)] for spans, _ in asked]
