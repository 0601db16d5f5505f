"""Dates tied to a person (not years alone, ratings, or dates of laws and trainings)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from detectors.identifiers._text import (
    _DAY,
    _MON_NUM,
    _MONTHS,
    _ORD,
    _WEEKDAYS,
    _YEAR,
    CLIENT_OR_KIN_RE,
    CLIENT_OR_KIN_WORDS,
    PERSON_CONTEXT_RE,
    _Candidate,
    _CaseFree,
    _Doc,
    clinical_context,
)
from detectors.lexicon_scan import StartGated

_DATE_FULL_RE = re.compile(
    rf"(?<![\w/.-])(?:{_MON_NUM}[/.-]{_DAY}[/.-](?:19|20)?\d\d|(?:19|"
    rf"20)\d\d[/.-]{_MON_NUM}[/.-]{_DAY}|"
    rf"{_DAY}[/.-]{_MON_NUM}[/.-](?:19|20)\d\d)(?![\w/-]|\.\d)"
)


_DATE_MD_RE = re.compile(
    rf"(?<![\w/.-])(?:{_MON_NUM}/{_DAY}|(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
    r"(?![\w/-]|\.\d|\s*(?:scale|pain|score|ratio))"
)
_DATE_MD_RE = StartGated(_DATE_MD_RE)  # tried only where a match can begin


# A month/day without a year is a date only after a date word ("seen 3/14",
# "on 3/14"); bare "7/10" is usually a rating and "24/7" a figure of speech.
_DATE_MD_CUE_RE = _CaseFree(
    r"(?i)(?:\b(?:on|seen|since|from|until|til|till|through|thru|by|dob|d\.o\.b\.?|dated|admitted|"
    r"discharged|born|visit|appt|appointment|session|intake|scheduled|starting|started|ending|"
    r"ended|"
    r"as of|before|after|between|last|next|date|dos|on or about|week of|"
    r"happened|occurred|died|passed|hospitalized|arrested|called|came in|returned|left|sent|"
    # What happened to someone that day: "I saw him 11/12", "ran a call 11/30", "got in a
    # fight 11/22", "relapsed 3/2".
    r"saw (?:him|her|them)|call|fight|crash|accident|attempt|overdose|od'?d?|relapsed|relapse|"
    # A birth, an admission or a discharge as a noun or a label, and what courts, landlords
    # and agencies do to someone: "delivered 11/24", "Adm: 11/21", "cleared for discharge
    # 12/5", "evicted 10/3", "sentencing 1/14", "placed 6/2".
    r"delivered|gave birth|c-section|induced|miscarried|miscarriage|adm|admit|admission|"
    r"discharge|transferred|evicted|eviction|arraigned|arraignment|sentenced|sentencing|trial|"
    r"paroled|released|placed|removed|arrested|arrest|assaulted|incident|restrained|"
    # An inspection of someone's home and a unit they were admitted to: "Fire dept
    # inspection 11/12, re-inspection 12/10", "admitted to our inpatient unit 11/30".
    r"inspection|re-?inspection|inspected|cited|unit|nicu|born with [a-z]{2,8}|"
    r"runs out|expires|expired|lapses|lapsed|"
    r"emailed|texted|signed|due|f/u|fu|follow-?up|follow up|rtc|return|sched|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    # Care transitions: "d/c'd 11/27", "discharged from inpt 11/27", "admitted to detox 3/2".
    r"d/c'?d|dc'?d|d/c|(?:from|to|into|out of)\s+(?:inpt|inpatient|ip|detox|rehab|residential|"
    r"php|iop|hospital|the hospital|er|ed|icu|psych|the unit)|"
    # A person's own days: "birthday is 6/3", "her bday 4/9", "anniversary is 9/14", "due
    # date is 3/2", "funeral was 5/12".
    r"(?:birthday|bday|b-day|anniversary|due date|wedding|funeral|memorial|surgery|"
    r"graduation|court date|hearing|release date|quit date|sobriety date|clean date)"
    r"(?:\s+(?:is|was|will be|falls on|fell on))?)\W{0,3}|"
    # A date in parentheses after a person: "her son Darrell (10/3), her brother (10/21)".
    r"(?:son|daughter|brother|sister|mother|father|mom|dad|husband|wife|partner|niece|nephew|"
    r"cousin|aunt|uncle|grand\w+|friend)(?:\s+[a-z'’-]+)?\s*\(\s*|"
    # A list or range of dates: "9/4, 9/28 and 5/7", "3/14-3/20".
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*(?:,|and|or|to|through|thru|-|–|&)\s*(?:and\s+)?)$"
)


# Weekday abbreviations before a month/day ("Tues 12/9", "Thurs. 3/14"), in a post about
# clients (a listing's "Fri 1/3: reading at ..." is an event's).
_WEEKDAY_ABBR_RE = _CaseFree(
    r"(?i)\b(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.?,?\s{1,2}$"
)


# Dates of laws, trainings and holidays are not about a client.
_EVENT_CUE_RE = _CaseFree(
    r"(?i)\b(?:effective|takes? effect|goes into effect|deadline|"
    r"(?<!case )conference|webinar|training|"
    r"workshop|summit|registration|register|rule|(?:new|the|state|federal) law|bill|statute|"
    # Gatherings of colleagues: "our regional networking lunch is on the 14th", "the
    # quarterly mixer", "meetup on the 9th".
    r"networking|meetups?|meet-ups?|mixer|potluck|luncheon|symposium|retreat|happy hour|"
    # A group's or a board's meeting right before its date: "Next meeting Jan 9", "our monthly
    # meeting is the 3rd" (not "her next meeting with the PO is ...").
    r"(?:next|monthly|weekly|quarterly|chapter|board|committee|group|member) meetings?"
    r"(?=(?:\s+(?:is|on|is on))?\s*[:-]?\s*$)|"
    # An announcement's details: "3 hrs, Dec 14, free for nonprofit agencies", "RSVP by".
    # (Not "CE" inside a code: "violation # PVD-CE-26-11938".)
    r"rsvp|free for|lunch provided|(?<!-)ceus?(?!-)|\d(?:\.\d)? ce (?:hours|hrs|credits)|"
    # A programme's or a group's start: "now enrolling ... starting January 12", "opening
    # February 2027".
    r"enrolling|enrollment|cohort|orientation|opening|grand opening|launch(?:ing|es)?|"
    r"(?:our|the|a|regional|monthly|quarterly|chapter|staff|team) lunch|"
    r"legislat\w*|regulation|"
    # A practice's own news: "my practice is moving! As of February 1 we'll be at ...", "new
    # address as of January 1st", "I'm retiring from my practice on Jan 31".
    r"(?:practice|office|clinic|center|centre|group) (?:is |will be )?(?:moving|relocating)|"
    r"(?:moving|relocating) (?:my|our|the) (?:practice|office|clinic)|"
    # ... reopening right before its date: "clinic reopens Jan 2".
    r"(?:practice|office|clinic|center|centre|group|we) (?:re-?opens?|re-?opening|will re-?open)"
    r"(?=(?:\s+on)?\s*$)|"
    r"changing offices|new (?:office |mailing )?address|mail to(?= \d)|"
    r"(?:we|i)(?:'ll| will) be (?:at|located)|"
    r"(?:i'm|i am|i'll be|i will be|who's|who is) retiring|retiring from (?:my|our|private|"
    r"the) practice|closing (?:my|our) practice|"
    # Hiring and gatherings of the public: "Applications close Jan 31", "resource fair on the
    # 19th".
    r"job posting|now hiring|applications? (?:close|closes|are due|due|open)|apply by|"
    r"(?:resource|health|job|career|wellness|community) fair|expo|fundraiser|gala|"
    r"psa|(?:group|course|series|program|class|cohort|training)s? (?:starting|starts|begins|"
    r"beginning|kicks off|meets|runs)|"
    r"(?<!-)ce(?!-)|open house|office (?:will be )?closed|holiday|cohort|class(?:es)? "
    r"start|enrollment|hearing on the bill|comment period|signed into law|"
    # Coverage and payment rules: "Medicare now reimburses LMFTs as of January 2024".
    r"reimburs\w*|(?:medicare|medicaid|cms|insurers?|payers?|plans?) (?:now |will |began to |"
    r"started to )?(?:covers?|pays?|reimburses?|requires?|allows?|credentials?))\b"
)


# A date right after a birth, admission or death word is a person's, whatever event a word
# before it names ("adoption competency training rec? ... a 9yo born April 3, 2017").
_PERSONAL_DATE_CUE_RE = _CaseFree(
    r"(?i)\b(?:born|dob|d\.o\.b\.?|date of birth|birthday|admitted|discharged|d/c'?d|died|"
    r"passed away|passed|overdosed|hospitali[sz]ed)\b(?:\s+(?:on|in|at))?\W{0,3}$"
)


# How far before a date an event word is read: 60 characters, or up to 100 when no person
# is spoken of in between (an announcement's long title: "Workshop: Trauma-Focused CBT for
# Refugee Families, two days, March 5-6"; not "enrolling son N., DOB ..., in EFMP for
# autism. PCS to Alaska March 1").
_EVENT_REACH = 60
_EVENT_LONG_REACH = 100
_PERSON_BETWEEN_RE = _CaseFree(
    rf"(?i)\b(?:{CLIENT_OR_KIN_WORDS}|resident|dob|he|she|his|him|her|they|them)\b"
)


def _event_before(doc: _Doc, start: int) -> bool:
    """Whether an event word stands before `start`, within the reach above."""
    m = _EVENT_CUE_RE.search(doc, max(0, start - _EVENT_LONG_REACH), start)
    while m is not None:
        if start - m.start() <= _EVENT_REACH or not _PERSON_BETWEEN_RE.search(doc, m.end(), start):
            return True
        m = _EVENT_CUE_RE.search(doc, m.end(), start)
    return False


def _event_date(doc: _Doc, start: int, end: int, *, cue_after: bool = True) -> bool:
    """A date of a law, training or gathering (an event word before it, or with `cue_after`
    just after it), unless a person's own date word precedes it."""
    if _PERSONAL_DATE_CUE_RE.search(doc, max(0, start - 24), start):
        return False
    return (
        _event_before(doc, start)
        or (cue_after and _EVENT_CUE_RE.search(doc, end, min(len(doc.text), end + 30)) is not None)
        or (
            _TIME_RANGE_AFTER_RE.match(doc.text, end) is not None
            and CLIENT_OR_KIN_RE.search(doc.text) is None
            and _PERSON_BETWEEN_RE.search(doc, max(0, start - 120), min(len(doc.text), end + 80))
            is None
        )
    )


# A date with a time range after it, in a post that speaks of no client or relative: an
# announcement's ("Jan 22, noon-1:30 CT", "March 3, 6-7:30 pm").
_TIME_RANGE_AFTER_RE = re.compile(
    r"(?i),?\s*(?:from\s+)?(?:noon|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?)\s*"
    r"(?:-|–|—|to|until)\s*(?:noon|\d{1,2}(?::\d\d)?)\s*(?:am|pm|a\.m\.|p\.m\.)?\s*"
    r"(?:[ECMP][SD]?T\b)?"
)


# The author's own time away, just before the date or its range ("I'll be out of office
# Dec 22 to Jan 3", "OOO 12/24-12/31", "on leave from March 3"): nobody's date of care.
_OWN_ABSENCE_RE = _CaseFree(
    r"(?i)\b(?:out of (?:the )?office|ooo|on (?:leave|vacation|holiday|pto|parental leave)|"
    r"i(?:'ll| will|'m| am) (?:be )?(?:out|away|off|traveling|travelling)|(?:my|our) "
    r"(?:office|practice|clinic) (?:is |will be )?closed|back in (?:the )?office)\b"
    r"[^.!?\n]{0,28}$|"
    # Colleagues covering for each other: "I'm covering for Dr. Murata (Murata Psychiatry,
    # 917-...) Dec 24-31", "she covers for me Jan 2-6".
    r"\b(?:covering for|covers? for|covering me|cover me|coverage)\b(?:[^.!?\n]|(?<=dr)\.){0,70}$"
)


def _own_absence(doc: _Doc, start: int) -> bool:
    return _OWN_ABSENCE_RE.search(doc, max(0, start - 90), start) is not None


# The first of a list of dates ("12/3, 12/10 and 12/17") needs no cue of its own.
_MD_LIST_AFTER_RE = re.compile(r"\s*(?:,|and|&|-|–|to|through|or)\s*(?:and\s+)?\d{1,2}/\d{1,2}\b")


_DATE_WORDS_RE = re.compile(
    rf"\b(?:{_WEEKDAYS},?\s+)?(?:{_MONTHS}\s+{_DAY}{_ORD}?\b(?:,?\s+{_YEAR}\b)?|"
    rf"(?:the\s+)?{_DAY}{_ORD}?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+{_YEAR}\b)?|"
    rf"{_MONTHS}\s+(?:of\s+)?(?:19\d\d|20\d\d)\b)"
)
_DATE_WORDS_RE = StartGated(_DATE_WORDS_RE)  # tried only where a match can begin


_DATE_ORDINAL_RE = _CaseFree(
    # The span is group 1 (with its preposition) or group 2 (the day alone).
    rf"(?i)\b((?:on|since|until|by|before|after) the {_DAY}{_ORD})\b(?=\s*(?:[.,;:)!?]|$|of\b|at\b|"
    rf"when\b|and\b|to\b|through\b|after\b|before\b|but\b|so\b|because\b|while\b|-|–))|"
    # A person's day named, then its date: "Funeral is the 8th", "her court date was the
    # 3rd", "surgery set for the 21st".
    rf"\b(?:funeral|memorial|wake|burial|wedding|birthday|surgery|court date|hearing|"
    rf"sentencing|trial|release date|due date|anniversary)(?:\s+(?:is|was|will be|'s|’s|"
    rf"set for|scheduled for|falls on|fell on))?(?:\s+on)?\s+(the {_DAY}{_ORD})\b"
)


# A date written in Spanish: "11 de marzo de 1990".
_DATE_SPANISH_RE = re.compile(
    r"\b\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
    r"octubre|noviembre|diciembre)(?: de(?:l)? (?:19|20)\d\d)?\b",
    re.IGNORECASE,
)


# A military date, the month in capitals: "04 FEB 1999", "4FEB99" (unambiguous: no other use).
_DATE_MILITARY_RE = re.compile(
    rf"(?<![\w-]){_DAY}\s?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)\s?"
    r"(?:19|20)?\d\d(?![\w-])"
)


_DATE_ISO_TIME_RE = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?\b")


# Month names are matched capitalised, so the gate can be case-sensitive.
_MONTH_HINTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_CAPITALS = tuple(month.upper() for month in _MONTH_HINTS)


_MAY_VERB_RE = re.compile(
    r"May \d+\s+(?:sessions|clients|people|minutes|hours|days|weeks|months|more|of)\b"
)


# Day, month abbreviation and year run together or joined by dashes, as forms and EHRs
# print them: "05MAR2025", "5-Mar-2025", "17-JUN-61".
_MON_ABBR = r"(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)"
_DATE_DMY_ABBR_RE = _CaseFree(
    rf"(?i)(?<![\w-]){_DAY}(?:-{_MON_ABBR}-|{_MON_ABBR})(?:19|20)?\d\d(?![\w-])"
)
_DATE_DMY_ABBR_RE.gate()
# Eight digits as year, month and day after a birth or date word: "DOB 19540812".
_DATE_COMPACT_RE = _CaseFree(
    r"(?i)\b(?:dob|d\.o\.b\.?|born|birth ?date|date of birth|dated|admitted|discharged|dos|"
    r"date)\W{0,3}((?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)"
)
# Care words that make a post about a patient even without a pronoun or a clinical word.
_ADMITTED_RE = _CaseFree(r"(?i)\b(?:admitted|discharged|dob|born|overdose|hospitali[sz]ed|seen)\b")
# A weekday and an ordinal day ("Thursday the 14th"), and a holiday with its year
# ("Christmas Eve 2023", "Thanksgiving of 2022"): one day each.
_DATE_WEEKDAY_ORD_RE = re.compile(rf"\b{_WEEKDAYS},? the (?!13th){_DAY}{_ORD}\b")
_DATE_HOLIDAY_RE = re.compile(
    r"\b(?:Christmas(?: Eve| Day)?|New Year's(?: Eve| Day)?|Thanksgiving(?: Day)?|Easter(?: "
    r"Sunday)?|Halloween|Valentine's Day|Mother's Day|Father's Day|Memorial Day|Labor Day|"
    r"Independence Day|[Tt]he [Ff]ourth of July|July 4th|Juneteenth)(?:,? (?:of )?)(?:19|20)\d\d\b"
)


def _date_word_candidates(doc: _Doc) -> Iterable[_Candidate]:
    text = doc.text
    # Every shape needs a digit and a month name; most posts have neither pair.
    if "0" not in doc.shape or not any(map(text.__contains__, _MONTH_HINTS)):
        return
    for m in _DATE_WORDS_RE.finditer(text):
        value = m.group()
        if _event_date(doc, m.start(), m.end()) or _own_absence(doc, m.start()):
            continue
        # "May 5" at a sentence start can be the verb ("May 5 sessions be
        # enough?"); a lower-case "may" never reaches here.
        if (
            value.startswith("May ")
            and not text[max(0, m.start() - 2) : m.start()].strip(" ")
            and _MAY_VERB_RE.match(text, m.start())
        ):
            continue
        yield _Candidate("date", m.start(), m.end())


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """Numeric dates (full, month/day after a date word, ISO with time), ordinal days and
    dates in words."""
    text, shape, digits = doc.text, doc.shape, doc.digits
    if not digits:
        return
    # A full date has two separators; "6-8 beers" and "2.5 mg" have one.
    if digits >= 2 and (
        "0/0" in shape
        or ("0-0" in shape and shape.count("-") >= 2)
        or ("0.0" in shape and shape.count(".") >= 2)
    ):
        for m in _DATE_FULL_RE.finditer(text):
            if not _event_date(doc, m.start(), m.end(), cue_after=False) and not _own_absence(
                doc, m.start()
            ):
                yield _Candidate("date", m.start(), m.end())
        if "0/0" in shape or "00-00" in shape:
            for m in _DATE_MD_RE.finditer(text):
                if (
                    _DATE_MD_CUE_RE.search(doc, max(0, m.start() - 25), m.start())
                    or _MD_LIST_AFTER_RE.match(text, m.end())
                    or (
                        _WEEKDAY_ABBR_RE.search(doc, max(0, m.start() - 8), m.start())
                        and (clinical_context(text, doc.lowered) or PERSON_CONTEXT_RE.search(text))
                    )
                ) and not (_event_before(doc, m.start()) or _own_absence(doc, m.start())):
                    yield _Candidate("date", m.start(), m.end())
        if digits >= 10 and "00:00" in shape:
            for m in _DATE_ISO_TIME_RE.finditer(text):
                yield _Candidate("date", m.start(), m.end())
    if " de " in text:
        for m in _DATE_SPANISH_RE.finditer(text):
            yield _Candidate("date", m.start(), m.end())
    if digits >= 3 and any(map(text.__contains__, _MONTH_CAPITALS)):
        for m in _DATE_MILITARY_RE.finditer(text):
            yield _Candidate("date", m.start(), m.end())
    if "0st" in shape or "0nd" in shape or "0rd" in shape or "0th" in shape:
        for m in _DATE_ORDINAL_RE.finditer(doc):
            # "our regional networking lunch is on the 14th": a gathering's day; "I'll be out
            # of office until the 2nd": the author's own.
            if not (_event_before(doc, m.start()) or _own_absence(doc, m.start())):
                # The day alone when a word for it came first ("Funeral is the 8th").
                group = 1 if m.start(1) >= 0 else 2
                yield _Candidate("date", m.start(group), m.end(group))
    # The shapes below count in a post about a client or a person (a wiki's "24-May-2006"
    # signature stamp or "Halloween 2011" in a tweet is nobody's date of care).
    if not (
        clinical_context(text, doc.lowered)
        or PERSON_CONTEXT_RE.search(text)
        or _ADMITTED_RE.search(doc)
    ):
        yield from _date_word_candidates(doc)
        return
    if doc.digits >= 4:
        lower = doc.lowered
        if any(
            map(
                lower.__contains__,
                (
                    "jan",
                    "feb",
                    "mar",
                    "apr",
                    "may",
                    "jun",
                    "jul",
                    "aug",
                    "sep",
                    "oct",
                    "nov",
                    "dec",
                ),
            )
        ):
            for m in _DATE_DMY_ABBR_RE.finditer(doc):
                yield _Candidate("date", m.start(), m.end())
        if "00000000" in shape:
            for m in _DATE_COMPACT_RE.finditer(doc):
                yield _Candidate("date", m.start(1), m.end(1))
    if "0st" in shape or "0nd" in shape or "0rd" in shape or "0th" in shape:
        for m in _DATE_WEEKDAY_ORD_RE.finditer(text):
            yield _Candidate("date", m.start(), m.end())
    if "00" in shape:
        for m in _DATE_HOLIDAY_RE.finditer(text):
            if not _event_before(doc, m.start()):
                yield _Candidate("date", m.start(), m.end())
    yield from _date_word_candidates(doc)
