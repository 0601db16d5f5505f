"""Regenerate the identifier detector's name gazetteers from the Faker package.

    .venv/bin/python scripts/build_name_lists.py

Writes detectors/identifiers/data/first_names.txt and last_names.txt: the person-name
lists of every Faker locale, Latin-script capitalised names only, less words the
detector's common-word list holds and names of three letters or fewer that are not
already in the hand-checked lists (short tokens are mostly syllables or abbreviations
in running English), and names whose lower-case form is an everyday word: one written
in lower case at least three times in the project's curated posts and the public
corpora's Wikipedia comments (../shared/data, read, not copied). Each file opens with
its provenance line. Faker is a development
dependency: screening reads the committed files, never the package.

Writes detectors/identifiers/data/vietnamese_name_parts.txt too: the vi_VN locale's family
and middle names ("family Nguyễn", "middle Thị"), each also without its diacritics as posts
often write them ("Nguyen Thi Lan"), for the rule that reads a family name, a middle name
and a given name as a full name whatever the given name.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import faker
from faker.config import AVAILABLE_LOCALES

DATA = Path(__file__).resolve().parents[1] / "detectors" / "identifiers" / "data"
NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+(?:-[A-Z][a-zß-öø-ÿā-ž]+)?$")


def _names(provider: type, attributes: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for attribute in attributes:
        value = provider.__dict__.get(attribute)
        if value is None:
            value = getattr(provider, attribute, None)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, list | tuple | set | frozenset):
            found |= {name for name in value if isinstance(name, str) and NAME.match(name)}
    return found


_LAST_NAME_LISTS = (
    "last_names",
    "last_names_male",
    "last_names_female",
    "male_last_names",
    "unisex_last_names",
    "last_names_unisex",
    "last_names_nonbinary",
    "last_names_male_only",
    "last_names_female_only",
    "last_names_common",
    "last_names_islamic",
    "last_names_female_islamic",
    "last_names_hinduism",
    "last_names_est",
    "last_names_rus",
)


def _words(filename: str) -> set[str]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _everyday_words() -> set[str]:
    """Lower-case tokens written at least three times in running English we have."""
    import csv
    from collections import Counter

    repo = DATA.parents[2]
    texts: list[str] = []
    for path in (repo / "moderation" / "data").glob("curated_*"):
        texts.append(path.read_text(encoding="utf-8"))
    wiki = repo.parent / "shared" / "data" / "wiki-toxicity" / "toxicity_nonfuzzed_testset.csv"
    if wiki.is_file():
        with wiki.open(encoding="utf-8", newline="") as handle:
            texts += [row["comment"] for row in csv.DictReader(handle)]
    counts = Counter(re.findall(r"(?<![\w'])[a-z]+(?![\w'])", "\n".join(texts)))
    return {word for word, count in counts.items() if count >= 3}


def _ascii(name: str) -> str:
    """The name without its diacritics: "Nguyễn" -> "Nguyen", "Đặng" -> "Dang"."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(char for char in folded if not unicodedata.combining(char))


def _vietnamese_parts() -> list[str]:
    provider = importlib.import_module("faker.providers.person.vi_VN").Provider
    lines = set()
    for part, names in (("family", provider.last_names), ("middle", provider.middle_names)):
        for name in names:
            if " " not in name:
                lines |= {f"{part} {name}", f"{part} {_ascii(name)}"}
    return sorted(lines)


def main() -> int:
    firsts: set[str] = set()
    lasts: set[str] = set()
    locales = []
    for locale in AVAILABLE_LOCALES:
        try:
            module = importlib.import_module(f"faker.providers.person.{locale}")
        except ImportError:
            continue
        provider = module.Provider
        first = _names(
            provider,
            ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"),
        )
        # Locales whose surnames take a gendered form (pl_PL's Wójcik / Wójcikowa, cs_CZ,
        # ru-style lists) keep them in gendered lists rather than last_names.
        last = _names(provider, _LAST_NAME_LISTS)
        if first or last:
            locales.append(locale)
        firsts |= first
        lasts |= last
    common = {word.lower() for word in _words("common_words.txt")} | _everyday_words()
    keep_short = _words("first_names.txt") | _words("last_names.txt")

    def usable(name: str) -> bool:
        return name.lower() not in common and (len(name) > 3 or name in keep_short)

    source = (
        f"# source: generated by scripts/build_name_lists.py from the person-name lists of "
        f"the Faker package {faker.VERSION} (MIT), {len(locales)} locales: {' '.join(locales)}"
    )
    for filename, names in (("first_names.txt", firsts), ("last_names.txt", lasts)):
        kept = sorted(name for name in names if usable(name))
        (DATA / filename).write_text(source + "\n" + "\n".join(kept) + "\n", encoding="utf-8")
        print(f"{filename}: {len(kept)} names")
    parts = _vietnamese_parts()
    (DATA / "vietnamese_name_parts.txt").write_text(
        f"# source: generated by scripts/build_name_lists.py from the vi_VN person provider's "
        f"last_names and middle_names of the Faker package {faker.VERSION} (MIT), each also "
        f"without diacritics\n" + "\n".join(parts) + "\n",
        encoding="utf-8",
    )
    print(f"vietnamese_name_parts.txt: {len(parts)} parts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
