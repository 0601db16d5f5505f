"""Patient identifiers (HIPAA Safe Harbor kinds) as character spans.

Pure Python, no model: pre-compiled regular expressions for the structured
kinds (dates, phone numbers, record numbers, ...) and, for names, context cues
("my client Maria", "her daughter Keisha", "Mr. Alvarez", "Keisha's mother")
plus first- and last-name gazetteers generated from the Faker package's
person lists (data/, each file with its provenance line). The screening
policy holds a post when anything is found, so
the detector leans towards recall on clinical shapes while keeping
de-identified phrasing ("a client in her 30s", "last spring", "in 2019",
"my client (16F)") and a clinician's own practice contact details clean.

Everything heavy happens at import; `find_identifiers` only runs compiled
patterns and set look-ups, so it screens thousands of posts per second.

Decisions worth knowing:

- A year alone is not a date; a month with a year ("June 2021") is. A bare
  month/day ("3/14") is a date only after a date word ("seen", "on", "DOB",
  "f/u") or in a list of dates, because "7/10" is usually a rating.
- Dates of laws, trainings and groups ("takes effect January 1st", "webinar on
  March 14") are not about a client and are not flagged.
- Ages count only above 89, in any shape ("92-year-old", "age 91", "(94F)",
  "aged ninety-three", a birth year more than 89 years ago). "In their 90s" is
  the recommended generalisation and passes.
- Names of clinicians are not patient identifiers: "Dr."/"Prof." names, names
  with a credential ("Sarah Lee, LCSW"), sign-offs, self-introductions ("I'm
  Sarah", "Brandon here"), colleagues addressed or thanked ("Thanks Priya",
  "my colleague Dana") and well-known theorists and authors. A relative who is
  a doctor ("her father, Dr. Levy") still counts.
- A name the author marks as made up is not an identifier: "Anna (pseudonym)",
  "I'll call her Anna", "names have been changed" (which clears every name in
  the post, not other kinds), and placeholders such as "Jane Doe".
- Organisations (schools, hospitals, agencies) and cities are not flagged.
- A URL counts only when it leads to a person: a social-media profile, or a
  link introduced as the client's ("her blog", "his GoFundMe"). Links to
  articles and trainings pass.
- Contact details count unless the post gives them as the clinician's own or a
  public service: "call my office at ...", "email me at ...", "our clinic is
  at ...", "the agency's intake line", role mailboxes (intake@, info@), toll-free
  and crisis lines. A practice cue *after* a detail clears it only when nothing but
  punctuation or "is" stands between ("503-555-0101 (my cell)"): "lives in
  Springfield, IL 62704 and walks to our clinic" keeps the ZIP.
- Structured kinds are classes of shapes with validity checks, not sentences:
  SSNs in any grouping (dashes, spaces, dots, none) after many introducers
  ("social", "SS#", "soc sec", "tax ID", "ending in 7712"), valid only when the
  SSA could issue them (area not 000/666/9xx, group not 00, serial not 0000);
  nine bare or dotted digits need an SSN word. ZIPs after "City, ST", a state
  name, a "zip"/"postal code" cue or a residence cue ("lives in 97214"), and
  checked against the state's ZIP prefixes (data/us_zip_ranges.txt, from Faker),
  so "90834 OR 90837" (CPT codes) passes; ZIP+4 needs no cue. Street addresses
  use the USPS suffixes (data/street_suffixes.txt, from Faker), units, lots,
  PO boxes, rural routes, numbered roads ("4410 County Road 12") and corners
  ("the corner of Fifth and Alder"). E-mail includes obfuscated forms ("jo at
  gmail dot com", "jo(at)mail.com": the at/dot spelled out, a free-mail domain
  from data/free_email_domains.txt, or an address-like local part, not "works at
  amazon.com"). Record numbers are found under many names (chart, account, case,
  member, policy, claim, encounter, Medicaid/Medicare, client, file, student,
  A-number ...), as any "<word> number/ID <5+ digits>", and Medicare Beneficiary
  Identifiers by their CMS shape alone. A link to a public resource
  (nimh.nih.gov/...) is not an identifier; a path naming a person on any host
  (/@name, /~name, /u/..., /obituaries/..., /campaigns/...) is. Ages over 89 also
  as "93 y.o", "she's 94", "at the age of ninety-six", "a hundred and two",
  "in his 91st year". "Nonagenarian" and "in her 90s" are generalisations and pass.
- Second round (device, ZIP, IP, plate, phone, date, names alone, signatures), again as
  classes: a device identifier after any device cue with up to three words between
  ("the pacemaker serial, PM2219-88431", "CGM transmitter ID 8GM4KT", "monitor unit
  number", S/N, IMEI, UDI, MAC address), lists of them, and MAC addresses and GS1 UDIs by
  shape; a device's own cue beats a looser record-number reading. ZIPs after a city without
  a state ("Brooklyn 11211", "Detroit, 48201"), after a place word ("near 33125", "serves
  55932", "in the 78207 area"), "zip code as 27957", and lists ("30310 or 30311"), each in a
  US ZIP prefix, not a round number and not followed by a unit ("in 12500 patients"
  passes). Compressed IPv6 checked by the ipaddress module; versions ("firmware 2.4.1.9")
  and addresses that point to no one (loopback, a private network's gateway 10.0.0.1)
  pass. Plates after plate, tag or registration with words, a comma or a state between, in
  the shapes states issue (digits alone only after "plate"/"tag"). Phone numbers a few words
  after a phone verb or noun ("texted me at 2am from 5415550128", "calls from 555-0142"),
  NANP-checked; "text me at ..." is the clinician's own unless the words are reported from
  someone else ("..., the teen wrote"). An abbreviated weekday before a month/day ("Tues
  12/9") in a post about a person; dates of coverage rules ("Medicare now reimburses ... as
  of January 2024") pass. Names: a relative's "is" ("the 8yo's mom is Rose ..."), a name set
  off by commas after a client word even when it is also a word ("a client, grace,"), and
  a lower-case first name opening a clause in a post about clients ("katherine texts me");
  presenters at a consult group ("Sam is presenting a case") and "the Twin Cities" are not
  clients. A signature block may carry the clinician's NPI and licence lines ("NPI
  1457382910 | NY License 019344"), "Licensed Clinical Psychologist", ABPP and similar
  credentials; a record-like number on such a line is theirs.
- Third round (plates, ages, records, devices, dates, names; de-identified false flags),
  again as classes. A plate-shaped value (capitals, five to eight letters and digits, a
  letter and a digit, one space or dash at most; not a scale or model code such as
  "COVID-19", "F-150") counts beside its state ("Texas MKW 8821", "NY plate KGT-5521",
  "8KXT412 (CA plates)", "BZR4418, Washington") or as what a vehicle "is" ("the car is
  ALB2093", "her truck, H42 8LK"), only in a post that speaks of a vehicle
  (detectors/identifiers/plates.py); a clinician's licence beside their state is digits
  and passes. Ages over 89 also as "96-y-o", after "is now", "reached", "lived to see",
  "celebrated", and "At 98 she ..."; "ages 90+" (a bracket) and every age up to 89 pass.
  Record numbers under more names (FIN, BIC, Medi-Cal, person, eligibility, enrollment,
  DOC, inmate, docket, court) and inside parentheses ("chart (00482916)"). Device serials
  after "SN", a generator, an ICD, a "unit" after a comma, or "labeled"/"engraved" on the
  device, an IMEI in its printed groups; "serial sevens" and "serial killer" are not
  devices, and a countdown of two-digit groups ("93-86-79-72") is not a phone number.
  Dates as "14-Feb-2025", "03JUN1958", "DOB 19540812", "Tuesday the 21st" (not "Friday
  the 13th"), a holiday with its year, each in a post about a person or a client; "the
  case conference" is not an event. Phone numbers with a slash after the area code and a
  few words after "try" or a colon. A car make before its model ("a 2015 Ford F-150") is
  not a name; a colleague who co-leads or runs something with the author ("Dana and I
  co-lead the group") is not a client; departments, specialties and roles ("Psychiatry
  said", "Endo wants", "Adolescent, 15,") are everyday words, not names.
- Fourth round: a clinician's own details as a class (detectors/identifiers/signature.py,
  `clinician_own`). The closing block may carry e-mail trailers ("Sent from my iPhone", a
  confidentiality notice, a motto in quotes, an aside in parentheses), the author's pronouns
  ("she/her" is no client) and hours, and may be the whole post (a practice's card); a signer
  ("Dr. Priyanka Rao", "Will & Jessamyn Burke") with credentials of any board (LIMHP, CPCS,
  RPT-S, plurals) signs inline after a dash or a colon, or as a business card mid-post with
  contact details after it. A number introduced as an NPI, a licence, CAQH or DEA number is
  the clinician's anywhere, unless a vehicle, a driver's licence or a client stands in its
  clause. In a signed post, a contact detail in a clause with no client, relative or
  reported speech is the author's when labelled ("Office:", "Fax:", "P:", "website is"),
  given in the first person ("I'm usually reachable at"), as an imperative to the reader
  ("Email intake@... or call ...") or as a colleague's ("my colleague, Dr. Nate Ellison, at").
  Recall, again as classes: a plate's digit must lie inside the value, so a word may stand
  between cue and plate ("plate is literally SOBR4EVR"); vanity plates may be letters alone
  after "vanity/custom plate" or after a state after a vehicle's word ("drives a NC
  BIGDAWG"); a state in parentheses needs no vehicle word ("2FAST4U (Massachusetts)"); a
  vehicle noun may name its plate ("vehicle 7DWR219"); posters, alerts, hit-and-runs, lots,
  interlocks and more makes and models are vehicle words; bills ("AB 2098"), a board's
  licence prefix ("LPC 80122") and the clinician's own car pass. Record numbers after an
  aside or a correction ("acct no. - should've been 7730021458"); rural grid addresses
  ("N4571 County Rd K") and lettered county roads; an e-mail after "sent/forwarded ... to"
  is the recipient's whatever event word precedes it; ZIPs in parentheses after a cue;
  voicemail ("VM at 555-0138"); a person's own days as month/day ("birthday is 6/3",
  "sobriety date is 8/19"); "Jun."/"Jul." with a stop; lent equipment's asset, inventory,
  property and service tags; the SSA beside an SSN-shaped number. An eponym's full name
  ("Charles Bonnet syndrome") is not a person.
- Fifth round, the classes the retired 2026-12-06 blind set missed: a link (with or without a
  scheme) to a site the client or a relative runs, keeps or made ("My client runs www...",
  "made a website about her recovery, x.org", "Mine has a public blog, http://..."); a
  device serial up to sixty characters after its cue ("Device serial on the card he showed
  me was NLE 302118S"), written as a prefix, a space and the rest, after a maker in place of
  the device ("His ResMed (22213459871)") or in parentheses after "unit" or "device"; an
  ID-shaped value (capitals and digits, five digits or more) with a record word up to 160
  characters before it, in an earlier sentence too ("the member ID on file is wrong. The
  correct one is W882139047"), not a CPT code with a modifier or a provider taxonomy; a
  vanity plate in groups ("NRSE MOM"), a state before a plate in a post whose only vehicle
  word is a model ("his green Tahoe, NV 8ZT-115"), "in case" as an idiom before a plate; a
  ZIP before its town in parentheses ("near 59847 (Lolo, MT)", "near 02139 (Cambridge)");
  a nickname marked as what the person is called ("Big Lou (his words)", "Pop (that's what
  everyone called him)"); an age in words set off by dashes or commas, a birth date before
  its year ("born 14 July 1933"). Not identifiers: "ninety-something", authors cited in
  parentheses ("(Stanley & Brown)"), "the Counseling Compact" (a capitalised "Counseling"
  is a title, not the verb), colleagues' gatherings ("networking lunch on the 14th"). A
  signed post's block may be one line of fields joined by bars however long, an inline card
  may hold "No." and "Lic.", a licence may be named by its board ("PA LPC PC009981"), a
  practice's name may hold "&", "he/they" is a pronoun set, availability lines ("Telehealth
  only, Mon-Thu") are trailers, and thanks to the forum close a post ("appreciate you all,
  Corinne"). Later batches of the round: a handle with its platform named after it, a serial
  before "engraved on it" or after "the number off his glucose meter", EOB, encounter and
  Medi-Cal BIC as record words, "a man of ninety-four", "she/ella".
- Eighth and ninth rounds (the retired 2026-12-06e set, then the development misses left), as
  classes: a ZIP after a street address with a town between or in parentheses ("62 N Queen
  St Apt 3, Lancaster 17603", "840 N Harlan Way (84104)"); street addresses typed in lower
  case ("1419 e 7th st"); a public phone line ("988", "the crisis line") clears its own
  number, never a place; a person's own date word ("born", "discharged", "d/c'd from inpt")
  beats a training word before it; intake shorthand ("45M, R. Castellanos"), a person's
  detail right after a name ("..., DOB", "..., callback"), whose records ("records for
  Jordan ..."), a title opening a parenthesis ("(Mrs. Thibodeaux)"), a name set off by commas
  after a person ("One of my teens, Tavi, ..."), a lower-case name after a cue in any case
  or in parentheses, a surname doing what a person does ("Okafor came in"); plates after
  what someone drives, in parentheses after a vehicle, or by what they say ("His plate
  literally says PHEENX"); ages right after a client word ("patient 95,"); bare SSNs in a
  post that speaks of an SSN; a number inside a quoted voicemail is the caller's; a second
  number shaped like a found record number. ZIP prefixes follow the USPS where Faker's
  ranges stop short. Not identifiers: a state and its ZIP read as a plate ("New York NY
  10018"), procedure codes in billing talk ("moved it to 99417 for E/M"), towns named for a
  person ("Ann Arbor"), camel-case words ("MoCA"), "San"/"Fort" places, a state after a
  preposition, a specialty's consult ("Geri consult"), researchers' work ("Scott Miller's
  stuff"), two surnames joined by "&" ("Dawson & Guare"), a suite or unit that is the
  subject of a sentence about a building, "MS" as a diagnosis after a name. Signatures: a
  quoted nickname, a rule line above a leading block, the full name with pronouns above the
  credential line, a one-line card opening with a dash, greetings of other languages
  ("Aloha,"), other countries' registers ("DClinPsy", "CORU Reg."), "it's Marcus from the
  Tuesday group".
- Later classes of the same session (development set 24 and the retired 2026-12-06f and -06g
  sets): a form's "Name:" or "Emergency contact:" field, a working name ("uses the name
  Cherry"), an age-noun apposition ("The 11 year old, Kiona,"), a device's value in
  parentheses, spaced record numbers after their name ("claim # C-29 481 776"), ZIPs after a
  word for a place, "zip", "home base is" or before "that's the zip", an age after a birth
  date ("so 91"), vanity plates before "vanity plates" or that a car "says", a colour and a
  vehicle before a plate, a second number shaped like a found record number, USPS ZIP
  prefixes Faker leaves out. Not identifiers: staff and team members named beside the author
  ("my biller (Sharon", "(me, Jorge, and Becca)"), meeting IDs, hospital units, a county line,
  parking tickets, "et al." authors, a surname's named model, degrees written with stops
  ("M.Ed.", "Psy.D."), other countries' registers and sign-offs (RP, PBANZ, "Ngā mihi",
  "Wado"), town and phone-only signature lines, a do-not-send-PHI trailer.
- Thirteenth round, signed posts (stop 36, the retired 2026-12-07n and -07o sets, whose
  signed posts also give other clinicians' practice details): in a post that keeps no kind a
  card never carries and no client's record number, a contact detail that follows another
  clinician or practice the author points to ("recommend Dr. X at Y Counseling (...)", "my
  colleague ... Her office line is ...", "try Z Collective, <address>", "co-led with Jim
  Park, LPC", "the agency's intake line is ...") with no client, relative or other name
  between is that practice's, and then that clinician's name and the practice's name are no
  one's; not when a relative or the client's own clinician is meant ("her father, Dr. ...",
  "his PCP, Dr. ..."), nor a flat. The author naming themselves in passing ("I'm X, LPC",
  "call me, X", "X here, LPCC", "Tell her X sent you"); "your clients" and "if you have a
  client" are no one; dates of a clinic reopening, a group's next meeting, mail to a new
  address.
- Learned (2026-12-07, `own_details.py`): what the signature rules keep goes through a small
  logistic-regression model over the candidate's surroundings (its line, the words around
  it, where the line stands, the rules' view of it), trained by `make train` on the
  candidates found in development posts (a signed post's are the author's own, a gold
  client span's are not). It is asked only in a post that carries a mark of an author giving
  their own details (a credential or signing role, a pronoun set, a clinical practice's
  name, a sign-off, a signature block), that keeps
  no kind a card never carries (a date of birth, an SSN, a device), and never about a detail
  whose sentence or card label says it is someone else's ("the teen's burner", "Client:").
- Learned (2026-12-07, `loose_numbers.py`): every number-like token no rule found (four
  digits or more, or a month/day; not a year or a billing code) outside the author's signature
  block goes through a second small logistic-regression model over the token's shape and the
  words around it, trained by `make train` on the tokens of the development posts (on a gold
  span or not); what it holds is a record number (a date when it is a month/day) and goes
  through the signature rules and the own-details model like any other candidate.
  `loose_names.py` does the same for bare full names (two or three capitalised words opening
  with a gazetteer first name) that no name rule finds, only in a post already held.
- Thirteenth round, names and ages (the same sets), as classes: names with letters
  beyond Latin-1 ("Stanisław", "Lê Thị Hoa"), Faker's gendered surname lists, Hmong, Diné,
  Hawaiian, Afghan and Pacific names (extra_first_names.txt, extra_last_names.txt), a
  Vietnamese family, middle and given name; pronouns or an age and when in parentheses
  ("Jordan (they/them) sent me", "(90 last week!)"), a voicemail's caller, "her 14yo Tyler",
  "great-grandson Kekoa", "Kid is Sol", a calling or a responder's rank before a name
  ("Paramedic Dana Whitfield", "Rabbi Yaakov Stern"), quoted nicknames and aliases ('calling
  himself "Dre Bandz"'), a member set off by commas, a legal, last or dead name ("legal name
  Dale E. Forcier"), a capital after an apostrophe ("Ja'Nyah"); ages in words opening a
  sentence ("Ninety-three, macular degeneration"), "that makes her 92", "alive at 103", after
  a name at a sentence's end ("Mrs. Pearl Hendricks, ninety-seven."), before the sex
  ("ninety-seven F"), in Spanish ("de noventa y dos años"). Not names: a country after a place
  word (countries.txt; "a text from Chad" is still a person), a maker before its plant or
  workers, "the Hamilton scale", "the Central Valley", an everyday -ing word opening a
  sentence, faiths as adjectives ("Orthodox families"). "ninety-something" still passes.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType

from detectors.identifiers import (
    addresses,
    ages,
    contact,
    dates,
    loose_names,
    loose_numbers,
    names,
    numbers,
    own_details,
    plates,
    signature,
    token_model,
)
from detectors.identifiers._text import BILLING_CODE_RE, _Candidate, _Doc

__all__ = [
    "GENERALISE_HINTS",
    "KIND_LABELS",
    "IdentifierSpan",
    "find_identifiers",
    "find_identifiers_many",
    "span_key",
]


@dataclass(frozen=True)
class IdentifierSpan:
    kind: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """A stable id for what this span names, whatever its position: the kind and a
        digest of the case-folded, space-collapsed text. Every mention of "Dana" in a
        draft, before and after an edit, has the same key, so an author's answer about it
        ("a colleague, not a client") can be recorded without the text and honoured by
        screening (detectors.policy.decide's `cleared`)."""
        return span_key(self.kind, self.text)


def span_key(kind: str, text: str) -> str:
    """The key of an identifier of this kind with this text (see IdentifierSpan.key)."""
    normal = " ".join(text.casefold().split())
    digest = hashlib.blake2s(normal.encode("utf-8"), digest_size=6).hexdigest()
    return f"{kind}:{digest}"


KIND_LABELS: dict[str, str] = {
    "name": "Name of a client or relative",
    "date": "Specific date",
    "age": "Age over 89",
    "phone": "Phone or fax number",
    "email": "Email address",
    "address": "Street address",
    "zip": "ZIP code",
    "record_number": "Record, account, plan or ID number",
    "ssn": "Social Security number",
    "url": "Web address or handle pointing to a person",
    "ip": "IP address",
    "license_plate": "Vehicle licence plate",
    "device_id": "Device identifier or serial number",
}


GENERALISE_HINTS: dict[str, str] = {
    "name": 'Use a role instead of a name: "a client", "her daughter", "the client\'s mother".',
    "date": 'Use a season or relative time: "last spring", "a few weeks later", "in 2019".',
    "age": 'Ages over 89 identify people: write "a client in their 90s" or "an older adult".',
    "phone": 'Remove the number; describe the contact instead ("she called the clinic").',
    "email": 'Remove the address; say "she emailed me" without it.',
    "address": 'Name the kind of place, not the address: "an apartment downtown".',
    "zip": 'Use the region or state instead: "a rural county in Oregon".',
    "record_number": "Remove record, account and plan numbers entirely.",
    "ssn": "Remove the Social Security number entirely.",
    "url": 'Remove links and handles that lead to the client ("her social media").',
    "ip": "Remove the IP address.",
    "license_plate": 'Remove the plate number ("his car").',
    "device_id": 'Remove serial numbers and device IDs ("her insulin pump").',
}


# Higher wins when two candidate spans overlap: a specific structured match
# (an SSN, an email) beats a looser one that happens to cover the same digits.
_PRIORITY: dict[str, int] = {
    "email": 90,
    "url": 85,
    "ssn": 80,
    "ip": 78,
    # A device's serial is often also called its "number" or "ID": its own cue wins.
    "device_id": 76,
    "record_number": 75,
    "license_plate": 73,
    "date": 70,
    "phone": 65,
    "age": 60,
    "address": 55,
    "zip": 50,
    "name": 40,
}


def _resolve(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping spans, preferring specific kinds, then longer spans."""
    ordered = sorted(
        (c for c in candidates if c.end > c.start),
        key=lambda c: (-_PRIORITY.get(c.kind, 0), -(c.end - c.start), c.start),
    )
    # Chosen spans kept sorted by start: each candidate only needs comparing
    # with its two neighbours, so a post with thousands of spans stays fast.
    starts: list[int] = []
    chosen: list[_Candidate] = []
    for cand in ordered:
        index = bisect.bisect_left(starts, cand.start)
        if index > 0 and chosen[index - 1].end > cand.start:
            continue
        if index < len(chosen) and chosen[index].start < cand.end:
            continue
        starts.insert(index, cand.start)
        chosen.insert(index, cand)
    return chosen


# The attribution line of a quote-reply (forum.composer writes "> **Name** wrote:"): the
# name is the quoted colleague's, a member of the forum, not a client.
_QUOTE_ATTRIBUTION = re.compile(r"^>[ \t]*\*\*([^*\n]{1,120})\*\*[ \t]+wrote:[ \t]*$", re.MULTILINE)


def _quoted_colleagues(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _QUOTE_ATTRIBUTION.finditer(text)] if "wrote:" in text else []


_PHONE_WORD_BEFORE = re.compile(
    r"(?i)\b(?:call|called|calls|calling|text|texted|texts|phone|cell|mobile|voicemail|dial|"
    r"reach|fax|callback|vm|voice mail|unknown number|line)"
)


_SHAPE_EDGE = frozenset("0-./#")  # what may not stand right before a number


# CPT codes of psychiatric services, psychological testing and office visits: 90785-90899,
# 96105-96171, 99202-99499.


# A five-digit number standing alone: not part of a longer number, a decimal, a code or a
# range ("79902", not "79902-1", "7990.2", "#79902", "$79902").
_FIVE_DIGITS = re.compile(r"(?<![\w$#.,/-])\d{5}(?![\w/%]|[.,-]\d|\s*(?:dollars|usd|mg|miles))")


def _same_area(
    text: str, pattern: re.Pattern[str], kind: str, areas: set[str], candidates: list[_Candidate]
) -> Iterator[_Candidate]:
    """Bare numbers of `pattern` whose first three digits are an area of a number found by
    its cue, not already a candidate, are of that kind too: a second ZIP of the same ZIP area
    ("..., El Paso TX 79901-2804; they have 79902 on file"), ten digits with a found phone's
    area code ("she's called from 662-347-1108, 6623471922, (662) 209-4417")."""
    taken = [(c.start, c.end) for c in candidates]
    for m in pattern.finditer(text):
        start, end = m.span()
        if text[start : start + 3] in areas and not any(a < end and start < b for a, b in taken):
            yield _Candidate(kind, start, end)


# Ten digits written together, not part of a longer number or code.
_TEN_DIGITS = re.compile(r"(?<![\w$#.,/-])[2-9]\d{2}[2-9]\d{6}(?![\w/%]|[.,-]\d)")


def _area_codes(text: str, phones: list[_Candidate]) -> set[str]:
    """The area codes of the ten-digit phone numbers found ("+1" dropped)."""
    areas = set()
    for c in phones:
        digits = "".join(ch for ch in text[c.start : c.end] if ch.isdigit())
        if len(digits) == 11 and digits[0] == "1":
            digits = digits[1:]
        if len(digits) >= 10:
            areas.add(digits[:3])
    return areas


_NAME_PART = re.compile(r"[A-Za-z]{4,}")
_URL_WORD = re.compile(r"[a-z]+")


def _site_label(address: str) -> str:
    """The site's own name in a link: "hannahyates" in "www.hannahyates.me/about"."""
    host = address.split("/", 1)[0].removeprefix("www.")
    return host.split(".", 1)[0]


def _links_with_a_name(doc: _Doc, candidates: list[_Candidate]) -> Iterator[_Candidate]:
    """A link whose address carries, as a word of its own, the name of a person found in
    the post leads to that person: "Her son Jaylen Okafor ... meal train at
    mealtrain.com/trains/jaylen-okafor-family"."""
    text = doc.text
    parts = {
        part.lower()
        for c in candidates
        if c.kind == "name"
        for part in _NAME_PART.findall(text[c.start : c.end])
    }
    if not parts:
        return
    taken = [(c.start, c.end) for c in candidates]
    for m in contact._URL_RE.finditer(doc):
        start, end = m.span()
        if "@" in text[max(0, start - 1) : start] or any(a < end and start < b for a, b in taken):
            continue
        # The name as a whole word of the address ("kit-and-femi-oyelaran", not the
        # "tara" in an author's "tarabrach.com"), or run together in the site's own name: a
        # name part of five letters or more, or two of the person's ("hannahyates.me",
        # "ibarrashrimpco.com").
        address = m.group().lower().split("://", 1)[-1]
        words = set(_URL_WORD.findall(address))
        label = _site_label(address)
        inside = [part for part in parts if part in label and part != label]
        if words & parts or any(len(part) >= 5 for part in inside) or len(inside) >= 2:
            yield _Candidate("url", start, end)


def _same_shape_numbers(doc: _Doc, records: list[_Candidate]) -> Iterator[_Candidate]:
    """A second number shaped like a record number found by its cue is one too: "chart #
    22-10487 ... the other one is 22-10488" (a duplicate chart, a sibling's case number)."""
    shapes = {doc.shape[c.start : c.end] for c in records}
    taken = {(c.start, c.end) for c in records}
    for shape in shapes:
        if shape.count("0") < 5:
            continue
        pos = doc.shape.find(shape)
        while pos >= 0:
            end = pos + len(shape)
            before = doc.shape[pos - 1 : pos] if pos else " "
            after = doc.shape[end : end + 2]
            # Not inside a longer number or code: "22-10488." ends a sentence, "22-10488.5"
            # or "A22-10488" is another value.
            inside = after[:1].isalpha() or after[:1] == "0" or after == after[:1] + "0"
            if (
                (pos, end) not in taken
                and not (before.isalpha() or before in _SHAPE_EDGE)
                and not inside
            ):
                yield _Candidate("record_number", pos, end)
            pos = doc.shape.find(shape, pos + 1)


def candidate_spans(text: str) -> list[_Candidate]:
    """Every candidate the kind modules find, before the author's own details are set
    aside and overlaps resolved (the own-details model is trained on these)."""
    doc = _Doc(text)
    candidates: list[_Candidate] = []
    for kind_module in (contact, numbers, plates, dates, ages, addresses):
        candidates.extend(kind_module.candidates(doc))
    candidates.extend(names.candidates(text))
    # A number found both as a phone number, a ZIP or a plate (by its shape and cue) and as a
    # record number (by a looser "client ... <digits>" cue) is the former: the label shown to
    # the author names what it is.
    shaped = {
        (c.start, c.end)
        for c in candidates
        if c.kind == "zip"
        or c.kind == "license_plate"
        or (c.kind == "phone" and _PHONE_WORD_BEFORE.search(text, max(0, c.start - 30), c.start))
    }
    if shaped:
        candidates = [
            c for c in candidates if c.kind != "record_number" or (c.start, c.end) not in shaped
        ]
    # A mental-health billing code is not a record number, whatever cue stands before it
    # ("the new Medicare 90791 telehealth modifiers"): no record system issues five digits in
    # these ranges to one person.
    candidates = [
        c
        for c in candidates
        if c.kind != "record_number" or not BILLING_CODE_RE.fullmatch(text, c.start, c.end)
    ]
    records = [c for c in candidates if c.kind == "record_number"]
    if records:
        candidates.extend(_same_shape_numbers(doc, records))
    zip_areas = {text[c.start : c.start + 3] for c in candidates if c.kind == "zip"}
    if zip_areas:
        candidates.extend(_same_area(text, _FIVE_DIGITS, "zip", zip_areas, candidates))
    phone_areas = _area_codes(text, [c for c in candidates if c.kind == "phone"])
    if phone_areas:
        candidates.extend(_same_area(text, _TEN_DIGITS, "phone", phone_areas, candidates))
    if "." in text and any(c.kind == "name" for c in candidates):
        candidates.extend(_links_with_a_name(doc, candidates))
    return candidates


def find_identifiers(text: str, *, learned_tokens: bool = True) -> list[IdentifierSpan]:
    """Patient identifiers in `text`, sorted by position and non-overlapping.

    `learned_tokens=False` leaves out the loose-numbers and loose-names models (their
    training asks what the rest finds)."""
    return find_identifiers_many([text], learned_tokens=learned_tokens)[0]


def find_identifiers_many(
    texts: Sequence[str], *, learned_tokens: bool = True
) -> list[list[IdentifierSpan]]:
    """find_identifiers of each text. Each learned token model is asked once for the whole
    batch, so each distinct feature is hashed once for it, all together, where a post asked
    alone hashes its few one by one (`score_posts` and the screening worker screen in
    batches)."""
    results: list[list[IdentifierSpan]] = [[] for _ in texts]
    readable = [n for n, text in enumerate(texts) if text and isinstance(text, str)]
    posts = [texts[n] for n in readable]
    found = [candidate_spans(text) for text in posts]
    # Where each author's signature blocks stand, worked out once for every step below.
    blocks = [signature.Blocks(text) for text in posts]
    candidates = found
    if learned_tokens:
        # Number-like tokens no rule found, asked of the loose-numbers model.
        numbers = _learned(loose_numbers, posts, found, blocks)
        candidates = [c + more for c, more in zip(candidates, numbers, strict=True)]
    # The author's own signature, registration numbers and practice contact details: by
    # rule, then by the learned own-details model on what the rules keep.
    candidates = [
        own_details.not_own(text, signature.clinician_own(text, c, b), blocks=b)
        for text, c, b in zip(posts, candidates, blocks, strict=True)
    ]
    if learned_tokens:
        # In a post held anyway, bare full names no rule found, asked of the loose-names
        # model (it never holds a post by itself).
        held = [n for n, c in enumerate(candidates) if c]
        names = _learned(
            loose_names,
            [posts[n] for n in held],
            [found[n] for n in held],
            [blocks[n] for n in held],
        )
        for n, more in zip(held, names, strict=True):
            candidates[n] = candidates[n] + more
    for n, text, c in zip(readable, posts, candidates, strict=True):
        results[n] = _spans(text, c)
    return results


def _learned(
    module: ModuleType,
    texts: list[str],
    found: list[list[_Candidate]],
    blocks: list[signature.Blocks],
) -> list[list[_Candidate]]:
    """A learned token model's (`loose_numbers`, `loose_names`) candidates in each post,
    the model asked once for all of them."""
    asked = [module.asked(*post) for post in zip(texts, found, blocks, strict=True)]
    if not any(spans for spans, _ in asked):
        return [[] for _ in texts]
    held = token_model.held_many(module.load_model(), asked)
    return [module.held_candidates(t, spans) for t, spans in zip(texts, held, strict=True)]


def _spans(text: str, candidates: list[_Candidate]) -> list[IdentifierSpan]:
    """The candidates a post keeps, less names inside a quote's attribution, overlaps
    resolved, as spans."""
    quoted = _quoted_colleagues(text)
    if quoted:
        candidates = [
            c
            for c in candidates
            if c.kind != "name" or not any(a <= c.start and c.end <= b for a, b in quoted)
        ]
    spans = []
    for cand in _resolve(candidates):
        start, end = cand.start, cand.end
        # Trim whitespace and trailing punctuation the patterns may have taken.
        while end > start and text[end - 1] in " \t\n\r,;:":
            end -= 1
        while start < end and text[start] in " \t\n\r":
            start += 1
        if end > start:
            spans.append(IdentifierSpan(cand.kind, start, end, text[start:end]))
    return spans
