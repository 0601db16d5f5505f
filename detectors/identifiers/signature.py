"""A clinician's own signature: the block that closes a post with the author's name,
credentials and practice contact details. Nothing in it is a patient identifier (issue
20: "a clinician's own signature is not a patient identifier").

The block starts at the last sign-off line ("Best,", "Warmly,", "— Dana", "Thanks,"), at
a line that names someone with a credential ("Dana Whitfield, LMFT"), or at a line that
names a practice ("Riverbend Counseling Collective"), within the post's last eight lines,
and runs to the end of the post. Only lines that read like a signature may follow: short,
and each a name, a credential, a practice, or contact details; trailers an e-mail client or
the author adds (a confidentiality notice, "Sent from my iPhone", a motto, an aside in
parentheses, pronouns, hours) neither end the block nor open it.

`clinician_own` applies the block and the classes around it: registration numbers (NPI,
licence) anywhere, a business card mid-post ("Name, LMHC - email - phone"), and in a signed
post the contact details the author gives as their own or a colleague's.
"""

from __future__ import annotations

import re

from detectors.identifiers._text import CLIENT_OR_KIN_RE, CLIENT_OR_KIN_WORDS, CaselessSearch
from detectors.identifiers.name_cues import _AMBIGUOUS_TITLES, _DIAGNOSIS_AFTER
from detectors.lexicon_scan import StartGated

# Kinds a signature can carry; an SSN or a record number is never the author's to sign.
SIGNATURE_KINDS = frozenset({"name", "phone", "email", "url", "address", "zip"})

# Greetings and closings of other languages: "Aloha,", "Mahalo,", "Wado,", "Is mise le meas,",
# "Cordialement,", "Ngā mihi,". Both sign-off patterns below use this one list.
_OTHER_LANGUAGE_CLOSINGS = (
    r"aloha|mahalo|namaste|shalom|salaam|ciao|saludos|abrazos|wado|miigwech|mahsi cho|"
    r"is mise le meas|le meas|cordialement|amicalement|bien à vous|mit freundlichen grüßen|"
    r"bendiciones|con cariño|saludos cordiales|atentamente|un abrazo|"
    r"ngā mihi|nga mihi|nāku noa|naku noa"
)
_SIGN_OFF = re.compile(
    # A dash before a name signs off, unless a colon and more follow the name: a list item
    # ("- Maria: 3 missed groups", "- T. Abernathy: diary card blank").
    r"^\s*(?:[-—–~]+\s*(?!(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*:\s*\S)\S.*|"
    r"(?:best(?: wishes| regards)?|warm(?:ly| regards| wishes)?|"
    r"kind regards|regards|sincerely|cheers|thanks(?: so much| again| all| everyone)?|"
    r"thank you(?: all)?|many thanks|with gratitude|gratefully|respectfully|take care|"
    r"be well|in solidarity|peace|all the best|yours(?: truly)?|cordially|xo|"
    # Closings of thanks to the forum: "appreciate you all, Corinne", "thanks in advance".
    r"(?:so |really |much )?appreciate(?:d| (?:you|y'all|this group|everyone|it)(?: all)?)|"
    r"thanks in advance|thank you in advance|grateful(?: for (?:you|this group)(?: all)?)?|"
    r"in gratitude|gratitude|with appreciation|hugs|blessings|talk soon|stay well|onward|"
    + _OTHER_LANGUAGE_CLOSINGS
    + r")\s*[,!.]?\s*(?:\S.*)?)$",
    re.IGNORECASE,
)
# A sign-off and nothing else ("Cheers,", "Best regards,"): it may open a post that is all
# signature.
_BARE_SIGN_OFF = re.compile(
    r"(?i)^\s*(?:best(?: wishes| regards)?|warm(?:ly| regards| wishes)?|kind regards|regards|"
    r"sincerely|cheers|thanks|thank you|many thanks|take care|be well|all the best|"
    + _OTHER_LANGUAGE_CLOSINGS
    + r")\s*[,!.]?\s*$"
)
_CREDENTIAL = re.compile(
    r"\b(?:LCSW(?:-[CSR])?|LICSW|LMSW|LISW(?:-S)?|LSW|MSW|LPC(?:-S|-A)?|LPCC|LMHC|LCPC|LMFT|MFT|"
    r"LCMHC|LPCA|LAC|LADC|CADC|LCADC|LCDC|CSW|BCBA|LMHCA|LPCI|ATR(?:-BC)?|RPT|CEDS|NCC|PsyD|"
    r"Psy\.D\.|PhD|Ph\.D\.|MD|M\.D\.|DO|PMHNP(?:-BC)?|APRN|NP|RN|EdD|Ed\.D\.|MA|MS|MEd|DNP|"
    r"FNP|CPsych|RYT(?:-\d+)?|ABPP|CCTP(?:-II)?|CST|LCAT|LPA|CCC-SLP|OTR/L|BC-TMH|CAADC|"
    # Licences and certifications of other states and boards: Nebraska's LIMHP, Georgia's
    # CPCS, play therapy's RPT-S, perinatal PMH-C, group therapy's CGP, and their plurals
    # ("Will & Jo Burke, LMFTs").
    r"LIMHP|LMHP|CPC|CPCS|RPT-S|ACSW|PMH-C|CGP|CEAP|CSAC|LAADC|NCSP|LGSW|LCSWA|LPC-MHSP|"
    r"AMFT|APCC|ASW|LSSP|CRC|ICADC|LICDC|LISAC|PLPC|LMFTA|LCMHCA|CMHC|LPE|LCDC-I|PA-C|"
    # Peer and recovery specialists, Louisiana's board-approved clinical supervisor, midwives:
    # "CPRS, OCPS", "LCSW-BACS", "MSN, CNM".
    r"CPRS|OCPS|CRPS|PRSS|CRSS|CPSS|CCAR|BACS|CNM|MSN|QMHP|QMHP-CS|CSW-PIP|LMSW-C|"
    # Nurses and academic titles: "Joanne Whitfield, LPN", "Associate Professor of Social Work".
    r"LPN|LVN|CRNP|PMHCNS(?:-BC)?|CNS|(?:Assistant |Associate |Clinical )?Professor|Lecturer|"
    r"Instructor|"
    # Specialist degrees, ministry, pharmacy, public health and long-term care ("Samantha
    # Greer, EdS, NCSP", "Fr. Dominic Albrecht, MDiv, BCC", "PharmD, BCPP", "Angela
    # Brightwater, LNHA"), and the roles that sign programme posts ("Office Manager",
    # "Associate Director", "Study Coordinator", "Chaplain").
    r"EdS|Ed\.S\.|MDiv|M\.Div\.|BCC|PharmD|Pharm\.D\.|BCPP|MPH|MHA|LNHA|CCM|LCAS|RDN|CDCES|DSW|"
    # Dietitians and lactation consultants: "Jenna Kleinfeld, RD", "RD, LDN, CEDS-S", "IBCLC".
    r"RD|LD|LDN|CDN|CSSD|CEDS-S|CEDRD(?:-S)?|IBCLC|"
    # Community health workers and doulas: "Dana Bernier, CHW", "CD(DONA)".
    r"CHW|CCHW|CHES|"
    r"DMin|(?:Program|Office|Practice|Intake|Clinic|Case|Site) Manager|"
    r"(?:Study |Program |Intake |Outreach |Education |Research |District )?Coordinator|"
    r"(?:Associate |Assistant |Regional |Site )?Director|Chaplain|Pharmacist|"
    r"(?:LCSW|LMFT|LPC|LMHC|LPCC|LCPC|MFT|PsyD|PhD|MD|NP|RN)s|"
    r"[Ll]icensed (?:[A-Za-z]+ ){0,2}(?:[Pp]sychologist|[Tt]herapist|[Cc]ounsell?or|"
    r"[Ss]ocial [Ww]orker)|(?:[Cc]linical|[Ee]xecutive|[Mm]edical|[Pp]rogram) [Dd]irector|"
    # A role title on a signature line: "Sam Oduya | Therapist & Supervisor".
    r"(?:Clinical |Licensed |Staff |Lead |Counsell?ing |Consultant |Senior |Registered |"
    r"Chartered |Principal |Trainee |Associate )?(?:Psychotherapist|Therapist|Counsell?or|"
    r"Psychologist|Psychiatrist|Social Worker|Clinical Supervisor|Supervisor|Founder|Owner|"
    r"Clinician)|"
    # Titles of other countries' registers: the UK's, Ireland's, Australia's, Canada's (also
    # in French), and degrees written with stops ("M.Ps.", "M.Ed.").
    r"DClinPsy|DCounsPsy|CPsychol|AFBPsS|MBACP|UKCP|HCPC|MAPS|FAPS|MIACP|MCCP|MSc|BSc|BABCP|"
    r"RP|RCC|CCC|RSW|LSC|LSCSW|LCMFT|PBANZ|NZAC|M\.Ps|M\.Ed|M\.A|M\.S|M\.S\.W|[Pp]sychologue|"
    r"[Pp]sychoth[ée]rapeute|"
    r"[Tt]ravailleu(?:r|se) social(?:e)?|"
    r"[Aa]ccredited (?:[A-Z]\w+ )?(?:[Cc]ounsell?or|[Tt]herapist))(?!\w)"
)
# Dozens of credentials and titles: tried only where one can begin (the same matches).
_CREDENTIAL = StartGated(_CREDENTIAL)
_PRACTICE_WORDS = (
    r"(?:Counseling|Counselling|Therapy|Therapies|Psychotherapy|Psychology|Psychiatry|"
    r"Psychological|Behavioral Health|Behavioural Health|Mental Health|Wellness|Collective|"
    r"Associates|Group Practice|Clinic|Center|Centre|Practice|Family Services|Health|"
    r"Neuropsychology|Psychiatric|Counselors|Therapists|Institute|Services|PLLC|LLC|PC|PLLC|"
    r"Group|Assessment|Partners|Consulting|Consultants|Recovery|Pathways|Hospice|Program|"
    r"Solutions|Healing|Studio|Network|Alliance|Supervision|Inc|University|College|"
    r"Department|Hospital|Medical Center|School of [A-Z]\w+)"
)
_PRACTICE = re.compile(rf"\b{_PRACTICE_WORDS}\b")
# A line of licence numbers by state: "PA PS019874 | NJ 35SI00731200" (case-sensitive).
_STATE_LICENCES_LINE = (
    r"\s*[A-Z]{2}\s+[A-Z0-9-]*\d[A-Z0-9-]{3,14}"
    r"(?:\s*[|,/;]\s*[A-Z]{2}\s+[A-Z0-9-]*\d[A-Z0-9-]{3,14})*\s*"
)
_CONTACT = re.compile(
    r"@|\bwww\.|https?://|\.(?:com|org|net|us|health|care|co)\b|\d{3}\W{0,2}\d{3}\W\d{4}|"
    r"\b(?:Suite|Ste|Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Blvd|Way|Court|Ct)\b|"
    r"\b\d{5}(?:-\d{4})?\b|\b(?:call|text|phone|ph|tel|fax|office|cell|mob|mobile|ext)\b|"
    # The clinician's own registration numbers: NPI, licence, CAQH, DEA.
    r"\b(?:NPI|licen[cs]ed?|lic\.|CAQH|DEA|taxonomy|board[- ]certified|psypact|apit|"
    # ... "Lic." ends with a stop, after which \b never matches: (?!\w) instead.
    r"e\.?passport)(?!\w)|"
    # Licence numbers by state on their own line: "PA PS019874 | NJ 35SI00731200".
    rf"(?-i:^{_STATE_LICENCES_LINE}$)",
    re.IGNORECASE,
)
# A name or a practice's name on its own line ("Mukherjee Couples & Family", "Adler and Rowe").
_NAME_LINE = re.compile(
    r"^\s*(?:[-—–~]\s*)?(?:Dr\.?\s+)?[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|&|and|of)){0,4}"
    # ... with the author's pronouns after it: "Priya Raman (she/her)".
    r"(?:\s*\(\s*(?:she|he|they|ze|xe)\s*/[^)\n]{1,20}\))?\s*,?\s*$"
)
_MAX_LINE = 160


# A line about someone else (a client, a relative) is not the author's signature.
_ABOUT_SOMEONE = re.compile(
    # ... not inside a hyphenated name ("Mother-Baby Recovery Clinic").
    r"(?<![\w-])(?:her|his|their|she|he|they|client'?s?|patient'?s?|pt|mom|mother|dad|father|"
    r"son|daughter|wife|husband|partner|sister|brother|dob)(?![\w-])",
    re.IGNORECASE,
)
_ABOUT_SOMEONE_FOUND = CaselessSearch(_ABOUT_SOMEONE)


# The author's own pronouns ("(she/her)", "Pronouns: they/them") are not about a client.
_PRONOUN_SET = re.compile(
    r"(?i)\b(?:she|he|they|ze|xe|any)\s*/\s*(?:her|hers|him|his|them|theirs|hir|xem|pronouns|"
    # ... and in Spanish or French ("she/ella", "he/él", "they/elle").
    r"they|she|he|ella|él|el|elle|iel)"
    r"(?:\s*/\s*(?:her|hers|him|his|them|theirs|they|she|he|ella|él|el|elle))?\b"
)

# Lines an e-mail client or the author adds under a signature: a confidentiality notice,
# "Sent from my iPhone", a motto in quotation marks, an aside in parentheses, pronouns,
# office hours. They neither end a signature block nor open one.
_TRAILER = re.compile(
    r"(?i)^\s*\*?\s*(?:sent from my\b.*|"
    r"(?:confidentiality|privacy) (?:notice|statement|warning)\b.*|"
    r"confidential\b.*|this (?:e-?mail|message|communication|transmission)\b.*|"
    r".*\bintended (?:only )?for (?:the )?(?:named |addressee|recipient|use)\b.*|"
    r"(?:disclaimer|please consider the environment|get outlook)\b.*|\(.*\)|[\"“].*[\"”]|"
    # A crisis-line reminder: "Veterans Crisis Line: dial 988, then press 1", "Crisis? Call 988."
    r"(?:veterans )?crisis line\b.*|(?:in )?crisis\?.*|if (?:you are|you're|you’re) in crisis\b.*|"
    r"notice\s*:.*|"
    r"(?:call|text|dial) 988\b.*|"
    # (A do-not-send-client-information line is _DO_NOT_SEND's, below: it names clients.)
    r"pronouns?\s*[:-].*|\(?(?:she|he|they|ze|xe)\s*/\s*\w+(?:\s*/\s*\w+)?\)?|"
    r"(?:office |clinic )?hours?\s*[:-].*|(?:mon|tue|wed|thu|fri)\w*\s*[-–]\s*"
    r"(?:mon|tue|wed|thu|fri|sat|sun)\w*\b.*|"
    # How and when the author sees people: "Telehealth only, Mon-Thu", "In-person and
    # telehealth", "Accepting new clients", "Evenings available" (short lines only).
    r"(?=.{0,60}$)(?:telehealth|virtual|in-person|in person|online|accepting|now accepting|"
    r"not accepting|evenings?|weekends?|by appointment|sliding scale|in-network|serving)\b.*|"
    r"(?=.{0,60}$).*\b(?:mon|tue|wed|thu|fri)\w*\s*[-–]\s*(?:mon|tue|wed|thu|fri|sat|"
    r"sun)\w*\s*$)\s*$"
)


# "Accepting new clients", "Now seeing adult clients in person": the author's availability,
# whose "clients" are nobody in particular.
_AVAILABILITY = re.compile(
    r"(?i)^(?:now\s+|currently\s+)?(?:not\s+)?(?:accepting|taking|seeing|welcoming)\s+"
    r"(?:new\s+)?(?:[\w-]+\s+)?(?:clients|referrals|patients)\b.{0,90}$"
)


# "Please do not send client information by email": a trailer that names clients without
# being about one.
_DO_NOT_SEND = re.compile(
    r"(?i)^(?:please\s+)?(?:do not|don't|never)\s+(?:send|e-?mail|include|share|post)\s+"
    r"(?:any\s+)?(?:clinical|phi|protected|client|patient|confidential|identifying)\b.{0,80}$"
)


def _trailer_line(line: str) -> bool:
    stripped = line.strip()
    if stripped and (_AVAILABILITY.match(stripped) or _DO_NOT_SEND.match(stripped)):
        return True
    return bool(stripped) and bool(_TRAILER.match(stripped)) and not _about_someone(stripped)


def _about_someone(line: str) -> bool:
    if "/" in line:
        line = _PRONOUN_SET.sub(" ", line)
    return _ABOUT_SOMEONE_FOUND.found_in(line)


def _fielded(line: str) -> bool:
    """A signature written on one line as fields joined by bars or bullets ("Name, LMFT |
    NV MFT 2288 | NPI ... | practice | address | phone | e-mail"): longer than a line of a
    block may be, but each field is short."""
    return _card_fields(line, _FIELD_SEPARATORS) is not None


_FIELD_SEPARATORS = re.compile(r"\s[|•·]\s")
# ... and on a card that opens a post, dashes too: "Name, CADC — practice — phone — e-mail".
_CARD_SEPARATORS = re.compile(r"\s[|•·—–]\s")


def _card_fields(line: str, separators: re.Pattern[str]) -> list[str] | None:
    """The fields of a line written as a card (three or more, each short), or None."""
    fields = separators.split(line)
    if len(fields) >= 3 and len(line) <= 3 * _MAX_LINE and all(len(f) <= 90 for f in fields):
        return fields
    return None


# A line that is only a telephone number, in any country's grouping ("(02) 9262 4410",
# "+353 1 872 6635", "0412 883 507", "029 2074 4612").
_PHONE_LINE = re.compile(
    # ... after the practice's town and a bar: "Whanganui | 021 448 392".
    r"(?i)^(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}\s*[|•·]\s*)?"
    r"(?:(?:ph|tel|phone|mob|mobile|cell|office|m|t|p)\s*[:.]?\s*)?\+?[\d(][\d ().-]{6,18}\d"
    r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?$"
)


# A register's name and the author's number on it: "CRPO #004127", "OPQ no 12874-09".
_REGISTRY_LINE = re.compile(
    r"^(?:[A-Z][\w'’]*\s+){0,3}[A-Z]{2,6}\s*(?:#|no\.?|reg\.?|registration)\s*[:#]?\s*"
    r"[A-Z0-9][\w-]{2,}$"
)


# A line that ends with the practice's town and state: "Christus-area community hospital, Lake
# Charles LA".
_TOWN_AT_END = re.compile(r",\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2},?\s+[A-Z]{2}$")


# The practice's town on a line of its own: "Nashville, TN", "Scranton, PA 18503".
_TOWN_LINE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3},\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?"
    # ... with the author's pronouns after a bar: "Ottawa, ON | he/him".
    r"(?:\s*[|•·]\s*(?:she|he|they|ze|xe)/\w+(?:/\w+)?)?$"
)


# A short label line in a block: "Hosted by:", "RSVP to:", "For referrals:", "Now: private
# consultation".
_LABEL_LINE = re.compile(
    r"^(?:Hosted by|Presented by|Sponsored by|RSVP(?: to)?|For referrals|Referrals|Contact|"
    r"Questions\??|Now|Currently|Formerly|Previously|Reach me|Find me)\s*:(?:\s*[^:]{1,40})?$"
)


# The author's role on a line of its own: "Clinical Lead, Mesa Crisis Team", "Intake
# Coordinator" (a title-like line only).
_JOB_TITLE = re.compile(
    r"\b(?:Director|Manager|Lead|Coordinator|Supervisor|Chief|Officer|Specialist|Liaison|"
    r"Founder|Owner|Clinician|Therapist|Counselor|Counsellor|Psychologist|Psychiatrist|"
    r"Social Worker|Team|President|Chair|Co-Chair|Executive|Principal|Fellow|Collaborative)\b"
)


def _signature_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or _DO_NOT_SEND.match(stripped):
        return True
    if (len(stripped) > _MAX_LINE and not _fielded(stripped)) or _about_someone(stripped):
        return False
    if _TRAILER.match(stripped) or _RULE_LINE.match(stripped) or _LABEL_LINE.match(stripped):
        return True
    return bool(
        _CREDENTIAL.search(stripped)
        or (_JOB_TITLE.search(stripped) and _title_like(stripped))
        or (len(stripped) <= 80 and _TOWN_AT_END.search(stripped))
        or _CONTACT.search(stripped)
        or _PHONE_LINE.match(stripped)
        or _REGISTRY_LINE.match(stripped)
        or _TOWN_LINE.match(stripped)
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


_STATE_LICENCES = re.compile(_STATE_LICENCES_LINE)


def registration_line_at(text: str, position: int) -> bool:
    """Whether the line holding `position` names the clinician's NPI or licence, or is a
    line of licence numbers by state ("PA PS019874 | NJ 35SI00731200")."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    return bool(
        REGISTRATION_LINE.search(text, start, end) or _STATE_LICENCES.fullmatch(text, start, end)
    )


def _credential_line_at(text: str, position: int) -> bool:
    """Whether the block's line holding `position` names a credential: "PA LPC PC009981",
    "TX LPC TXP40012" are licences by their board's name."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return bool(_CREDENTIAL.search(text, start, len(text) if end < 0 else end))


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
    while last > 0 and (not lines[last - 1].strip() or _trailer_line(lines[last - 1])):
        last -= 1
    start = None
    for index in range(last - 1, max(-1, last - 9), -1):
        line = lines[index].strip()
        if not _signature_line(lines[index]):
            break
        opener = (
            _SIGN_OFF.match(line)
            or (_CREDENTIAL.search(line) and (len(line) <= _MAX_LINE or _fielded(line)))
            or (_PRACTICE.search(line) and _title_like(line))
        )
        # The first line opens a block only as a practice's or a credentialed name: a
        # post that is nothing but the practice's card ("Cedar Grove Family Therapy" and
        # its address, phone and site).
        if opener and (index > 0 or not _SIGN_OFF.match(line) or _BARE_SIGN_OFF.match(line)):
            start = index
    if start is not None:
        start = _short_name_above(lines, start)
    return offsets[start] if start is not None else None


def _short_name_above(lines: list[str], start: int) -> int:
    """The block starts earlier when the author signed with their full name on the line
    above, or with their first name or its short form above it ("Sam", a blank line, then
    "Samantha Greer, LPC")."""
    index = start - 1
    # A full name on the line right above the credential line ("Priya Raman (she/her)",
    # then "Associate Marriage & Family Therapist #AMFT 141902") is the signer's.
    if index >= 0 and _NAME_LINE.match(lines[index]) and " " in lines[index].strip():
        return index
    while index >= 0 and (not lines[index].strip() or _RULE_LINE.match(lines[index])):
        index -= 1
    if index < 0 or start - index > 3:
        return start
    short = lines[index].strip().lstrip("-—–~ ").rstrip(",.")
    # The block may open with a rule line; the signer is on the line after it.
    signer_line = lines[start]
    if _RULE_LINE.match(signer_line) and start + 1 < len(lines):
        signer_line = lines[start + 1]
    words = re.sub(r"^Dr\.?\s+", "", signer_line.strip()).split()
    signer = words[0].strip(",") if words else ""
    if re.fullmatch(r"[A-Z][a-z'’-]{1,20}", short) and signer.lower().startswith(short.lower()):
        return index
    return start


# A post may open with the signature block, as some mail clients put it above the message:
# a first line naming the author with a credential ("Dr. Marcus Bell, MD", "Dr. Yusuf Haddad |
# Psychiatrist | ..."), signature lines after it, then a blank line and the message.
_LEADING_SIGNER = re.compile(
    # ... after "From:" or an opening bracket, with the author's pronouns before the comma
    # ("Vee Mbeki (they/them), LMHC", "[ Dr. Simone Achebe (she/her) | ...").
    r"^(?:From:\s*|\[\s*|[-—–~]{1,2}\s*)?(?:Dr\.?\s+)?[A-Z][\w'’.-]+"
    r"(?:\s+(?:[A-Z][\w'’.-]+|\"[^\"\n]{1,20}\"|“[^”\n]{1,20}”)){1,3}"
    r"(?:\s*\((?:she|he|they|ze|xe)/[^)\n]{1,20}\))?\s*(?:,|\s[|•·—–]\s)"
)
# A rule above the block ("--", "—", "___", "~~~") opens it as well.
_RULE_LINE = re.compile(r"^\s*(?:-{2,}|—+|–+|_{2,}|~{2,}|={2,}|\*{3,})\s*$")


def _one_line_card(line: str) -> bool:
    """A signature written as one line of fields joined by bars, bullets or dashes, one of
    them a contact detail or a registration: "Sam Ortega, CADC II (he/him) — New Roots
    Recovery, Fresno — 559-264-7700 — sortega@newrootsrecovery.org"."""
    fields = _card_fields(line, _CARD_SEPARATORS)
    return fields is not None and any(_CONTACT.search(field) for field in fields[1:])


def leading_signature_end(text: str) -> int | None:
    """Where a signature block that opens the post ends, or None when the post opens
    otherwise. The block must be followed by a blank line or a rule and the message, but a
    whole card on the first line needs neither."""
    lines = text.split("\n")
    skipped = 0
    introduced = False
    # "Signature first, because I'm new:" or "My sig is long, sorry:" introduces the block,
    # which then ends at the first line that is not a signature's.
    if (
        len(lines) > 2
        and lines[0].rstrip().endswith(":")
        and len(lines[0]) <= 100
        and _LEADING_SIGNER.match(lines[1].strip())
    ):
        skipped = len(lines[0]) + 1
        lines = lines[1:]
        introduced = True
    if lines and _RULE_LINE.match(lines[0]):
        skipped += len(lines[0]) + 1
        lines = lines[1:]
    first = lines[0].strip() if lines else ""
    if len(lines) < 2 or not _LEADING_SIGNER.match(first):
        return None
    if not (
        _CREDENTIAL.search(first)
        and (len(first) <= _MAX_LINE or _fielded(first) or _one_line_card(first))
    ):
        return None
    if _one_line_card(first) and lines[1].strip() and not _signature_line(lines[1]):
        # "Name, PsyD • practice • lic. • phone • e-mail", the message on the next line.
        return skipped + len(lines[0]) + 1
    if len(lines) < 3:
        return None
    end = skipped
    for index, line in enumerate(lines):
        # A blank line or a rule ends the block; the message follows.
        if not line.strip() or (index > 0 and _RULE_LINE.match(line)):
            rest = "\n".join(lines[index:]).strip(" \n-—–_~=*")
            return end if index <= 8 and rest else None
        # (The first line was checked above: a long card is one.)
        if index > 0 and (not _signature_line(line) or _SIGN_OFF.match(line.strip())):
            return end if introduced and index >= 2 else None
        end += len(line) + 1
    return None


class Blocks:
    """One post's signature blocks, `signature_start` and `leading_signature_end`, each
    worked out when first read and then kept for the rest of that post's screening:
    `clinician_own`, the own-details model and both learned token models read them, and
    working them out is most of what `clinician_own` costs. Made per post by its caller and
    dropped with it (no text outlives the call)."""

    __slots__ = ("_leading_end", "_start", "text")

    _NOT_YET = -1  # neither function gives a negative offset

    def __init__(self, text: str) -> None:
        self.text = text
        self._start: int | None = self._NOT_YET
        self._leading_end: int | None = self._NOT_YET

    @property
    def start(self) -> int | None:
        """signature_start(text)."""
        if self._start == self._NOT_YET:
            self._start = signature_start(self.text)
        return self._start

    @property
    def leading_end(self) -> int | None:
        """leading_signature_end(text)."""
        if self._leading_end == self._NOT_YET:
            self._leading_end = leading_signature_end(self.text)
        return self._leading_end


# Who signs: "Dana Whitfield", "Dr. Priyanka Rao", "Matthew J. Cordero", "Will & Jessamyn
# Burke"; then a comma and a credential.
_SIGNER = (
    r"(?:Dr\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|&|and|\"[^\"\n]{1,15}\")){0,4}"
    r"(?:,\s*|\s+[|•·]\s+|\s*\(\s*)"
    r"(?:" + _CREDENTIAL.pattern + r")"
)
_INLINE = re.compile(
    r"(?:^[-—–~]{0,2}\s*|[.!?:]\s+|\s+[-—–~|]{1,2}\s*)((?:[Bb]est|[Ww]armly|[Tt]hanks|[Cc]heers|"
    r"[Ss]incerely|"
    r"[Rr]egards|[Tt]ake care)[,!]?\s+)?"
    + _SIGNER
    # The rest of the post: more credentials, a practice, a town, contact details (dots
    # inside a domain or a number, never a sentence's end).
    + r"(?:[^.!?\n]|[.!?](?=\S)|[.]\s(?=\S+@|www\.|https?://|\(?\d{3}\W)|"
    # Abbreviations inside the card: "License No. PSY 23456", "Lic. #", "Ste. 4", "St. Paul".
    + r"(?:(?<=\bNo)|(?<=\bLic)|(?<=\bSte)|(?<=\bSt)|(?<=\bDr)|(?<=\bAve)|(?<=\bRd)|(?<=\bInc)|"
    + r"(?<=\bTel)|(?<=\bPh)|(?<=\bFx)|(?<=\bExt)|(?<=\bext)|(?<=\bMt)|(?<=\bFt)|(?<=\bReg))\.\s)*"
    + r"[.!?]?"
    # ... and a crisis line after it: "| he/him | Crisis? Call 988."
    + r"(?:\s*(?:[Cc]all|[Tt]ext|[Dd]ial) 988\b[^\n]{0,30})?\s*$"
)
# A business card anywhere in a post: a signer, then (on the same line) contact details
# joined by separators: "Gabe Okoro, LMHC - gokoro.therapy@gmail.com - (305) 555-0171".
_CARD = re.compile(_SIGNER)
# A sentence's end: not after "Dr", "Mr", "Ste", "Lic", "ext", ... The abbreviation is read
# behind the mark (each lookbehind's "." is the mark itself), so the pattern opens with the
# marks' class and re skips to each mark with its fast search instead of trying every
# lookbehind at every character.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\bDr.)(?<!\bMr.)(?<!\bMs.)(?<!\bSt.)(?<!\bSte.)(?<!\bx.)(?<!\bReg.)(?<!\bNo.)"
    r"(?<!\bLic.)(?<!\bext.)(?=\s)"
)


# A one-line post written in the first person that ends with a bare name: "... referrals
# welcome at 918-555-0164. Kate B.", "... - Jo".
_TRAILING_NAME = re.compile(
    r"(?:[.!?]\s+|\s[-—–~]+\s*)((?:Dr\.?\s+)?[A-Z][a-z'’-]+(?:[A-Z][a-z]+)?"
    r"(?:\s+(?:[A-Z]\.?|[A-Z][a-z'’-]+))?)"
    r"\s*\.?\s*$"
)
_INLINE_TAIL = 240
_AUTHOR_SPEAKS = re.compile(r"\b(?:I|I'm|I’m|I've|I'll|my|My|we|We|our|Our)\b")


def _inline_signature_start(text: str) -> int | None:
    """A one-line post that ends "... Warmly, Dana Whitfield, LMFT | site.com"."""
    # Only the post's tail can hold it: searching the whole post costs a try at every space.
    match = _INLINE.search(text, max(0, len(text) - _INLINE_TAIL))
    if match:
        return match.start()
    if text[-1:].isalpha() or text[-1:] == ".":
        trailing = _TRAILING_NAME.search(text[-60:])
        if trailing and _AUTHOR_SPEAKS.search(text):
            return len(text) - 60 + trailing.start(1) if len(text) > 60 else trailing.start(1)
    return None


# Kinds of contact detail a clinician gives as their own in the body of a signed post.
_CONTACT_KINDS = frozenset({"phone", "email", "url", "address", "zip"})

# A label the author puts before their own detail: "Office: 919-...", "Fax: ...", "P: ...",
# "ph 805...", "website is ...", "call intake 313-...". Only in a signed post.
_OWN_LABEL = re.compile(
    r"(?i)(?:^\s*|[|(•·,;/]\s*)(?:same\s+|new\s+)?(?:office|main(?: line)?|direct(?: line)?|"
    r"work cell|ph|phone|tel|"
    r"telephone|fax|intake|referrals?|scheduling|web ?site|site|web|e-?mail|mail|address|"
    r"location|contact|info|(?<![\w'])[ptfwemoc](?=\s*:))\s*(?:number|line|#|no\.?)?\s*"
    r"(?:is|:|-|–|#|\(|,)?\s*(?:at\s*)?$"
)
# The author speaking: a first person ("my office is at", "I'm usually reachable at",
# "I did a podcast episode about it:") or an imperative to the reader ("Email intake@... or
# call ...", "Come by the office ...: 227 W Main St"), or a colleague's detail ("my
# colleague, Dr. Nate Ellison, at ...").
_OWN_THINGS = (
    r"(?:office|practice|clinic|cell|phone|number|line|website|site|web ?site|e-?mail|address|"
    r"location|channel|podcast|episode|video|page|blog|newsletter|group|suite|contact|info|"
    r"card|handout|book|course|youtube|instagram|substack|link|details)"
)
_FIRST_PERSON = re.compile(
    # "my office is at", "our new suite", "on my channel".
    rf"(?i)\b(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?{_OWN_THINGS}\b|"
    # "I'm usually reachable at", "I'm at 15 Pine St", "we're located at", "reach me at".
    r"\b(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:\w+\s+)?(?:at|reachable|available|located|"
    r"based|found|on)\b|\b(?:reach|call|text|e-?mail|contact|find|message|dm|ping)\s+(?:me|us)\b|"
    r"\bi can be reached\b|\b(?:shoot|drop|send|give)\s+(?:me|us)\s+(?:an?\s+)?(?:e-?mail|"
    r"line|note|message|call|text|dm)\b|"
    # The author's own work, with or without the subject: "I did a podcast episode about
    # it:", "Made a video on this:".
    rf"(?:^|\bi\s+)\s*(?:did|made|recorded|wrote|published|launched|started|host|hosted|run|"
    rf"record)\s+(?:a|an|my|our)\s+(?:[\w-]+\s+){{0,2}}?{_OWN_THINGS}\b"
)
_IMPERATIVE = re.compile(
    r"(?i)(?:^|[,;:(|]|\bor|\band|\bplease|\bjust|\s[-–—])\s*(?:call|text|fax|e-?mail|contact|"
    r"reach|"
    r"visit|message|dm|come by|stop by|drop by|swing by|book|schedule|find|see|check out|go to|"
    r"head to|send|mail)\b"
)
_COLLEAGUE = re.compile(r"(?i)\b(?:colleagues?|co-?workers?|associates?|supervisor|dr\.\s+[a-z])")
# Someone else's detail after all: a client, a relative, reported speech.
_OTHERS = re.compile(
    # ("seeing clients at ..." is the practice's availability, not a client).
    r"(?i)\b(?:her|his|their|she|he|they|them|him|client(?:'s|’s)?|patient(?:'s|’s)?|pt'?s?|mom|"
    r"mother|"
    r"dad|father|son|daughter|wife|husband|partner|sister|brother|family|parents?|teen|kid|"
    r"guardian|caregiver|sent|wrote|said|says|texted|"
    # ... not "from our account", "slides from the workshop".
    r"from(?!\s+(?:my|our|the (?:[\w-]+ ){0,3}?(?:workshop|training|conference|webinar|talk|"
    r"presentation|course|session|meeting|summit|panel)s?)\b))\b"
)
# The clinician's registration numbers, anywhere: a number introduced as an NPI, a
# licence, a CAQH or DEA number ("NPI 1568432907", "CA License PSY 28811", "Lic. #MFT
# 55120", "(OH #7731)" after "Licensed Psychologist"). A driver's licence, a vehicle's
# or a client's licence is not one.
_REGISTRATION_BEFORE = re.compile(
    r"\b(?i:npi|licen[cs]e(?! plate)|lic\.?|caqh|dea|board|certification|cert\.?|reg\.?|"
    # A biller's numbers: "Medicare PTAN", "Medicaid provider ID", "TIN", "EIN".
    r"registration|ptan|medica(?:re|id) provider|tin|ein|tax id|"
    r"licensed [a-z ]{3,40}(?:\(|,))(?i:\s*(?:number|no\.?|num|id|#))?\s*(?i:is|:|#|=|-)?\s*"
    r"(?:\(?[A-Z]{2}\)?\s*)?(?:#\s*)?(?:[A-Z]{1,5}[\s-]?)?#?\s*$"
)
# A vehicle's or a client's licence, a driver's licence.
_NOT_REGISTRATION = re.compile(
    r"(?i)\b(?:driver'?s?|drivers|dl|plates?|tags?|vehicles?|cars?|trucks?|vans?|minivans?|suvs?|"
    r"sedans?|drives?|drove|driving|parked|parking|her|his|their|client'?s|patient'?s|pt'?s|"
    r"suspended|revoked|inmate|detainee|prisoner|offender|parolee|probationer|"
    # Disaster aid is a family's: "FEMA registration 448213907".
    r"fema|family's|family’s)\b"
)


# A practice moving from a neighbourhood ("relocating from Fells Point to ..."): a place, not
# whom a detail came from.
_MOVING_FROM = re.compile(r"\b(?:relocat\w*|moving|moved|moves)\s+from\s+(?:the\s+)?(?=[A-Z])")


def spoken_of(pattern: re.Pattern[str], part: str) -> bool:
    """Whether this part of a sentence has a word for someone else (`_OTHERS`,
    `_OTHERS_AFTER`). The author's pronoun set ("(she/her)") is no one else, and neither is a
    word inside a capitalised name ("Keystone Family Services", "Chesapeake Family Therapy"
    name a practice); "Her cell is ..." opening a sentence still is."""
    part = _GENERIC_CLIENTS.sub(" ", _MOVING_FROM.sub(" ", _PRONOUN_SET.sub(" ", part)))
    for m in pattern.finditer(part):
        if not m.group()[:1].isupper():
            return True
        before = part[: m.start()].rstrip()
        after = part[m.end() :].lstrip()
        in_a_name = (before[-1:].isalpha() and before.split()[-1][:1].isupper()) or after[
            :1
        ].isupper()
        if not in_a_name:
            return True
    return False


def registration_number(text: str, start: int) -> bool:
    """Whether the number at `start` is introduced as the clinician's NPI or licence."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    before = text[line_start:start]
    match = _REGISTRATION_BEFORE.search(before)
    if match is None:
        return False
    return _NOT_REGISTRATION.search(text, _clause_start(text, start), start) is None


def _clause_start(text: str, position: int) -> int:
    start = max(text.rfind("\n", 0, position) + 1, position - 200)
    for match in _SENTENCE_END.finditer(text, start, position):
        start = match.end()
    return start


def _card_before(text: str, start: int) -> bool:
    """A signer on the same line before `start` with only contact details between."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 200)
    card = None
    for match in _CARD.finditer(text, line_start, start):
        card = match
    if card is None:
        return False
    between = text[card.end() : start]
    return _SENTENCE_END.search(between) is None and not spoken_of(_OTHERS, between)


# After the detail, in the rest of its sentence: whose it is ("Phone: 503-555-0121 is the
# only number the family gave", "Text 503-555-0133 - that's the teen's burner").
_OTHERS_AFTER = re.compile(
    r"(?i)\b(?:client'?s?|patient'?s?|pt'?s?|family|mom'?s?|dad'?s?|mother'?s?|father'?s?|"
    r"parents?'?s?|teen'?s?|kid'?s?|her|his|their|she|he|aunt|uncle|grand(?:ma|pa|mother|"
    r"father)'?s?|sister'?s?|brother'?s?|son'?s?|daughter'?s?|wife'?s?|husband'?s?|"
    r"partner'?s?|foster|guardian'?s?)\b"
)


def _sentence_after(text: str, end: int) -> str:
    stop = min(len(text), end + 80)
    newline = text.find("\n", end, stop)
    if newline >= 0:
        stop = newline
    sentence_end = _SENTENCE_END.search(text, end, stop)
    return text[end : sentence_end.start() if sentence_end else stop]


# The practice as the sentence's subject: "Mountain View Counseling Group is now seeing
# clients at 420 N Higgins Ave".
_PRACTICE_SUBJECT = re.compile(
    rf"\s*(?:[A-Z][\w'’&-]*\s+){{0,5}}{_PRACTICE_WORDS}\s+"
    r"(?:is|are|has|have|will|now|moved|opened|opens|relocat\w*|moving)\b"
)


def _own_in_body(text: str, start: int, end: int) -> bool:
    """In a signed post: a detail the author gives as their own or a colleague's."""
    clause = text[_clause_start(text, start) : start]
    if spoken_of(_OTHERS, clause) or spoken_of(_OTHERS_AFTER, _sentence_after(text, end)):
        return False
    return bool(
        _OWN_LABEL.search(clause)
        or _PRACTICE_SUBJECT.search(clause)
        or _FIRST_PERSON.search(clause)
        or _IMPERATIVE.search(clause)
        or _COLLEAGUE.search(clause)
    )


# After a name, the rest of it (a surname, a middle initial, a nickname in quotes) and a
# comma: a credential there makes the name a clinician's ("Renata Oduya, LMFT, Tucson here",
# 'Michael "Mick" Torrance, LCSW'), never a client's.
# The name may itself be the nickname, its closing quote next ('Samantha "Sam" Rojas, LMFT').
_REST_OF_NAME_COMMA = re.compile(
    r"[\"”]?(?:[ \t]+(?:\"[^\"\n]{1,20}\"|“[^”\n]{1,20}”|[A-Z][\w'’.-]*)){0,3}(?:[ \t]+here)?"
    r"[ \t]*,[ \t]*"
)
# "my client Maria, MS diagnosed in 2019": a diagnosis, not a credential.
_NOT_A_DIAGNOSIS = re.compile(_DIAGNOSIS_AFTER)


def _credentialed_name(text: str, end: int) -> bool:
    rest = _REST_OF_NAME_COMMA.match(text, end)
    if rest is None:
        return False
    credential = _CREDENTIAL.match(text, rest.end())
    if credential is None:
        return False
    return (
        credential.group() not in _AMBIGUOUS_TITLES
        or _NOT_A_DIAGNOSIS.match(text, credential.end()) is not None
    )


# A post that opens with its author introducing themselves ("Hi all! Dana Reyes, LPC, here"):
# signed, for the contact details the author then gives as theirs.
_INTRODUCTION = re.compile(
    r"^\s*(?:(?:hi|hello|hey|greetings|good (?:morning|afternoon|evening))\b"
    r"[^.!?\n]{0,20}[.!,]\s*)?"
    r"(?-i:(?:Dr\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})",
    re.IGNORECASE,
)


# The author naming themselves later in the post: "new here. I'm Joe Kaczmarek, LPC, I run
# ...", "call me, Jordan Pike (they/them)".
_SELF_NAMED = re.compile(
    r"(?:\b(?:I'm|I’m|I am|[Mm]y name is|[Tt]his is)\s+|(?P<contact_me>\b(?:[Cc]all|[Tt]ext|"
    r"[Ee]-?mail|[Rr]each|[Cc]ontact|[Mm]essage)\s+me\s*[,:–—-]\s*))"
    r"(?P<name>(?:Dr\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})"
)


def _introduced(text: str) -> bool:
    match = _INTRODUCTION.match(text)
    if match is not None and _credentialed_name(text, match.end()):
        return True
    # "call me, X" needs no credential; "I'm X" does ("I'm Maria's therapist" is no one).
    return any(
        named.group("contact_me") or _credentialed_name(text, named.end("name"))
        for named in _SELF_NAMED.finditer(text)
    )


_PHONE_SHAPE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}")


# A post written for another clinician: "Posting for a colleague who isn't on the forum:
# ...", "Posting on behalf of Dr. Tran, who is traveling", "a quick plug for my colleague's
# new book". The contact details it gives are that clinician's practice's.
_FOR_A_COLLEAGUE = re.compile(
    r"(?i)\b(?:posting|writing|sharing|passing (?:this|it) (?:on|along))\s+(?:this\s+)?"
    r"(?:for|on behalf of)\s+(?:a\s+|my\s+|our\s+)?(?:colleague|co-?worker|former supervisor|"
    r"supervisor|mentor|fellow (?:clinician|therapist)|dr\b|doctor\b)|"
    r"\bon behalf of (?:dr\b|doctor\b|my colleague|a colleague)|"
    r"\b(?:plug|shout-?out|signal boost) for (?:my|a|our) colleague"
)
_FOR_A_COLLEAGUE = CaselessSearch(_FOR_A_COLLEAGUE)
# Whose detail it is, said in its sentence: a client or a relative (a pronoun alone is the
# colleague: "Referrals to her office at ...").
_CLIENT_OR_KIN = CLIENT_OR_KIN_RE
# A practice's staff member named by their role: "her assistant, Marisa", "Intake
# coordinator: Becca Nunes", "Contact Ilene Westdahl, HR", "Ask for Lupe or Tomás".
_STAFF_BEFORE = re.compile(
    r"(?i)(?<!emergency )\b(?:assistant|office manager|practice manager|(?:intake|referral|"
    r"program|clinical) coordinator|scheduler|receptionist|front desk|registrar|administrator|"
    r"contact|ask for|questions to)\W{0,3}$"
)
_STAFF_AFTER = re.compile(
    r",\s*(?:HR|human resources|office manager|practice manager|intake coordinator|scheduler|"
    r"receptionist|front desk|administrator)\b"
)
# The author's own practice named in the post: "our clinic's intake line", "my group
# practice".
_OWN_PRACTICE = re.compile(
    r"(?i)\b(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:practice|clinic|office|center|centre|agency|"
    r"program|programme)\b"
)


# Another clinician or practice the author points readers to: "I can recommend Dr. Pa Kou
# Yang at Riverwest Family Therapy (414-...)", "my colleague Lydia Martin, LPC, at Conestoga
# Valley Counseling ... Her office line is ...", "try Sunrise Counseling Collective, 4455
# Lankershim Blvd ...", "My supervisor, Dr. Jerome Washington, runs a consult group; his
# email is ...". A practice's name is capitalised words ending in a practice word.
_PRACTICE_NAME = rf"(?:[A-Z][\w'’&.-]*\s+){{1,5}}(?:{_PRACTICE_WORDS}|DBT|EMDR|CBT|ABA)\b"
_PRACTICE_NAME_RE = re.compile(_PRACTICE_NAME)
_PROFESSIONAL = re.compile(
    r"\b(?:Dr\.?|Doctor)\s+[A-Z]|"
    rf"\b(?:at|with|from|to|try|call|contact|recommend|rec for)\s+(?:the\s+)?{_PRACTICE_NAME}|"
    rf"{_PRACTICE_NAME}(?:\s+(?:is|are|has|does|runs|takes|offers|in)\b|\s*[,(:–—-])|"
    r"(?i:\b(?:my|our|a|her|his)\s+(?:former\s+|old\s+|trusted\s+)?(?:colleague|supervisor|"
    r"mentor|co-?leader|co-?facilitator|consultant)s?\b|"
    # An agency's or a programme's line: "the agency's intake line is ...".
    r"\b(?:agency|clinic|program|programme|practice|center|centre|hotline|warmline|office|"
    r"team|unit|department|service)(?:(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?|\s+(?:intake|main|"
    r"referral|front desk|scheduling)\s+)(?:line|number|phone|e-?mail)\s+(?:is|:))|" + _SIGNER
    # A clinician named with a credential: "Co-led with Jim Park, LPC (jpark@...)".
)
# Clients in general, not one client: "If your clients need ...", "if you have a client who
# wants ...".
_GENERIC_CLIENTS = re.compile(
    r"(?i)\b(?:your|any|(?:if|when) (?:you|anyone) (?:have|has|see|get) (?:a|any))\s+"
    r"(?:[\w-]+\s+)?(?:clients?|patients?)\b"
)
_HOME_UNIT = re.compile(r"(?i)\b(?:apt|apartment|flat)\b")
# A client's or relative's own clinician or a relative who is one: "his PCP, Dr. Tanaka",
# "her father, Dr. Levy".
_CLINICIAN_ROLES = (
    r"pcp|doctor|psychiatrist|therapist|pediatrician|paediatrician|provider|clinician|"
    r"counsell?or|physician|prescriber|psychologist|neurologist|oncologist|ob|obgyn|midwife|"
    r"social worker|case manager|attorney|lawyer|nurse|np|dentist|surgeon|gp"
)
_THEIR_PROFESSIONAL = re.compile(
    rf"(?i)\b(?:(?:her|his|their|(?:{CLIENT_OR_KIN_WORDS})(?:'s|’s))\s+(?:[\w-]+\s+)?"
    rf"(?:{_CLINICIAN_ROLES})|(?:{CLIENT_OR_KIN_WORDS}))\s*,?\s*$"
)
# After a referred detail, what would make it a client's: "(605-...), her mom's cell", "-
# that's the client's".
_CLIENTS_OWN_AFTER = re.compile(
    rf"(?i)\b(?:(?:{CLIENT_OR_KIN_WORDS})(?:'s|’s)|clients?|patients?|pt)\b"
)
# How far after the clinician or practice its details may come.
_PROFESSIONAL_REACH = 200
# A sentence that goes on about that clinician's or practice's details: "Her office line is
# ...", "Their intake number: ...", "Website is ...".
_DETAILS_SENTENCE = re.compile(
    r"\s*(?:(?:(?:her|his|their|its|the)\s+(?:[\w-]+\s+){0,2}?)?(?:office|intake|direct|main|"
    r"line|number|phone|cell|e-?mail|site|website|web ?page|address|fax|contact|info|"
    r"details)|(?:questions|inquiries|enquiries|referrals|requests)\s+(?:go\s+)?to\s+(?:her|him|"
    r"them)|(?:call|text|e-?mail|reach|contact|message)\s+(?:her|him|them)|"
    # "He's in private practice at ...", "She's located at ...", "They're based in ...".
    r"(?:he|she|they)(?:'s|’s|'re|’re|\s+is|\s+are)\s+(?:now\s+)?(?:in\s+(?:private\s+|group\s+)?"
    r"practice|located|based|seeing\s+clients|taking\s+(?:new\s+)?(?:clients|referrals))\s+"
    r"(?:at|in|on|out\s+of))\b",
    re.IGNORECASE,
)


def _professionals_detail(text: str, start: int, candidates: list) -> bool:
    """Whether a contact detail at `start` follows another clinician or practice the post
    points readers to, with no client, relative or other name between (a detail may open the
    next sentence when that sentence is about the clinician's details)."""
    reach = max(0, start - _PROFESSIONAL_REACH)
    mention = None
    for match in _PROFESSIONAL.finditer(text, reach, start):
        mention = match
    if mention is None or _THEIR_PROFESSIONAL.search(
        text, max(0, mention.start() - 30), mention.start()
    ):
        return False
    between = _GENERIC_CLIENTS.sub(" ", text[mention.end() : start])
    if _CLIENT_OR_KIN.search(between) or "\n\n" in between:
        return False
    ends = list(_SENTENCE_END.finditer(between))
    if len(ends) > 1 or (ends and not _DETAILS_SENTENCE.match(between, ends[-1].end())):
        return False
    # A name right after the mention is the clinician's ("my former supervisor Paul Grady").
    return not any(
        c.kind == "name" and mention.end() + 3 < c.start and c.end <= start for c in candidates
    )


# The professional's own name: "Dr. Camille Ward", "Sarah Lindqvist at Bay View Counseling".
_DOCTOR_BEFORE = re.compile(r"\b(?:Dr\.?|Doctor)\s+(?:[A-Z][\w'’-]*\.?\s+){0,2}$")
_STAFF_AT_PRACTICE_AFTER = re.compile(rf"\s+at\s+(?:the\s+)?{_PRACTICE_NAME}")
_COLLEAGUE_BEFORE = re.compile(
    r"(?i)\b(?:my|our|a)\s+(?:former\s+|old\s+|trusted\s+|new\s+)?(?:colleague|supervisor|"
    r"mentor|co-?leader|co-?facilitator|consultant)s?\s*,?\s*$"
)
_AT_PRACTICE_AFTER = re.compile(rf"[\w'’-]*\s+(?:at|of|with|from)\s+(?:the\s+)?{_PRACTICE_NAME}")
# The author's own name given in passing: "call me, Jordan Pike (they/them)", "Tell him
# Monica sent you".
_ME_BEFORE = re.compile(
    r"(?i)\b(?:call|text|e-?mail|reach|contact|message|ping|dm|ask for)\s+me\s*[,:–—-]\s*$"
)
_GREETING_FROM = re.compile(
    r"(?i)(?:^|[.!?]\s+|\n)\W*(?:hello|hi|hey|greetings|howdy|aloha|waving|writing|posting)"
    r"(?:,? (?:all|everyone|folks|friends|y'all|colleagues))?,? from\s+(?:sunny |snowy |rural )?$"
)
_TELL_BEFORE = re.compile(r"(?i)\btell (?:him|her|them)\s+(?:that\s+)?$")
_SENT_YOU_AFTER = re.compile(r"\s+(?:sent|referred) you\b")


# A full name before a comma, to be asked whether a credential follows ("Carol Nguyen, LICSW").
_NAME_BEFORE_COMMA = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}(?=\s*,)")


def _professionals_name_parts(text: str) -> frozenset[str]:
    """The lower-cased parts (three letters or more) of the names of clinicians the post
    gives with "Dr." or a credential ("Dr. Jae-won Choi" gives jae, won, choi), for telling
    their e-mail addresses; none in a post about one client or relative (plural "clients"
    are anyone's)."""
    if any(not m.group().lower().endswith("s") for m in _CLIENT_OR_KIN.finditer(text)):
        return frozenset()
    names = [w for m in _DOCTOR_NAMED.finditer(text) for w in m.groups() if w]
    names += [
        m.group() for m in _NAME_BEFORE_COMMA.finditer(text) if _credentialed_name(text, m.end())
    ]
    return frozenset(
        part.lower() for name in names for part in re.split(r"[\s'’-]+", name) if len(part) >= 3
    )


def _professionals_email(value: str, name_parts: frozenset[str]) -> bool:
    """An e-mail address whose local part holds one of those name parts ("Welcoming Dr.
    Jae-won Choi ... jchoi@...")."""
    local = value.split("@", 1)[0].lower()
    return any(part in local for part in name_parts)


def _phone_shaped(text: str, cand) -> bool:
    """A phone number the number rules took for a record number ("my direct line is ..."
    after "union member")."""
    return (
        cand.kind == "record_number"
        and _PHONE_SHAPE.fullmatch(text, cand.start, cand.end) is not None
    )


def _professionals_name(text: str, start: int, end: int) -> bool:
    return bool(
        _DOCTOR_BEFORE.search(text, max(0, start - 40), start)
        or _COLLEAGUE_BEFORE.search(text, max(0, start - 50), start)
        or _AT_PRACTICE_AFTER.match(text, end)
    )


def _authors_name(text: str, start: int, end: int) -> bool:
    """The author's own name given in passing, in any post, or the author's town in a
    greeting ("Hello from Cody!")."""
    return bool(
        _ME_BEFORE.search(text, max(0, start - 20), start)
        or _GREETING_FROM.search(text, max(0, start - 40), start)
        or (
            _TELL_BEFORE.search(text, max(0, start - 20), start)
            and _SENT_YOU_AFTER.match(text, end)
        )
    )


def _sentence_of(text: str, start: int, end: int) -> str:
    return text[_clause_start(text, start) : start] + _sentence_after(text, end)


def _staff_name(text: str, start: int, end: int) -> bool:
    """A name given by a practice's role, before or after it ("or" joins a second one)."""
    before = text[max(0, start - 40) : start]
    if before.endswith(" or ") or before.endswith(" and "):
        before = before[: before.rfind(" ", 0, len(before) - 4) + 1]
    return bool(_STAFF_BEFORE.search(before) or _STAFF_AFTER.match(text, end))


# How far before a ZIP the address it ends may stand ("28 Ridge Rd, Beckley WV 25801").
_ZIP_AFTER_ADDRESS_REACH = 40


def _without_set_aside_followers(
    text: str, kept: list, dropped: list[tuple[int, int]], names: list[tuple[int, int]]
) -> list:
    """What is kept, less what belongs to a detail set aside: a later mention of a set-aside
    clinician's first name or surname (`names`: the name spans set aside; "Dr. Paul Eichhorn
    at Red River Psychology ... send them to Paul now"), unless a client or relative shares
    its sentence, and the ZIP that ends a set-aside address (of `dropped`) on its line. A
    word of a practice's name or address is no one's name ("River" after "Red River
    Psychology" may be a client)."""
    words = {
        word
        for a, b in names
        for word in re.findall(r"[A-Z][\w'’-]+", text[a:b])
        if word not in _NOT_A_NAME_WORD
    }
    # ... and a doctor the post names ("Dr. Paul Eichhorn"), whom the name rules exempt.
    words.update(w for m in _DOCTOR_NAMED.finditer(text) for w in m.groups() if w)
    ends = [b for _, b in dropped]
    result = []
    for cand in kept:
        if (
            cand.kind == "name"
            and text[cand.start : cand.end] in words
            and not _CLIENT_OR_KIN.search(_sentence_of(text, cand.start, cand.end))
        ):
            continue
        if cand.kind == "zip" and any(
            0 <= cand.start - end <= _ZIP_AFTER_ADDRESS_REACH and "\n" not in text[end : cand.start]
            for end in ends
        ):
            continue
        result.append(cand)
    return result


_DOCTOR_NAMED = re.compile(r"\b(?:Dr\.?|Doctor)\s+([A-Z][\w'’-]+)(?:\s+([A-Z][\w'’-]+))?")
# Capitalised words of a set-aside detail that name no one ("Dr", a practice word).
_NOT_A_NAME_WORD = frozenset(
    ("Dr", "Doctor", "The", "Counseling", "Counselling", "Therapy", "Psychology", "Psychiatry")
)


def clinician_own(text: str, candidates: list, blocks: Blocks | None = None) -> list:
    """The candidates less the clinician's own details: everything of SIGNATURE_KINDS in
    the closing signature block, a registration number anywhere, and in a signed post the
    contact details the author gives as theirs (a business card, a label, a first person,
    an imperative to the reader). `blocks`: the post's, when its caller has them."""
    if not candidates:
        return []
    blocks = blocks if blocks is not None else Blocks(text)
    signed_from = blocks.start
    leading_end = blocks.leading_end
    introduced = _introduced(text)
    # A post that also keeps a kind no card carries (a date of birth, an SSN) is about a
    # client: nothing in it is taken for a colleague's or a staff member's.
    card_only = all(c.kind in SIGNATURE_KINDS or c.kind == "record_number" for c in candidates)
    for_colleague = practice_post = own_practice_only = False
    if card_only and any(c.kind in SIGNATURE_KINDS for c in candidates):
        for_colleague = _FOR_A_COLLEAGUE.found_in(text)
        own_practice = _OWN_PRACTICE.search(text) is not None
        practice_post = (
            for_colleague
            or signed_from is not None
            or leading_end is not None
            or introduced
            or own_practice
        )
        # A post about the author's own practice and no client ("our clinic's intake line is
        # now ..."): its body is read as a signed post's.
        own_practice_only = own_practice and _CLIENT_OR_KIN.search(text) is None
    # Names of clinicians given with "Dr." or a credential: their e-mail addresses are theirs.
    name_parts = (
        _professionals_name_parts(text)
        if card_only and any(c.kind == "email" for c in candidates)
        else frozenset()
    )
    # In a post that points readers to another clinician or practice (and keeps no kind a
    # card never carries): the contact details that follow that clinician or practice. With
    # them, the clinician's name is set aside too.
    referred = (
        {
            (c.start, c.end)
            for c in candidates
            if (c.kind in _CONTACT_KINDS or _phone_shaped(text, c))
            # A flat is a home, never a practice ("Apt. 117").
            and not (c.kind == "address" and _HOME_UNIT.search(text, c.start, c.end))
            and (
                _professionals_detail(text, c.start, candidates)
                or (c.kind == "email" and _professionals_email(text[c.start : c.end], name_parts))
            )
        }
        if card_only
        # A record number that is no phone and no registration is a client's: the post is
        # about that client ("ACP # ACP-88214, substitute address PO Box 50120").
        and not any(
            c.kind == "record_number"
            and not _phone_shaped(text, c)
            and not registration_number(text, c.start)
            for c in candidates
        )
        and _PROFESSIONAL.search(text) is not None
        else set()
    )
    kept = []
    dropped: list[tuple[int, int]] = []
    for cand in candidates:
        kind = cand.kind
        if kind in ("record_number", "license_plate", "phone", "zip") and registration_number(
            text, cand.start
        ):
            continue
        signed_block = (signed_from is not None and cand.start >= signed_from) or (
            leading_end is not None and cand.end <= leading_end
        )
        if signed_block and (
            kind in SIGNATURE_KINDS
            or (
                kind == "record_number"
                and (
                    registration_line_at(text, cand.start)
                    or _credential_line_at(text, cand.start)
                    # "Referral line: 781-749-3300": the practice's phone, named as a line.
                    or _PHONE_SHAPE.fullmatch(text, cand.start, cand.end) is not None
                )
            )
        ):
            continue
        if kind == "name" and (
            _credentialed_name(text, cand.end) or _authors_name(text, cand.start, cand.end)
        ):
            continue
        if (
            (kind == "name" and practice_post and _staff_name(text, cand.start, cand.end))
            or (kind in _CONTACT_KINDS and for_colleague)
        ) and not _CLIENT_OR_KIN.search(_sentence_of(text, cand.start, cand.end)):
            dropped.append((cand.start, cand.end))
            continue
        if (
            (
                (kind == "name" and referred and _professionals_name(text, cand.start, cand.end))
                or (cand.start, cand.end) in referred
                # Someone named at a practice, with no client or relative in the clause before:
                # its staff ("our clinic uses Samuel at Bridges Language Services").
                or (
                    kind == "name"
                    and card_only
                    and _STAFF_AT_PRACTICE_AFTER.match(text, cand.end)
                    and not spoken_of(_OTHERS, text[_clause_start(text, cand.start) : cand.start])
                )
            )
            and not _CLIENTS_OWN_AFTER.search(
                _GENERIC_CLIENTS.sub(" ", _sentence_after(text, cand.end))
            )
        ):
            dropped.append((cand.start, cand.end))
            continue
        signed_body = (
            (signed_from is not None and cand.start < signed_from)
            or (signed_from is None and introduced)
            or own_practice_only
        )
        if (kind in _CONTACT_KINDS or _phone_shaped(text, cand)) and (
            _card_before(text, cand.start)
            or (signed_body and _own_in_body(text, cand.start, cand.end))
        ):
            dropped.append((cand.start, cand.end))
            continue
        kept.append(cand)
    if referred:
        # A word of a recommended practice's name ("Cedar Grove Family Therapy") is no one's.
        dropped += [m.span() for m in _PRACTICE_NAME_RE.finditer(text)]
    if dropped and card_only:
        set_aside = set(dropped)
        names = [
            (c.start, c.end)
            for c in candidates
            if c.kind == "name" and (c.start, c.end) in set_aside
        ]
        kept = _without_set_aside_followers(text, kept, dropped, names)
    if dropped:
        # A town inside the author's own address ("..., Helena MT 59601") is no one's name.
        kept = [
            c
            for c in kept
            if c.kind != "name" or not any(a <= c.start and c.end <= b for a, b in dropped)
        ]
    return kept
