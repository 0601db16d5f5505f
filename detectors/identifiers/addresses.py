"""Street addresses, units, PO boxes and ZIP codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import (
    _STREET_SUFFIX,
    _US_STATE_ABBR,
    _US_STATE_NAMES,
    _YEAR_ONLY_RE,
    BILLING_CODE_RE,
    _Candidate,
    _CaseFree,
    _digit_runs,
    _Doc,
    _merged_windows,
    _words,
)
from detectors.identifiers.context import _practice_exempt as _contact_exempt
from detectors.identifiers.wordlists import DATA_DIR, load_words
from detectors.lexicon_scan import StartGated

# Street suffixes: the abbreviations of _text plus the USPS full forms from Faker
# (data/street_suffixes.txt: Crossing, Hollow, Landing, Ridge ...).
_SUFFIX_WORDS = sorted(load_words("street_suffixes.txt"), key=len, reverse=True)
_ANY_SUFFIX = rf"(?:{_STREET_SUFFIX}|{'|'.join(map(re.escape, _SUFFIX_WORDS))})"
_SUFFIX_SET = frozenset(_SUFFIX_WORDS) | frozenset(
    [
        "St",
        "Ave",
        "Rd",
        "Blvd",
        "Dr",
        "Ln",
        "Ct",
        "Way",
        "Pl",
        "Ter",
        "Cir",
        "Pkwy",
        "Hwy",
        "Trl",
        "Sq",
        "Loop",
        "Row",
        "Pike",
        "Plz",
    ]
)


def _place_exempt(doc: _Doc, start: int, end: int) -> bool:
    """A practice's own or a public address; a public service's phone line clears no place."""
    return _contact_exempt(doc, start, end, place=True)


def _zip_ranges() -> dict[str, tuple[int, int]]:
    """State abbreviation and lower-cased name -> (lowest, highest) three-digit ZIP
    prefix, from data/us_zip_ranges.txt (Faker's per-state ZIP ranges)."""
    load_words("us_zip_ranges.txt")  # checks the provenance line
    ranges: dict[str, tuple[int, int]] = {}
    for line in (DATA_DIR / "us_zip_ranges.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        abbr, name, low, high = line.split("\t")
        prefixes = _WIDER_PREFIXES.get(abbr, (int(low) // 100, int(high) // 100))
        ranges[abbr] = ranges[name.lower()] = prefixes
    return ranges


# Where Faker's ranges stop short of the USPS's three-digit allocations (a public table):
# Oklahoma runs to 749 (Tulsa 741xx), Texas starts at 750 (Dallas 752xx), Nebraska runs to
# 693 (Grand Island 688xx, North Platte 691xx), Vermont to 059, Connecticut to 069, Louisiana
# to 714, Maryland from 206, Virginia to 246, DC to 205, New York to 149, Massachusetts to
# 027.
_WIDER_PREFIXES = {
    "OK": (730, 749),
    "TX": (750, 799),
    "NE": (680, 693),
    "VT": (50, 59),
    "CT": (60, 69),
    "LA": (700, 714),
    "MD": (206, 219),
    "VA": (220, 246),
    "DC": (200, 205),
    "NY": (100, 149),
    "MA": (10, 27),
}
# Prefixes a state holds apart from its main range: New York's 005, Massachusetts' 055,
# Virginia's 201, Georgia's 398-399, El Paso's 885.
_OUTLYING_PREFIXES = frozenset({5, 55, 201, 398, 399, 885})


_ZIP_PREFIXES = _zip_ranges()
_ANY_ZIP_PREFIX = _OUTLYING_PREFIXES | frozenset(
    prefix for low, high in _ZIP_PREFIXES.values() for prefix in range(low, high + 1)
)


def _zip_fits_state(state: str, value: str, *, with_city: bool) -> bool:
    """A five-digit number after a state is its ZIP when it lies in the state's ZIP
    prefixes; after "City, ST" its first digit (the ZIP region) is enough, since Faker's
    ranges are approximate."""
    prefixes = _ZIP_PREFIXES.get(state.rstrip(".").strip() if len(state) <= 3 else state.lower())
    if prefixes is None:
        return False
    prefix = int(value[:3])
    if with_city:
        return prefixes[0] // 100 <= prefix // 100 <= prefixes[1] // 100
    return prefixes[0] <= prefix <= prefixes[1]


_ADDRESS_RE = re.compile(
    rf"\b\d{{1,6}}[A-Za-z]?\s+(?:(?:[NSEW]|North|South|East|West|NE|NW|SE|SW)\.?\s+)?"
    rf"(?:[A-Z0-9][A-Za-z0-9'’.-]*\s+){{1,4}}{_ANY_SUFFIX}\b\.?"
    rf"(?:\s+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?"
    rf"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#|Fl|Floor|Rm|Lot|Trlr|Trailer|Space|Spc|Bldg|"
    rf"Room|apt|apartment|unit|lot)\.?\s*#?\s*[A-Za-z0-9-]{{1,6}}\b)?"
    rf"(?:,?\s*\n?\s*[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){{0,2}},?\s*\n?\s*"
    rf"(?:{_US_STATE_ABBR}|[A-Z][a-z]+)\b,?\s*(?:\d{{5}}(?:-\d{{4}})?)?)?"
    # A ZIP right after the street ("17 Riverview Ct, 97005").
    rf"(?:,?\s*\d{{5}}(?:-\d{{4}})?\b)?"
)


# A unit on its own ("Apt. 4B", "Suite 292", "apartment 12C") is part of someone's address.
_WARD_BEFORE_RE = re.compile(r"\b(?:from|to|on|onto|off)\s+$")
_HOSPITAL_RE = _CaseFree(
    r"(?i)\b(?:hospital|inpatient|ward|wards|transferr?\w*|nurs\w*|hold|admit\w*|icu|units)\b"
)
_UNIT_AS_SUBJECT_RE = re.compile(
    r"\s+(?:is|was|are|were|has|had|night|day|evening|weekend|staff|nurses?|team|meets?|met|"
    r"runs?|ran|houses?|sees?|saw|will|gets?|got)\b"
)
_UNIT_RE = re.compile(
    r"\b(?:Apt|Apartment|Suite|Ste|Unit|apt|apartment)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b(?!\s*(?:%|mg))"
)


# Rural addresses: "RR 2 Box 118", "Rural Route 3", "HC 64 Box 12", "Star Route 1".
_RURAL_RE = _CaseFree(
    r"(?i)\b(?:r\.?r\.?|rural route|rural rt\.?|rte?\.?|h\.?c\.?r?|highway contract|star route)"
    # ... "RR 1 Box 46A", "HCR 71 Box 112".
    r"\s*#?\s*\d{1,4}(?:,?\s*box\s*#?\s*\d{1,6}[a-z]?)?\b"
)
_RURAL_RE_STRICT = re.compile(r"(?i)(?:rural|star|highway contract|box)")

# A road named by its number, with a house number ("4410 County Road 12", "18 State
# Route 9", "2207 FM 1960") or after a word about where someone lives ("lives off
# Highway 27").
_NUMBERED_ROAD = (
    r"(?:County Road|County Rd\.?|CR|State Route|State Road|State Hwy\.?|SR|US Highway|US Hwy\.?|"
    r"US|Route|Rte\.?|Highway|Hwy\.?|Farm to Market Road|FM|Township Road|TR|Interstate)"
    r"\s+\d{1,4}[A-Z]?\b"
)
_NUMBERED_ROAD_HINTS = (
    "Road",
    "Rd",
    "Route",
    "Rte",
    "Highway",
    "Hwy",
    "FM ",
    "CR ",
    "SR ",
    "US ",
    "TR ",
    "Interstate",
)
_NUMBERED_ROAD_RE = re.compile(rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?{_NUMBERED_ROAD}")
# County roads named by letters (Wisconsin, Missouri, Michigan): "County Road K", "County Rd
# JJ", "County Hwy M", "CTH B".
_LETTER_ROAD = r"(?:County (?:Road|Rd\.?|Highway|Hwy\.?|Trunk)|CTH|Co\.? Rd\.?)\s+[A-Z]{1,3}\b"
# A rural grid address: a compass letter joined to the house number ("N4571 County Rd K",
# "W2250 State Hwy 64", "E1350 Town Line Rd", "S104 County Rd B"); and a plain house
# number on a lettered county road ("4410 County Road K").
_GRID_ADDRESS_RE = re.compile(
    rf"\b(?:[NSEW]\d{{2,6}}[A-Z]?|\d{{1,6}})\s+(?:{_LETTER_ROAD}|{_NUMBERED_ROAD}|"
    rf"(?:[A-Z][A-Za-z'’.-]*\s+){{1,3}}{_ANY_SUFFIX}\b\.?)"
)
_GRID_HINTS = ("N0", "S0", "E0", "W0")
_HOUSE_ON_LETTER_ROAD_RE = re.compile(rf"\d+\s+{_LETTER_ROAD}")

# A street corner: "the corner of Fifth and Alder", "at Burnside & 12th".
_ORDINAL_WORD = (
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|"
    r"\d{1,3}(?:st|nd|rd|th))"
)
_STREET_WORD = rf"(?:{_ORDINAL_WORD}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s+{_ANY_SUFFIX}\b\.?)?"
_CORNER_RE = re.compile(
    rf"\b(?:[Cc]orner of|[Ii]ntersection of|[Cc]orner at)\s+(?:the\s+)?{_STREET_WORD}"
    rf"\s+(?:and|&)\s+"
    rf"{_STREET_WORD}|"
    # Two streets with suffixes: "near Fifth Ave and Alder St".
    rf"\b(?:{_ORDINAL_WORD}|[A-Z][a-z]+)\s+{_ANY_SUFFIX}\.?\s+(?:and|&)\s+"
    rf"(?:{_ORDINAL_WORD}|[A-Z][a-z]+)\s+{_ANY_SUFFIX}\b\.?"
)


# A house number and a compass direction name a street even without "St".
# The full compass word takes no dot: "4 North. Average stay ..." is a ward, then a sentence.
_DIRECTIONAL_ADDRESS_RE = re.compile(
    r"\b\d{1,6}\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\.?|North|South|East|West|Northeast|Northwest|"
    r"Southeast|Southwest)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b"
)


# A street address typed all in lower case ("1419 e 7th st", "22 maple ave apt 4"): a house
# number, one to three words that are not a unit of measure or a function word, and a
# street suffix that is not also an everyday word (so "2 kids drive", "12 on the way" and
# "45 minute drive" pass).
_LOWER_ADDRESS_RE = re.compile(
    r"\b\d{1,6}[a-z]?\s+(?:(?:[nsew]|ne|nw|se|sw|north|south|east|west)\.?\s+)?"
    r"(?:(?!(?:min|mins|minutes?|mg|mcg|ml|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|"
    r"yrs?|y/?o|miles?|mi|blocks?|sessions?|times|people|clients?|pts?|kids?|of|the|a|an|to|"
    r"in|on|at|by|for|with|and|or|from|per|is|was|are|were|more|out|x)\b)"
    r"[a-z0-9][a-z0-9'’-]*\s+){1,3}"
    # "dr", "ct" and "pl" only at a clause's end or before a unit: "2 pills dr said" is the
    # doctor.
    r"(?:st|ave|rd|blvd|ln|pkwy|hwy|street|avenue|boulevard|(?:dr|ct|pl|cir)(?=[.,;:!?)]|$|"
    r"\s+(?:apt|"
    r"unit|#|ste|with|in|and)\b))\b\.?"
    r"(?:,?\s*(?:apt|apartment|unit|ste|suite|#|lot|rm)\.?\s*#?\s*[a-z0-9-]{1,6}\b)?"
)
_LOWER_ADDRESS_HINTS = (
    " st",
    " ave",
    " av ",
    " rd",
    " blvd",
    " ln",
    " dr",
    " ct",
    " pl",
    " pkwy",
    " hwy",
    " cir",
    " ter",
    " street",
    " avenue",
    " boulevard",
)


_LOWER_SUFFIXES = frozenset(word.lower() for word in _SUFFIX_SET)


def _names_a_street(value: str) -> bool:
    """After "moved to", "lives at": the words after the number name a street when one is
    capitalised, a street suffix ("22 clover ct") or a numbered street ("7th"); "moved to
    988 routing" names none."""
    return any(
        word[:1].isupper() or word[:1].isdigit() or word.strip(".,").lower() in _LOWER_SUFFIXES
        for word in value.split()[1:]
    )


_ADDRESS_PO_RE = _CaseFree(
    # ... or mail held at a post office for someone without an address: "General Delivery,
    # Main Post Office, Spokane".
    r"(?i)\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b|\bgeneral delivery(?:,\s*(?:main )?post office)?"
)


_ADDRESS_CUE_RE = _CaseFree(
    r"(?i)\b(?:lives at|living at|lived at|address(?: is|:)?|resides at|residing at|moved to|"
    r"staying at|home at|house at|apartment at|mailing address|mail (?:goes|went) to|"
    r"sleeps at|sleeping at|crashing at|stays at|home is|house is|apartment is|apartment on|"
    r"unit at|trailer at|lot at|shelter at|sent (?:it|them|the \w+) to)"
    r"\s+(?:(?:the|a|her|his|their)\s+\w+\s+(?:at|on)\s+)?"
    # The street ends at punctuation or a joining word: "moved to 22 Clover Ct and her ex
    # found it" is "22 Clover Ct"; "moved to 8 and it's better" (a count) names no street.
    r"(\d{1,6}\s+(?!(?:and|or|but|the|a|an|of|it|to|in|on|weeks?|months?|days?|sessions?|"
    r"hours?|minutes?|years?|times?|people|clients?|kids|percent|mg|more|less|groups?|after|"
    r"before|when|since|until|with|because|then|so|where|which|while|during|for|at|yo|y/o)\b)"
    r"[\w'’. -]{3,40}?)(?=[,.;\n)]|$|\s+(?:and|but|so|then|where|"
    r"which|with|because|after|before|when|until|since|last|this|yesterday|today)\b)"
)


# A street named without a house number, after a word about where someone lives.
_STREET_NAME_CUE_RE = re.compile(
    r"\b(?:[Ll]ives|[Ll]iving|[Ll]ived|[Mm]oved|[Hh]ouse|[Hh]ome|[Aa]partment|[Aa]pt|[Gg]rew up|"
    r"[Ss]tays|[Ss]taying|[Ss]leeps|[Tt]railer|[Cc]ondo|[Dd]uplex|[Rr]ents)"
    # The street's words; the last must be a suffix (checked against _SUFFIX_SET, which is
    # far cheaper than a 200-word alternation in the pattern).
    rf"\s+(?:on|off|at|off of)\s+((?:[A-Z][a-z]+\s+){{1,3}}[A-Z][a-z]+\b|{_NUMBERED_ROAD})"
)


# Every street-name cue has " on/off/at " and a capital or digit after it.
_STREET_NAME_GATE = re.compile(r" (?:on|off|at|of) [A-Z0-9]")


_STREET_NAME_HINTS = (
    "live",
    "living",
    "moved",
    "house",
    "home",
    "apartment",
    "apt",
    "grew up",
    "stay",
    "sleeps",
    "trailer",
    "condo",
    "duplex",
    "rents",
)


# A five-digit number after a state ("Springfield, IL 62704", "Eugene, Oregon 97402"):
# group 1 the state, 2 the ZIP; checked against the state's ZIPs. The city before it
# ("Springfield, ") is looked for separately, backwards from the state.
_ZIP_STATE_RE = re.compile(
    rf"\b({_US_STATE_ABBR}\b\.?|{_US_STATE_NAMES}\b),?\s+(\d{{5}}(?:[- ]\d{{4}})?)\b"
)
_ZIP_STATE_RE = StartGated(_ZIP_STATE_RE)  # tried only where a match can begin
_CITY_BEFORE_RE = re.compile(r"\b[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){0,2},\s*$")


# A ZIP by cue: "zip 97214", "ZIP code: 30318", "postal code 10027", "lives in 97214".
_ZIP_CUE_RE = _CaseFree(
    r"(?i)\b(?:zip(?:\s?code|\s?\+\s?4)?s?|postal code|post code)"
    r"\s*(?:(?:is|was|of|as|listed as|given as|on file as|on file is|on file:|reads|read|:|#|=|,)"
    r"\s*)?[(\[]?"
    r"(\d{5}(?:-\d{4})?)\b|"
    r"\b(?:lives?|living|lived|moved|moving|relocated|relocating|resides?|residing|staying|stays|"
    r"home|house|apartment|based|address)\s+(?:is\s+)?"
    r"(?:in|to|at|near|out in|over in|up in|down in)"
    r"\s+(?:the\s+)?(?:zip\s*(?:code)?\s*)?(?:area\s+)?(\d{5}(?:-\d{4})?)\b(?!\s*(?:mg|%|\$))"
)


# A ZIP in prose without a state: after a place preposition ("near 33125", "somewhere in
# 79796", "a program that serves 55932") or after a city ("Brooklyn 11211", "Detroit,
# 48201", "Unit 12, Portland 97206"). Only five digits in a US ZIP prefix, not a round
# number, and followed by the end of a clause or a word that cannot be a unit ("near 33125
# for a teen", not "in 12345 patients").
_ZIP_PREP_RE = _CaseFree(
    r"(?i)\b(?:in|near|around|outside(?: of)?|serves?|serving|covers?|covering|to|from|"
    r"within|by)\s+(?:the\s+)?(\d{5})(?:\s+(?:zip|area|zip code)\b)?"
)
_ZIP_CITY_RE = re.compile(
    r"\b([A-Z][a-z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]+){0,2}),?\s+\(?(\d{5})(?:-\d{4})?\b"
)
# A ZIP after a word for a place: "a really rural spot, 59634", "a tiny town (05602)".
_ZIP_PLACE_NOUN_RE = re.compile(
    r"\b(?:spot|town|village|county|area|community|neighbou?rhood|suburb|township|hamlet|"
    r"home base is|home base:)\s*[,:(]?\s*\(?(\d{5})\b|"
    # "97217 - that's the zip my client just moved into".
    r"(?<![\w.-])(\d{5})\s*[-–—,:]?\s*(?:that's|that is|is|was) (?:the|her|his|their|my client's) "
    r"zip\b",
    re.IGNORECASE,
)
# What may stand before such a city: a clause or list break, or a place word.
_CITY_LEAD_RE = re.compile(
    r"(?:^|[,;:(\n]|\b(?:in|to|of|at|near|from|around|outside|moved|lives|live|living|past|"
    r"beyond))\s*$"
)
# What may follow a ZIP in prose: the end of a clause, or a word that is not a unit.
_ZIP_FOLLOW_RE = re.compile(
    # "near 02139 (Cambridge)": the town it names, in parentheses, also ends it.
    r"(?:\s*(?:$|[.,;:!?)\]\n—–-]|\(\s*[A-Z][a-z])|\s+(?:and|or|for|by|with|now|where|which|but|"
    r"is|was|area|"
    r"zip|before|after|since|until|because|so|near|in|on|at|who|she|he|they|then|last|this|"
    r"next|about|till|though|while|when|if|to)\b)"
)
# Capitalised words before a number that are not places ("Room 10234", "Suite 40012",
# "Chapter 11", "Model 12345", "CPT 90837").
_NOT_CITY = _words(
    "Room Suite Unit Apt Apartment Building Bldg Route Highway Hwy Exit Chapter Page Model "
    "Step Level Group Ward Bed Floor Box Code Form Section Article Item Table Figure Version "
    "Grade Class Station Lot Gate Terminal Mile Day Week Year Session Phase Stage Part Volume "
    "Issue No Number Case Claim Account Member Policy Medicaid Medicare Study Trial Protocol "
    "Batch Order Invoice Ticket Flight Bus Train Line Channel Extension Ext Serial Patient "
    "Client Chart Record File Plan Test Score Sample Lab Tier Cohort Team Session Module "
    "Lesson Unit Verse Psalm Act Bill Law Rule Statute Title Docket Reference Ref Ticket "
    "The A An In On At To From Near And Or But For With By Of About Around"
)
# A ZIP before its town and state in parentheses, whatever word precedes it ("lives out
# past 97358 (Lyons, OR)", "59847 (Lolo, MT)"): checked against the state's ZIPs.
_ZIP_TOWN_AFTER_RE = re.compile(
    rf"(?<![\w$#.,/-])(\d{{5}})\s*\(\s*[A-Z][a-z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]+){{0,2}},?\s+"
    rf"({_US_STATE_ABBR}|{_US_STATE_NAMES})\s*\)"
)
_ZIP_LIST_RE = re.compile(r"\s*(?:,|or|and|/|&|-|–|to|through|,\s*or|,\s*and)\s*(\d{5})\b")


# Billing talk, where five digits are procedure codes ("moved it to 99417 for E/M", "the
# add-on +90838"): a prose ZIP needs a sentence without it.
_BILLING_RE = re.compile(
    r"(?i)\b(?:cpt|hcpcs|e/m|add-on|billing|billed|(?:billing|cpt|procedure|diagnosis|icd|dx|"
    r"psychotherapy|crisis) codes?|codes? \+?\d|coded|modifier|"
    r"reimburse\w*|superbill|claims?)\b|\+\d{5}\b"
)


def _zip_in_prose(value: str, text: str, end: int) -> bool:
    """A five-digit number in a US ZIP prefix, not round, followed by a clause end or a
    word that is not a unit, in a sentence that is not about billing codes."""
    return (
        int(value[:3]) in _ANY_ZIP_PREFIX
        and not value.endswith("000")
        and _ZIP_FOLLOW_RE.match(text, end) is not None
        and not _about_billing(text, end)
    )


_COVERS_RE = re.compile(r"(?i)(?:covers?|covering|serves?|serving|by)\s")


def _billing_code_covered(m: re.Match[str]) -> bool:
    """ "covers 90832", "by 99213": a mental-health billing code after a verb that also takes
    one (a ZIP in those ranges, such as Spokane's 99205, counts after "in", "near", "to" or
    with "zip" or "area" after it)."""
    return (
        _COVERS_RE.match(m.group()) is not None
        and BILLING_CODE_RE.fullmatch(m.group(1)) is not None
        and m.group().rstrip()[-1:].isdigit()
    )


def _about_billing(text: str, end: int) -> bool:
    """The sentence around a number ending at `end` speaks of billing codes."""
    sentence_start = max(text.rfind(".", 0, end - 5), text.rfind("\n", 0, end - 5), end - 160)
    stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    sentence_end = min([*stop, end + 80, len(text)])
    return _BILLING_RE.search(text, max(0, sentence_start), sentence_end) is not None


# After "zip"/"postal code" any postal code counts, in the shapes other countries use:
# "ZIP: 3520", "postal code 394 13", "53-320", "1000-205", "B0J 2H0", "7412 SL".
_POSTAL_CUE_RE = _CaseFree(
    r"(?i)\b(?:zip(?:\s?code)?|postal code|post ?code|postleitzahl|code postal)"
    r"\s*(?:is|was|of|:|#|=)?\s*[:#]?\s*"
    r"(\d{3,6}(?:[- ]\d{2,4})?(?:\s[A-Z]{2}\b)?|[A-Z]\d[A-Z]\s?\d[A-Z]\d|"
    r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})(?![\w-])"
)


# A ZIP+4 needs no cue: no date, phone or SSN has its shape.
_ZIP4_RE = re.compile(r"(?<![\w$#.-])(\d{5}-\d{4})(?![\w-]|\.\d)")


def _house_number_possible(text: str, shape: str, *, lower: bool = False) -> bool:
    """A digit, a space and a capital or compass letter: the start of "12 Main St" (with
    `lower`, a lower-case letter: "1419 e 7th st")."""
    pos = shape.find("0 ")
    while pos >= 0:
        following = text[pos + 2 : pos + 3]
        if following.islower() if lower else (following.isupper() or following.isdigit()):
            return True
        pos = shape.find("0 ", pos + 2)
    return False


_ADDRESS_HINTS = (
    "lives at",
    "living at",
    "lived at",
    "address",
    "resides",
    "residing",
    "moved to",
    "staying at",
    "home at",
    "house at",
    "apartment at",
)


# A ZIP after a street address, with a town between or not, in any case ("62 N Queen St
# Apt 3, Lancaster 17603", "2740 S Pulaski Rd Chicago 60623", "1419 e 7th st, austin
# 78702", "Apt 1206, 60640"): up to three words of town, then five digits in a US ZIP
# prefix. A bed, a floor or a short aside may stand between too ("415 NW 9th St, Bed 22, OKC
# 73102", "88 Bartlett St, 3rd fl, 04240", "190 Lancaster St most nights (04101)").
_ZIP_AFTER_STREET_RE = re.compile(
    # (Towns in any letters: "María Albina", "San José".)
    r"\.?,?\s*\(?(?:(?:[^\W\d_][\w'’.-]*|\d{1,3}(?:st|nd|rd|th)?),?\s+){0,4}?\(?"
    r"(\d{5})(?:-\d{4})?\b"
)


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """Street addresses (with or without a number), units, PO boxes and ZIP codes."""
    ends: set[int] = set()
    for cand in _candidates(doc):
        yield cand
        if cand.kind == "address":
            ends.add(cand.end)
    if not ends or "00000" not in doc.shape:
        return
    for end in sorted(ends):
        m = _ZIP_AFTER_STREET_RE.match(doc.text, end)
        # Right after a street the place is settled: any word may follow ("... Fresno 93704
        # as her home").
        if m is not None and int(m.group(1)[:3]) in _ANY_ZIP_PREFIX:
            yield _Candidate("zip", m.start(1), m.end())


def _candidates(doc: _Doc) -> Iterator[_Candidate]:
    text, lower, shape = doc.text, doc.lowered, doc.shape
    if _STREET_NAME_GATE.search(text) and any(map(lower.__contains__, _STREET_NAME_HINTS)):
        for m in _STREET_NAME_CUE_RE.finditer(text):
            last = m.group(1).rsplit(None, 1)[-1]
            if not last.isdigit() and not last[-1].isdigit() and last not in _SUFFIX_SET:
                continue
            if not _place_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("address", m.start(1), m.end(1))
    if "corner" in lower or "intersection" in lower or _two_streets_possible(text):
        yield from _corner_candidates(doc)
    if not doc.digits:
        return
    house_number = _house_number_possible(text, shape)
    for regex in (_ADDRESS_RE, _DIRECTIONAL_ADDRESS_RE) if house_number else ():
        for m in regex.finditer(text):
            if not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if any(map(lower.__contains__, _LOWER_ADDRESS_HINTS)) and _house_number_possible(
        text, shape, lower=True
    ):
        for m in _LOWER_ADDRESS_RE.finditer(text):
            if m.group().islower() and not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if "Apt" in text or "Suite" in text or "Ste" in text or "Unit" in text:
        for m in _UNIT_RE.finditer(text):
            # "Suite 400 is where the IOP runs", "Unit 6 night shift sees ...": the subject
            # of a sentence about a building or a ward, not where someone lives.
            if m.group()[:1] in "SU" and _UNIT_AS_SUBJECT_RE.match(text, m.end()):
                continue
            # "transferred from Unit 2 to Unit 4": a hospital's wards.
            if (
                m.group()[:1] == "U"
                and _WARD_BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
                and _HOSPITAL_RE.search(doc)
            ):
                continue
            if not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if "box" in lower or "general delivery" in lower:
        for m in _ADDRESS_PO_RE.finditer(doc):
            if not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if any(map(lower.__contains__, _ADDRESS_HINTS)):
        for m in _ADDRESS_CUE_RE.finditer(doc):
            street = doc.text[m.start(1) : m.end(1)]
            if _names_a_street(street) and not _place_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("address", m.start(1), m.end(1))
    if "box" in lower or "rural" in lower or "star route" in lower or "highway contract" in lower:
        for m in _RURAL_RE.finditer(doc):
            value = doc.text[m.start() : m.end()]
            # "rte 9" alone may be a highway; a rural route needs "rural", "star",
            # "highway contract" or a box.
            if _RURAL_RE_STRICT.search(value) and not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    grid = any(map(shape.__contains__, _GRID_HINTS))
    if grid or (house_number and ("County" in text or "CTH" in text or "Co. Rd" in text)):
        for m in _GRID_ADDRESS_RE.finditer(text):
            # A plain house number counts here only on a lettered county road (the
            # other shapes are _ADDRESS_RE's and _NUMBERED_ROAD_RE's).
            if not m.group()[0].isalpha() and _HOUSE_ON_LETTER_ROAD_RE.match(m.group()) is None:
                continue
            if not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if house_number and any(map(text.__contains__, _NUMBERED_ROAD_HINTS)):
        for m in _NUMBERED_ROAD_RE.finditer(text):
            if not _place_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if "00000" in shape:
        yield from _zip_candidates(doc)
    if "zip" in lower or "postal" in lower or "post code" in lower or "postcode" in lower:
        for m in _POSTAL_CUE_RE.finditer(doc):
            if not _YEAR_ONLY_RE.match(m.group(1)) and not _place_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("zip", m.start(1), m.end(1))


def _two_streets_possible(text: str) -> bool:
    """A street suffix right before " and " / " & " ("Fifth Ave and Alder St")."""
    for needle in (" and ", " & "):
        pos = text.find(needle)
        while pos > 0:
            word = text[text.rfind(" ", 0, pos) + 1 : pos].rstrip(".")
            if word in _SUFFIX_SET:
                return True
            pos = text.find(needle, pos + 1)
    return False


def _corner_candidates(doc: _Doc) -> Iterator[_Candidate]:
    for m in _CORNER_RE.finditer(doc.text):
        if not _place_exempt(doc, m.start(), m.end()):
            yield _Candidate("address", m.start(), m.end())


def _zip_candidates(doc: _Doc) -> Iterator[_Candidate]:
    """ZIP codes: after a state (checked against its ZIPs), after a cue, or ZIP+4."""
    text, shape = doc.text, doc.shape
    found: list[tuple[int, int]] = []
    for window_start, window_end in _merged_windows(list(_digit_runs(shape, 5)), 40, 12, len(text)):
        for m in _ZIP_STATE_RE.finditer(text, window_start, window_end):
            value = m.group(2)
            city = _CITY_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()) is not None
            if len(value) > 5 and value[5] == " " and not city:
                continue
            if not _zip_fits_state(m.group(1), value, with_city=city):
                continue
            if not _place_exempt(doc, m.start(2), m.end(2)):
                found.append((m.start(2), m.end(2)))
                yield _Candidate("zip", m.start(2), m.end(2))
        for m in _ZIP_CUE_RE.finditer(doc, window_start, window_end):
            group = 1 if m.start(1) >= 0 else 2
            value = m.group(group)
            if group == 2 and (
                int(value[:3]) not in _ANY_ZIP_PREFIX or _about_billing(text, m.end(group))
            ):
                continue
            if not _place_exempt(doc, m.start(group), m.end(group)):
                found.append((m.start(group), m.end(group)))
                yield _Candidate("zip", m.start(group), m.end(group))
        for m in _ZIP_PREP_RE.finditer(doc, window_start, window_end):
            if _billing_code_covered(m):
                continue  # "Medicaid covers 90837 and 90847": billing codes, not places
            if _zip_in_prose(m.group(1), text, m.end(1)) and not _place_exempt(
                doc, m.start(1), m.end(1)
            ):
                found.append((m.start(1), m.end(1)))
                yield _Candidate("zip", m.start(1), m.end(1))
        for m in _ZIP_CITY_RE.finditer(text, window_start, window_end):
            words = m.group(1).split()
            if any(word.rstrip(".,") in _NOT_CITY for word in words) or words[0].isupper():
                continue
            if not _CITY_LEAD_RE.search(text, max(0, m.start() - 12), m.start()):
                continue
            if _zip_in_prose(m.group(2), text, m.end()) and not _place_exempt(
                doc, m.start(2), m.end(2)
            ):
                found.append((m.start(2), m.end(2)))
                yield _Candidate("zip", m.start(2), m.end(2))
    for m in _ZIP_PLACE_NOUN_RE.finditer(text):
        group = 1 if m.start(1) >= 0 else 2
        named = group == 2 and int(m.group(2)[:3]) in _ANY_ZIP_PREFIX
        if (named or _zip_in_prose(m.group(group), text, m.end(group))) and not _place_exempt(
            doc, m.start(group), m.end(group)
        ):
            found.append((m.start(group), m.end(group)))
            yield _Candidate("zip", m.start(group), m.end(group))
    if "(" in text:
        for m in _ZIP_TOWN_AFTER_RE.finditer(text):
            if _zip_fits_state(m.group(2), m.group(1), with_city=True) and not _place_exempt(
                doc, m.start(1), m.end(1)
            ):
                found.append((m.start(1), m.end(1)))
                yield _Candidate("zip", m.start(1), m.end(1))
    # A list of ZIPs ("in 27786 or 19301", "97201, 97202 and 97210"): the next ones too.
    for _, end in found:
        list_end = end
        while (m := _ZIP_LIST_RE.match(text, list_end)) and int(m.group(1)[:3]) in _ANY_ZIP_PREFIX:
            yield _Candidate("zip", m.start(1), m.end(1))
            list_end = m.end()
    if "00000-0000" in shape:
        for m in _ZIP4_RE.finditer(text):
            if int(m.group(1)[:3]) in _ANY_ZIP_PREFIX and not _place_exempt(
                doc, m.start(1), m.end(1)
            ):
                yield _Candidate("zip", m.start(1), m.end(1))
