"""Ages over 89, in digits or words, and birth years that put someone over 89."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from detectors.identifiers._text import _Candidate, _CaseFree, _digit_runs, _Doc
from detectors.identifiers.wordlists import _COMMON_WORDS, _EVERYDAY_WORDS

_AGE_NUM = r"(?:9\d|1[01]\d|12[0-5])"


_AGE_WORDS = (
    # "ninety-something", "ninety-odd", "ninetyish" are generalisations, like "in her 90s".
    r"(?:ninety(?:[- –‐](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?![- –‐]?(?:something|odd|ish|plus)\b)|"
    r"(?:one|a) hundred(?:(?: and)?[- ](?:one|two|three|four|five|six|seven|eight|nine|ten)\b)?|"
    r"hundred[- ]and[- ](?:one|two|three|four|five))"
)


_SPANISH_AGE_WORDS = (
    r"noventa(?: y (?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?|cien|"
    r"ciento (?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)"
)


# A time after an age: "(90 last week!)", "ninety-six this spring".
_TIME_WORD = (
    r"(?:week|month|year|spring|summer|fall|autumn|winter|weekend|christmas|"
    r"(?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)


_AGE_RE = _CaseFree(
    rf"(?i)\b(?:{_AGE_NUM}|{_AGE_WORDS})[- –‐]?(?:years?|yrs?\.?|yo|y/o|y-o|y\.\s?o\.?|y\s/\s?o)"
    rf"(?:[- –‐]old)?(?:\b|(?<=\.))|"
    rf"\b(?:age[ds]?|aged|ages|is|turned|turning|turns|age:|age of|at age|the age of|"
    rf"reached|reaches|lived to(?: see)?|made it to|celebrated|celebrating|"
    rf"died at|passed at|passed away at|"
    # A birth date, then the age it makes: "DOB 1/9/1934, so 91".
    rf"(?:(?<=\d, )|(?<=\d [—–-] ))so|making (?:her|him|them)|"
    rf"(?:which|that|this) makes (?:her|him|them)|"
    # "still alive at 103": a person alive at an age.
    rf"alive at|"
    rf"(?:she|he|who|they)(?:'s|’s| was| will be| just turned| is now))"
    # "is now 93", "turned almost ninety-five": an adverb between the verb and the age.
    rf"(?:\s+(?:now|just|already|almost|nearly|only|still|finally))?"
    rf"\s*(?:{_AGE_NUM}|"
    rf"{_AGE_WORDS})\b(?!\s*(?:%|percent|mg|"
    rf"lbs?|kg|minutes|min|days|sessions|points|pounds|feet|ft|miles|mph|dollars|cents|bucks|times|"
    rf"hours|hrs|seconds|secs|degrees|beats|bpm|words|pages|steps|calls|texts|messages|weeks|"
    rf"months|percentile|out of|/|on (?:the|her|his|a)|[.,]\d|\+))|"
    rf"\b{_AGE_NUM}\s?(?:[MFmf]|yo[MFmf]?)\b(?![-\w])|"
    rf"\(\s*{_AGE_NUM}\s*[MFmf]?\s*!*\s*\)|\b{_AGE_NUM}(?:st|nd|rd|th) (?:birthday|year)\b|"
    # "a man of ninety-four", "a woman of 93": a person of an age.
    rf"\b(?:man|woman|lady|gentleman|person|patient|client|widow|widower|veteran|resident) of "
    rf"(?:{_AGE_NUM}|{_AGE_WORDS})\b(?!\s*(?:%|percent|mg|minutes|days|sessions|points|pounds|"
    rf"years? (?:of|in|with|on)\b|[.,]\d))|"
    # "patient 95, admitted ...", "client's one hundred and two and ...": an age right after
    # the client word; "Quick consult: 101 and still coming to group": an age opening a
    # clause, still doing something.
    rf"\b(?:client|patient|pt)(?:'s|’s)?\s+(?:{_AGE_NUM}|{_AGE_WORDS})(?=\s*[,;)]|\s+and\b)|"
    rf"(?:(?<=^)|(?<=[.!?:] ))(?:{_AGE_NUM}|{_AGE_WORDS})(?= and still\b)|"
    # "Ninety-three, macular degeneration, ...", "Ninety-four and on Facebook": an age in
    # words opening a sentence, then what the person has or does (not a count: "One hundred
    # and fifty referrals", "Ninety, maybe a hundred, people").
    rf"(?:(?<=^)|(?<=[.!?] )|(?<=\n))(?:{_AGE_WORDS})"
    rf"(?=,\s+(?!(?:or|of|out|to|in|at|each|maybe|perhaps|probably|give or take|a hundred|"
    rf"one hundred|\d)\b)[a-z]|"
    rf"\s+and\s+(?!(?:a\s+)?(?:half|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    rf"hundred|change|counting|\d))[a-z])|"
    # "Dolores (90 last week!)": an age opening a parenthesis, then when or an exclamation.
    rf"(?<=\()\s*{_AGE_NUM}(?=\s+(?:last|this|next|come)\s+{_TIME_WORD}|\s*!+\s*\))|"
    # "One hundred and two. That's how old my newest client is."
    rf"\b(?:{_AGE_NUM}|{_AGE_WORDS})(?=[.!]?\s+(?:that's|that is|is) how old\b)|"
    # "At 98 she finally wants to talk": an age that opens a clause about someone.
    rf"\bat (?:{_AGE_NUM}|{_AGE_WORDS})(?=,?\s+(?:she|he|they|her|his|the client|my client)\b)|"
    # "Ruth, 96, lost her last sibling": an age set off by commas after a name.
    # ... with an aside after it: "Henrietta Gaskins, 104 (!), on our geri unit".
    # ... or before a semicolon or another aside: "Castellano, 91;", "Lund, 100 (she'll tell
    # you!)".
    rf"(?<=[a-z], )(?:{_AGE_NUM}|{_AGE_WORDS})(?=\s*[,);]|\s*\([!?]{{1,3}}\)|"
    rf"\s*\((?:she|he|they)['’](?:ll|d)\b)|"
    # ... or by a dash: "Ms. Harriet Cole — 96, admitted ...", "Mr. Lutz - 93; lives alone".
    # (The pattern ignores case: what follows must be about a person, not a list of scores
    # such as "Vocabulary - 93, Similarities - 88".)
    rf"(?<=[a-z] [—–-] ){_AGE_NUM}(?=\s*[,;]\s+(?:admitted|lives|living|widowed|widow|"
    rf"widower|presents|presenting|retired|referred|still|who|moved|came|brought|sent|"
    rf"recently|wants|says|refuses|refusing|declining|hospitali[sz]ed|transferred|bedbound|"
    rf"housebound|hard of hearing|in (?:an?|the|her|his) (?:alf|snf|nursing|memory|assisted|"
    rf"hospice|wheelchair))\b)|"
    # An age in words set off by dashes or commas after anything ("born 14 July 1933 -
    # ninety-three - refuses", "my oldest client, now, ninety-eight,").
    rf"(?:(?<=[-–—] )|(?<=, )|(?<=\())(?:{_AGE_WORDS})"
    # ... or with a time after it ("Her mother, ninety-six this spring, still ...").
    rf"(?=(?:\s+(?:this|next|last|come)\s+[a-z]+)?\s*(?:[,)]|[-–—]\s))|"
    # ... or ending the sentence after a name ("Resident is Mrs. Pearl Hendricks,
    # ninety-seven.").
    rf"(?<=[a-z], )(?:{_AGE_WORDS})(?=[.;!](?:\s|$))|"
    # ... or in digits ending the sentence, or with "and" and what the person is after it
    # ("Client Walter Brandt, 95.", "Mrs. Odessa Pruitt, ninety-three and sharper than me"):
    # only after a capitalised word, checked in `_unnamed_sentence_end` ("Vocabulary, 93." is a
    # score).
    rf"(?<=[a-z], )(?:{_AGE_NUM}(?=[.;!](?:\s|$))|(?:{_AGE_NUM}|{_AGE_WORDS})"
    rf"(?=\s+and\s+(?:sharp(?:er)?|still|lives|living|widowed|frail|bedbound|housebound|healthy|"
    rf"independent|alert|oriented|lucid|mobile|active)\b))|"
    # In Portuguese: "Sr. Joaquim Pacheco, 90 anos"; in Spanish with digits: "92 años".
    rf"\b{_AGE_NUM}\s+(?:anos|años)\b|"
    # An age in words before the person's sex, on a chart line: "Lucille Brandvold ninety-seven
    # F".
    rf"\b(?:{_AGE_WORDS})(?=\s?[mf]\b(?![-\w'’]))|"
    # In Spanish: "de noventa y dos años", "Carmen Luz Ortiz, noventa y cuatro, lives ...".
    rf"\b(?:{_SPANISH_AGE_WORDS})(?:\s+años\b|(?=\s*[,)]))"
)


# "born 1931", "born in March 1931", "born 14 July 1933", "born on March 3, 1931".
_BORN_YEAR_RE = re.compile(r"\b[Bb]orn\s+(?:in\s+|on\s+)?(?:[\w.]+,?\s+){0,3}?(1[89]\d\d)\b")


# What a number after "is" measures when a test, a score or a vital sign is named just before:
# "her WISC-V Spanish FSIQ is 93", "O2 sat is 94", "the standard score is 91".
_MEASURE_IS_BEFORE_RE = re.compile(
    r"\b(?:scores?|iq|index|level|rate|weight|sat|saturation|reading|composite|percentile|"
    r"pulse|glucose|sugar|temp|temperature|bp|hr|quotient|total|result)\s+$",
    re.IGNORECASE,
)
# ... or a test's acronym of three or more, in capitals: "FSIQ is 93", "SpO2 is 94" (a client's
# initials, "JR is 93", stay an age).
_ACRONYM_BEFORE_RE = re.compile(r"\b[A-Z][A-Za-z]?[A-Z0-9][A-Z0-9-]{1,6}\s+$")


def _measured(text: str, start: int, value: str) -> bool:
    """An "is 93" match whose subject is a measure, not a person."""
    if value[:3].lower() != "is ":
        return False
    before = text[max(0, start - 24) : start]
    return bool(_MEASURE_IS_BEFORE_RE.search(before) or _ACRONYM_BEFORE_RE.search(before))


_WORD_BEFORE_COMMA_RE = re.compile(r"([A-Za-z'’-]+), $")


def _unnamed_sentence_end(text: str, start: int, end: int) -> bool:
    """An age after a comma that ends the sentence or goes on with "and" ("Walter Brandt,
    95.") whose word before the comma is not a capitalised name: "Vocabulary, 93." and "my
    client, 93." are set aside here (a score, and the age rules before it have their own)."""
    if text[start - 2 : start] != ", " or not (
        text[end : end + 1] in (".", ";", "!") or text.startswith(" and", end)
    ):
        return False
    m = _WORD_BEFORE_COMMA_RE.search(text, max(0, start - 30), start)
    if m is None:
        return True
    word = m.group(1)
    return not word[:1].isupper() or (
        word.lower() in _COMMON_WORDS or word.lower() in _EVERYDAY_WORDS
    )


def _kept(text: str, m: re.Match[str]) -> bool:
    value = m.group()
    if _measured(text, m.start(), value):
        return False
    return not (value[:1].isdigit() and _unnamed_sentence_end(text, m.start(), m.end()))


def candidates(doc: _Doc, *, today: datetime.date | None = None) -> Iterator[_Candidate]:
    """Ages over 89: in words anywhere, around each 90-129 number, and birth years more
    than 89 years before `today` (the current date, read per call)."""
    text, lower, shape = doc.text, doc.lowered, doc.shape
    # Ages in words ("aged ninety-three") need no digit at all.
    words_age = "ninety" in lower or "hundred" in lower or "noventa" in lower or " cien" in lower
    if words_age:
        for m in _AGE_RE.finditer(doc):
            if _kept(text, m):
                yield _Candidate("age", m.start(), m.end())
    if not doc.digits:
        return
    if "born" in lower and "00" in shape:
        year = (today or datetime.date.today()).year
        for m in _BORN_YEAR_RE.finditer(text):
            # Safe Harbor: a birth year that puts someone over 89 is an age identifier.
            if year - int(m.group(1)) > 89:
                yield _Candidate("age", m.start(1), m.end(1))
    if "00" in shape and not words_age:
        # Ages over 89 only: look around each 90-129 number, not the whole post.
        seen_ages: set[tuple[int, int]] = set()
        for run_start, run_end in _digit_runs(shape, 2):
            if run_end - run_start > 3 or not 90 <= int(text[run_start:run_end]) <= 129:
                continue
            window_end = min(len(text), run_end + 24)
            # Cues of up to 13 characters before the age ("lived to see 102").
            for m in _AGE_RE.finditer(doc, max(0, run_start - 16), window_end):
                if m.span() not in seen_ages:
                    seen_ages.add(m.span())
                    if _kept(text, m):
                        yield _Candidate("age", m.start(), m.end())
