"""A clinician's own signature: the block that closes a post with the author's name,
credentials and practice contact details. Nothing in it is a patient identifier (issue
20: "a clinician's own signature is not a patient identifier").

The block starts at the last sign-off line ("Best,", "Warmly,", "— Dana", "Thanks,"), at
a line that names someone with a credential ("Dana Whitfield, LMFT"), or at a line that
names a practice ("Riverbend Counseling Collective"), within the post's last eight lines,
and runs to the end of the post. Only lines that read like a signature may follow: short,
and each a name, a credential, a practice, or contact details.
"""

from __future__ import annotations

import re

# Kinds a signature can carry; an SSN or a record number is never the author's to sign.
SIGNATURE_KINDS = frozenset({"name", "phone", "email", "url", "address", "zip"})

_SIGN_OFF = re.compile(
    r"^\s*(?:[-—–~]+\s*\S.*|(?:best(?: wishes| regards)?|warm(?:ly| regards| wishes)?|"
    r"kind regards|regards|sincerely|cheers|thanks(?: so much| again| all| everyone)?|"
    r"thank you(?: all)?|many thanks|with gratitude|gratefully|respectfully|take care|"
    r"be well|in solidarity|peace|all the best|yours(?: truly)?|cordially|xo)"
    r"\s*[,!.]?\s*(?:\S.*)?)$",
    re.IGNORECASE,
)
_CREDENTIAL = re.compile(
    r"\b(?:LCSW(?:-[CSR])?|LICSW|LMSW|LISW(?:-S)?|LSW|MSW|LPC(?:-S|-A)?|LPCC|LMHC|LCPC|LMFT|MFT|"
    r"LCMHC|LPCA|LAC|LADC|CADC|LCADC|LCDC|CSW|BCBA|LMHCA|LPCI|ATR(?:-BC)?|RPT|CEDS|NCC|PsyD|"
    r"Psy\.D\.|PhD|Ph\.D\.|MD|M\.D\.|DO|PMHNP(?:-BC)?|APRN|NP|RN|EdD|Ed\.D\.|MA|MS|MEd|DNP|"
    r"FNP|CPsych|RYT(?:-\d+)?|ABPP|CCTP|CST|LCAT|LPA|CCC-SLP|OTR/L|BC-TMH|CAADC|"
    r"[Ll]icensed (?:[A-Za-z]+ ){0,2}(?:[Pp]sychologist|[Tt]herapist|[Cc]ounsell?or|"
    r"[Ss]ocial [Ww]orker)|(?:[Cc]linical|[Ee]xecutive|[Mm]edical|[Pp]rogram) [Dd]irector)\b"
)
_PRACTICE = re.compile(
    r"\b(?:Counseling|Counselling|Therapy|Therapies|Psychotherapy|Psychology|Psychiatry|"
    r"Psychological|Behavioral Health|Behavioural Health|Mental Health|Wellness|Collective|"
    r"Associates|Group Practice|Clinic|Center|Centre|Practice|Family Services|Health|"
    r"Neuropsychology|Psychiatric|Counselors|Therapists|Institute|Services|PLLC|LLC|PC|PLLC)\b"
)
_CONTACT = re.compile(
    r"@|\bwww\.|https?://|\.(?:com|org|net|us|health|care|co)\b|\d{3}\W{0,2}\d{3}\W\d{4}|"
    r"\b(?:Suite|Ste|Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Blvd|Way|Court|Ct)\b|"
    r"\b\d{5}(?:-\d{4})?\b|\b(?:call|text|phone|tel|fax|office|cell|ext)\b|"
    # The clinician's own registration numbers: NPI, licence, CAQH, DEA.
    r"\b(?:NPI|licen[cs]ed?|lic\.|CAQH|DEA|taxonomy|board[- ]certified)\b",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(
    r"^\s*(?:[-—–~]\s*)?(?:Dr\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*,?\s*$"
)
_MAX_LINE = 160


# A line about someone else (a client, a relative) is not the author's signature.
_ABOUT_SOMEONE = re.compile(
    r"\b(?:her|his|their|she|he|they|client'?s?|patient'?s?|pt|mom|mother|dad|father|son|"
    r"daughter|wife|husband|partner|sister|brother|DOB)\b",
    re.IGNORECASE,
)


def _signature_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > _MAX_LINE or _ABOUT_SOMEONE.search(stripped):
        return False
    return bool(
        _CREDENTIAL.search(stripped)
        or _CONTACT.search(stripped)
        or _PRACTICE.search(stripped)
        or _NAME_LINE.match(stripped)
        or _SIGN_OFF.match(stripped)
    )


def _title_like(line: str) -> bool:
    """A practice's name, not a sentence: short, most words capitalised, no full stop."""
    words = re.findall(r"[A-Za-z][\w'’&-]*", line.split("|")[0])
    if not words or len(line) > 90 or line.rstrip().endswith((".", "?", "!")):
        return False
    capitalised = sum(word[0].isupper() for word in words)
    return capitalised / len(words) >= 0.75


# A signature line carrying the clinician's registration numbers: a record-like number on
# it is their NPI or licence number, not a client's record number.
REGISTRATION_LINE = re.compile(r"(?i)\b(?:NPI|licen[cs]e|lic\.|CAQH|DEA|#)")


def registration_line_at(text: str, position: int) -> bool:
    """Whether the line holding `position` names the clinician's NPI or licence."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return bool(REGISTRATION_LINE.search(text, start, len(text) if end < 0 else end))


def signature_start(text: str) -> int | None:
    """Where the post's closing signature block starts, or None when it has none."""
    if "\n" not in text.rstrip():
        return _inline_signature_start(text)
    lines = text.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    last = len(lines)
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    start = None
    for index in range(last - 1, max(-1, last - 9), -1):
        line = lines[index].strip()
        if not _signature_line(lines[index]):
            break
        opener = (
            _SIGN_OFF.match(line)
            or (_CREDENTIAL.search(line) and len(line) <= _MAX_LINE)
            or (_PRACTICE.search(line) and _title_like(line))
        )
        if opener and index > 0:
            start = index
    return offsets[start] if start is not None else None


_INLINE = re.compile(
    r"(?:^|[.!?]\s+)((?:[Bb]est|[Ww]armly|[Tt]hanks|[Cc]heers|[Ss]incerely|[Rr]egards|"
    r"[Tt]ake care)[,!]?\s+)?(?:Dr\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3},\s*"
    + _CREDENTIAL.pattern
    + r"[^.!?]*$"
)


def _inline_signature_start(text: str) -> int | None:
    """A one-line post that ends "... Warmly, Dana Whitfield, LMFT | site.com"."""
    match = _INLINE.search(text)
    return match.start() if match else None
