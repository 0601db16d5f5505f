"""Names of clients and their relatives, from context cues and the gazetteers; clinicians' own
names, colleagues and public figures are exempt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import (
    _NAME_TOKEN,
    _US_STATE_ABBR,
    _US_STATE_NAMES,
    _Candidate,
    clinical_context,
)
from detectors.identifiers.name_cues import (
    _AGE_AFTER_RE,
    _AUTHOR_CUES,
    _CALLINGS,
    _COLLEAGUE_AFTER_RE,
    _COLLEAGUE_WORDS,
    _COORD_AFTER_RE,
    _COORD_BEFORE_RE,
    _CREDENTIAL_AFTER_RE,
    _CULTURE_AFTER_RE,
    _HANDS_ME_RE,
    _INITIAL_AFTER_RE,
    _INITIALS_CUE_WORDS,
    _INITIALS_RE,
    _LOWER_NAME_CUES,
    _LOWER_WORD_AFTER_RE,
    _NAME_TOKEN_RE,
    _NAMES_CHANGED_HINTS,
    _NAMES_CHANGED_RE,
    _NEXT_TOKEN_RE,
    _PERSON_VERB_RE,
    _PLACE_AFTER_RE,
    _PLACE_PREPOSITIONS,
    _PLACEHOLDER_NAMES,
    _POSSESSIVE_FAMILY,
    _POSSESSIVE_WORDS,
    _PSEUDONYM_AFTER_RE,
    _PSEUDONYM_BEFORE_RE,
    _READING_RE,
    _RELATION_PAIRS,
    _RELATION_SET,
    _ROLE_SUFFIXES,
    _SELF_INTRO_AFTER_RE,
    _SELF_PAIRS,
    _SELF_WORDS,
    _SPEECH_BEFORE,
    _THANKS_HINTS,
    _TITLES,
    _TREATING_PAIRS,
    _TREATING_WORDS,
    _WITH_CONTEXT,
)
from detectors.identifiers.wordlists import (
    _AMBIGUOUS_FIRST,
    _COMMON_WORDS,
    _EVERYDAY_WORDS,
    _FIRST_NAMES,
    _LAST_NAMES,
    _NEVER_NAME,
    _PLACE_LIKE_NAMES,
    _PUBLIC_FIGURES,
    _PUBLIC_SURNAMES,
    load_words,
    us_places,
)

_VEHICLE_MAKES = frozenset(
    [
        "Ford",
        "Honda",
        "Toyota",
        "Chevy",
        "Chevrolet",
        "Nissan",
        "Subaru",
        "Hyundai",
        "Kia",
        "Dodge",
        "Buick",
        "Mazda",
        "Tesla",
        "Jeep",
        "Lexus",
        "Audi",
        "Volvo",
        "Mercedes",
        "Chrysler",
        "Cadillac",
        "Lincoln",
        "GMC",
        "Ram",
        "Acura",
        "Infiniti",
    ]
)
# A model after the make: a code with a digit ("F-150", "CR-V 2"), or a capitalised model name.
_MODEL_AFTER_RE = re.compile(
    r"\s+(?:[A-Z]{1,3}-?\d{1,4}\b|[A-Z][a-z]+(?:\s|[.,;]|$)|[A-Z]{2,3}-[A-Z]\b|Model [A-Z0-9])"
)


# A maker's name before what it makes or where it employs people: "a retired Ford line
# worker", "the Toyota plant", "a Honda dealership".
_MAKER_AFTER_RE = re.compile(
    r"\s+(?:line|plant|plants|factory|factories|assembly|dealership|dealer|dealers|worker|workers|"
    r"employee|employees|retiree|retirees|job|jobs|pension|engineer|engineers|mechanic|"
    r"truck|trucks|car|cars|van|vans|pickup|sedan|suv|motor|motors|engine|warranty)\b"
)
# An eponymous scale or rule in lower case: "the Hamilton scale", "Beck inventory scores".
_INSTRUMENT_AFTER_RE = re.compile(
    r"\s+(?:rating\s+)?(?:scale|scales|inventory|questionnaire|criteria|checklist|"
    r"maneuver|manoeuvre|score|scores|scoring)\b"
)
# A landform after a capitalised word is a region: "the Central Valley", "the North Shore",
# "the Upper Peninsula", "the Inland Empire".
_LANDFORMS = frozenset(
    (
        *("Valley", "Coast", "Shore", "Peninsula", "Plains", "Delta", "Basin", "Panhandle"),
        *("Desert", "Mountains", "Hills", "Islands", "Highlands", "Lowlands", "Range", "Gorge"),
        *("Prairie", "Piedmont", "Plateau", "Empire", "Country", "Slope", "Corridor"),
    )
)


def _extend_surname(text: str, end: int) -> int:
    """Grow a first-name span over a following surname or initial ("John S.")."""
    m = _INITIAL_AFTER_RE.match(text, end)
    if m:
        return m.end()
    m = _NEXT_TOKEN_RE.match(text, end)
    if m:
        token = m.group(1)
        if token in _LAST_NAMES or (
            token not in _NEVER_NAME and token not in _AMBIGUOUS_FIRST and token in _FIRST_NAMES
        ):
            return m.end()
    return end


def _previous_words(text: str, start: int) -> tuple[list[str], bool]:
    """The (up to three) lower-cased words before `start`, and whether a sentence ended.

    Word look-ups in sets are far cheaper than running cue regexes over the
    whole post, which is what keeps the detector at thousands of posts/s.
    """
    raw = text[max(0, start - 40) : start].split()[-3:]
    if not raw:
        return [], False
    last = raw[-1]
    sentence_ended = (
        last[-1] in ".!?" and last not in _TITLES and last.lower() not in {"pt.", "dr."}
    )
    words = [w.strip(',:;("“”[').lower() for w in raw]
    return [w for w in words if w], sentence_ended


# Someone presenting, leading or hosting at a consult group or training is a colleague:
# "Sam is presenting a case", "Priya will lead the consult group". ("Maria presented with
# low mood" is a client's presentation and does not match.)
_PRESENTER_AFTER_RE = re.compile(
    r"\s+(?:(?:is|was|will be|'s)\s+)?(?:(?:will|can|could)\s+)?"
    r"(?:presenting|present|presented|presents|leading|lead|led|leads|hosting|host|hosted|hosts|"
    r"facilitating|facilitate|facilitated|facilitates|moderating|moderate|moderated|co-leading|"
    r"co-lead|teaching|teaches|taught)\s+(?:a\s+|the\s+|our\s+|this\s+|next\s+|her\s+|his\s+|"
    r"their\s+|today'?s\s+)?(?:new\s+|tricky\s+|difficult\s+)?(?:case|cases|consult|consultation|"
    r"group|training|workshop|talk|webinar|didactic|grand rounds|journal club|session on|"
    r"seminar|module|lecture|supervision group|peer consultation)\b"
)


# First words of place names: "San Francisco", "Los Angeles", "Fort Collins".
_PLACE_STARTS = frozenset(
    # ... "Johns Hopkins" and hospital codes ("Code Lavender") name no person either.
    ("San", "Santa", "Los", "Las", "Fort", "Mount", "Port", "Saint", "Johns")
)
_STATE_RE = re.compile(_US_STATE_NAMES)
_AGED_APPOSITION_BEFORE_RE = re.compile(
    r"\b\d{1,3}\s?(?:y/?o|yo|-year-old|year-old|year old)\b[^.!?\n]{0,40},\s*[Dd]r\.?\s*$"
)
# A child's or client's age set off by commas right after the name, then what they do or
# have: "Brooklyn, 5, relapsed neuroblastoma", "Dre, 16, lives with his granny".
_AGE_APPOSITION_AFTER_RE = re.compile(
    r",\s*\d{1,3}(?:\s?(?:mo|months?|yo|y/o))?,\s+(?!(?:and|or|to|of|in|at|with|for|the)\b)[a-z]"
)
# After an age noun ("12yo Yeimi translates for her mom"), a name then a verb; not "a
# 60-year-old Pueblo man" (an adjective before a person noun).
_AGE_NOUN_SUBJECT_AFTER_RE = re.compile(
    r"\s+(?!(?:m[ae]n|wom[ae]n|boys?|girls?|males?|females?|kids?|child|students?|teens?|"
    r"vets?|veterans?|clients?|patients?|mom|dad|mother|father|refugees?|immigrants?|"
    r"speakers?|farmworkers?)\b)(?:is|was|has|had|came|comes|keeps|will|can|won't|[a-z]+(?:s|ed))\b"
)
# "Geri" for geriatric, before what it qualifies.
_GERIATRIC_AFTER_RE = re.compile(
    r"\s+(?:pt|pts|patient|patients|psych|psychiatry|unit|consult|team|service|clinic|ward|"
    r"floor|rotation|fellow)\b",
    re.IGNORECASE,
)
# A post's opening setting, then its town: "OTP, Lowell.", "IOP, Providence:".
_SETTING_TOWN_BEFORE_RE = re.compile(r"(?:^|\n)[A-Z][A-Za-z-]{1,10},\s$")
# A disaster named by its town.
_DISASTER_AFTER_RE = re.compile(
    r"\s+(?:tornado|tornadoes|flood|floods|flooding|fire|wildfire|shooting|hurricane|"
    r"earthquake|explosion|derailment|bombing|massacre|mass shooting|survivors?)\b"
)
_CONTINENTS = frozenset(("America", "Americas", "Asia", "Africa", "Europe"))
_COMPASS_WORDS = frozenset(
    (
        "central",
        "latin",
        "north",
        "south",
        "east",
        "west",
        "southeast",
        "northeast",
        "eastern",
        "western",
        "northern",
        "southern",
        "sub-saharan",
    )
)
_COMPOUND_AFTER_RE = re.compile(
    r"[A-Za-z'’]+-(?:era|born|based|speaking|american|style|area|raised|dominant|identified|"
    r"identifying|fluent|only|first|owned|run|led|affiliated|accented)\b",
    re.I,
)
_SAID_AFTER_RE = re.compile(r"\s+(?:said|says|wrote|posted|suggested|mentioned)\b")
_ABBREVIATION_NUMBER_RE = re.compile(r"\.\s*(?:No\.?|#)\s*#?\s*\d")
_FAMILY_CAPTION_RE = re.compile(r"\b([A-Z][a-z'’-]+) (?:v\.?|vs\.?) (\1)\b")
# A capitalised word after a first name, its surname maybe: "Lottie Granger is 104", "Dale
# Everhart, SSDI applicant".
_SURNAME_RE = re.compile(r"\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?")
_WHO_THEY_ARE = frozenset(("he's", "she's", "he’s", "she’s"))
# A region named after its state: "the Mississippi Delta", "the Texas Panhandle".
_STATE_REGION_BEFORE_RE = re.compile(rf"\bthe\s+{_US_STATE_NAMES}\s+$")
_STATE_WORDS = frozenset(
    word.lower() for word in _US_STATE_NAMES.strip("(?:)").replace("|", " ").split()
)
# A specialty's short form before its service: "Geri consult:", "Peds rounds", "Neuro team".
_SERVICE_AFTER_RE = re.compile(r"\s+(?:consult|consults|rounds|fellow|service|team)\b")
_SERVICE_WORDS = frozenset(
    (
        *("geri", "geriatrics", "peds", "neuro", "psych", "cardio", "endo", "onc", "ortho"),
        *("derm", "gyn", "uro", "nephro", "pulm", "rheum", "heme", "palliative", "hospice"),
    )
)
# A researcher's body of work: "Scott Miller's stuff is compelling", "Linehan's research".
_WORK_AFTER_RE = re.compile(
    r"(\s+[A-Z][\w'’-]+)?['’]s\s+(?:stuff|work|research|writing|writings|papers|articles|theory|"
    r"framework|model|book|books|materials|website|resources|videos|lectures|talks|podcast)\b|"
    # A surname's named model: "Litz's adaptive disclosure model", "Linehan's DBT manual".
    r"()['’]s\s+(?:[\w-]+\s+){0,3}?(?:model|protocol|framework|manual|workbook|scale|approach|"
    r"method|intervention|inventory)\b|"
    # ... a titled work: 'Lisa Damour's "The Emotional Lives of Teenagers"'.
    r"(\s+[A-Z][\w'’-]+)?['’]s\s+[\"“](?=[A-Z])|"
    # A full name's method or writing a few words on: "Laurel Parnell's resource tapping",
    # "Emily Nagoski's dual control model", "Maria Yellow Horse Brave Heart's work".
    r"((?:\s+[A-Z][\w'’-]+){1,4})['’]s\s+(?:[\w-]+\s+){0,3}?(?:model|protocol|framework|manual|"
    r"workbook|approach|method|technique|techniques|tapping|work|research|theory|books?|"
    r"writings?)\b|"
    # A named instrument, its acronym first: "Cornell's CSTAG flowchart", "Dozier's ABC model".
    r"(?P<acronym>)['’]s\s+(?:[\w-]+\s+){0,2}?[A-Z]{2,}[\w-]*\s+(?:[\w-]+\s+){0,2}?(?:model|"
    r"protocol|framework|manual|workbook|flowchart|guidelines?|algorithm|criteria|checklist|"
    r"scale|approach|method|tools?|program|programme|curriculum|intervention|tree|pathway|"
    r"matrix|worksheets?|handouts?)\b|"
    # A full name's titled work: "Pauline Boss's Ambiguous Loss" (checked in _titled_work).
    r"(?P<title>(?:\s+[A-Z][\w'’-]+){1,3})['’]s\s+(?P<title_words>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)"
)
# A single name's "work" or "model" is an author's in a sentence about reading ("papers beyond
# Litz 2009 and Shay's work"; "Maria's work schedule" is a client's job).
_SCHOLARSHIP_RE = re.compile(
    r"(?i)\b(?:papers?|articles?|literature|lit review|research|studies|books?|reading|"
    r"readings|cited?|citing|journals?|textbooks?)\b"
)
# Someone who wrote something: "Jonathan Abramowitz has a paper on religious OCD".
_PUBLISHED_AFTER_RE = re.compile(
    r"\s+(?:has|had|wrote|published|co-wrote|edited|authored)\s+(?:a|an|the|some|two|three|"
    r"several|great|good|nice|new|recent|classic|whole)?\s*(?:[a-z-]+\s+)?(?:paper|papers|"
    r"book|books|article|articles|chapter|chapters|study|studies|review|meta-analysis|"
    r"workbook|manual)\b"
)
# Authors listed in parentheses after what they wrote: "Narrative Exposure Therapy (Schauer,
# Neuner, Elbert)", "(Marlatt, Gordon, 1985)".
_PAREN_AUTHORS_RE = re.compile(
    r"\(\s*[A-Z][\w'’-]+(?:\s*(?:,|&|\band\b)\s*[A-Z][\w'’-]+){1,5}"
    r"(?:\s*,?\s*(?:19|20)\d\d[a-z]?)?\s*\)"
)
# Two surnames joined by "&" with no first name: authors ("beyond Dawson & Guare").
# A surname's particle: "Lock & Le Grange", "de Shazer".
_PARTICLE_WORDS = frozenset(("Le", "La", "De", "Di", "Da", "Del", "Van", "Von", "Du"))
_AMP_AFTER_RE = re.compile(
    rf"\s*&\s*(?:(?:{'|'.join(sorted(_PARTICLE_WORDS))}) )?([A-Z][a-z'’-]+)\b(?!\s+[A-Z])"
)
_AMP_BEFORE_RE = re.compile(r"\b([A-Z][a-z'’-]+)\s*&\s*$")
_AMP_BEFORE_ANY_RE = re.compile(r"&\s*$")


def _titled_work(words: str) -> bool:
    """Two capitalised words after a full name's possessive are a title ("Boss's Ambiguous
    Loss"), not a relative or a person ("Lopez's Aunt Rosa", "Ortiz's Tia Ana")."""
    first, second = words.split()
    return not any(
        word.lower() in _RELATION_SET or word in _TITLES or word in _FIRST_NAMES
        for word in (first, second)
    )


def _in_author_list(text: str, start: int, end: int) -> bool:
    """The name is one of two to six in parentheses right after a named method, most of
    them no first name: "Narrative Exposure Therapy (Schauer, Neuner, Elbert)"."""
    open_at = text.rfind("(", max(0, start - 60), start)
    if open_at < 0:
        return False
    listed = _PAREN_AUTHORS_RE.match(text, open_at)
    if listed is None or listed.end() < end:
        return False
    before = text[max(0, open_at - 40) : open_at + 1]
    if not (_METHOD_OPEN_BEFORE_RE.search(before) or _CITE_TERM_BEFORE_RE.search(before)):
        return False
    words = re.findall(r"[A-Z][\w'’-]+", listed.group())
    given = sum(word in _FIRST_NAMES or word in _AMBIGUOUS_FIRST for word in words)
    return 2 * given < len(words)


def _author_pair(text: str, start: int, end: int) -> bool:
    """One of two single words joined by "&" ("Dawson & Guare"), the other no first name."""
    after = _AMP_AFTER_RE.match(text, end)
    if after is not None:
        second = after.group(1)
        # "Dawson & Guare"; "Stanley & Brown" (both surnames, the second no first name's
        # only reading).
        return (second not in _FIRST_NAMES and second not in _AMBIGUOUS_FIRST) or (
            second in _LAST_NAMES and text[start:end] in _LAST_NAMES
        )
    before = _AMP_BEFORE_RE.search(text, max(0, start - 30), start)
    if before is None or " " in text[start:end]:
        return False
    first, second = before.group(1), text[start:end]
    # "Stanley & Brown"; "Marlatt & Gordon" (the first no first name, the second a surname).
    return (second not in _FIRST_NAMES and first in _LAST_NAMES) or (
        first not in _FIRST_NAMES and first not in _AMBIGUOUS_FIRST and second in _LAST_NAMES
    )


# Intake shorthand: an age and sex, a comma, then the person ("45M, R. Castellanos",
# "17 y/o F, Dani Ruiz").
_AGE_SEX_BEFORE_RE = re.compile(r"(?:^|[\s(])\d{1,3}\s?(?:y/?o\s?|yo\s?)?[MF],\s*(?:[A-Z]\.\s*)?$")
# A person's own detail right after a name: "Corazon Delacruz-Whitley, DOB 6/14/1979",
# "T. Brannigan, callback (555) 340-6617", "Ana Ruiz (SSN ...", "Lee Park, MRN 0091",
# "Ty (chart 1002-88-431)".
_DETAIL = (
    r"(?:DOB|D\.O\.B|date of birth|born \d|SSN|SS#|MRN|callback|cb#?|cell|phone|ph:|age \d|"
    # "Crystal (chart #88213)", "Ty (chart 1002-88-431)".
    r"chart\s*(?:#|no\.?)?\s*\d|"
    r"\d{1,3}\s?(?:y/?o|yo|[MF])\b)"
)
_DETAIL_AFTER_RE = re.compile(rf"\s*[,(]\s*{_DETAIL}")
# One pass per post: most posts hold no such detail, and then no name needs the test.
_DETAIL_ANYWHERE_RE = re.compile(rf"[,(]\s*{_DETAIL}")
_DASH_SIGN_OFF_BEFORE_RE = re.compile(r"[.!?)]\s+[—–~-]{1,2}\s*$")
# The author's team listed with the author: "(me, Jorge, and Becca)".
_TEAM_WITH_ME_BEFORE_RE = re.compile(r"\((?:me|myself|I),\s+(?:[A-Z][a-z'’-]+,?\s+)*(?:and\s+)?$")
# A form's name field, pasted: "Name: Oksana Petrenko", "Client name - Dee Rowe".
_NAME_LABEL_BEFORE_RE = re.compile(
    r"(?:^|\n|[|;(\"“])\s*(?:(?:[Cc]lient|[Pp]atient|[Pp]t|[Ff]ull|[Ll]egal|[Cc]hild'?s?|[Cc]aller|"
    r"[Pp]arent|[Gg]uardian|[Mm]other'?s?|[Ff]ather'?s?)\s+)?(?:[Nn]ame|NAME)\s*[:=-]\s*$|"
    # "Emergency contact: Dolores Whitsett (mother)"; "uses the name Cherry professionally".
    r"[Ee]mergency [Cc]ontact\s*[:=-]?\s*[\"“]?$|"
    r"\b(?:uses|used|goes by|went by) (?:the )?(?:name|alias|nickname|stage name) [\"“]?$|"
    # "(legal name still Robert Bell", "legal name Cedric Alston", "(last name Dunleavy)".
    r"\b(?:legal|last|birth|maiden|dead|family) ?name(?:\s+(?:is|was|still|now))?\s*[:=-]?\s*$"
)
# The author naming themselves to the group: "Hey, it's Marcus from the Tuesday peer group".
_FROM_GROUP_AFTER_RE = re.compile(r"\s+(?:from|with)\s+(?:the|our|my)\b")


_TEAM_ROLES = _COLLEAGUE_WORDS | {"therapist", "counselor", "counsellor", "psychologist"}
_OUR_ROLE_IS_BEFORE_RE = re.compile(r"\b(?:[Mm]y|[Oo]ur)\s+(?:[\w-]+\s+)?[\w-]+\s+(?:is|was)\s+$")
_PRACTICE_STAFF = frozenset(
    (
        *("office manager", "practice manager", "office administrator", "practice administrator"),
        *("front desk", "intake coordinator", "billing specialist", "office assistant"),
    )
)


def _name_exempt(text: str, start: int, end: int, prev: list[str]) -> bool:
    """Clinicians' own names, colleagues addressed in a reply, theorists."""
    if (
        _CREDENTIAL_AFTER_RE.match(text, end)
        or _SELF_INTRO_AFTER_RE.match(text, end)
        or _COLLEAGUE_AFTER_RE.match(text, end)
        or _CULTURE_AFTER_RE.match(text, end)
        or _PRESENTER_AFTER_RE.match(text, end)
    ):
        return True
    if _in_proper_noun_chain(text, start):
        return True
    if _SERVICE_AFTER_RE.match(text, end) and text[start:end].lower() in _SERVICE_WORDS:
        return True
    if text[start:end] in _PARTICLE_WORDS and (
        _AMP_BEFORE_ANY_RE.search(text, max(0, start - 4), start)
        or (text.endswith(" and ", 0, start) and _SURNAME_RE.match(text, end))
    ):
        return True  # "Lock & Le Grange", "Lock and Le Grange": the second author's particle
    if text.startswith(" et al", end) or text.startswith(" and colleagues", end):
        return True  # "Howard et al. 1986": an author cited
    # A sign-off after the last sentence on the same line: "... people. — Sam".
    if len(text) - end <= 3 and _DASH_SIGN_OFF_BEFORE_RE.search(text, max(0, start - 8), start):
        return True
    if "(" in text[max(0, start - 40) : start] and _TEAM_WITH_ME_BEFORE_RE.search(
        text, max(0, start - 40), start
    ):
        return True
    if (not prev or prev[-1] not in _RELATION_SET) and (
        (
            (work := _WORK_AFTER_RE.match(text, end))
            and (
                work.group(1)
                or (" " in text[start:end] and work.group("title") is None)
                or (work.group(2) is not None and text[start:end] not in _FIRST_NAMES)
                or work.group(3)
                or work.group(4)
                or work.group("acronym") is not None
                or (work.group("title") is not None and _titled_work(work.group("title_words")))
                or (
                    work.group("title") is None
                    and _SCHOLARSHIP_RE.search(text, max(0, start - 150), start) is not None
                )
            )
        )
        or _author_pair(text, start, end)
        or (
            (" " in text[start:end] or _SURNAME_RE.match(text, end))
            and _PUBLISHED_AFTER_RE.match(text, _extend_surname(text, end))
        )
        or _in_author_list(text, start, end)
    ):
        return True
    if prev:
        if prev[-1] in {"dr", "dr.", "doctor"} and len(prev) >= 2 and prev[-2] in _RELATION_SET:
            return False  # "her father, Dr. Levy": a relative who happens to be a doctor
        if _aged_doctor(text, start, prev):
            return False  # "95 y/o retired surgeon, Dr. Harold Pine,": the client
        if prev[-1] in _SELF_WORDS or prev[-1].startswith("@"):
            return True
        if prev[-1] in {"it's", "it’s"} and _FROM_GROUP_AFTER_RE.match(text, end):
            return True
        # A dash that opens a line is a sign-off ("— Sarah K."); mid-line it is punctuation.
        window_start = max(0, start - 8)
        line_before = text[text.rfind("\n", window_start, start) + 1 : start].strip()
        if (
            line_before in {"-", "--", "—", "–", "~"}
            and (window_start == 0 or "\n" in text[window_start:start])
            # ... but a list item goes on after a colon or dash: "- Jordan: urges up".
            and not _LIST_ITEM_AFTER_RE.match(text, end)
        ):
            return True
        if (
            prev[-1] in _AUTHOR_CUES
            or (len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _AUTHOR_CUES)
        ) and not text.startswith(("'s", "’s"), end):
            # "a book by Lori Gottlieb", "readings from Thema Bryant", "I've been reading
            # Roberto Olivardia" (but "been reading Maria's journal" is a client's).
            return True
        if (
            len(prev) >= 2
            and prev[-1] == "what"
            and prev[-2] in {"ditto", "with", "seconding", "echo", "echoing"}
            and _SAID_AFTER_RE.match(text, end)
        ):
            # "Ditto what Carla said", "agree with what Sam posted": a colleague in the
            # thread ("what Lucinda said at the end of group" is a client's words).
            return True
        if prev[-1] == "by" and _READING_RE.search(text, max(0, start - 120), start):
            return True  # "She's reading <title> by Lindsay Gibson"
        if len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _SELF_PAIRS:
            # "her name is Maria" is a client; "my name is Sarah" is the author.
            return not (prev[-1] in {"is", "was"} and (len(prev) < 3 or prev[-3] != "my"))
    if "(" in text[max(0, start - 40) : start + 1] and _cited(text, start, end):
        return True  # "the Safety Planning Intervention (Stanley & Brown)": authors cited
    if (
        _METHOD_OPEN_BEFORE_RE.search(text, max(0, start - 30), start)
        or _ACRONYM_OPEN_BEFORE_RE.search(text, max(0, start - 14), start)
    ) and _CLOSE_AFTER_RE.match(text, end):
        return True  # "validation therapy (Naomi Feil)": the method's author
    if "/" in text[max(0, start - 1) : end + 1] and _slashed_authors(text, start, end):
        return True  # "the Hollis/Pettigrew manual": two authors' surnames
    span = text[start:end].lower()
    if span in _PUBLIC_SURNAMES and not (prev and prev[-1] in _RELATION_SET):
        # "Linehan is a genius", "as Yalom says"; but "his mom Dana", "my client Dana" are
        # people who share a theorist's surname as a first name.
        return True
    if span in _PUBLIC_FIGURES or (prev and f"{prev[-1]} {span}" in _PUBLIC_FIGURES):
        return True
    # "Thanks for sharing, Marcus." and "my colleague Dana": colleagues, not clients.
    window_start = max(0, start - 100)
    sentence_start = max(
        text.rfind(". ", window_start, start),
        text.rfind("\n", window_start, start),
        text.rfind("? ", window_start, start),
        window_start,
    )
    sentence_before = text[max(0, sentence_start) : start].lower()
    if any(word in sentence_before for word in _THANKS_HINTS):
        return True
    if len(prev) >= 2 and prev[-2] in {"my", "our"} and prev[-1] in _COLLEAGUE_WORDS:
        return True
    if (
        len(prev) >= 2
        and prev[-1] in {"is", "was"}
        and prev[-2] in _TEAM_ROLES
        and _OUR_ROLE_IS_BEFORE_RE.search(text, max(0, start - 50), start)
    ):
        return True  # "Our family therapist is Jonah": the author's colleague
    if len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _PRACTICE_STAFF:
        return True  # "Her office manager Linda can schedule": a practice's staff
    ext = _NEXT_TOKEN_RE.match(text, end)
    if ext and f"{span} {ext.group(1).lower()}" in _PUBLIC_FIGURES:
        return True
    # A sign-off alone on the last line ("\nSarah" or "\n— Sarah K.").
    if len(text) - end <= 8 and not text[end:].strip(" .!\n\t"):
        line_start = text.rfind("\n", max(0, start - 8), start)
        return line_start >= 0 and not text[line_start + 1 : start].strip(" -—–~")
    return False


# Authors cited in parentheses: "(Stanley & Brown)" after a named model or scale, "(Linehan,
# 1993)", "(Beck et al.)", "Linehan (1993)".
# A cited surname: "Miller", "O'Hara", "McCullough", "DiClemente", "Hayes-Skelton".
_SURNAME = r"[A-Z](?:['’]?[A-Z]|[a-z]{1,2}[A-Z])?[a-z'’-]+"
_CITE_PAIR_AFTER_RE = re.compile(
    rf"\s*(?:&|and)\s+{_SURNAME}(?:\s*,?\s*(?P<year>(?:19|20)\d\d)[a-z]?)?\s*\)"
)
_CITE_YEAR_AFTER_RE = re.compile(r"(?:\s+et al\.?|,?\s*\(?(?:19|20)\d\d[a-z]?\))")
_CITE_PAIR_BEFORE_RE = re.compile(rf"\(\s*{_SURNAME}\s*(?:&|and)\s*$")
# A named model, scale or book before the parenthesis ("Intervention (", "the PCL-5 manual (").
_CITE_TERM_BEFORE_RE = re.compile(r"\b[A-Z][A-Za-z0-9-]+(?:\s+[a-z]+){0,2}\s*\(\s*$")


# A method named, then its author alone in parentheses: "validation therapy (Naomi Feil)".
_METHOD_OPEN_BEFORE_RE = re.compile(
    r"\b(?:therapy|treatment|model|approach|method|protocol|technique|framework|intervention|"
    r"manual|workbook|scale|inventory|curriculum|program|programme|assessment|rating|index|"
    r"screener|checklist|questionnaire|guidelines|toolkit)\s*\(\s*$",
    re.IGNORECASE,
)
# ... or an instrument's acronym of three capitals or more: "Using CSTAG (Cornell)".
_ACRONYM_OPEN_BEFORE_RE = re.compile(r"\b[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)?\s*\(\s*$")
_CLOSE_AFTER_RE = re.compile(r"(?:\s+[A-Z][\w'’-]+){0,2}\s*(?:,\s*(?:19|20)\d\d[a-z]?)?\s*\)")
_SLASH_AFTER_RE = re.compile(r"/([A-Z][a-z'’-]+)\b")
_SLASH_BEFORE_RE = re.compile(r"\b([A-Z][a-z'’-]+)/$")


def _slashed_authors(text: str, start: int, end: int) -> bool:
    """Two surnames joined by a slash, not both first names: "Martell/Dimidjian", "Dawson/
    Guare" (but "Maria/Jose" are two people)."""
    after = _SLASH_AFTER_RE.match(text, end)
    before = _SLASH_BEFORE_RE.search(text, max(0, start - 30), start)
    other = after.group(1) if after else before.group(1) if before else None
    if other is None or other in _AMBIGUOUS_FIRST:
        return False
    return text[start:end] not in _FIRST_NAMES or other not in _FIRST_NAMES


def _cited(text: str, start: int, end: int) -> bool:
    if _CITE_YEAR_AFTER_RE.match(text, end):
        return True
    before = text[max(0, start - 40) : start]
    pair_after = _CITE_PAIR_AFTER_RE.match(text, end)
    if pair_after:
        # "(Stuart & O'Hara, 2008)": with a year the pair is a citation wherever it stands.
        if pair_after.group("year"):
            return text[max(0, start - 2) : start].strip().endswith("(")
        return _CITE_TERM_BEFORE_RE.search(before) is not None
    pair = _CITE_PAIR_BEFORE_RE.search(before)
    if pair and re.match(r"\s*(?:,?\s*(?:19|20)\d\d[a-z]?)?\s*\)", text[end : end + 10]):
        return (
            _CITE_TERM_BEFORE_RE.search(text, max(0, start - 80), start - len(pair.group()) + 1)
            is not None
        )
    return False


def _in_proper_noun_chain(text: str, start: int) -> bool:
    """True when the word before is part of a longer proper noun ("Hazelden Betty
    Ford", "VA Roseburg", "Hurricane Helene"): an organisation, place or event.

    Only a capitalised word in mid-sentence counts, so "Yesterday Maria called"
    and "Client Maria" are not chains.
    """
    before = text[max(0, start - 30) : start]
    if not before.endswith(" ") or before.endswith("  "):
        return False
    words = before.split()
    if not words:
        return False
    word = words[-1]
    if not word[:1].isupper() or not word.isalpha():
        return False
    if word in _NEVER_NAME or word in _TITLES:
        return False
    if word.lower() in _RELATION_SET:
        # "her Twin Maya" is a relative; "the Twin Cities" (a capitalised relation word
        # before a plural that is not a first name) is a place.
        token = _NAME_TOKEN_RE.match(text, start)
        name = token.group() if token else ""
        if not (name.endswith("s") and name not in _FIRST_NAMES and len(words) >= 2):
            return False
    if word in _FIRST_NAMES or word in _AMBIGUOUS_FIRST:
        return False  # "Mary Ann", "Anna Maria": a double first name
    if len(words) < 2:
        return False  # the first word of the post starts a sentence
    previous = words[-2]
    return previous[-1:] not in '.!?:"“' and previous.lower() not in {"-", "—", "–"}


def _treating_cue(prev: list[str]) -> bool:
    if prev[-1] in _TREATING_WORDS:
        return True
    if prev[-1] == "with" and len(prev) >= 2 and prev[-2] in _WITH_CONTEXT:
        return True  # "therapy with Maddie", "EMDR with Giselle", "talked with Sam"
    return len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _TREATING_PAIRS


# "her 14yo Tyler", "his 8-year-old Mia": an age noun names the child after it.
_AGE_NOUN_RE = re.compile(r"\d{1,2}(?:yo|y/o|-?year-old|-?yr-old|-?month-old|mo)")


def _strong_cue(prev: list[str], sentence_ended: bool) -> bool:
    if not prev or sentence_ended:
        return False
    # "great-grandson Kekoa", "great-great-aunt Lupe": the relation under its prefix.
    word = prev[-1]
    while word.startswith("great-"):
        word = word[len("great-") :]
    if word in _RELATION_SET:
        return True
    if _AGE_NOUN_RE.fullmatch(word) and len(prev) >= 2:
        # Whose child: "her 14yo Tyler" (not "a 60-year-old Pueblo man", an adjective).
        owner = prev[-2]
        if owner in {"her", "his", "their", "my", "our", "your"} or owner.endswith(("'s", "’s")):
            return True
    return len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _RELATION_PAIRS


def _possessive_word(text: str, end: int) -> str:
    if text[end : end + 2] not in ("'s", "’s"):
        return ""
    rest = text[end + 2 : end + 30].split(None, 1)
    return rest[0].strip(",.;:").lower() if rest else ""


_ABSTRACT_SUFFIXES = ("ing", "ings", "ness", "ance", "ence", "ship", "hood")


def _unknown_word(token: str) -> bool:
    """A capitalised word that is neither a known name nor an everyday word.

    Role nouns ("Supervisee", "Prescriber", "Pediatrician") look like unknown
    names; real names with those endings are in the gazetteer already.
    """
    return (
        len(token) >= 3
        and not token.endswith(_ROLE_SUFFIXES)
        # Gerunds and abstract nouns opening a sentence ("Staffing is 6 per shift",
        # "Housing fell through"); short names ending so ("Ming", "Jing") stay.
        and not (len(token) >= 7 and token.endswith(_ABSTRACT_SUFFIXES))
        and token not in _NEVER_NAME
        and token not in _AMBIGUOUS_FIRST
        and token.lower() not in _COMMON_WORDS
        # An everyday English word no name gazetteer holds ("Rural", "Principal", "Precinct").
        and token.lower() not in _EVERYDAY_WORDS
        and not _everyday_gerund(token)
    )


def _everyday_gerund(token: str) -> bool:
    """An everyday verb's -ing form opening a sentence ("Using Linehan's materials", "Having
    Okafor's notes"): not a name, unless a gazetteer has it ("Manning", "Fielding")."""
    if not token.endswith("ing") or token in _LAST_NAMES or token in _FIRST_NAMES:
        return False
    stem = token[:-3].lower()
    return (
        (len(stem) >= 3 and stem in _COMMON_WORDS)
        or (len(stem) >= 2 and f"{stem}e" in _COMMON_WORDS)
        or (len(stem) >= 4 and stem[-1] == stem[-2] and stem[:-1] in _COMMON_WORDS)
    )


# Named hurricanes and typhoons that clinicians' posts return to (the names retired from the
# Atlantic and eastern Pacific lists since 1990 and a few earlier), in a post that speaks of
# a hurricane: "many had already been through Laura and Delta in 2020".
_STORM_NAMES = load_words("storm_names.txt")
_STORM_POST_RE = re.compile(r"(?i)\b(?:hurricanes?|typhoons?|storms?|landfall)\b")
_PRONOUN_AFTER_RE = re.compile(r" (?:she|he|they|I|we|you|it|this|that|there|her|his)\b")


# Words after which a US town or state's name is the place ("in Tulsa", "near Redmond",
# "in rural Kansas"), read against the GeoNames list (`wordlists.us_places`). "from" counts
# only for a town that is not also a first name ("a text from Cody" is a person).
_TOWN_PREPOSITIONS = frozenset(("in", "near", "outside", "around", "across", "visiting"))
_TOWN_ADJECTIVES = frozenset(
    (
        "rural",
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "downtown",
        "upstate",
        "suburban",
        "greater",
        "coastal",
        "small-town",
    )
)
_TOWN_RUN_RE = re.compile(r"(?:(?:St|Ft|Mt)\. )?[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,3}")


# A town before its state's code and ZIP on an address line: "Ste 4, Lake Charles LA 70601".
_STATE_ZIP_AFTER_RE = re.compile(rf",?\s(?:{_US_STATE_ABBR})\s+\d{{5}}(?:-\d{{4}})?\b")


def _us_place_end(text: str, start: int, prev: list[str]) -> int | None:
    """Where a US town or state named at `start` ends, when a place word stands before it
    (or its state's code and a ZIP after it) and the whole capitalised run is the place
    ("in Tyler Brooks's words" is a person)."""
    last = prev[-1] if prev else ""
    after_place_word = (
        last in _TOWN_PREPOSITIONS
        or last == "from"
        or (last in _TOWN_ADJECTIVES and len(prev) >= 2 and prev[-2] in _TOWN_PREPOSITIONS)
    )
    run = _TOWN_RUN_RE.match(text, start)
    if run is None:
        return None
    name = run.group()
    state_zip = _STATE_ZIP_AFTER_RE.match(text, run.end()) is not None
    if not (after_place_word or state_zip) or name not in us_places():
        return None
    if not state_zip and last == "from" and (name in _FIRST_NAMES or name in _AMBIGUOUS_FIRST):
        return None
    return run.end()


_STREET_WORD_RE = re.compile(r"\s+(?:Street|St|Avenue|Ave|Road|Park)\b")
# Who a named person is, after a comma: ", his sister", ", the client's father", ", her
# grandson".
_RELATION_APPOSITION_AFTER_RE = re.compile(
    r",\s+(?:his|her|their|my client's|my client’s|the client's|the client’s|client's|"
    r"client’s|pt's|pt’s)\s+(?:older\s+|younger\s+|little\s+|big\s+|twin\s+|ex-?)?(?:"
    + "|".join(
        sorted(
            (re.escape(w) for w in _RELATION_SET if w.isalpha() and len(w) > 2),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
# Where a stay or an admission happened: a facility, not a person ("admitted to Kirby",
# "Medically cleared after 2 days at Sanford Worthington", "was Baker Acted to Jackson").
_FACILITY_PREPOSITIONS = frozenset(("at", "to", "from"))
_FACILITY_BEFORE_RE = re.compile(
    r"(?i)\b(?:admi(?:tted|ssions?|t)|transferred|discharged|cleared|stays?|stayed|days|weeks|"
    r"nights|inpatient|detox|rehab|hospitali[sz]ed|committed|acted|bed)\b"
    r"(?:[\s,]+[\w'’-]+){0,5}?,?\s+(?:at|to|from)\s+$"
)
# Officials named by their office and surname alone are not a client or relative ("Pastor
# Greene", "Judge Hatfield", "Deputy Simmons"); with a first name ("Officer Dana Kessler", a
# client's probation officer) or a relation before the office ("His uncle Officer Reyes") the
# rules decide as for anyone.
_OFFICIALS = frozenset(
    (
        *("judge", "magistrate", "deputy", "sheriff", "trooper", "detective", "det."),
        *("officer", "pastor", "chaplain", "principal", "coach", "warden"),
    )
)
# Roles that name lists also hold as names: with no strong cue (a title, a relation, "my
# client"), a role doing what a person does is the role ("Judge wants", "Captain said").
_ROLE_WORDS = frozenset(
    (
        *("Judge", "Pastor", "Bishop", "Sheriff", "Deacon", "Major", "Mayor", "Trooper"),
        *("Ranger", "Chief", "Coach", "Warden", "Officer", "Captain", "Imam", "Sarge"),
    )
)
# A list item's opening (a bullet or a number, maybe an initial), and after the person a
# colon or a spaced dash: "- Kayla M.: ...", "1) Guadalupe M. - PHQ 22", "- T. Abernathy:".
_LIST_ITEM_BEFORE_RE = re.compile(r"(?:^|\n|\s)(?:[-•*▪]|\d{1,2}[.)])[ \t]+(?:[A-Z]\.[ \t]?)?$")
_LIST_ITEM_AFTER_RE = re.compile(
    r"(?:[ \t]+[A-Z]\.|[ \t]+[A-Z][a-z'’-]+)?[ \t]*(?::|[ \t][-–—])[ \t]+(?=\S)"
)
# An institution's acronym joined to its town: "UW-Madison", "UNC-Charlotte", "SUNY-Albany".
_ACRONYM_HYPHEN_BEFORE_RE = re.compile(r"\b[A-Z]{2,5}-$")
# A direction before a people or a region: "Northern Cheyenne", "West Texas", "East Harlem".
_CAPITAL_COMPASS = frozenset(word.capitalize() for word in _COMPASS_WORDS)


def _place_run_end(text: str, start: int, prev: list[str]) -> int | None:
    """Where a place that the capitalised word at `start` ends or continues ends, whatever
    stands before it: the word is the rest of a US town or a country whose first words come
    just before it ("Pine Ridge", "East Orange", "South Bend"), the second of two towns ("in
    Bend or Redmond"), a town an acronym is joined to ("UW-Madison"), or the people or region
    after a direction ("Northern Cheyenne"). A relative's or a title's name is not asked."""
    if prev and (prev[-1] in _RELATION_SET or prev[-1].rstrip(".").capitalize() in _TITLES):
        return None
    run = _TOWN_RUN_RE.match(text, start)
    if run is None:
        return None
    words = run.group().split()
    # What stands before the word on its own line.
    before = text[max(text.rfind("\n", 0, start) + 1, start - 40) : start]
    if _ACRONYM_HYPHEN_BEFORE_RE.search(before):
        return start + len(words[0])
    raw = before.split()[-2:]
    if raw and raw[-1] in _CAPITAL_COMPASS and before.endswith(" "):
        return start + len(words[0])
    places = us_places()
    # Up to two capitalised words just before.
    lead: list[str] = []
    for word in reversed(raw):
        if not word[:1].isupper() or not word.isalpha():
            break
        lead.insert(0, word)
    for count in range(len(lead), 0, -1):
        for size in range(len(words), 0, -1):
            name = " ".join([*lead[-count:], *words[:size]])
            if name in places or name in _COUNTRIES:
                return start + len(" ".join(words[:size]))
    # "in Bend or Redmond": a town after a town and "or"/"and".
    if (
        len(prev) >= 3
        and prev[-1] in {"or", "and"}
        and prev[-3] in _TOWN_PREPOSITIONS
        and prev[-2].capitalize() in places
        and words[0] in places
    ):
        return start + len(words[0])
    return None


# Countries and capitals (scripts/build_place_lists.py): "an international student from
# China", "moved back to Jordan", "in Chad" are places; "a text from Chad" and "talked to
# Chad" are a person.
_COUNTRIES = load_words("countries.txt")
_COUNTRY_PREPOSITIONS = frozenset(("in", "near", "outside", "across", "visiting", "from", "to"))
# Before "from": what a person sends or gives ("a text from", "heard from").
_FROM_A_PERSON = frozenset(
    (
        *("text", "texts", "call", "calls", "email", "emails", "message", "messages", "letter"),
        *("letters", "note", "card", "voicemail", "vm", "dm", "dms", "gift", "hug", "visit"),
        *("visits", "heard", "hear", "hearing", "news", "word", "update", "reply", "answer"),
        *("apology", "request", "permission", "consent", "referral", "complaint", "support"),
    )
)
# Before "to": going somewhere ("moved back to Jordan", "deported to Haiti").
_TO_A_PLACE = frozenset(
    (
        *("moved", "move", "moving", "moves", "went", "go", "going", "goes", "back", "return"),
        *("returned", "returning", "fled", "flee", "deported", "emigrated", "immigrated", "flew"),
        *("fly", "flying", "trip", "travel", "traveled", "travelled", "traveling", "relocated"),
        *("relocating", "drove", "drive", "driving", "headed", "heading", "flight", "ticket"),
        *("tickets", "way", "came", "come", "coming", "visa", "mission", "deployed"),
    )
)


def _country_place(text: str, start: int, prev: list[str]) -> int | None:
    """Where a country or capital named at `start` ends, when a place word stands before it."""
    if not prev or prev[-1] not in _COUNTRY_PREPOSITIONS:
        return None
    before = prev[-2] if len(prev) >= 2 else ""
    if prev[-1] == "from" and before in _FROM_A_PERSON:
        return None
    if prev[-1] == "to" and before not in _TO_A_PLACE:
        return None
    run = _TOWN_RUN_RE.match(text, start)
    if run is None:
        return None
    words = run.group().split()
    # The longest run of capitalised words that is a country: "Abu Dhabi", "China".
    for count in range(len(words), 0, -1):
        if " ".join(words[:count]) in _COUNTRIES:
            return start + len(" ".join(words[:count]))
    return None


def _name_candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    taken_until = -1
    tokens = list(_NAME_TOKEN_RE.finditer(text))
    detail_possible = _DETAIL_ANYWHERE_RE.search(text) is not None
    storm_post: bool | None = None  # read at the first storm name
    for m in tokens:
        token = m.group()
        start, end = m.span()
        if start < taken_until:
            continue
        if (
            token not in _FIRST_NAMES
            and token not in _AMBIGUOUS_FIRST
            and (token in _NEVER_NAME or token.lower() in _COMMON_WORDS)
        ):
            continue  # "The", "Would", "Therapy": no cue makes these a name
        # Words that are never names here, except a name-like word after a
        # strong cue ("her husband Bill", "her daughter April").
        never = token in _NEVER_NAME
        if token in _VEHICLE_MAKES and _MODEL_AFTER_RE.match(text, end):
            continue  # "a 2015 Ford F-150", "her Honda Civic": a vehicle, not a person
        if token in _LANDFORMS and _capitalised_word_before(text, start):
            continue  # "the Central Valley", "the North Shore": a region
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@_/\\'’."):
            continue
        if end < len(text) and (text[end].isupper() or text[end].isdigit()):
            continue  # part of a camel-case word or code: "MoCA", "PsyD", "McMaster4"
        if _abbreviation_before_number(text, end):
            continue  # an abbreviation before a number: "Reg. No. 48826-180"
        if "-" in text[start : end + 1] and _COMPOUND_AFTER_RE.match(text, start, end + 12):
            continue  # "Vietnam-era", "Haitian-born", "Denver-based": not a person
        if text[max(0, start - 5) : start] == "Code ":
            continue  # a hospital's code: "Code Lavender", "Code Blue"
        if token in _PLACE_STARTS:
            continue  # "San Francisco", "Los Angeles", "Fort Collins": a place
        if token == "Geri" and _GERIATRIC_AFTER_RE.match(text, end):  # noqa: S105
            continue  # "Geri pt, 84", "Geri psych consult": geriatric
        if (
            text[end : end + 1] in (".", ":")
            and _SETTING_TOWN_BEFORE_RE.search(text, max(0, start - 12), start)
            and token in us_places()
        ):
            continue  # "OTP, Lowell. 41F on methadone": the setting's town
        if _DISASTER_AFTER_RE.match(text, end) and token in us_places():
            continue  # "Selma tornado survivors", "the Paradise fire": the town's disaster
        prev, sentence_ended = _previous_words(text, start)
        if (
            prev
            and prev[-1] in _COMPASS_WORDS
            and (token in _CONTINENTS or _STATE_RE.fullmatch(token))
        ):
            continue  # "Central America", "West Africa", "western Kentucky": a region
        if token.lower() in _OFFICIALS and _SURNAME_RE.match(text, end):
            continue  # "Judge" in "Judge Hatfield": the office
        if (
            prev
            and prev[-1] in _OFFICIALS
            and _SURNAME_RE.match(text, end) is None
            and not (len(prev) >= 2 and prev[-2] in _RELATION_SET)
        ):
            continue  # "Judge Hatfield wants it in 30 days", "Deputy Simmons": an official
        raw_prev = text[max(0, start - 14) : start].split()
        # "(Mrs. Thibodeaux)": the title may open a parenthesis or a quote.
        title = raw_prev[-1].lstrip("([\"“'‘") if raw_prev else ""
        titled = title in _TITLES or (
            title in _CALLINGS
            and (
                token in _FIRST_NAMES
                or token in _AMBIGUOUS_FIRST
                or token in _LAST_NAMES
                or _unknown_word(token)
            )
        )
        if titled and token == "Rogers" and raw_prev[-1] in ("Mr.", "Mr", "Mister"):  # noqa: S105
            continue  # Mister Rogers, quoted in grief and child work
        # "95 y/o retired surgeon, Dr. Harold Pine, is in my practice": a doctor who is the
        # client, named after the client's age (and not exempt as a colleague, below).
        strong = titled or _strong_cue(prev, sentence_ended) or _aged_doctor(text, start, prev)
        if (
            not strong
            and text.startswith(",", end)
            and (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST or _unknown_word(token))
            and _AGE_APPOSITION_AFTER_RE.match(text, end)
            # ("a teen in rural Kansas, 15, ...", "a student from China, 20": where they live.)
            and not (prev and (prev[-1] in _COUNTRY_PREPOSITIONS or prev[-1] in _TOWN_ADJECTIVES))
            and not _STATE_RE.fullmatch(token)
            and token not in _COUNTRIES
        ):
            strong = True  # "Brooklyn, 5, relapsed": the child, not the borough
        if (
            not strong
            and prev
            and not sentence_ended
            and _AGE_NOUN_RE.fullmatch(prev[-1])
            and (token in _FIRST_NAMES or _unknown_word(token))
            and _AGE_NOUN_SUBJECT_AFTER_RE.match(text, end)
        ):
            strong = True  # "12yo Yeimi translates for her mom"
        if not strong and prev and prev[-1] in _PLACE_PREPOSITIONS and _STATE_RE.fullmatch(token):
            continue  # "my old supervisor in Texas said never": the state
        if not strong and token in _STORM_NAMES:
            if storm_post is None:
                storm_post = _STORM_POST_RE.search(text) is not None
            if storm_post:
                continue  # "went through Michael in 2018", "after Hurricane María and then Fiona"
        if not strong and token == "Will" and _PRONOUN_AFTER_RE.match(text, end):  # noqa: S105
            continue  # "Will she be like this forever?": the verb
        if not strong and text.startswith(" family therap", end):
            continue  # "Structural family therapy", "Bilingual family therapy": a modality
        if not strong and token in _VEHICLE_MAKES and _MAKER_AFTER_RE.match(text, end):
            continue  # "a retired Ford line worker", "the Toyota plant": the maker
        if not strong and _INSTRUMENT_AFTER_RE.match(text, end):
            continue  # "the Hamilton scale", "Beck inventory": an eponymous instrument
        if not strong and (place_end := _country_place(text, start, prev)):
            taken_until = place_end  # "a student from China", "moved back to Jordan"
            continue
        if not strong and (place_end := _us_place_end(text, start, prev)):
            taken_until = place_end  # "a counselor in Lake Charles", "Meets in Sidney"
            continue
        if not strong and (place_end := _place_run_end(text, start, prev)):
            taken_until = place_end  # "Pine Ridge:", "in East Orange", "UW-Madison"
            continue
        if token == "Eve" and prev and prev[-1] in {"christmas", "year's", "year’s"}:  # noqa: S105
            continue  # "Christmas Eve", "New Year's Eve": a day
        if never and not (
            token in _AMBIGUOUS_FIRST and (strong or _PERSON_VERB_RE.match(text, end))
        ):
            continue  # "in May" is a month; "her widow June", "June asked" are people
        if (
            not strong
            and prev
            and prev[-1] == "the"
            and token.endswith("s")
            and token[:-1] in _LAST_NAMES
            and token[:-1].lower() not in _COMMON_WORDS
        ):
            strong = True  # "the Garcias", "the Nguyens": a family by surname
        if (
            not strong
            and prev
            and prev[-1] in _WHO_THEY_ARE
            and (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST)
            and (surname := _SURNAME_RE.match(text, end)) is not None
            and text[surname.end() : surname.end() + 2].lstrip()[:1] == ","
        ):
            strong = True  # "He's Dale Everhart, SSDI applicant": who the client is
        if (
            not strong
            and not sentence_ended
            and len(prev) >= 2
            and prev[-1] in {"is", "was"}
            and prev[-2] in _RELATION_SET
            and (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST or _unknown_word(token))
        ):
            strong = True  # "the 8yo's mom is Rose Delacroix-Hayes"
        if (
            not strong
            and prev
            and not sentence_ended
            and _treating_cue(prev)
            and not _capitalised_word_before(text, start)
        ):
            # "I've been seeing Janelle", "working with Tomas": the clinician's client.
            strong = not token.endswith("s") or token in _FIRST_NAMES
        possessive = _possessive_word(text, end)
        if (possessive in _POSSESSIVE_FAMILY and token.lower() not in _EVERYDAY_WORDS) or (
            (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST) and possessive in _POSSESSIVE_WORDS
        ):
            strong = True
        if not strong and prev and prev[-1] in _SPEECH_BEFORE and not sentence_ended:
            # "says Becker", "according to Okafor": a speaker is a person.
            strong = token in _LAST_NAMES or _unknown_word(token)
        if not strong and (
            _AGE_SEX_BEFORE_RE.search(text, max(0, start - 20), start)
            # A form's field, pasted: "Name: Oksana Petrenko".
            or (
                _NAME_LABEL_BEFORE_RE.search(text, max(0, start - 24), start)
                and token not in _NEVER_NAME
            )
            or (
                token not in _NEVER_NAME
                and token.lower() not in _RELATION_SET
                and detail_possible
                # (Not a topic opening a post: "Hoarding, 70yo man"; the everyday words
                # hold no gazetteer name.)
                and token.lower() not in _EVERYDAY_WORDS
                and not (
                    len(token) >= 7
                    and token.endswith(_ABSTRACT_SUFFIXES)
                    and token not in _FIRST_NAMES
                    and token not in _LAST_NAMES
                )
                and _DETAIL_AFTER_RE.match(text, _extend_surname(text, end))
            )
            # A relative named, then who they are: "transferred to Dolores, his sister".
            or (
                token not in _NEVER_NAME
                and (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST or _unknown_word(token))
                and _RELATION_APPOSITION_AFTER_RE.match(text, _extend_surname(text, end))
            )
            # A list item that opens with a person and a colon or dash: "- Kayla M.: 3
            # missed groups", "2) Shlomo - OCD, waitlist".
            or (
                # (Not a word that is also a name: "- Grace: a talk on self-compassion".)
                (token in _FIRST_NAMES or token in _LAST_NAMES or _unknown_word(token))
                and token not in _AMBIGUOUS_FIRST
                and _LIST_ITEM_BEFORE_RE.search(text, max(0, start - 9), start)
                and _LIST_ITEM_AFTER_RE.match(text, end)
            )
        ):
            # Intake shorthand: "45M, R. Castellanos, DOB ...", "Corazon Delacruz-Whitley,
            # DOB 6/14/1979", "caller T. Brannigan, callback (555) ...".
            strong = True
        if not strong and (token in _AMBIGUOUS_FIRST or _unknown_word(token)):
            # "Khalil was 16", "Mark (16F)", "Fatima (client)": an age or role
            # right after a capitalised word marks a person ("Lottie Granger is 104": after
            # the surname too).
            strong = _AGE_AFTER_RE.match(text, end) is not None or (
                (surname := _SURNAME_RE.match(text, end)) is not None
                and _AGE_AFTER_RE.match(text, surname.end()) is not None
            )
        if not strong and token in _ROLE_WORDS:
            continue  # "Judge wants a one-page summary", "Sheriff called": a role, not a name
        if (
            not strong
            and prev
            and prev[-1] in _FACILITY_PREPOSITIONS
            and _FACILITY_BEFORE_RE.search(text, max(0, start - 60), start)
            and not _PERSON_VERB_RE.match(text, end)
            # ("She stayed at Maria's place": someone's home.)
            and not text.startswith(("'s", "’s"), end)
        ):
            continue  # "two prior admissions ... one at Kirby", "2 days at Sanford": a hospital
        if not strong:
            if token in _FIRST_NAMES:
                pass
            elif token in _AMBIGUOUS_FIRST:
                # "Hope reported ..." or "Grace Thompson": a verb or surname settles it.
                nxt = _NEXT_TOKEN_RE.match(text, end)
                if not (
                    _PERSON_VERB_RE.match(text, end)
                    or (
                        nxt and nxt.group(1) in _LAST_NAMES and nxt.group(1) not in _AMBIGUOUS_FIRST
                    )
                ):
                    continue
            elif (
                token in _LAST_NAMES
                and token.lower() not in _COMMON_WORDS
                and _PERSON_VERB_RE.match(text, end)
                and not token.endswith("s")
            ):
                pass  # a surname doing what a person does: "Okafor came in intoxicated again"
            elif _unknown_word(token):
                # Unknown word + known surname ("DeShawn Savage"), or + a verb
                # of reporting ("Lupe disclosed"). Plurals ("Parents said") are not people.
                nxt = _NEXT_TOKEN_RE.match(text, end)
                if not (
                    (
                        nxt
                        and nxt.group(1) in _LAST_NAMES
                        and nxt.group(1).lower() not in _COMMON_WORDS
                        and nxt.group(1) not in _AMBIGUOUS_FIRST
                    )
                    or (
                        (_PERSON_VERB_RE.match(text, end) or _HANDS_ME_RE.match(text, end))
                        and not token.endswith("s")
                    )
                    or _acting_mid_sentence(text, token, end, prev, sentence_ended)
                ):
                    continue
            else:
                continue
            if prev and prev[-1] in _PLACE_PREPOSITIONS and token in _PLACE_LIKE_NAMES:
                continue
        if _PLACE_AFTER_RE.match(text, end) or _state_region(text, start, prev):
            continue
        if (
            not strong
            and (nxt := _NEXT_TOKEN_RE.match(text, end)) is not None
            and nxt.group(1) not in _FIRST_NAMES
            # (Not a state after a comma: "Tyrone Gaskins, ID DOC 319774" is a person.)
            and not text.startswith(",", nxt.end())
            and (named := _PLACE_AFTER_RE.match(text, nxt.end())) is not None
            # ... on the same line, and not a street ("on Isaac Lodge Street" is a place
            # of the person's).
            and "\n" not in named.group()
            and not _STREET_WORD_RE.match(named.group())
        ):
            taken_until = nxt.end()  # "the Ryan Haight Act", "Sanford Worthington Medical"
            continue
        if not possessive:
            end = _extend_surname(text, end)
            # A full name before what it names: "Charles Bonnet syndrome", "Marsha
            # Linehan Institute".
            if _PLACE_AFTER_RE.match(text, end):
                taken_until = end
                continue
        if (not titled and _name_exempt(text, start, end, prev)) or (
            titled and _COLLEAGUE_AFTER_RE.match(text, end)
        ):
            taken_until = end  # the surname of an exempt name is exempt too
            continue
        taken_until = end
        found.append(_Candidate("name", start, end))
    if any(map(text.__contains__, _NICKNAME_WORDS)) and _NICKNAME_GATE_RE.search(text):
        found.extend(_nickname_candidates(text))
    found.extend(_lower_case_names(text, found))
    if '"' in text or "“" in text:
        found.extend(_quoted_alias_candidates(text))
    if any(map(text.__contains__, _VIETNAMESE_MIDDLE_GATES)):
        found.extend(_Candidate("name", *m.span()) for m in _VIETNAMESE_NAME_RE.finditer(text))
    if ", " in text:
        found.extend(_apposed_candidates(text))
    if "." in text:
        found.extend(_initials_candidates(text))
    if " v" in text:
        # A family court's caption names the family: "Pemberton v. Pemberton".
        for m in _FAMILY_CAPTION_RE.finditer(text):
            found.extend((_Candidate("name", *m.span(1)), _Candidate("name", *m.span(2))))
        # A criminal case's caption names the defendant: "Commonwealth v. Beaulieu".
        for m in _PEOPLE_CAPTION_RE.finditer(text):
            found.append(_Candidate("name", *m.span(1)))
    if "," in text:
        found.extend(_chart_header_candidates(text))
    if found:
        found.extend(_name_followups(text, found, tokens))
    return found


def _aged_doctor(text: str, start: int, prev: list[str]) -> bool:
    """A doctor named in apposition after the client's age: "a 95 y/o retired surgeon, Dr.
    Harold Pine, ..." is the client."""
    return (
        bool(prev)
        and prev[-1] in {"dr", "dr."}
        and _AGED_APPOSITION_BEFORE_RE.search(text, max(0, start - 70), start) is not None
    )


def _abbreviation_before_number(text: str, end: int) -> bool:
    """The word ending at `end` abbreviates a number's name: "Reg. No. 48826-180"."""
    return text.startswith(". ", end) and _ABBREVIATION_NUMBER_RE.match(text, end) is not None


def _state_region(text: str, start: int, prev: list[str]) -> bool:
    """A region named after its state: "the Mississippi Delta", "the Texas Panhandle"."""
    return (
        bool(prev)
        and prev[-1] in _STATE_WORDS
        and bool(_STATE_REGION_BEFORE_RE.search(text, max(0, start - 30), start))
    )


def _capitalised_word_before(text: str, start: int) -> bool:
    """The word before is capitalised mid-sentence: "the Counseling Compact" is a title, and
    its "Counseling" no treating verb."""
    words = text[max(0, start - 24) : start].split()
    return (
        bool(words) and words[-1][:1].isupper() and len(words) >= 2 and words[-2][-1:] not in ".!?:"
    )


# A nickname the post marks as the person's: capitalised words, even everyday ones ("Big
# Lou", "Pop", "Bean"), followed by a parenthesis saying it is what they are called ("(his
# words, he insists)", "(that's what everyone called him)", "(he goes by it at school)",
# "(her nickname since grade school)").
# Every marker holds one of these: substring tests first, then the gate's one pass.
_NICKNAME_WORDS = ("call", "words", "nick", "chosen", " by", "known", "knew")
# One pass for the markers alone (cheaper than the full pattern at every capital).
_NICKNAME_GATE_RE = re.compile(
    r"(?:\(|, | [-–—] ?)(?:that|it'|it’|which|what|how|his |her |their |a nick|nick|he go|she go|"
    r"they go|goes by|known as|as he|as she|as they)"
)
# After a comma or a dash ("A client - Dutch, he goes by - told me") only the markers that
# cannot be read otherwise count: "Thanks, his words meant a lot" names no one.
_NICKNAME_STRONG = (
    r"(?:(?:that'?s|that’s|it'?s|which is)\s+)?"
    r"(?:(?:what|how)\s+(?:[\w'’]+\s+){1,3}?(?:calls?|called|knew|knows?)\s+(?:him|her|them)\b|"
    r"(?:he|she|they)\s+(?:goes|go|went)\s+by\b|goes by\b|known as\b|"
    r"as (?:he|she|they) calls? (?:himself|herself|themselves)\b)"
)
# The marker with what opens it: a parenthesis (any marker) or a comma or dash (strong ones).
_NICKNAME_MARK_RE = re.compile(
    r"\s*(?:\((?:"
    + _NICKNAME_STRONG
    + r"|(?:his|her|their)\s+(?:own\s+)?(?:words|nickname|chosen name|choice of name)\b|"
    r"(?:a\s+)?nickname\b)|(?:,\s*|\s[-–—]\s*)" + _NICKNAME_STRONG + r")"
)
# The capitalised words just before it ("Big Lou", "Pop").
_NICKNAME_CHAIN_RE = re.compile(r"((?:[A-Z][a-z'’]+\s){0,2}[A-Z][a-z'’]+)\s*$")


def _nickname_candidates(text: str) -> Iterator[_Candidate]:
    # A name found from a cue may be the nickname's first word ("Tiny" of "Tiny Mo"): the
    # longer span wins when they are resolved. Only where the gate found a marker's opening.
    for gate in _NICKNAME_GATE_RE.finditer(text):
        chain = _NICKNAME_CHAIN_RE.search(text, max(0, gate.start() - 50), gate.start())
        if chain is None or chain.start(1) > 0 and text[chain.start(1) - 1].isalnum():
            continue
        if _NICKNAME_MARK_RE.match(text, chain.end(1)) is None:
            continue
        m = chain
        words = m.group(1).split()
        # A sentence's first word before the nickname is not part of it.
        start = m.start(1)
        opens_sentence = start == 0 or text[start - 2 : start].strip() in {".", "!", "?", ""}
        if (
            len(words) > 1
            and opens_sentence
            and words[0].lower() in _COMMON_WORDS
            and words[0] not in _FIRST_NAMES
        ):
            start += len(words[0]) + 1
            words = words[1:]
        if all(w in _NEVER_NAME or w.lower() in _RELATION_SET for w in words):
            continue
        if opens_sentence and all(w.lower() in _COMMON_WORDS for w in words):
            continue  # "Honestly, that's what everyone calls him": a sentence's adverb
        yield _Candidate("name", start, m.end(1))


# A name in quotes that someone gives themselves or goes by: 'calling himself "Dre Bandz"',
# 'street name "Flaco"', 'refers to herself as "JMW"'.
_QUOTED_ALIAS_RE = re.compile(
    r"\b(?:(?:call|calls|called|calling)\s+(?:himself|herself|themselves|themself)|"
    r"(?:refers?|referring|referred)\s+to\s+(?:himself|herself|themselves|themself)\s+as|"
    r"(?:goes|go|went|going)\s+by|known\s+as|(?:street|stage|gamer|screen)\s+name(?:\s+is)?|"
    r"nicknamed|a\.?k\.?a\.?|alias)\s*[,:]?\s*[\"“]([A-Z][^\"”\n]{0,30}?)[\"”]"
)


def _quoted_alias_candidates(text: str) -> Iterator[_Candidate]:
    for m in _QUOTED_ALIAS_RE.finditer(text):
        words = m.group(1).split()
        if len(words) > 4 or all(w.lower() in _RELATION_SET for w in words):
            continue  # 'calls herself "Mom"' names a role, not the person
        yield _Candidate("name", m.start(1), m.end(1))


def _vietnamese_name_re() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A Vietnamese full name: a family name, a middle name and a given name ("Lê Thị Hoa",
    "Nguyen Thi Lan", "Tran Van Minh"), from the vi_VN parts (scripts/build_name_lists.py);
    a middle name's fold that is an everyday word ("The", "Tan") is left out."""
    parts: dict[str, list[str]] = {"family": [], "middle": []}
    for line in load_words("vietnamese_name_parts.txt"):
        part, name = line.split(" ", 1)
        if name.lower() not in _COMMON_WORDS:
            parts[part].append(re.escape(name))
    family = "|".join(sorted(parts["family"], key=len, reverse=True))
    middle = "|".join(sorted(parts["middle"], key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{family})\s+(?:{middle})\s+{_NAME_TOKEN}(?![\w'’])")
    # The middle names with a space before them, tested first: few posts hold one.
    gates = tuple(f" {name.replace(chr(92), '')} " for name in parts["middle"])
    return pattern, gates


_VIETNAMESE_NAME_RE, _VIETNAMESE_MIDDLE_GATES = _vietnamese_name_re()


def _lower_case_names(text: str, found: list[_Candidate]) -> Iterator[_Candidate]:
    """Casual posts drop capitals ("my client maria"): a known first name that is
    not also a word, right after a client or family word, still counts."""
    taken = {c.start for c in found}
    # The cue word in any case ("Client marguerite is 93" opening the post): the lowered post,
    # with a space before it so a cue at its start has one too; offsets are the post's + 1.
    lowered = text.lower()
    hay = " " + (lowered if len(lowered) == len(text) else text)
    for needle in _LOWER_NEEDLES:
        # " son " with its spaces: "person" and "session" do not even stop the scan.
        pos = hay.find(needle)
        while pos >= 0:
            end = pos + len(needle) - 2
            m = _LOWER_WORD_AFTER_RE.match(text, end)
            if m:
                word = m.group(1)
                name = word.capitalize()
                # Set off by commas ("a client, grace, whose mom ...") even a name that is
                # also a word is the client's.
                apposed = (
                    needle.endswith(",") and text[m.end(1) : m.end(1) + 1] in {",", "("}
                ) or ("(" in m.group() and text[m.end(1) : m.end(1) + 1] == ")")
                # A word no list knows after "client" and before what a person does:
                # "client bri called the crisis line".
                client_subject = (
                    needle.strip(" ,") in ("client", "patient", "pt")
                    and _unknown_word(name)
                    and _PERSON_VERB_RE.match(text, m.end(1)) is not None
                )
                if (
                    (
                        name in _FIRST_NAMES
                        or (apposed and name in _AMBIGUOUS_FIRST)
                        or client_subject
                    )
                    and (word not in _COMMON_WORDS or apposed)
                    and (name not in _NEVER_NAME or apposed)
                    and m.start(1) not in taken
                ):
                    taken.add(m.start(1))
                    yield _Candidate("name", m.start(1), m.end(1))
            pos = hay.find(needle, end + 1)
    yield from _lower_case_subjects(text, taken)
    if "'s " in text or "’s " in text:
        yield from _lower_case_possessives(text, taken)
    if "mrs. " in text or "mr. " in text or "ms. " in text:
        yield from _lower_case_titled(text, taken)


# A lower-case first name owning what a capitalised one may own (_POSSESSIVE_WORDS): "gerardo's
# mom keeps calling", "jaylen's iep meeting".
_LOWER_POSSESSIVE_RE = re.compile(r"(?<![\w.@/-])([a-z][a-z'-]{2,})['’]s\s+([\w-]+)")
# A title in lower case, then a surname or a first name: "mrs. delacroix turned 100",
# "mrs. pinsky is ninety-four".
_LOWER_TITLED_RE = re.compile(r"(?<![\w.])(?:mrs|mr|ms)\.\s([a-z][a-z'-]{2,})\b")


def _lower_case_possessives(text: str, taken: set[int]) -> Iterator[_Candidate]:
    for m in _LOWER_POSSESSIVE_RE.finditer(text):
        word = m.group(1)
        name = word.capitalize()
        if (
            m.start(1) in taken
            or m.group(2).lower() not in _POSSESSIVE_WORDS
            or name not in _FIRST_NAMES
            or word in _COMMON_WORDS
            or word in _EVERYDAY_WORDS
            or name in _NEVER_NAME
        ):
            continue
        taken.add(m.start(1))
        yield _Candidate("name", m.start(1), m.end(1))


def _lower_case_titled(text: str, taken: set[int]) -> Iterator[_Candidate]:
    for m in _LOWER_TITLED_RE.finditer(text):
        word = m.group(1)
        name = word.capitalize()
        if m.start(1) in taken or not (
            name in _FIRST_NAMES or name in _LAST_NAMES or _unknown_word(name)
        ):
            continue
        if word in _COMMON_WORDS or word in _EVERYDAY_WORDS:
            continue
        taken.add(m.start(1))
        yield _Candidate("name", m.start(1), m.end(1))


_LOWER_NEEDLES = tuple(needle for cue in _LOWER_NAME_CUES for needle in (f" {cue} ", f" {cue},"))


# A lower-case first name opening a clause and doing something a person does ("jaylen
# posts his drawings", "katherine texts me"). A name that is also a word ("faith",
# "grace") counts only when it texts, calls or emails the writer.
_LOWER_SUBJECT_RE = re.compile(r"(?:^|[.!?:;\n])\s*([a-z][a-z'-]{2,})(?=\s)")
# After the post's first character only a mark can open a clause: alone, the pattern opens
# with a character class, which re skips to with its fast search instead of trying "^" at
# every character.
_LOWER_SUBJECT_AFTER_MARK_RE = re.compile(r"[.!?:;\n]\s*([a-z][a-z'-]{2,})(?=\s)")
_CONTACTS_ME_RE = re.compile(
    r"\s+(?:texts|texted|calls|called|emails|emailed|messages|messaged|dms|dm'd|snaps|snapped)"
    r"\s+(?:me|us)\b"
)


# Lower-case subjects are looked for only in a post about clients (_text.CLINICAL_CONTEXT_RE):
# elsewhere "mike calls me" or "jimmy is" are about anyone.


def _lower_subjects(text: str) -> Iterator[re.Match[str]]:
    """_LOWER_SUBJECT_RE.finditer(text): its match at the start, then the marks' from there."""
    first = _LOWER_SUBJECT_RE.match(text)
    if first is not None:
        yield first
    yield from _LOWER_SUBJECT_AFTER_MARK_RE.finditer(text, first.end() if first else 0)


def _lower_case_subjects(text: str, taken: set[int]) -> Iterator[_Candidate]:
    clinical = None
    for m in _lower_subjects(text):
        word = m.group(1)
        name = word.capitalize()
        if m.start(1) in taken or not (name in _FIRST_NAMES or name in _AMBIGUOUS_FIRST):
            continue
        if word in _COMMON_WORDS or name in _NEVER_NAME or name in _AMBIGUOUS_FIRST:
            if not _CONTACTS_ME_RE.match(text, m.end(1)):
                continue
        elif not (_VERB_AFTER_RE.match(text, m.end(1)) or _PERSON_VERB_RE.match(text, m.end(1))):
            continue
        if clinical is None:
            clinical = clinical_context(text)
        if not clinical:
            return
        taken.add(m.start(1))
        yield _Candidate("name", m.start(1), m.end(1))


def _initials_candidates(text: str) -> Iterator[_Candidate]:
    """Initials after a client word ("client J.S.", "pt M."), found from the cue word."""
    lower = text.lower()
    if len(lower) != len(text):
        return
    for cue in _INITIALS_CUE_WORDS:
        pos = lower.find(cue)
        while pos >= 0:
            end = pos + len(cue)
            if pos == 0 or not lower[pos - 1].isalnum():
                m = _INITIALS_RE.match(text, end)
                if m:
                    group = 1 if m.start(1) >= 0 else 2
                    yield _Candidate("name", m.start(group), m.end(group))
            pos = lower.find(cue, end)


def _name_followups(
    text: str, found: list[_Candidate], tokens: list[re.Match[str]]
) -> list[_Candidate]:
    """Later mentions of a detected name, and names coordinated with one.

    Write-ups introduce a client once with a cue ("my client Thanh") and then
    use the bare name ("Thanh said ..."); "Bao and Lupe" pairs an unknown
    name with a known one.
    """
    covered = bytearray(len(text) + 1)
    span_starts: set[int] = set()
    span_ends: set[int] = set()
    for c in found:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
        span_starts.add(c.start)
        span_ends.add(c.end)
    known = {text[c.start : c.end].split()[0] for c in found if text[c.start : c.end][:1].isupper()}
    extra: list[_Candidate] = []
    coordinated: set[str] = set()
    for m in tokens:
        start, end = m.span()
        if covered[start] or _abbreviation_before_number(text, end):
            continue
        token = m.group()
        if token in known and token not in _NEVER_NAME:
            prev = _previous_words(text, start)[0]
            if not (_name_exempt(text, start, end, prev) or _state_region(text, start, prev)):
                extra.append(_Candidate("name", start, end))
                covered[start:end] = b"\x01" * (end - start)
            continue
        if (
            text.startswith((" and ", " & ", ", "), end)
            and (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST)
            and _shares_surname(text, end, found)
        ):
            extra.append(_Candidate("name", start, end))
            covered[start:end] = b"\x01" * (end - start)
            continue
        if _aliased(text, start, end, span_starts, span_ends, found):
            extra.append(_Candidate("name", start, end))
            covered[start:end] = b"\x01" * (end - start)
            continue
        if not _unknown_word(token):
            continue
        after = text[end : end + 6]
        before = text[max(0, start - 6) : start]
        joined_after = _COORD_AFTER_RE.match(after)
        joined_before = _COORD_BEFORE_RE.search(before)
        after_known = joined_after and end + joined_after.end() in span_starts
        before_known = joined_before and start - len(joined_before.group()) in span_ends
        if (after_known or before_known) and not _name_exempt(
            text, start, end, _previous_words(text, start)[0]
        ):
            extra.append(_Candidate("name", start, end))
            covered[start:end] = b"\x01" * (end - start)
            coordinated.add(token)
    if coordinated:
        # Later mentions of a name first met in a list ("Keisha, Tamara, and Lou ... Lou").
        for m in tokens:
            if m.group() in coordinated and not covered[m.start()]:
                extra.append(_Candidate("name", m.start(), m.end()))
    return extra


_REAL_NAME_AFTER_RE = re.compile(
    r"[\s,;:—–-]{0,4}\(?(?:that's|that’s|that is|it's|it’s|which is)\s+(?:actually\s+)?"
    r"(?:his|her|their|the)\s+(?:real|actual|legal)\s+name\b",
    re.IGNORECASE,
)
_NICKNAME_OPEN_RE = re.compile(r"\s*\(\s*[\"“]$")
# The quoted nickname closes the parenthesis, or says who calls them so: 'Kevin Dwyer
# ("Bones" to everybody at the window)'.
_NICKNAME_CLOSE_RE = re.compile(r"[\"”](?:\s*\)|\s+(?:to|for|among|around|with)\s)")
_FULL_NAME_OPEN_RE = re.compile(r"\s*\(\s*")


def _shares_surname(text: str, end: int, found: list[_Candidate]) -> bool:
    """A first name joined to a detected full name shares its surname: "Parents Mark and
    Julie Pryor"."""
    joined = _COORD_AFTER_RE.match(text[end : end + 6])
    if joined is None:
        return False
    partner = end + joined.end()
    return any(c.start == partner and " " in text[c.start : c.end] for c in found)


def _aliased(
    text: str,
    start: int,
    end: int,
    span_starts: set[int],
    span_ends: set[int],
    found: list[_Candidate],
) -> bool:
    """A name's other form in parentheses beside it: a nickname in quotes after a detected
    name ("Raymond Jenkins ("Ray-Ray")"), or a short name before a detected full name in
    parentheses ("Jo (Josephine Arbuckle) called")."""
    if "(" in text[max(0, start - 5) : start]:
        opened = _NICKNAME_OPEN_RE.search(text, max(0, start - 5), start)
        if opened and opened.start() in span_ends and _NICKNAME_CLOSE_RE.match(text, end):
            return True
    if "(" not in text[end : end + 3]:
        return False
    after = _FULL_NAME_OPEN_RE.match(text, end)
    if after and after.end() > end and after.end() in span_starts:
        token = text[start:end]
        return any(
            c.start == after.end()
            and (" " in text[c.start : c.end] or text[c.start : c.end].startswith(token))
            for c in found
        )
    return False


def _without_pseudonyms(text: str, names: list[_Candidate]) -> list[_Candidate]:
    if not names:
        return names
    lower = text.lower()
    if any(map(lower.__contains__, _NAMES_CHANGED_HINTS)) and _NAMES_CHANGED_RE.search(text):
        return []  # the author says every name in the post is made up
    made_up: set[str] = set()
    for cand in names:
        window = lower[max(0, cand.start - 30) : cand.start]
        if _REAL_NAME_AFTER_RE.match(text, cand.end):
            continue  # "I'll call him Brandon — that's his real name, sorry"
        if _PSEUDONYM_AFTER_RE.match(text, cand.end) or (
            ("call" in window or "pseudonym" in window or "refer" in window)
            and _PSEUDONYM_BEFORE_RE.search(text, max(0, cand.start - 30), cand.start)
        ):
            made_up.add(text[cand.start : cand.end].split()[0])
    return [
        cand
        for cand in names
        if text[cand.start : cand.end].split()[0] not in made_up
        and text[cand.start : cand.end].lower() not in _PLACEHOLDER_NAMES
    ]


# Words after which a capitalised word is a place, an organisation or a title, not a
# person acting: "in Redmond", "at Kaiser", "the Joint Commission".
_NOT_A_PERSON_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "at",
        "on",
        "from",
        "to",
        "into",
        "near",
        "by",
        "for",
        "via",
        "under",
        "within",
        "across",
        "about",
    ]
)
_VERB_AFTER_RE = re.compile(
    r"\s+(?:(?:just|then|never|finally|suddenly|still|also|really|eventually)\s+)?"
    r"(?:[a-z]{2,}ed|is|was|has|had|does|did|seems|can|could|will|would|should|might|must|"
    r"keeps|kept|gets|got|goes|went|says|sees|saw|takes|took|makes|made|gives|gave|comes|came|"
    r"tells|told|asks|cries|runs|ran|sits|sat|sleeps|slept|eats|ate|hides|hid|refuses|agrees|"
    r"avoids|brings|brought|calls|texts|wants|needs|feels|felt|thinks|knows|knew|hates|loves|"
    r"lives|works|misses|drinks|drank|uses|walks|talks|writes|wrote|admits|insists|began|"
    r"begins|stopped|starts|won't|can't|doesn't|didn't|isn't|wasn't|hasn't|hadn't)\b"
)


def _acting_mid_sentence(
    text: str, token: str, end: int, prev: list[str], sentence_ended: bool
) -> bool:
    """An unknown capitalised word inside a sentence, followed by a verb: a person doing
    something ("... and then Dashiell walked out", "whether Henrietta is ready"). Plurals,
    words after an article or a preposition, and sentence starts do not count."""
    if sentence_ended or not prev or prev[-1] in _NOT_A_PERSON_BEFORE or token.endswith("s"):
        return False
    if not prev[-1].isalpha():
        return False
    before = text[max(0, end - len(token) - 40) : end - len(token)].rstrip()
    if not before or before[-1] in ";:" or before.split()[-1][:1].isupper():
        return False  # after a clause break, or inside a longer proper noun
    return _VERB_AFTER_RE.match(text, end) is not None


# A name set off by commas after the person it names: "One of my teens, Tavi, wants ...",
# "a woman who is ninety-two, Florence Mbeki, whose nephew ...". The clause before the
# first comma must speak of a client or a person.
# (A name with a capital inside: "Ja'Kayla", "DeShawn".)
_APPOSED_WORD = r"[A-Z](?:[a-z'’-]{2,}|[a-z]{1,3}['’]?[A-Z][a-z'’-]+)"
_APPOSED_RE = re.compile(rf",\s+({_APPOSED_WORD}(?:\s+{_APPOSED_WORD})?),\s")
_PERSON_NOUN_BEFORE_RE = re.compile(
    r"(?i)(?:\b|(?<=\d))(?:clients?|patients?|pts?|teens?|teenagers?|kids?|kiddos?|youths?|"
    r"students?|adolescents?|wom[ae]n|m[ae]n|girls?|boys?|veterans?|residents?|widow(?:er)?s?|"
    # "the 14yo, Tre, will listen", "3rd grader, Ja'Kayla, student # ...".
    r"year[- ]olds?|yo|y/o|of mine|(?:\d(?:st|nd|rd|th)|[a-z]+)[- ]?graders?|kindergart[ae]ners?|"
    r"toddlers?|preschoolers?|infants?|"
    # "The member, Keyana, ...", "One participant, Tsiory, ...": a group's or a plan's member
    # (not a colleague: "a staff member, Jen,").
    r"(?<!staff )(?<!team )(?<!board )(?<!faculty )(?:members?|participants?|callers?))\b"
    r"[^.!?;:\n]{0,40}$"
)


def _apposed_candidates(text: str) -> Iterator[_Candidate]:
    for m in _APPOSED_RE.finditer(text):
        first = m.group(1).split()[0]
        if first in _NEVER_NAME or first.lower() in _COMMON_WORDS:
            continue
        if first.endswith(_ROLE_SUFFIXES) and first not in _FIRST_NAMES:
            continue  # "My teens, Pediatrician, ..." is no name
        if "-" in first and _COMPOUND_AFTER_RE.match(first):
            continue  # "Veteran in his 60s, Vietnam-era, ..."
        # A town or a word alone ("Denver", "Grace") may be anything; with a surname it is a
        # person.
        if (first in _PLACE_LIKE_NAMES or first in _AMBIGUOUS_FIRST) and " " not in m.group(1):
            continue
        if not _PERSON_NOUN_BEFORE_RE.search(text, max(0, m.start() - 60), m.start()):
            continue
        prev, _ = _previous_words(text, m.start(1))
        if _name_exempt(text, m.start(1), m.end(1), prev):
            continue
        yield _Candidate("name", m.start(1), m.end(1))


# The state against a person, not a reported case ("Tarasoff v. Regents", "State v. Andrews,
# 1987" cite a decision: a year, a reporter or "court" after it).
_PEOPLE_CAPTION_RE = re.compile(
    r"\b(?:Commonwealth|State|People|United States)\s+(?:v\.?|vs\.?)\s+"
    r"([A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+)?)(?![\w'’-])(?!,?\s*\(?(?:1[89]|20)\d\d|,?\s*\d+\s+[A-Z])"
)
# A chart's or face sheet's header: "GOMES, ANTONIO; DOB ...", "Pt: BALDWIN, ELOISE R",
# "Pettway, D. 52M DOB ...": surname, comma, given name, at a line's start, after a label
# or a quote.
_CHART_HEADER_RE = re.compile(
    r"(?:^|\n|(?:Pt|Patient|Client|Name|Resident)\s*:\s*|[\"“])\s*"
    r"(([A-Z][A-Z'’-]+(?:[- ][A-Z][A-Z'’-]+)?),\s?([A-Z][A-Z'’-]+)(?:\s[A-Z]\.?)?"
    r"|([A-Z][a-z'’-]+),\s[A-Z]\.(?=\s+(?:\d{1,3}\s?[MF]\b|DOB\b)))(?![\w'’-])"
)


def _chart_header_candidates(text: str) -> Iterator[_Candidate]:
    for m in _CHART_HEADER_RE.finditer(text):
        if m.group(4):
            surname = m.group(4)
            if surname in _LAST_NAMES or _unknown_word(surname):
                yield _Candidate("name", *m.span(1))
            continue
        surname, given = m.group(2).split()[-1].capitalize(), m.group(3).capitalize()
        if given in _FIRST_NAMES and (surname in _LAST_NAMES or _unknown_word(surname)):
            yield _Candidate("name", *m.span(1))


def candidates(text: str) -> list[_Candidate]:
    """Names in `text`, less those the author marks as made up."""
    return _without_pseudonyms(text, _name_candidates(text))
