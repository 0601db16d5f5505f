"""The gazetteers and word lists the name detector reads, from data files beside this module.

Each file in data/ opens with a provenance line (``# source: ...``) saying where its words
come from; further lines starting with ``#`` are comments. A missing file, or one without
its provenance line, raises GazetteerError at import: screening with a silently empty
gazetteer would pass names it is meant to hold.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
PROVENANCE = "# source:"


class GazetteerError(RuntimeError):
    """A word list the identifier detector needs is missing or has no provenance line."""


def load_words(filename: str, *, directory: Path = DATA_DIR) -> frozenset[str]:
    """The words of one data file (one per line, comments and blank lines skipped)."""
    path = directory / filename
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GazetteerError(f"identifier word list {path} cannot be read: {error}") from error
    if not lines or not lines[0].startswith(PROVENANCE):
        raise GazetteerError(f"{path} must start with a provenance line '{PROVENANCE} ...'")
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_AMBIGUOUS_FIRST = load_words("ambiguous_first_names.txt")
_NEVER_NAME = load_words("never_names.txt")
_FIRST_NAMES: frozenset[str] = (
    load_words("first_names.txt") | load_words("extra_first_names.txt")
) - (_AMBIGUOUS_FIRST | _NEVER_NAME)
_LAST_NAMES: frozenset[str] = (
    load_words("last_names.txt") | load_words("extra_last_names.txt")
) - _NEVER_NAME
_COMMON_WORDS: frozenset[str] = load_words("common_words.txt")
# English words of everyday frequency that no name gazetteer holds (scripts/build_word_lists.py).
_EVERYDAY_WORDS: frozenset[str] = load_words("everyday_words.txt")
_PUBLIC_FIGURES = frozenset(name.lower() for name in load_words("public_figures.txt"))
_PUBLIC_SURNAMES = frozenset(name.split()[-1] for name in _PUBLIC_FIGURES) | frozenset(
    ("kolk", "van der kolk", "kabat-zinn", "mate", "maté", "brené")
)
_PLACE_LIKE_NAMES = load_words("place_like_names.txt")


@cache
def us_places() -> frozenset[str]:
    """US towns and states (scripts/build_place_lists.py), read on first use: most posts
    name no place after a place word, and the list is the largest the rules read."""
    return load_words("us_places.txt")
