"""Context that clears a contact detail: the clinician giving their own or a public service's, not
a client's.
"""

from __future__ import annotations

import re

from detectors.identifiers._text import _CaseFree, _Doc

# Public phone lines: they clear their own number (below), never a place (_PUBLIC_LINE_RE).
_PUBLIC_LINES = (
    r"hotline|helpline|crisis line|lifeline|warmline|text line|988|poison control|trans lifeline"
)

# A clinician's own contact details in a referral or training post. The cue
# must come shortly before (or just after) the identifier.
_PRACTICE_CUE_RE = _CaseFree(
    r"(?i)\b(?:my|our) (?:office|practice|clinic|group practice|agency|center|centre|"
    r"program|"
    r"website|site|web ?site|email|e-mail|number|direct line|line|cell|phone|fax|intake|contact|"
    r"address|location|page|profile|newsletter|team|front desk|practice manager|scheduler)\b|"
    r"\b(?:contact|reach|call|email|e-mail|text|message|dm|ping|find) (?:me|us)\b|"
    r"\bI can be reached\b|\b(?:you )?can reach (?:me|us)\b|\breach out\b|\bget in touch\b|"
    # ("FEMA registration 448213907" is a family's aid number, not an event's sign-up.)
    r"\bfeel free to\b|\breferrals? (?:to|at|line)\b|"
    r"\b(?:register|(?<!fema )registration|sign up|rsvp|"
    r"enroll|(?<!parking )(?<!speeding )(?<!traffic )tickets|more info|more information|for info|"
    # ("His wife may join at 805 W Main St" is where a relative will be: "join" counts
    # unless an address follows it.)
    r"learn more|apply|flyer|zoom link|join)\b(?! at \d)|"
    r"\bour groups? (?:meets?|runs?|is held)\b|"
    # The author's own service offered, or a colleague's line: "I offer a free 15-minute
    # consultation: (720) ...", "my colleague Dr. Patel at (415) ...".
    r"\bi offer\b|\bfree (?:\d+[- ]minute |phone |initial )?consult(?:ation)?s?\b|"
    r"\b(?:book|schedule|set up) (?:a|an|your) (?:free )?"
    r"(?:consult(?:ation)?|session|appointment)\b|"
    r"\bmy colleagues?\b|"
    r"\b(?:" + _PUBLIC_LINES + r"|samhsa|nami|trevor project)\b|"
    # ("housed in a men's unit" is where a prisoner is held, not a practice's address).
    # ("Finally housed at 901 Cumberland St": a client given a home; an office "is housed".)
    r"\b(?:located|based) (?:at|in|on)\b|\b(?:is|are) housed (?:at|in|on)\b"
    r"(?! (?:a|the) (?:\w+'s )?unit)|"
    r"\bwe(?:'re| are) (?:at|located)\b|\bwe meet (?:at|on|in)\b|"
    r"\boffices? (?:is|are) (?:at|on|in)\b|\bNPI\b|"
    r"\bmy licen[cs]e (?:number|no\.?|#|is)|"
    # A clinician introducing themselves with a credential: "I'm Jordan Kim, LPC, in
    # Tacoma, WA 98405", "my name is Ana Ruiz and I'm a psychologist".
    r"\b(?:i'm|i am|my name is|this is)\s+(?!(?:her|his|their|the|a|an|your|not|also|so|now)\b)"
    r"[a-z][\w'’.-]+(?:\s+[a-z][\w'’.-]+)?,?\s+(?:and i'm\s+|an?\s+)?(?:lcsw|lpc|lmft|psyd|"
    r"phd|md|lmhc|lpcc|lcpc|lisw|lcmhc|np|pmhnp|psychologist|psychiatrist|therapist|counsell?or|"
    r"social worker)\b|\breferrals? (?:are )?welcome\b|"
    # An organisation's published contact: "the agency's intake line", "the clinic's fax".
    r"\b(?:agency|clinic|program|hospital|center|centre|practice|shelter|county(?=['’]s)|"
    r"department|"
    r"pharmacy|school district|organi[sz]ation)(?:'s|’s)? (?:main |intake |scheduling |"
    r"appointment |referral |front desk |billing )?(?:line|number|phone|fax|website|site|e-?mail)\b"
)
# Dozens of cue phrases: tried only where one can begin (the same matches).
_PRACTICE_CUE_RE.gate()


# Between a contact detail and a practice cue after it, only punctuation, a dash, an
# opening parenthesis or "is": "503-555-0101 (my cell)", "... - our main line",
# "... is my direct line". "lives in Springfield, IL 62704 and walks to our clinic" is
# not the clinic's ZIP.
_AFTER_GAP_RE = re.compile(r"[\s,;:(\[\-–—]*(?:(?:is|=|that's|that is)\s+)?(?:the\s+)?")


_PATIENT_CUE_RE = _CaseFree(
    r"(?i)\b(?:her|his|their|client'?s?|patient'?s?|pt'?s?|mother'?s|father'?s|mom'?s|dad'?s|"
    r"daughter'?s|son'?s|husband'?s|wife'?s|partner'?s|she|he|they)\b"
)


# A public phone line ("988", "the crisis line", "a warmline") clears that line's number,
# never a place: "called 988 and police for a wellness check at 62 N Queen St" gives the
# client's address. (An organisation's name, "NAMI", still clears its office's address.)
_PUBLIC_LINE_RE = re.compile(f"(?:{_PUBLIC_LINES})")


def _practice_exempt(doc: _Doc, start: int, end: int, *, place: bool = False) -> bool:
    """True when the clinician is giving their own or a public contact detail.

    The cue must sit in the same stretch of text (80 characters back, or a
    short parenthesis after) and must come after any mention of the client,
    so "her mother called my office" does not exempt the mother's number.
    """
    window_start = max(0, start - 80)
    last_practice = -1
    practice_end = 0
    for match in _PRACTICE_CUE_RE.finditer(doc, window_start, start):
        if place and _PUBLIC_LINE_RE.fullmatch(match.group().lower()):
            continue
        last_practice, practice_end = match.start(), match.end()
    if last_practice < 0:
        after_end = min(len(doc.text), end + 30)
        after = _PRACTICE_CUE_RE.search(doc, end, after_end)
        if after is None or not _AFTER_GAP_RE.fullmatch(doc.text, end, after.start()):
            return False
        return not _PATIENT_CUE_RE.search(doc, end, after_end)
    # "Tried to send the zoom link to sunny.d@...", "forwarded the release to ...": the
    # detail is the recipient's, whatever event word stands before it.
    if _RECIPIENT_RE.search(doc, window_start, start) and not _OWN_CUE_RE.search(
        doc, last_practice, practice_end
    ):
        return False
    last_patient = -1
    for match in _PATIENT_CUE_RE.finditer(doc, window_start, start):
        last_patient = match.start()
    # "she called my cell from 503-..." gives her number, not mine.
    if _FROM_RE.search(doc.text, practice_end, start):
        return False
    # "'Text me at 503-...', the teen wrote": the words are someone else's.
    if _reported(doc, last_practice, end):
        return False
    return last_practice > last_patient


# Words reported from someone else: a third person's "wrote", "said" or "texted" in the
# same sentence, or an opening quote just before the cue.
_REPORTED_AFTER_RE = _CaseFree(
    r"(?i)[^.!?\n]{0,40}?\b(?:she|he|they|the (?:client|teen|kid|patient|mom|dad|mother|"
    r"father|boyfriend|girlfriend|ex|husband|wife|partner|son|daughter|note|form|card|text)|"
    r"client|teen|patient|mom|dad)\s+(?:wrote|writes|said|says|texted|typed|put|added|"
    r"scribbled|read)\b"
)
_REPORTED_BEFORE_RE = _CaseFree(
    r"(?i)(?:[\"“]|\b(?:wrote|writes|said|says|texted|typed|read|reads|message|note|form)"
    r"[,:]?\s*[\"“']?)\s*$"
)


# Inside a quotation that a message opens: 'Waitlist voicemail: "Hi this is Darnell Price,
# my number is 313 555 0186, ...' is the caller's number, not the author's.
_QUOTE_OPENED_RE = _CaseFree(
    r"(?i)\b(?:voicemail|voice mail|vm|message|msg|text|email|e-mail|note|letter|said|says|wrote|"
    r"writes|left)\s*[,:]?\s*[\"“][^\"”\n]{0,100}$"
)


def _reported(doc: _Doc, cue_start: int, end: int) -> bool:
    if _REPORTED_BEFORE_RE.search(doc, max(0, cue_start - 20), cue_start):
        return True
    if _QUOTE_OPENED_RE.search(doc, max(0, cue_start - 120), cue_start):
        return True
    return _REPORTED_AFTER_RE.match(doc, end, min(len(doc.text), end + 60)) is not None


# ... or "called our front desk and gave us a relative's number, +1 626 ...": given to us.
_FROM_RE = re.compile(r"\b(?:[Ff]rom|gave (?:us|me)|gives (?:us|me)|left (?:us|me))\b")
_RECIPIENT_RE = _CaseFree(
    r"(?i)\b(?:sent|send|sending|forwarded|forward|forwarding|mailed|emailed|went|bounced|"
    r"cc'?d|delivered)\b[^.!?\n]{0,60}\bto\s*[:\"“]?\s*$"
)
# A cue that is the clinician's own (my/our, contact me), not an event word.
_OWN_CUE_RE = _CaseFree(r"(?i)\b(?:my|our|me|us|referrals?)\b")
