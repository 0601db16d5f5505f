"""Licence plates beside a vehicle: by the shapes states issue and the words around them.

numbers.py finds a plate right after its own cue ("plate", "tag", "registration"). Plates
are as often written the other ways round: after the state that issued them ("Texas MKW
8821", "NY plate KGT-5521", "MA 4FZK19"), before it ("8KXT412 (CA plates)", "BZR4418,
Washington"), or as what a vehicle "is" ("the car is ALB2093", "her ex's truck, H42 8LK").
Each of those counts only in a post that speaks of a vehicle (car, truck, drives,
parked, ...), and only for a value in a plate's shape: written in capitals, five to eight
letters and digits with at most one space or dash between two groups, at least one letter
and one digit, and not a clinical or product code ("COVID-19", "ICD-10", "F-150").

Fourth round: letters alone on a vanity plate ("vanity plate literally says NOTYRMOM") or
after a state after a vehicle's word ("drives a MD SLYFOXX"), never a word, acronym or
credential; a state in parentheses right after the value needs no vehicle word
("5KDW220 (Oregon)"); a vehicle noun names its plate ("vehicle 7DWR219"). Bills ("AB
2098"), a licence by its board's prefix ("LPC 80122", "PSY28811"), a number after a
registration or record word, and the clinician's own car ("my car's plate") are not plates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import _US_STATE_ABBR, _US_STATE_NAMES, _Candidate, _CaseFree, _Doc
from detectors.identifiers.addresses import _zip_fits_state
from detectors.identifiers.wordlists import _COMMON_WORDS

# "New York NY 10018": a state and five digits in that state's ZIP prefixes is a ZIP.
_STATE_ZIP_VALUE_RE = re.compile(rf"({_US_STATE_ABBR})[ -]?(\d{{5}})")

# A post about a vehicle: the gate for every path here (a plate-shaped code elsewhere is a
# code). "licence" alone is not one: a clinician's licence number has a state beside it too.
_VEHICLE_RE = _CaseFree(
    r"(?i)\b(?:cars?|trucks?|van(?!\s+de[rn]?\b)|minivan|suv|sedan|pickup|pick-up|jeep|hatchback|coupe|"
    r"motorcycle|motorbike|vehicles?|plates?|tags|tag (?:number|no\.?|#)|registration|"
    r"campers?|rvs?|motorhomes?|"
    r"registered|drives|driving|drove|parked|parks|parking|dmv|dash ?cam|camry|civic|corolla|"
    r"accord|prius|altima|silverado|malibu|subaru|honda|toyota|ford|chevy|chevrolet|nissan|kia|"
    r"hyundai|tesla|dodge|buick|mazda|volkswagen|vw|bmw|lexus|"
    # Where plates are written down: a poster or alert for a missing person, a hit and run,
    # a parking lot, an ignition interlock; and more makes and models.
    r"poster|flyer|flier|bolo|amber alert|silver alert|missing[- ]person|hit[- ](?:and|&)[- ]run|"
    r"(?:parking|the) lot|interlock|odyssey|sienna|tacoma|tundra|rav4|cr-v|f-150|ram|wrangler|"
    r"explorer|escape|fusion|focus|equinox|tahoe|suburban|impala|cruze|charger|challenger|"
    r"durango|caravan|outback|forester|impreza|legacy|sentra|rogue|pathfinder|elantra|sonata|"
    r"tucson|optima|soul|sorento|jetta|passat|cherokee|grand cherokee|mustang|sierra|"
    r"highlander|4runner|pilot|fit|mirage|lancer|cadillac|gmc|chrysler|jaguar|audi|mercedes|"
    r"volvo|mitsubishi|acura|infiniti|lincoln|pontiac|saturn|scion|mini cooper)\b"
)
_VEHICLE_HINTS = (
    "car",
    "truck",
    "van",
    "suv",
    "sedan",
    "pick",
    "jeep",
    "hatchback",
    "coupe",
    "motor",
    "vehicle",
    "plate",
    "tag",
    "regist",
    "driv",
    "drove",
    "park",
    "dmv",
    "dash",
    "flyer",
    "alert",
    "missing",
    "and run",
    "the lot",
    "camper",
    "motorhome",
)

# A plate-shaped value, matched on the original text (plates are written in capitals): one
# group of five to eight, or two groups joined by a space or a dash.
# Tried at every token start, both shapes ("OH PJP 0496": "OH PJP" is no plate, "PJP 0496" is).
_TOKEN_START_RE = re.compile(r"(?<![\w/.-])[A-Z0-9]")
_VALUE_RES = (
    # ... Montana's and Wyoming's county number first: "MT 4-77216A", "WY 2-8841A".
    re.compile(r"[A-Z0-9]{1,4}[ -][A-Z0-9]{2,5}(?![\w-]|\.\d)|\d{1,2}-\d{4,5}[A-Z](?![\w-])"),
    re.compile(r"[A-Z0-9]{5,8}(?![\w-]|\.\d)"),
)
_STATE = rf"(?:{_US_STATE_NAMES}|{_US_STATE_ABBR})"

# What stands before a plate: its state ("Texas MKW 8821", "NY plate KGT-5521", "Illinois
# plates DL 48215", "Virginia tags UVX-9083", "Florida license JTN K47"), or a vehicle or a
# plate that "is" it ("the car is ALB2093", "a client's car, SUNNYD8", "his truck: H42 8LK",
# "plates read KM7 T22").
_STATE_BEFORE_RE = re.compile(
    rf"(?<![\w-]){_STATE}(?:'s)?\s+(?:(?:licen[cs]e\s+)?(?:plates?|tags?)(?:\s+(?:number|no\.?|#))?"
    r"\s*[:#]?\s*|licen[cs]e\s+|registration\s+)?$"
)
_VEHICLE_IS_RE = re.compile(
    r"\b(?:car|truck|van|minivan|suv|sedan|pickup|jeep|hatchback|motorcycle|vehicle|plates?|"
    r"tags?)(?:'s)?(?:\s+(?:plate|tag|number|no\.?|#))?\s*(?:(?:is|was|reads|read|says|said|"
    r"shows|showed|:|,|-|–|\()\s*)+$|"
    # A vehicle named by its plate: "vehicle 7DWR219", "respondent vehicle F20AFL", "car
    # 8MXL305".
    r"\b(?:car|truck|van|minivan|suv|sedan|pickup|vehicle|motorcycle)\s+$|"
    # What someone drives, then a comma or a parenthesis: "who drives a gray Malibu, JTR
    # 5520", "drove his old F-150 (KPL 4471)".
    r"\b(?:drives|drove|driving|drive)\s+(?:a|an|his|her|their|the)\s+(?:[\w'’-]+\s+){0,3}"
    r"[\w'’-]+\s*[,(]\s*$|"
    # A colour and a vehicle, then the plate: "(gray civic, KHT 3391)", "a white van, 7KTR218".
    r"\b(?:white|black|gr[ae]y|silver|red|blue|green|tan|gold|brown|maroon|beige|dark|navy)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:car|truck|van|minivan|suv|sedan|pickup|jeep|[a-z][\w-]{2,12})"
    r"\s*,\s*$"
)
# A vanity plate, letters alone allowed: "vanity plate literally says NOTYRMOM", "the
# vanity tag on his truck is honestly DRNKN1" (words between in lower case).
# Its value may be written in two or three groups ("reads NRSE MOM", "says GIGI 4 EVR").
_VANITY_RE = re.compile(
    r"\b(?:[Vv]anity|[Pp]ersonali[sz]ed|[Cc]ustom)\s+(?:licen[cs]e\s+)?(?:plates?|tags?)\b"
    r"(?:\s+[a-z][a-z'’]*){0,6}\s*[:,(-]?\s*[\"“']?([A-Z0-9]{1,8}(?: [A-Z0-9]{1,7}){0,2})(?![\w-])"
)
# What a plate says, letters alone allowed: "His plate literally says PHEENX", "her tag
# reads 'GRTFL1'".
_PLATE_SAYS_RE = re.compile(
    r"\b(?:[Pp]late|[Tt]ag|car|truck|van|[Jj]eep)s?\s+(?:[a-z]+\s+){0,2}(?:says|said|reads|read|"
    r"spells|spelled)\s*"
    r"[:,-]?\s*[\"“'‘]?([A-Z0-9]{2,8})(?![\w-])"
)
# The plate before its kind: "LUVMYPUG vanity plates lol".
_VANITY_BEFORE_RE = re.compile(
    r"(?<![\w-])([A-Z0-9]{4,8})\s+(?:vanity|personali[sz]ed|custom)\s+(?:licen[cs]e\s+)?(?:plates?|"
    r"tags?)\b"
)
# A vehicle's verb or noun just before a state: "drives a MD SLYFOXX", "his truck, NC ...".
_VEHICLE_BEFORE_STATE_RE = re.compile(
    r"\b(?:drives?|drove|driving|car|truck|van|suv|sedan|pickup|vehicle|plates?|tags?)\b"
    r"[\s,:]+(?:a|an|the|his|her|their)?\s*$"
)
# "the plate of the man who approached her: NZL4476".
_PLATE_OF_RE = re.compile(
    r"\b(?:plate|tag)s?(?: number)? of (?:the|a|an|his|her|their|that)\b[^.:\n]{0,60}:\s*$"
)
# What stands after one: its state ("8KXT412 (CA plates)", "BZR4418 (Washington)",
# "7TRW338, California", "H42 8LK, Oregon plates", "DFT 3091, Ohio").
# The strongest form, needing no vehicle word: the state in parentheses right after it
# ("2FAST4U (Massachusetts)", "T98-XYY (NJ)", "5KDW220 (Oregon)").
# The cheap test for a post with no vehicle hint word: a state abbreviation or name, then a
# value with a digit in a plate's shape. The state opens no word (the lookbehind is read
# after its first letter, whose "." it is): the pattern opens with a capital's class, which
# re finds with its fast search instead of trying the lookbehind at every character.
_STATE_THEN_VALUE_RE = re.compile(
    r"([A-Z](?<![\w-].)[A-Z]),? (?=[A-Z0-9 -]{0,4}\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5}(?![\w-])"
)
_STATE_ABBR_SET = frozenset(_US_STATE_ABBR.strip("(?:)").split("|"))
_STATE_PARENS_RE = re.compile(rf"\s*\(\s*{_STATE}\s*\)")
_STATE_PARENS_ANY_RE = re.compile(rf"\(\s*{_STATE}\s*\)")
# A registration or record number before it is not a plate (a licence is read by
# signature.registration_number, which knows a vehicle's licence from a clinician's).
_REGISTRATION_BEFORE_RE = re.compile(
    r"(?i)\b(?:npi|caqh|dea|board|cert(?:ification|ified)?|"
    # "memorized it in case": Y47 2QP (FL)" is the idiom, not a case number.
    r"registration|#|no\.|number|id|mrn|account|acct|claim|(?<!\bin )(?<!\bjust in )case|policy|"
    r"member)\W*$"
)
_STATE_AFTER_RE = re.compile(
    rf"\s*(?:,\s*|\(\s*)(?:registered in\s+)?{_STATE}(?:\s+(?:plates?|tags?))?(?=[,;.)]|$|\s)"
)
# Codes that look like plates: clinical scales and classifications, vehicle models.
_NOT_PLATE_RE = re.compile(
    r"^(?:COVID|ICD|DSM|CPT|PHQ|GAD|PCL|HIV|MOCA|SSRI|SNRI|ADHD|PTSD|OCD|CBT|DBT|EMDR|IOP|PHP|"
    r"F|CR|CX|RAV|HR|RX|MX|GT|SE|LE|XLE|EX|LX|SR|"
    # Bills ("AB 2098", "SB 1040") and a clinician's licence by its board's prefix ("LPC
    # 80122", "PSY28811").
    r"AB|SB|HB|LB|LD|HF|SF|LPCC?|LCSW|LMSW|LICSW|PSY|MFT|LMFT|LMHC|LCPC|LIMHP|MH|SW|LP|RN|NP|"
    r"MD|LH|LPC|LADC|CADC)[ -]?\d+(?:\.\d+)?$"
)


# Letters alone are a plate only when no word, acronym or credential reads so.
_NOT_LETTER_PLATE = frozenset(
    (
        *("HIPAA", "COVID", "LCSW", "LMFT", "LMHC", "LPCC", "LCPC", "PSYD", "EMDR", "PTSD"),
        *("ADHD", "SSRI", "SNRI", "NAMI", "SAMHSA", "URGENT", "UPDATE", "PLEASE", "THANKS"),
        *("SORRY", "NEVER", "ALWAYS", "HELP"),
    )
)


def _letter_plate(value: str) -> bool:
    return (
        5 <= len(value) <= 8
        and value.isalpha()
        and value.isupper()
        and value not in _NOT_LETTER_PLATE
        and value.lower() not in _COMMON_WORDS
    )


# Billing and classification codes in a plate's shape: HCPCS ("H2019", "G0444"), CPT
# category III ("0362T").
_CODE_SHAPE_RE = re.compile(r"^(?:[A-Z]\d{4}|\d{4}[A-Z])$")


def _plate_value(value: str) -> bool:
    if _CODE_SHAPE_RE.match(value):
        return False
    letters = sum(ch.isalpha() for ch in value)
    digits = sum(ch.isdigit() for ch in value)
    return (
        5 <= letters + digits <= 8
        and letters >= 1
        and digits >= 1
        and not _NOT_PLATE_RE.match(value)
    )


_OWN_VEHICLE_RE = re.compile(
    r"(?i)\b(?:my|our)\s+(?:own\s+)?(?:car|truck|van|minivan|suv|sedan|vehicle|plates?|tags?)\b"
)


def own_vehicle(text: str, start: int) -> bool:
    """The clinician's own car ("my car's plate is ..."): not a patient identifier."""
    return _OWN_VEHICLE_RE.search(text, max(0, start - 40), start) is not None


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """Plates after or before a state, or given as a vehicle's, in a post about a vehicle."""
    text, lower = doc.text, doc.lowered
    if doc.digits == 0 and not any(map(lower.__contains__, ("vanity", "drive", "plate", " tag"))):
        return
    hinted = any(map(lower.__contains__, _VEHICLE_HINTS))
    if (
        not hinted
        and doc.digits
        and any(m.group(1) in _STATE_ABBR_SET for m in _STATE_THEN_VALUE_RE.finditer(text))
    ):
        # No vehicle hint word, but a state before a plate-shaped value: a model's name may
        # still make it a vehicle ("his green Tahoe, NV 8ZT-115"); _VEHICLE_RE decides.
        hinted = True
    # Without a vehicle word only the strongest form can count: a state in parentheses.
    if not hinted and (doc.digits == 0 or "(" not in text or not _STATE_PARENS_ANY_RE.search(text)):
        return
    vehicle: bool | None = None if hinted else False
    if "vanity" in lower:
        for m in _VANITY_BEFORE_RE.finditer(text):
            if not own_vehicle(text, m.start(1)):
                yield _Candidate("license_plate", m.start(1), m.end(1))
    if "plate" in lower or "tag" in lower:
        for m in _PLATE_SAYS_RE.finditer(text):
            if not own_vehicle(text, m.start(1)):
                yield _Candidate("license_plate", m.start(1), m.end(1))
    if "anity" in lower or "ersonali" in lower or "ustom" in lower:
        for m in _VANITY_RE.finditer(text):
            value = m.group(1).replace(" ", "")
            if (_plate_value(value) or _letter_plate(value)) and not own_vehicle(text, m.start()):
                yield _Candidate("license_plate", m.start(1), m.end(1))
    for token in _TOKEN_START_RE.finditer(text):
        start = token.start()
        m = next(
            (v for r in _VALUE_RES if (v := r.match(text, start)) and _plate_value(v.group())),
            None,
        )
        letters_only = False
        if m is None and not (hinted and text[start : start + 5].isupper()):
            continue
        if m is None:
            m = _VALUE_RES[1].match(text, start)
            if m is None or not _letter_plate(m.group()):
                continue
            letters_only = True
        start, end = m.span()
        zip_value = _STATE_ZIP_VALUE_RE.fullmatch(text, start, end)
        if zip_value and _zip_fits_state(zip_value[1], zip_value[2], with_city=False):
            continue
        before = text[max(0, start - 40) : start]
        if _REGISTRATION_BEFORE_RE.search(before) or own_vehicle(text, start):
            continue
        state_before = _STATE_BEFORE_RE.search(before)
        if letters_only:
            # "drives a MD SLYFOXX": letters alone after a state after a vehicle's word.
            if state_before is None or not _VEHICLE_BEFORE_STATE_RE.search(
                before, 0, state_before.start()
            ):
                continue
        elif _STATE_PARENS_RE.match(text, end):
            yield _Candidate("license_plate", start, end)
            continue
        else:
            before_lower = lower[max(0, start - 80) : start] if doc.lower is not None else ""
            if not (
                state_before
                or _STATE_AFTER_RE.match(text, end)
                or _VEHICLE_IS_RE.search(before_lower)
                or _PLATE_OF_RE.search(before_lower)
            ):
                continue
        if vehicle is None:
            vehicle = _VEHICLE_RE.search(doc) is not None
        if not vehicle:
            continue
        yield _Candidate("license_plate", start, end)
