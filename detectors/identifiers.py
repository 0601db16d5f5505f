"""Patient identifiers (HIPAA Safe Harbor kinds) as character spans.

Pure Python, no model: pre-compiled regular expressions for the structured
kinds (dates, phone numbers, record numbers, ...) and, for names, context cues
("my client Maria", "her daughter Keisha", "Mr. Alvarez", "Keisha's mother")
plus a first-name gazetteer generated from Faker's person lists (see
names_data/). The screening policy holds a post when anything is found, so
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
  at ...", role mailboxes (intake@, info@), toll-free and crisis lines.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "GENERALISE_HINTS",
    "KIND_LABELS",
    "IdentifierSpan",
    "find_identifiers",
]


@dataclass(frozen=True)
class IdentifierSpan:
    kind: str
    start: int
    end: int
    text: str


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
    "record_number": 75,
    "device_id": 74,
    "license_plate": 73,
    "date": 70,
    "phone": 65,
    "age": 60,
    "address": 55,
    "zip": 50,
    "name": 40,
}


def _lower_pattern(pattern: str) -> str:
    """Lower-case a regex's literals, leaving escapes (\\W, \\S, \\D, \\B) alone."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


class _CaseFree:
    """A case-insensitive pattern, run case-sensitively on the lower-cased post.

    Python's re is several times slower with IGNORECASE; lower-casing the post
    once and matching a lower-cased pattern gives the same offsets whenever
    lower-casing keeps the length, which `_Doc` checks.
    """

    __slots__ = ("fast", "slow")

    def __init__(self, pattern: str) -> None:
        body = pattern.removeprefix("(?i)")
        self.fast = re.compile(_lower_pattern(body))
        self.slow = re.compile(body, re.IGNORECASE)

    def finditer(
        self, doc: _Doc, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        regex, hay = (self.fast, doc.lower) if doc.lower is not None else (self.slow, doc.text)
        return regex.finditer(hay, pos, len(hay) if endpos is None else endpos)

    def search(self, doc: _Doc, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        regex, hay = (self.fast, doc.lower) if doc.lower is not None else (self.slow, doc.text)
        return regex.search(hay, pos, len(hay) if endpos is None else endpos)


class _Doc:
    __slots__ = ("lower", "shape", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Every digit written as "0": see _structured_candidates.
        self.shape = text.translate(_SHAPE_TABLE)
        lower = text.lower()
        self.lower: str | None = lower if len(lower) == len(text) else None


_DATA_DIR = Path(__file__).with_name("names_data")


def _load_names(filename: str) -> frozenset[str]:
    try:
        lines = (_DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        # A missing gazetteer must not take screening down; context cues still work.
        return frozenset()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that are names but also everyday words, places or brands.
# They count as names only with a strong cue ("my client Hope", "Mr. Rich").
_AMBIGUOUS_FIRST = _words(
    """
    Will May June April August Hope Grace Faith Joy Dawn Rich Bill Mark Frank Art Don Guy Pat Sue
    Summer Autumn Winter Spring Destiny Harmony Trinity Chance Hunter Chase Miles Cash Sage Star
    Sky River Rose Iris Ivy Lily Daisy Violet Holly Hazel Olive Ruby Amber Crystal Pearl Jade
    Jewel Ginger Candy Brandy Misty Sandy Rusty Penny Precious Princess King Prince Duke Earl Baron
    Major Justice Royal Rebel Bliss Blessing Gift Patience Prudence Charity Mercy Unity Honor Heaven
    Angel Christian Carol Noel Jean Gene Buck Bud Sonny Skip Lane Dale Glen Heath Forest Clay Cliff
    Rock Stone Storm Reed Wade Drew Dean Chuck Bob Jack Ray Max Lee Kay Jay Case Page Price Long Rod
    Norm Sterling Tucker Young Paris Florence Georgia Virginia Carolina Dakota Austin Dallas Houston
    Jackson Charlotte Madison Phoenix Denver Lincoln Savannah Sydney Brooklyn Chelsea Jordan Israel
    India Asia Africa Eugene Mercedes Dolores Luz Paz Sol Rosario Trinidad Guadalupe Santiago
    Victoria Regina Florida Nevada Montana Indiana Alabama Arizona Kansas Kentucky Tennessee Texas
    Vermont Washington Wyoming Boston Aurora Salem Augusta Raleigh Orlando Cleveland Tyler Camden
    Dayton Dover Beverly Shelby Marion Columbia Jesus Christ God Lord Allah Buddha Karma Lucky Fancy
    Diamond Comfort Innocent Peace Roman German Urban Valentine Wolf Harm Lady Queen Grant Hardy
    Sunny Happy Honey Sugar Cherry Berry Apple Bunny Coco Kitty Bambi Brandy Whiskey Champagne
    Britain France Kenya Ghana Nigeria
    Egypt Jersey Mecca Medina Santa Domingo Angeles Cielo Luna Alma Bonita
    Nova Journey Legend Saint Messiah Genesis Eden Haven Ocean Rain Cloud Snow Nature Echo Serenity
    Lyric Melody Rhythm Harley Porsche Lexus Tesla Bentley Kia Nike Apollo Atlas Zeus Memory
    Ever Else Edit Floor Forum Among Jail Job Kick Lot Mad Man Nail Peer Sad Said Sole Tan Ties
    Till Toy Wage Yoga Theres Sayin Hatin Hella Dodo Albino Che Cord Jet Una Ole Ina Lan Henny Mick
    Ebony Kike Nazi Harsh Ibn Hari Avi Cyrus Bishop Deacon Pastor Colby Cameo Reading Worth Mason
    Carter Cooper Fisher Baker Porter Parker Tanner Taylor Spencer Sawyer Mercer Butler Walker
    Bailey Brooks Ward Marshall Gray Grey Green Brown Black White Church House Bell Hill Wood
    Banks Cross Hall Bond Moody Lovely Sincere Marvel Loyal Sonic Pepper Cinnamon Maple Willow
    Aspen Cedar Birch Oakley Ash Rowan Clover Poppy Lotus Jasmine Magnolia Dahlia Tulip Camellia
    Evangeline Angelica Constance Temperance Verity Felicity Serena Bella Belle Hero Ace Blaze
    Blue Golden Silver Sterling Ivory Onyx Scarlett Rusty Dusty Sandy Stormy Breezy Windy Misty
    Vanity Hazard Trace Tracy Dash Bolt Rush Cannon Gunner Ranger Trooper Sargent Judge Sheriff
    Mayor Pope Bishop Abbott Nun Chaplain Cardinal Lottie Dot
    """
)

# Capitalised words that are never names here: function words that start
# sentences, months and weekdays, roles, payers, modalities, drugs.
_NEVER_NAME = _words(
    """
    I A An The This That These Those There Then Than Their They Them He She His Her Hers Him It Its
    We Our Ours Us You Your Yours My Mine Me Who What When Where Why How Which Whose Whom If And
    But Or Nor So Yet For In On At By Of To From With Without Into Onto Over Under After Before
    During Since Until Per Via As Is Was Were Are Be Been Being Has Had Have Do Does Did Not No
    Yes Any Some All Each Every Both Either Neither Most Many Much More Less Few Several One Two
    Three Four Five Six Seven Eight Nine Ten First Second Third Last Next Other Another Also Just
    Only Still Even However Although Though Because While Whether Also Again Today Tonight
    Yesterday Tomorrow Now Later Soon Recently Currently Initially Finally Overall Anyway Hi Hello
    Hey Dear Thanks Thank Best Regards Cheers Sincerely Warmly Please Sorry Ok Okay Update Edit
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Spring Summer Fall Autumn Winter
    Christmas Thanksgiving Easter Halloween Hanukkah Ramadan Passover Eid Diwali Kwanzaa
    Client Clients Patient Patients Pt Member Members Therapist Therapists Counselor Clinician
    Doctor Dr Nurse Psychiatrist Psychologist Social Worker Provider Providers Supervisor Intern
    Mom Dad Mother Father Mum Mama Papa Grandma Grandpa Grandmother Grandfather Aunt Uncle Sister
    Brother Son Daughter Husband Wife Partner Baby Boy Girl Man Woman Teen Kid Kids Child Family
    Medicaid Medicare Tricare Aetna Cigna Humana Optum Kaiser Anthem Magellan Beacon Carelon
    Blue Cross Shield United Healthcare Insurance Medi Cal
    Therapy Therapies Cognitive Behavioral Behavioural Dialectical Behavior Behaviour Exposure
    Prolonged Processing Motivational Interviewing Internal Systems Acceptance Commitment Schema
    Emotionally Focused Gottman Method Narrative Solution Focused Brief Play Sandtray Somatic
    Experiencing Sensorimotor Seeking Safety Trauma Informed Mindfulness Based Stress Reduction
    Eye Movement Desensitization Reprocessing Family Couples Group Individual Psychodynamic
    Psychoanalytic Humanistic Person Centered Gestalt Existential Adlerian Jungian Rogerian
    Zoloft Prozac Lexapro Celexa Paxil Effexor Cymbalta Wellbutrin Abilify Seroquel Risperdal
    Zyprexa Lamictal Lithium Depakote Xanax Ativan Klonopin Valium Adderall Ritalin Vyvanse
    Concerta Strattera Suboxone Vivitrol Narcan Ambien Trazodone Buspar Hydroxyzine Prazosin
    Naltrexone Methadone Clozapine Clozaril Latuda Rexulti Vraylar Spravato Ketamine Auvelity
    Zurzuvae Caplyta Ingrezza Austedo Invega Haldol Geodon Ozempic Wegovy Mounjaro Zepbound
    SimplePractice TherapyNotes TheraNest Headway Rula Sondermind Zencare Valant Epic Cerner
    Athena Spruce Doxy Teladoc Talkspace BetterHelp Lyra Headspace Calm Cerebral Brightline
    Ehlers Danlos Lyme Graves Hashimoto Klinefelter Marfan Cushing Addison Raynaud Sjogren
    Guillain Barre Korsakoff Wernicke Munchausen Capgras Cotard Stockholm Prader Willi Angelman
    Protocol Model Method Approach Framework Intervention Medication Skills Module Workbook Manual
    Curriculum Checklist Screener Worksheet Handout Guide Toolkit Supervision Telehealth Coverage
    Billing Documentation Safety Crisis Recovery Wellness Resilience Attachment Grief Psychosis
    Mania Insomnia Sleep Pain Addiction Sobriety Relapse Boundaries Ethics Confidentiality Consent
    Privacy Termination Transference Countertransference Unified Trauma-Focused Evidence Outcome
    Marine Marines Army Navy Airman Soldier Sailor Veteran Veterans Reserve Corps Guard
    Mr Mrs Ms Mx Mister Sgt Capt Lt Col Cpl Pvt Dr Drs
    Rett Kawasaki Meniere Tibetan Hmong Somali Burmese Karen Navajo Lakota Cherokee Ojibwe
    Board State County City Department Health Services Center Hospital Clinic Practice Office
    Association Society Institute University College School Court Act Bill Law Senate House
    Congress Governor Legislature Commission Committee Council Agency Federal National American
    Psychological Psychiatric Counseling Licensed Professional Clinical Marriage Certified
    Disorder Syndrome Depression Anxiety Bipolar Schizophrenia Autism Asperger Aspergers Tourette
    Alzheimer Alzheimers Parkinson Parkinsons Huntington Crohn Down Borderline Narcissistic
    Zoom Teams Google Facebook Instagram Twitter TikTok Snapchat Reddit LinkedIn YouTube Apple
    Microsoft Amazon Netflix Uber Lyft Walmart Target Costco Starbucks Psychology Today
    English Spanish Latino Latina Latinx Hispanic Black White Asian Native Indigenous African
    Christian Catholic Jewish Muslim Buddhist Hindu Mormon Baptist Methodist Protestant
    God Lord Jesus Christ Allah Satan Buddha Christianity Judaism Islam Jew Jews Arab Arabs Arabic
    Polish Irish Italian French Chinese Japanese Korean Vietnamese Filipino Filipina Mexican Cuban
    Haitian Somali Ethiopian Russian Ukrainian Indian Pakistani Nigerian Ghanaian Samoan Tongan
    Wikipedia Reddit Meta Server Prof Professor Pope Saint Bible Quran Torah Scripture Heaven
    Hell Church
    North South East West Northern Southern Eastern Western Central Downtown Street Avenue Road
    Rd St Ave Blvd Lane Drive Suite Apt Unit Floor PO Box Zip Code Phone Fax Email Cell Tel
    ID MRN DOB SSN Chart Record Account Plan Policy Case Claim Note Notes Session Sessions Intake
    Assessment Diagnosis Dx Rx Hx Tx Plan Goals Treatment Discharge Referral Referrals Consult
    Consultation Question Questions Answer Resource Resources Training Webinar Workshop
    Conference Course Certificate Certification Book Article Study Research Paper Journal Review
    Note Tip Tips Reminder Disclaimer Warning Content Trigger TW CW Re Fwd Subject Topic Post
    Reply Thread Group Groups Chapter Part Step Level Phase Stage Week Weeks Month Months Year
    Years Day Days Morning Afternoon Evening Night Hour Hours Time Times Ago
    Oregon California Washington Idaho Utah Colorado Ohio Michigan Illinois Iowa Missouri
    Minnesota Wisconsin Maine Massachusetts Connecticut Delaware Maryland Pennsylvania Alaska
    Hawaii Louisiana Mississippi Arkansas Oklahoma Nebraska Texas New York Jersey Mexico Canada
    Portland Seattle Chicago Atlanta Miami Baltimore Philadelphia Pittsburgh Detroit Minneapolis
    Sacramento Oakland Fresno Tucson Albuquerque Spokane Tacoma Bend Boise Reno Vegas Omaha
    Memphis Nashville Louisville Milwaukee Columbus Cincinnati Indianapolis Richmond Norfolk
    Brooklyn Bronx Queens Manhattan Harlem Oahu Anchorage Juneau Honolulu London Toronto Ontario
    Vancouver Quebec Alberta Dublin Sydney Melbourne Mexico Puerto Rico Guam Europe Asia Africa
    """
)

_FIRST_NAMES: frozenset[str] = (
    _load_names("first_names.txt") | _load_names("extra_first_names.txt")
) - (_AMBIGUOUS_FIRST | _NEVER_NAME)
_LAST_NAMES: frozenset[str] = _load_names("last_names.txt") - _NEVER_NAME
_COMMON_WORDS: frozenset[str] = _load_names("common_words.txt")

# Famous clinicians and theorists: their names turn up in training posts and
# are not anyone's patient.
_PUBLIC_FIGURES = frozenset(
    name.lower()
    for name in (
        "Marsha Linehan",
        "Aaron Beck",
        "Judith Beck",
        "Carl Rogers",
        "Sue Johnson",
        "Francine Shapiro",
        "John Gottman",
        "Julie Gottman",
        "Irvin Yalom",
        "Bessel van der Kolk",
        "Peter Levine",
        "Dan Siegel",
        "Daniel Siegel",
        "Stephen Porges",
        "Judith Herman",
        "Richard Schwartz",
        "Dick Schwartz",
        "Brené Brown",
        "Brene Brown",
        "Kristin Neff",
        "Steven Hayes",
        "Pat Ogden",
        "Edna Foa",
        "Patricia Resick",
        "William Miller",
        "Stephen Rollnick",
        "Tara Brach",
        "Jon Kabat-Zinn",
        "Albert Ellis",
        "Viktor Frankl",
        "Virginia Satir",
        "Murray Bowen",
        "Salvador Minuchin",
        "Sigmund Freud",
        "Carl Jung",
        "Alfred Adler",
        "Karen Horney",
        "Melanie Klein",
        "Donald Winnicott",
        "John Bowlby",
        "Mary Ainsworth",
        "Heinz Kohut",
        "Otto Kernberg",
        "Abraham Maslow",
        "Erik Erikson",
        "Jean Piaget",
        "Albert Bandura",
        "Martin Seligman",
        "Paul Gilbert",
        "Lisa Najavits",
        "Kelly Wilson",
        "Russ Harris",
        "Gabor Mate",
        "Gabor Maté",
        "Deb Dana",
        "Janina Fisher",
        "Bruce Perry",
        "Dan Hughes",
        "Ross Greene",
        "Alan Marlatt",
        "Christine Courtois",
        "Nancy McWilliams",
        "Esther Perel",
        "Lori Gottlieb",
        "Fred Rogers",
        # People clients and clinicians quote or mention as public figures.
        "Maya Angelou",
        "Mary Oliver",
        "Thich Nhat Hanh",
        "Pema Chödrön",
        "Pema Chodron",
        "Eckhart Tolle",
        "Glennon Doyle",
        "Oprah Winfrey",
        "Michelle Obama",
        "Barack Obama",
        "Taylor Swift",
        "Simone Biles",
        "Michael Phelps",
        "Demi Lovato",
        "Selena Gomez",
        "Lady Gaga",
        "Kurt Cobain",
        "Robin Williams",
        "Anthony Bourdain",
        "Carrie Fisher",
        "Martin Luther King",
        "Nelson Mandela",
        "Mother Teresa",
        "Harry Potter",
        "Winnie the Pooh",
        "Jane Austen",
        "Charles Dickens",
    )
)

_PUBLIC_SURNAMES = frozenset(name.split()[-1] for name in _PUBLIC_FIGURES) | frozenset(
    ("kolk", "van der kolk", "kabat-zinn", "mate", "maté", "brené")
)

# --- shared pieces ---------------------------------------------------------

_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAYS = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|"
    r"Sat(?:urday)?|Sun(?:day)?)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MON_NUM = r"(?:0?[1-9]|1[0-2])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:19\d\d|20\d\d|'\d\d)"

# A capitalised name token: Maria, O'Brien, McKenzie, DeShawn, Mary-Kate, José.
# Starting with a character class (not an optional group) lets re skip ahead fast.
_NAME_TOKEN = r"[A-ZÀ-ÖØ-Þ](?:['’][A-Z])?[a-zß-öø-ÿ]+(?:[A-Z][a-zß-öø-ÿ]+)?(?:-[A-Z][a-zß-öø-ÿ]+)?"  # noqa: S105 (a pattern, not a secret)

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}\b"
)
_URL_RE = _CaseFree(
    r"(?i)\b(?:https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+|"
    r"(?<![@\w.-])[a-z0-9-]{2,63}(?:\.[a-z0-9-]{2,63})*\.(?:com|org|net|edu|gov|io|co|us|info|me|"
    r"biz|ly|app|health|care|site|page|blog|ca|uk)(?:/[^\s<>\"')\]]*)?)(?<![.,;:!?])"
)
_SOCIAL_URL_RE = _CaseFree(
    r"(?i)(?:facebook|fb|instagram|instagr\.am|twitter|x|tiktok|snapchat|linkedin|youtube|"
    r"reddit|tumblr|pinterest|onlyfans|venmo|cash\.app|gofundme|threads|bsky|myspace|github)"
    r"\.(?:com|me|net|app|social)/"
)
_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}\b")
_IPV4_RE = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|"
    r"[1-9]?\d)(?![\d.]\d)"
)
_IPV6_RE = _CaseFree(r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])")
_SSN_RE = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}(?![\d-])")
_SSN_CUE_RE = _CaseFree(
    r"(?i)\b(?:SSN|SS#|social security(?: number| no\.?| #)?|social)\s*(?:#|no\.?|"
    r"number)?\s*[:#]?\s*"
    r"(?:is\s+|of\s+|ending in\s+|last (?:4|four)\s*(?:digits)?\s*)?(\d{3}-?\d{2}-?\d{4}|\d{9}|"
    r"\d{4})\b"
)
_PHONE_US_RE = re.compile(
    r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w/-])"
)
_PHONE_INTL_RE = re.compile(
    r"(?<![\w/.-])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,5}){1,4}|"
    r"\(0\d{1,4}\)[\s.-]?\d{2,5}(?:[\s.-]\d{2,5}){1,3})(?:\s?x\d{1,5})?(?![\w/-])"
)
# Bare digit groups count as a phone number only right after a phone word.
_PHONE_CUE_RE = _CaseFree(
    r"(?i)\b(?:phone|ph|tel|telephone|cell|cellphone|mobile|fax|number|no\.|#|text(?:ed)?|"
    r"call(?:ed)?|"
    r"reach(?:ed)? (?:her|him|them) at|contact)\s*(?:number|no\.?|#|is|was|at|on|:)?\s*[:#]?\s*"
    r"(\d{3,5}(?:[\s.-]\d{2,5}){1,3}|\d{7,11})\b"
)
# Digit groups in the shapes phone numbers take outside the US ("0489 25 37
# 29", "01.84.17.61.18"): one separator throughout, 8 to 13 digits.
_PHONE_GROUPS_RE = re.compile(
    r"(?<![\w.,/+-])(?:\d{2,4}(?: \d{2,4}){2,4}|\d{2,4}(?:\.\d{2,4}){2,4}|\d{2,4}(?:-\d{2,4}){3,4})"
    r"(?![\w,/-]|\.\d)"
)
_TOLL_FREE_RE = re.compile(r"^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?")
_DIGITS_RE = re.compile(r"\d")

_DATE_FULL_RE = re.compile(
    rf"(?<![\w/.-])(?:{_MON_NUM}[/.-]{_DAY}[/.-](?:19|20)?\d\d|(?:19|"
    rf"20)\d\d[/.-]{_MON_NUM}[/.-]{_DAY}|"
    rf"{_DAY}[/.-]{_MON_NUM}[/.-](?:19|20)\d\d)(?![\w/-]|\.\d)"
)
_DATE_MD_RE = re.compile(
    rf"(?<![\w/.-])(?:{_MON_NUM}/{_DAY}|(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
    r"(?![\w/-]|\.\d|\s*(?:scale|pain|score|ratio))"
)
# A month/day without a year is a date only after a date word ("seen 3/14",
# "on 3/14"); bare "7/10" is usually a rating and "24/7" a figure of speech.
_DATE_MD_CUE_RE = _CaseFree(
    r"(?i)(?:\b(?:on|seen|since|from|until|til|till|through|thru|by|dob|d\.o\.b\.?|dated|admitted|"
    r"discharged|born|visit|appt|appointment|session|intake|scheduled|starting|started|ending|"
    r"ended|"
    r"as of|before|after|between|last|next|date|dos|on or about|week of|"
    r"happened|occurred|died|passed|hospitalized|arrested|called|came in|returned|left|sent|"
    r"emailed|texted|signed|due|f/u|fu|follow-?up|follow up|rtc|return|sched|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\W{0,3}|"
    # A list or range of dates: "9/4, 9/28 and 5/7", "3/14-3/20".
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*(?:,|and|or|to|through|thru|-|–|&)\s*(?:and\s+)?)$"
)
# Dates of laws, trainings and holidays are not about a client.
_EVENT_CUE_RE = _CaseFree(
    r"(?i)\b(?:effective|takes? effect|goes into effect|deadline|conference|webinar|training|"
    r"workshop|summit|registration|register|rule|(?:new|the|state|federal) law|bill|statute|"
    r"legislat\w*|regulation|"
    r"psa|(?:group|course|series|program|class|cohort|training)s? (?:starting|starts|begins|"
    r"beginning|kicks off|meets|runs)|"
    r"ce|ceus?|ce credits?|open house|office (?:will be )?closed|holiday|cohort|class(?:es)? "
    r"start|enrollment|hearing on the bill|comment period|signed into law)\b"
)
# The first of a list of dates ("12/3, 12/10 and 12/17") needs no cue of its own.
_MD_LIST_AFTER_RE = re.compile(r"\s*(?:,|and|&|-|–|to|through|or)\s*(?:and\s+)?\d{1,2}/\d{1,2}\b")
_DATE_WORDS_RE = re.compile(
    rf"\b(?:{_WEEKDAYS},?\s+)?(?:{_MONTHS}\s+{_DAY}{_ORD}?\b(?:,?\s+{_YEAR}\b)?|"
    rf"(?:the\s+)?{_DAY}{_ORD}?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+{_YEAR}\b)?|"
    rf"{_MONTHS}\s+(?:of\s+)?(?:19\d\d|20\d\d)\b)"
)
_DATE_ORDINAL_RE = _CaseFree(
    rf"(?i)\b(?:on|since|until|by|before|after) the {_DAY}{_ORD}\b(?=\s*(?:[.,;:)!?]|$|of\b|at\b|"
    rf"when\b|and\b|to\b|through\b|-|–))"
)
_DATE_ISO_TIME_RE = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?\b")

_AGE_NUM = r"(?:9\d|1[01]\d|12[0-5])"
_AGE_WORDS = (
    r"(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one hundred(?: and \w+)?)"
)
_AGE_RE = _CaseFree(
    rf"(?i)\b(?:{_AGE_NUM}|{_AGE_WORDS})[- ]?(?:years?|yrs?|yo|y/o|y\.o\.)(?:[- ]old)?\b|"
    rf"\b(?:age[ds]?|aged|ages|is|turned|turning|turns|age:)\s*(?:{_AGE_NUM}|"
    rf"{_AGE_WORDS})\b(?!\s*(?:%|percent|mg|"
    rf"lbs?|kg|minutes|min|days|sessions|points))|"
    rf"\b{_AGE_NUM}\s?(?:[MFmf]|yo[MFmf]?)\b(?![-\w])|"
    rf"\(\s*{_AGE_NUM}\s*[MFmf]?\s*\)|\b{_AGE_NUM}(?:st|nd|rd|th) birthday\b|"
    # "Ruth, 96, lost her last sibling": an age set off by commas after a name.
    rf"(?<=[a-z], )(?:{_AGE_NUM}|{_AGE_WORDS})(?=\s*[,)])"
)

_RECORD_RE = _CaseFree(
    r"(?i)\b(?:MRN|med(?:ical)? rec(?:ord)?s?(?: number| no\.?| #)?|record(?: number| no\.?| #|"
    r" num)|"
    r"chart(?: number| no\.?| #| num)?|acct|account|a/c|member(?: id| number| no\.?| #)?|"
    r"subscriber(?: id| number| no\.?| #)?|policy(?: number| no\.?| #| id)?|plan(?: number| no\.?|"
    r" #| id)|"
    r"group(?: number| no\.?| #)|insurance(?: id| number| #| no\.?)|medicaid(?: id| number| #|"
    r" no\.?)?|"
    r"medicare(?: id| number| #| no\.?)?|mbi|hicn|beneficiary(?: id| number| #)?|case(?: number|"
    r" no\.?| #| id)|"
    r"claim(?: number| no\.?| #| id)?|patient(?: id| number| #| no\.?)|pt(?: id| #)|client(?: id|"
    r" #| number)|"
    r"encounter(?: id| number| #)?|fin|csn|visit(?: id| number| #)|ID(?:\s?#| number| no\.?)|"
    r"driver'?s? licen[cs]e(?: number| no\.?| #)?|DL(?: number| no\.?| #)?|passport(?: number|"
    r" no\.?| #)?|"
    r"certificate(?: number| no\.?| #)|student(?: id| number| #)|inmate(?: id| number| #)|"
    r"booking(?: number| no\.?| #)|docket(?: number| no\.?| #)?|case file)"
    r"(?:\s*(?:number|no\.?|num|#|id))?\s*(?:is|was|of|:|#|=)?\s*[:#]?\s*"
    r"(?=[A-Z0-9-]*\d)([A-Z0-9][A-Z0-9-]{2,19}[A-Z0-9]|\d{3,})(?![\w-])"
)
# Payment card and IBAN account numbers are account numbers under Safe Harbor.
_CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_RECORD_SHAPE_RE = re.compile(r"\b(?:MRN|ACCT|ACC|CSN|FIN)[#:-]?\d{4,}\b")
_PLATE_RE = _CaseFree(
    r"(?i)\b(?:licen[cs]e plate|plate(?: number| no\.?| #)?|tags?)\s*(?:is|was|as|of|:|#|"
    r"number)?\s*[:#]?\s*"
    r"(?=[A-Z0-9 -]*\d)([A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})\b"
)
_DEVICE_RE = _CaseFree(
    r"(?i)\b(?:serial(?: number| no\.?| #)?|s/n|device(?: id| number| #)|imei|mac address|udi)\s*"
    r"(?:is|was|:|#)?\s*[:#]?\s*(?=[A-Z0-9:-]*\d)([A-Z0-9][A-Z0-9:-]{4,30}[A-Z0-9])\b"
)

_STREET_SUFFIX = (
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Ct|Court|Way|Pl|Place|"
    r"Ter|Terrace|Cir|Circle|Pkwy|Parkway|Hwy|Highway|Trl|Trail|Sq|Square|Loop|Row|Pike|Plz|Plaza|"
    r"Aly|Alley|Cres|Crescent|Run|Path|Walk|Close|Grove|Gardens)"
)
_US_STATE_ABBR = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    r"NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)"
)
_US_STATE_NAMES = (
    r"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    r"Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    r"New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    r"Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    r"West Virginia|Wisconsin|Wyoming)"
)
_ADDRESS_RE = re.compile(
    rf"\b\d{{1,6}}[A-Za-z]?\s+(?:(?:[NSEW]|North|South|East|West|NE|NW|SE|SW)\.?\s+)?"
    rf"(?:[A-Z0-9][A-Za-z0-9'’.-]*\s+){{1,4}}{_STREET_SUFFIX}\b\.?"
    rf"(?:\s+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?"
    rf"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#|Fl|Floor|Rm|"
    rf"Room)\.?\s*#?\s*[A-Za-z0-9-]{{1,6}}\b)?"
    rf"(?:,?\s*\n?\s*[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){{0,2}},?\s*\n?\s*"
    rf"(?:{_US_STATE_ABBR}|[A-Z][a-z]+)\b,?\s*(?:\d{{5}}(?:-\d{{4}})?)?)?"
    # A ZIP right after the street ("17 Riverview Ct, 97005").
    rf"(?:,?\s*\d{{5}}(?:-\d{{4}})?\b)?"
)
# A unit on its own ("Apt. 4B", "Suite 292") is part of someone's address.
_UNIT_RE = re.compile(r"\b(?:Apt|Apartment|Suite|Ste|Unit)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b")
# A house number and a compass direction name a street even without "St".
_DIRECTIONAL_ADDRESS_RE = re.compile(
    r"\b\d{1,6}\s+(?:N|S|E|W|NE|NW|SE|SW)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b"
)
_ADDRESS_PO_RE = _CaseFree(r"(?i)\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b")
_ADDRESS_CUE_RE = _CaseFree(
    r"(?i)\b(?:lives at|living at|lived at|address(?: is|:)?|resides at|residing at|moved to|"
    r"staying at|home at|house at|apartment at)\s+(\d{1,6}\s+[\w'’. -]{3,40}?)(?=[,.;\n]|$)"
)
# A street named without a house number, after a word about where someone lives.
_STREET_NAME_CUE_RE = re.compile(
    r"\b(?:[Ll]ives|[Ll]iving|[Ll]ived|[Mm]oved|[Hh]ouse|[Hh]ome|[Aa]partment|[Aa]pt|[Gg]rew up)"
    rf"\s+(?:on|off|at)\s+((?:[A-Z][a-z]+\s+){{1,3}}{_STREET_SUFFIX})\b"
)
_STREET_NAME_HINTS = ("live", "living", "moved", "house", "home", "apartment", "apt", "grew up")
_ZIP_RE = re.compile(
    rf"(?:\b{_US_STATE_ABBR}\.?,?\s+|(?i:\bzip(?:\s?code)?|\bpostal code)\s*(?:is|was|:|#)?\s*)"
    rf"(\d{{5}}(?:-\d{{4}})?)\b"
)

# A clinician's own contact details in a referral or training post. The cue
# must come shortly before (or just after) the identifier.
_PRACTICE_CUE_RE = _CaseFree(
    r"(?i)\b(?:my|our) (?:office|practice|clinic|group practice|agency|center|centre|program|"
    r"website|site|web ?site|email|e-mail|number|direct line|line|cell|phone|fax|intake|contact|"
    r"address|location|page|profile|newsletter|team|front desk|practice manager|scheduler)\b|"
    r"\b(?:contact|reach|call|email|e-mail|text|message|dm|ping|find) (?:me|us)\b|"
    r"\bI can be reached\b|\b(?:you )?can reach (?:me|us)\b|\breach out\b|\bget in touch\b|"
    r"\bfeel free to\b|\breferrals? (?:to|at|line)\b|\b(?:register|registration|sign up|rsvp|"
    r"enroll|tickets|more info|more information|for info|learn more|apply|flyer|zoom link|join)\b|"
    r"\b(?:hotline|helpline|crisis line|lifeline|warmline|text line|988|samhsa|nami|"
    r"poison control|trevor project|trans lifeline)\b|\b(?:located|based|housed) (?:at|in|on)\b|"
    r"\bwe(?:'re| are) (?:at|located)\b|\boffices? (?:is|are) (?:at|on|in)\b|\bNPI\b|"
    r"\bmy licen[cs]e\b"
)
_PATIENT_CUE_RE = _CaseFree(
    r"(?i)\b(?:her|his|their|client'?s?|patient'?s?|pt'?s?|mother'?s|father'?s|mom'?s|dad'?s|"
    r"daughter'?s|son'?s|husband'?s|wife'?s|partner'?s|she|he|they)\b"
)
# A URL is a patient identifier only when it leads to a person: a social
# profile, or a link introduced as the client's ("her blog", "his GoFundMe").
_URL_PERSON_CUE_RE = _CaseFree(
    r"(?i)\b(?:her|his|their|client'?s|patient'?s|pt'?s|(?:mother|father|mom|dad|daughter|son|"
    r"husband|wife|partner|sister|brother)'?s)\s+(?:\w+\s+){0,2}(?:blog|site|website|page|profile|"
    r"account|channel|instagram|facebook|tiktok|twitter|youtube|linkedin|gofundme|fundraiser|"
    r"obituary|link|handle|username|onlyfans|venmo|snapchat|reddit)\b|"
    r"\b(?:obituary|gofundme|fundraiser|posted|posts|posting|shared|uploaded)\b"
)
_HANDLE_CUE_RE = _CaseFree(
    r"(?i)\b(?:instagram|insta|ig|tiktok|twitter|snapchat|snap|handle|username|user name|venmo|"
    r"cash ?app|discord|gamertag|reddit|threads|bluesky|x account|onlyfans|twitch|youtube|"
    r"facebook|fb|kik|telegram|whatsapp|grindr|tinder|bumble|hinge|account|page|profile)\b"
)

# Name cues ------------------------------------------------------------------
_RELATION_WORDS = (
    r"client|patient|pt\.?|clt|consumer|resident|youth|student|veteran|kiddo|teen|teenager|"
    r"adolescent|mom|mother|dad|father|husband|wife|widow|widower|partner|spouse|fianc[eé]e?|"
    r"boyfriend|"
    r"girlfriend|"
    r"son|daughter|stepson|stepdaughter|stepmom|stepdad|stepmother|stepfather|step-?son|"
    r"step-?daughter|"
    r"child|sister|brother|sibling|half-?brother|half-?sister|stepbrother|stepsister|grandmother|"
    r"grandfather|grandma|grandpa|granny|grandson|granddaughter|grandchild|aunt|auntie|uncle|"
    r"cousin|"
    r"niece|nephew|roommate|coworker|co-worker|boss|ex|ex-husband|ex-wife|ex-boyfriend|"
    r"ex-girlfriend|baby|infant|toddler|twin|caregiver|guardian|godmother|godfather|"
    r"foster (?:mom|dad|mother|father|parent|child|son|daughter)|mother-in-law|father-in-law|"
    r"sister-in-law|brother-in-law|best friend|friend|classmate|fiance|bf|gf|"
    r"older brother|younger brother|older sister|younger sister|little brother|little sister|"
    r"big brother|big sister|oldest|youngest|eldest"
)
_RELATION_SET = frozenset(
    w.replace("\\", "") for w in re.sub(r"\(\?:[^)]*\)", "", _RELATION_WORDS).split("|") if w
) | _words(
    "client patient pt pt. clt fiance fiancee fiancé fiancée stepson stepdaughter halfbrother "
    "halfsister half-brother half-sister step-son step-daughter named called nicknamed "
    "aka a.k.a. dubbed man woman boy girl gentleman lady sponsor neighbor neighbour landlord "
    "landlady coach teacher employer nanny "
    "babysitter tutor twins kids children sons daughters siblings grandkids grandchildren "
    "abuela abuelo tia tio tía tío nana nonna mama papa auntie granny gran "
    "gramps grandad granddad grammy poppy"
)
_RELATION_PAIRS = frozenset(
    (
        "foster mom",
        "foster dad",
        "foster mother",
        "foster father",
        "foster parent",
        "foster child",
        "foster son",
        "foster daughter",
        "best friend",
        "older brother",
        "younger brother",
        "older sister",
        "younger sister",
        "little brother",
        "little sister",
        "big brother",
        "big sister",
        "name is",
        "name was",
        "goes by",
        "went by",
        "known as",
    )
)
_TITLES = _words("Mr. Mrs. Ms. Mx. Miss Mr Mrs Ms Mx Mister Sr. Sra. Srta. Mme. M.")
_POSSESSIVE_WORDS = _words(
    "mom mother dad father husband wife partner spouse son daughter sister brother parents "
    "family kids children boyfriend girlfriend grandmother grandfather grandma grandpa aunt "
    "uncle cousin stepdad stepmom stepfather stepmother teacher therapist psychiatrist school "
    "pcp doctor case diagnosis dx mood symptoms behavior behaviour anxiety depression trauma "
    "safety treatment medication meds history progress caseworker probation attorney ex "
    "death funeral suicide overdose birthday custody bedroom house apartment home phone car "
    "job boss employer iep grades room baby infant twin roommate guardian caregiver "
    "foster nephew niece fiance fiancé"
)
# Unknown capitalised words ("Linehan's model") need a family word to count.
_POSSESSIVE_FAMILY = _words(
    "mom mother dad father husband wife partner spouse son daughter sister brother parents "
    "family kids children boyfriend girlfriend grandmother grandfather grandma grandpa aunt "
    "uncle cousin stepdad stepmom stepfather stepmother teacher therapist school baby "
    "caseworker guardian caregiver foster fiance fiancé"
)
_SELF_WORDS = _words(
    "i'm im hi hello hey dear thanks thank thx ty cheers best regards sincerely warmly cc dr dr. "
    "doctor prof prof. professor rev rev. pastor love xo xoxo gratefully respectfully "
    # Place and church names: "St. Mary's", "Fort Lewis", "Mount Hood".
    "st st. saint san santa fort mount mt mt. lake port "
    "~"
)
_SELF_PAIRS = frozenset(
    (
        "i am",
        "name is",
        "name's",
        "this is",
        "thank you",
        "agree with",
        "agreed with",
        "kind regards",
        "warm regards",
        "best wishes",
        "with gratitude",
        "many thanks",
        "great point",
        "great question",
        "great post",
        "replying to",
        "reply to",
        "responding to",
        "sorry,",
    )
)
_PLACE_PREPOSITIONS = _words(
    "in from near outside around across visiting to at downtown of north south east west"
)
_INITIALS_RE = re.compile(r"\s+([A-Z]\.\s?(?:[A-Z]\.(?:\s?[A-Z]\.)?)?)(?=[\s,;:)]|$)")
_INITIALS_CUE_WORDS = _words("client patient pt pt. clt resident kiddo youth teen initials")
_NAME_TOKEN_RE = re.compile(_NAME_TOKEN)
_AGE_AFTER_RE = re.compile(
    r"\s*(?:\(\s*(?:\d{1,3}\s*[MFmf]?|[MFmf]\s*,?\s*\d{1,3}|client|pt|patient|age \d{1,3})\s*\)|"
    r",\s*(?:age\s*)?\d{1,3}\s*(?:[MFmf]\b|y/?o\b|years?\b|,)|,\s*(?:a|an)\s+\d{1,3}[- ]year|"
    r"\s+(?:is|was|turned|turns)\s+(?:now\s+|only\s+|just\s+)?\d{1,3}\b(?!\s*(?:%|mg|minutes|"
    r"sessions|days|weeks|months|points))|"
    # "Sunita and her husband", "Hector, who is": a person's relations and clauses.
    r"\s+(?:and|&)\s+(?:her|his|their)\s+(?:husband|wife|partner|mom|mother|dad|father|son|"
    r"daughter|sister|brother|kids|children|boyfriend|girlfriend|fianc[eé]e?|parents|family)\b|"
    r",\s+who\s+(?:is|was|has|had|lives|lived|works)\b|"
    # "Tenzin is a Tibetan monk", "Odessa, a nurse,": a person introduced by what they are.
    r"\s+(?:is|was)\s+(?:a|an)\s+\w|,\s+(?:a|an)\s+[a-z]+(?:[- ][a-z]+)?\s+(?:who|with|"
    r"in|from|whose|,)|"
    r"s?\s+family\b(?<=[a-z] family))"
)
_LOWER_NAME_CUES = (
    "client",
    "patient",
    "pt",
    "son",
    "daughter",
    "husband",
    "wife",
    "mom",
    "dad",
    "mother",
    "father",
    "brother",
    "sister",
    "boyfriend",
    "girlfriend",
    "partner",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "named",
    "called",
)
_LOWER_WORD_AFTER_RE = re.compile(r",?\s+([a-z][a-z'-]{2,})\b")
# Verbs a clinician uses for the person in front of them.
_TREATING_WORDS = _words(
    "seeing saw treating treated counseling counselled counseled evaluated assessed "
    # Verbs whose object is a person: "I told Simone", "help Trinh explain".
    "told tell tells asked ask asks helped help helping encouraged encourage reminded remind "
    "invited referred discharged admitted texted emailed warned thanked hugged validated "
    "challenged praised supported support coached reassured comforted"
)
_WITH_CONTEXT = _words(
    "therapy session sessions emdr dbt cbt act cpt pe ifs work working worked meeting met "
    "talked talking spoke speaking consult intake appointment appt visit call check-in "
    "telehealth exposure processing play sandtray rapport progress"
)
_TREATING_PAIRS = frozenset(
    (
        "working with",
        "work with",
        "worked with",
        "met with",
        "meet with",
        "meeting with",
        "session with",
        "sessions with",
        "intake with",
        "call with",
        "i see",
        "we see",
        "to see",
        "i treat",
        "i treated",
    )
)
_READING_RE = re.compile(
    r"(?i)\b(?:read|reading|reads|book|books|article|paper|podcast|author|written|wrote|published|"
    r"memoir|novel|chapter|workbook)\b"
)
# "Taylor Swift lyrics", "a Brené Brown talk": a public figure's work, not a client.
_CULTURE_AFTER_RE = re.compile(
    r"(?:['’]s)?\s+(?:lyrics|songs?|album|concerts?|tour|movies?|films?|show|series|podcast|books?|"
    r"novel|memoir|quotes?|videos?|fans?|music|talk|ted talk|interview|documentary|biography)\b"
)
_COLLEAGUE_AFTER_RE = re.compile(
    r",?\s+(?:a|an|my|our)\s+(?:colleague|supervisor|fellow|co-?worker of mine|therapist|counselor|"
    r"psychologist|psychiatrist|social worker|clinician|intern|lcsw|lpc|lmft|mentor|consultant)\b"
)
_SELF_INTRO_AFTER_RE = re.compile(r",?\s+here\s*[,.!(—–-]")
_AUTHOR_CUES = frozenset(
    (
        "book by",
        "books by",
        "article by",
        "paper by",
        "chapter by",
        "podcast with",
        "talk by",
        "webinar with",
        "training with",
        "readings from",
        "reading from",
        "work of",
        "written by",
        "edited by",
        "developed by",
        "created by",
        "according to",
        "quoted",
        "quoting",
        "quotes from",
        "quote from",
    )
)
_THANKS_HINTS = (
    "thank",
    "thx",
    "kudos",
    "shoutout",
    "shout-out",
    "shout out",
    "props to",
    "congrat",
    "grateful to",
    "welcome",
)
_COLLEAGUE_WORDS = _words(
    "colleague colleagues supervisor co-therapist cotherapist co-leader coleader cofacilitator "
    "co-facilitator mentor consultant supervisee intern trainee associate psychiatrist prescriber "
    "officemate co-author coauthor"
)
_SPEECH_BEFORE = _words("says said asked asks told tells wrote replied thanked")
_COORD_AFTER_RE = re.compile(r"\s*(?:,\s*(?:and|&|or)?|and|&|or)\s*")
_COORD_BEFORE_RE = re.compile(r"(?:,\s*(?:and|&|or)?|\s(?:and|&|or))\s*$")
_INITIAL_AFTER_RE = re.compile(r"\s([A-Z])\.")
_NEXT_TOKEN_RE = re.compile(
    rf"[ \t]+(?:(?:de|del|de la|van|von|van der|da|di|le|la|bin|al)\s+)?({_NAME_TOKEN})"
)
_PERSON_VERB_RE = re.compile(
    r"\s+(?:said|says|reported|reports|told|tells|stated|states|denied|denies|endorsed|endorses|"
    r"disclosed|discloses|presented|presents|admitted|admits|shared|shares|cried|asked|asks|"
    r"came|comes|arrived|mentioned|mentions|explained|described|describes|revealed|was admitted|"
    r"was hospitalized|was referred|was diagnosed|has been|had been|attended|missed|started|"
    r"stopped|relapsed|lives|lived|works|worked|feels|felt|moved|left|texted|called|emailed|"
    r"yelled|screamed|refused|refuses|wants|wanted|needs|needed|thinks|thought|believes|died|"
    r"passed|drinks|drank|threatened|attempted|showed up|shows up|hit|hits|cheated|lost|"
    r"is gone|was adopted|was born|was raised|grew up|was placed|was removed|was arrested|"
    r"was assaulted|was abused|was bullied|was discharged|was released|was incarcerated|"
    r"was deported|was evicted|was fired|was laid off|was suspended|was expelled|married|"
    r"divorced|separated)\b"
)
_CREDENTIAL_AFTER_RE = re.compile(
    r"\s*,?\s*(?:LCSW|LICSW|LMSW|LSW|MSW|LPC|LPCC|LMHC|LCPC|LMFT|MFT|LCMHC|PsyD|Psy\.D\.|PhD|"
    r"Ph\.D\.|MD|M\.D\.|DO|PMHNP|APRN|NP|RN|MA|MS|MEd|EdD|LPCA|LAC|LADC|CADC|CSW|BCBA|LMHCA|LPCI|"
    r"ATR|RPT|CEDS|NCC|ACS|LCADC|LCDC|LISW|LPCS|CPsych|MBBS|MRCPsych|FNP|DNP)\b"
)
_PLACE_AFTER_RE = re.compile(
    rf"(?:,\s*(?:{_US_STATE_ABBR}\b|{_US_STATE_NAMES}\b)|\s+(?:County|City|Parish|Township|"
    rf"Hospital|"
    rf"Medical|Center|University|College|School|Clinic|Street|St\b|Avenue|Ave\b|Road|Park|"
    rf"Institute|"
    rf"Health|Behavioral|Memorial|Elementary|Middle|High|Academy|Foundation|Method|Model|Scale|"
    rf"Inventory|Protocol|Questionnaire|Assessment|Institute|Program|Act\b|Law\b|Award)|"
    # Eponymous conditions: "Graves' disease", "Turner syndrome", "Bell's palsy".
    rf"['’]?s?['’]?\s+(?:[Dd]isease|[Ss]yndrome|[Pp]alsy|[Dd]isorder|[Cc]horea|[Aa]taxia))"
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: str
    start: int
    end: int


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos) + 1, 0)


def _practice_exempt(doc: _Doc, start: int, end: int) -> bool:
    """True when the clinician is giving their own or a public contact detail.

    The cue must sit in the same stretch of text (80 characters back, or a
    short parenthesis after) and must come after any mention of the client,
    so "her mother called my office" does not exempt the mother's number.
    """
    window_start = max(0, start - 80)
    last_practice = -1
    practice_end = 0
    for match in _PRACTICE_CUE_RE.finditer(doc, window_start, start):
        last_practice, practice_end = match.start(), match.end()
    if last_practice < 0:
        after_end = min(len(doc.text), end + 30)
        return bool(_PRACTICE_CUE_RE.search(doc, end, after_end)) and not _PATIENT_CUE_RE.search(
            doc, end, after_end
        )
    last_patient = -1
    for match in _PATIENT_CUE_RE.finditer(doc, window_start, start):
        last_patient = match.start()
    # "she called my cell from 503-..." gives her number, not mine.
    if _FROM_RE.search(doc.text, practice_end, start):
        return False
    return last_practice > last_patient


_FROM_RE = re.compile(r"\b[Ff]rom\b")


def _structured_candidates(doc: _Doc) -> Iterable[_Candidate]:
    text = doc.text
    # Cheap gates first: most posts have few digits and no "@", and a
    # C-level substring count is far cheaper than running every pattern.
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            local = m.group().split("@", 1)[0].lower()
            # Role addresses (intake@, info@) belong to a practice, not a person.
            if local in _ROLE_MAILBOXES or _practice_exempt(doc, m.start(), m.end()):
                continue
            yield _Candidate("email", m.start(), m.end())
        for m in _HANDLE_RE.finditer(text):
            if _HANDLE_CUE_RE.search(doc, max(0, m.start() - 40), m.start()):
                yield _Candidate("url", m.start(), m.end())
    lower = doc.lower if doc.lower is not None else text.lower()
    if "." in text and (
        "www." in lower
        or "://" in lower
        or (any(map(lower.__contains__, _TLD_HINTS)) and _TLD_HINT_RE.search(lower) is not None)
    ):
        for m in _URL_RE.finditer(doc):
            value = m.group()
            if "@" in text[max(0, m.start() - 1) : m.start()]:
                continue
            personal = bool(_SOCIAL_URL_RE.search(doc, m.start(), m.end())) or bool(
                _URL_PERSON_CUE_RE.search(doc, max(0, m.start() - 60), m.start())
            )
            if personal and not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("url", m.start(), m.end())
    if any(map(lower.__contains__, _STREET_NAME_HINTS)):
        for m in _STREET_NAME_CUE_RE.finditer(text):
            if not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("address", m.start(1), m.end(1))
    # The post's shape, every digit written as "0": substring tests on it
    # ("000-0000" in shape) gate each numeric pattern at C speed, because a
    # regex scan costs ~10 µs per post even when it finds nothing.
    shape = doc.shape
    digits = shape.count("0")
    # Ages in words ("aged ninety-three") need no digit at all.
    words_age = "ninety" in lower or "hundred" in lower
    if words_age:
        for m in _AGE_RE.finditer(doc):
            yield _Candidate("age", m.start(), m.end())
    if not digits:
        return
    if digits >= 4 and "0.0" in shape and text.count(".") >= 3:
        for m in _IPV4_RE.finditer(text):
            if not _looks_like_version(text, m.start()) and not _practice_exempt(
                doc, m.start(), m.end()
            ):
                yield _Candidate("ip", m.start(), m.end())
    if text.count(":") >= 7:
        for m in _IPV6_RE.finditer(doc):
            yield _Candidate("ip", m.start(), m.end())
    if digits >= 9 and ("000-00-0000" in shape or "000 00 0000" in shape):
        for m in _SSN_RE.finditer(text):
            yield _Candidate("ssn", m.start(), m.end())
    if digits >= 4 and ("ssn" in lower or "ss#" in lower or "social" in lower):
        for m in _SSN_CUE_RE.finditer(doc):
            yield _Candidate("ssn", m.start(1), m.end(1))
    if digits >= 7:
        phone_regexes = []
        if "000-0000" in shape or "000.0000" in shape or "000 0000" in shape or "0000000" in shape:
            phone_regexes.append(_PHONE_US_RE)
        if "+" in text or "(0" in shape:
            phone_regexes.append(_PHONE_INTL_RE)
        for regex in phone_regexes:
            for m in regex.finditer(text):
                value = m.group()
                if _TOLL_FREE_RE.match(value) or _practice_exempt(doc, m.start(), m.end()):
                    continue
                yield _Candidate("phone", m.start(), m.end())
        groups_possible = digits >= 8 and ("00 00" in shape or "00.00" in shape or "00-00" in shape)
        for m in _PHONE_GROUPS_RE.finditer(text) if groups_possible else ():
            value = m.group()
            digit_count = sum(ch.isdigit() for ch in value)
            groups = re.split(r"[ .-]", value)
            if not 8 <= digit_count <= 13 or all(_YEAR_ONLY_RE.match(g) for g in groups):
                continue
            if _practice_exempt(doc, m.start(), m.end()):
                continue
            yield _Candidate("phone", m.start(), m.end())
        bare_number = (
            "0000000" in shape or "000-0000" in shape or "000 0000" in shape or "000.0000" in shape
        )
        for m in _PHONE_CUE_RE.finditer(doc) if bare_number else ():
            digit_count = sum(ch.isdigit() for ch in m.group(1))
            if 7 <= digit_count <= 15 and not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("phone", m.start(1), m.end(1))
    # A full date has two separators; "6-8 beers" and "2.5 mg" have one.
    if digits >= 2 and (
        "0/0" in shape
        or ("0-0" in shape and shape.count("-") >= 2)
        or ("0.0" in shape and shape.count(".") >= 2)
    ):
        for m in _DATE_FULL_RE.finditer(text):
            if not _EVENT_CUE_RE.search(doc, max(0, m.start() - 60), m.start()):
                yield _Candidate("date", m.start(), m.end())
        if "0/0" in shape or "00-00" in shape:
            for m in _DATE_MD_RE.finditer(text):
                if (
                    _DATE_MD_CUE_RE.search(doc, max(0, m.start() - 25), m.start())
                    or _MD_LIST_AFTER_RE.match(text, m.end())
                ) and not _EVENT_CUE_RE.search(doc, max(0, m.start() - 60), m.start()):
                    yield _Candidate("date", m.start(), m.end())
        if digits >= 10 and "00:00" in shape:
            for m in _DATE_ISO_TIME_RE.finditer(text):
                yield _Candidate("date", m.start(), m.end())
    if "0st" in shape or "0nd" in shape or "0rd" in shape or "0th" in shape:
        for m in _DATE_ORDINAL_RE.finditer(doc):
            yield _Candidate("date", m.start(), m.end())
    if "born" in lower and "00" in shape:
        for m in _BORN_YEAR_RE.finditer(text):
            # Safe Harbor: a birth year that puts someone over 89 is an age identifier.
            if _CURRENT_YEAR - int(m.group(1)) > 89:
                yield _Candidate("age", m.start(1), m.end(1))
    if "00" in shape and not words_age:
        # Ages over 89 only: look around each 90-129 number, not the whole post.
        seen_ages: set[tuple[int, int]] = set()
        for run_start, run_end in _digit_runs(shape, 2):
            if run_end - run_start > 3 or not 90 <= int(text[run_start:run_end]) <= 129:
                continue
            window_end = min(len(text), run_end + 16)
            for m in _AGE_RE.finditer(doc, max(0, run_start - 10), window_end):
                if m.span() not in seen_ages:
                    seen_ages.add(m.span())
                    yield _Candidate("age", m.start(), m.end())
    if "000" not in shape and digits >= 3 and any(map(lower.__contains__, _RECORD_HINTS)):
        # IDs with digits spread out ("1EG4-TE5-MK73"): scan the whole post.
        for m in _RECORD_RE.finditer(doc):
            if not _YEAR_ONLY_RE.match(m.group(1)) and not _practice_exempt(
                doc, m.start(), m.end()
            ):
                yield _Candidate("record_number", m.start(1), m.end(1))
    if "000" in shape:
        # Record numbers: look back from each run of 3+ digits for the cue.
        seen_records: set[tuple[int, int]] = set()
        runs = list(_digit_runs(shape, 3))
        for window_start, window_end in _merged_windows(runs, 50, 25, len(text)):
            for m in _RECORD_RE.finditer(doc, window_start, window_end):
                span = m.span(1)
                if span in seen_records or not any(span[0] <= rs < span[1] for rs, _ in runs):
                    continue
                seen_records.add(span)
                # "on Medicaid since 2019" gives a year, not a member number.
                if _YEAR_ONLY_RE.match(m.group(1)) or _practice_exempt(doc, m.start(), m.end()):
                    continue
                yield _Candidate("record_number", span[0], span[1])
        if "MRN" in text or "ACC" in text or "CSN" in text or "FIN" in text:
            for m in _RECORD_SHAPE_RE.finditer(text):
                yield _Candidate("record_number", m.start(), m.end())
        if digits >= 13 and "0000" in shape:
            for m in _CARD_RE.finditer(text):
                if _luhn_ok(m.group()):
                    yield _Candidate("record_number", m.start(), m.end())
        if digits >= 10 and "0000" in shape:
            for m in _IBAN_RE.finditer(text):
                yield _Candidate("record_number", m.start(), m.end())
        if "plate" in lower or "tag" in lower:
            for m in _PLATE_RE.finditer(doc):
                yield _Candidate("license_plate", m.start(1), m.end(1))
        if any(map(lower.__contains__, _DEVICE_HINTS)):
            for m in _DEVICE_RE.finditer(doc):
                yield _Candidate("device_id", m.start(1), m.end(1))
    for m in _ADDRESS_RE.finditer(text) if _house_number_possible(text, shape) else ():
        if not _practice_exempt(doc, m.start(), m.end()):
            yield _Candidate("address", m.start(), m.end())
    for m in _DIRECTIONAL_ADDRESS_RE.finditer(text) if _house_number_possible(text, shape) else ():
        if not _practice_exempt(doc, m.start(), m.end()):
            yield _Candidate("address", m.start(), m.end())
    if "Apt" in text or "Suite" in text or "Ste" in text or "Unit" in text:
        for m in _UNIT_RE.finditer(text):
            if not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if "box" in lower:
        for m in _ADDRESS_PO_RE.finditer(doc):
            if not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if any(map(lower.__contains__, _ADDRESS_HINTS)):
        for m in _ADDRESS_CUE_RE.finditer(doc):
            if not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("address", m.start(1), m.end(1))
    if "00000" in shape:
        # Each five-digit run, with a look back for a state or a "zip" cue.
        for window_start, window_end in _merged_windows(
            list(_digit_runs(shape, 5)), 24, 6, len(text)
        ):
            for m in _ZIP_RE.finditer(text, window_start, window_end):
                if not _practice_exempt(doc, m.start(1), m.end(1)):
                    yield _Candidate("zip", m.start(1), m.end(1))


_TLD_HINT_RE = re.compile(
    r"[a-z0-9]\.(?:com|org|net|edu|gov|io|co|us|info|me|biz|ly|app|health|care|site|page|blog|ca|"
    r"uk)\b"
)
_YEAR_ONLY_RE = re.compile(r"^(?:19|20)\d\d$")
_BORN_YEAR_RE = re.compile(r"\b[Bb]orn\s+(?:in\s+)?(?:\w+\s+)?(1[89]\d\d)\b")
_CURRENT_YEAR = datetime.date.today().year
_SHAPE_TABLE = str.maketrans("123456789", "000000000")
# Month names are matched capitalised, so the gate can be case-sensitive.
_MONTH_HINTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TLD_HINTS = (
    ".co",
    ".org",
    ".net",
    ".edu",
    ".gov",
    ".io",
    ".us",
    ".info",
    ".me",
    ".biz",
    ".ly",
    ".app",
    ".health",
    ".care",
    ".site",
    ".page",
    ".blog",
    ".ca",
    ".uk",
)


def _house_number_possible(text: str, shape: str) -> bool:
    """A digit, a space and a capital or compass letter: the start of "12 Main St"."""
    pos = shape.find("0 ")
    while pos >= 0:
        following = text[pos + 2 : pos + 3]
        if following.isupper() or following.isdigit():
            return True
        pos = shape.find("0 ", pos + 2)
    return False


_AGE_HINT_RE = re.compile(r"(?<!\d)(?:9\d|1[0-2]\d)(?!\d)")
_DEVICE_HINTS = ("serial", "s/n", "device", "imei", "mac address", "udi")
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


_MAY_VERB_RE = re.compile(
    r"May \d+\s+(?:sessions|clients|people|minutes|hours|days|weeks|months|more|of)\b"
)


def _date_word_candidates(doc: _Doc) -> Iterable[_Candidate]:
    text = doc.text
    # Every shape needs a digit and a month name; most posts have neither pair.
    if "0" not in doc.shape or not any(map(text.__contains__, _MONTH_HINTS)):
        return
    for m in _DATE_WORDS_RE.finditer(text):
        value = m.group()
        if _EVENT_CUE_RE.search(doc, max(0, m.start() - 60), m.start()) or _EVENT_CUE_RE.search(
            doc, m.end(), min(len(text), m.end() + 30)
        ):
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


_ROLE_MAILBOXES = _words(
    "info intake admin office contact hello support frontdesk front.desk scheduling billing "
    "noreply "
    "no-reply referrals referral team help events training trainings register registration "
    "newsletter membership members webmaster press media careers jobs hr"
)


def _merged_windows(
    runs: list[tuple[int, int]], before: int, after: int, length: int
) -> list[tuple[int, int]]:
    """Windows around digit runs, merged where they overlap, so each part of
    the post is scanned once however many numbers it holds."""
    windows: list[tuple[int, int]] = []
    for run_start, run_end in runs:
        start, end = max(0, run_start - before), min(length, run_end + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _digit_runs(shape: str, min_length: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of at least `min_length` digits in a shape string."""
    needle = "0" * min_length
    pos = shape.find(needle)
    while pos >= 0:
        end = pos + min_length
        while end < len(shape) and shape[end] == "0":
            end += 1
        yield pos, end
        pos = shape.find(needle, end)


def _luhn_ok(value: str) -> bool:
    numbers = [int(ch) for ch in value if ch.isdigit()]
    checksum = 0
    for index, digit in enumerate(reversed(numbers)):
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        checksum += digit
    return checksum % 10 == 0


def _looks_like_version(text: str, start: int) -> bool:
    # "version 1.2.3.4", "v10.0.0.1": software versions are not addresses.
    return bool(re.search(r"(?i)(?:\bv|version\s?)$", text[max(0, start - 8) : start]))


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


def _name_exempt(text: str, start: int, end: int, prev: list[str]) -> bool:
    """Clinicians' own names, colleagues addressed in a reply, theorists."""
    if (
        _CREDENTIAL_AFTER_RE.match(text, end)
        or _SELF_INTRO_AFTER_RE.match(text, end)
        or _COLLEAGUE_AFTER_RE.match(text, end)
        or _CULTURE_AFTER_RE.match(text, end)
    ):
        return True
    if _in_proper_noun_chain(text, start):
        return True
    if prev:
        if prev[-1] in {"dr", "dr.", "doctor"} and len(prev) >= 2 and prev[-2] in _RELATION_SET:
            return False  # "her father, Dr. Levy": a relative who happens to be a doctor
        if prev[-1] in _SELF_WORDS or prev[-1].startswith("@"):
            return True
        # A dash that opens a line is a sign-off ("— Sarah K."); mid-line it is punctuation.
        window_start = max(0, start - 8)
        line_before = text[text.rfind("\n", window_start, start) + 1 : start].strip()
        if line_before in {"-", "--", "—", "–", "~"} and (
            window_start == 0 or "\n" in text[window_start:start]
        ):
            return True
        if prev[-1] in _AUTHOR_CUES or (
            len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _AUTHOR_CUES
        ):
            return True  # "a book by Lori Gottlieb", "readings from Thema Bryant"
        if prev[-1] == "by" and _READING_RE.search(text, max(0, start - 120), start):
            return True  # "She's reading <title> by Lindsay Gibson"
        if len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _SELF_PAIRS:
            # "her name is Maria" is a client; "my name is Sarah" is the author.
            return not (prev[-1] in {"is", "was"} and (len(prev) < 3 or prev[-3] != "my"))
    span = text[start:end].lower()
    if span in _PUBLIC_SURNAMES:
        return True  # "Linehan is a genius", "as Yalom says"
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
    ext = _NEXT_TOKEN_RE.match(text, end)
    if ext and f"{span} {ext.group(1).lower()}" in _PUBLIC_FIGURES:
        return True
    # A sign-off alone on the last line ("\nSarah" or "\n— Sarah K.").
    if len(text) - end <= 8 and not text[end:].strip(" .!\n\t"):
        line_start = text.rfind("\n", max(0, start - 8), start)
        return line_start >= 0 and not text[line_start + 1 : start].strip(" -—–~")
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
    if word in _NEVER_NAME or word.lower() in _RELATION_SET or word in _TITLES:
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


def _strong_cue(prev: list[str], sentence_ended: bool) -> bool:
    if not prev or sentence_ended:
        return False
    if prev[-1] in _RELATION_SET:
        return True
    return len(prev) >= 2 and f"{prev[-2]} {prev[-1]}" in _RELATION_PAIRS


def _possessive_word(text: str, end: int) -> str:
    if text[end : end + 2] not in ("'s", "’s"):
        return ""
    rest = text[end + 2 : end + 30].split(None, 1)
    return rest[0].strip(",.;:").lower() if rest else ""


_ROLE_SUFFIXES = (
    # Generic drug names ("Olanzapine", "Lorazepam", "Aripiprazole", "Naloxone").
    "ine",
    "pam",
    "lam",
    "done",
    "zole",
    "pram",
    "xone",
    "mide",
    "pril",
    "olol",
    "statin",
    "profen",
    "cillin",
    "mycin",
    "ism",
    "isms",
    "ity",
    "ese",
    "ish",
    "ic",
    "ics",
    "ee",
    "ist",
    "ian",
    "er",
    "or",
    "ers",
    "ors",
    "ists",
    "ians",
    "ees",
    "ment",
    "tion",
)


def _unknown_word(token: str) -> bool:
    """A capitalised word that is neither a known name nor an everyday word.

    Role nouns ("Supervisee", "Prescriber", "Pediatrician") look like unknown
    names; real names with those endings are in the gazetteer already.
    """
    return (
        len(token) >= 3
        and not token.endswith(_ROLE_SUFFIXES)
        and token not in _NEVER_NAME
        and token not in _AMBIGUOUS_FIRST
        and token.lower() not in _COMMON_WORDS
    )


def _name_candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    taken_until = -1
    tokens = list(_NAME_TOKEN_RE.finditer(text))
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
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@_/\\'’"):
            continue
        prev, sentence_ended = _previous_words(text, start)
        raw_prev = text[max(0, start - 8) : start].split()
        titled = bool(raw_prev) and raw_prev[-1] in _TITLES
        if titled and token == "Rogers" and raw_prev[-1] in ("Mr.", "Mr", "Mister"):  # noqa: S105
            continue  # Mister Rogers, quoted in grief and child work
        strong = titled or _strong_cue(prev, sentence_ended)
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
        if not strong and prev and not sentence_ended and _treating_cue(prev):
            # "I've been seeing Janelle", "working with Tomas": the clinician's client.
            strong = not token.endswith("s") or token in _FIRST_NAMES
        possessive = _possessive_word(text, end)
        if possessive in _POSSESSIVE_FAMILY or (
            (token in _FIRST_NAMES or token in _AMBIGUOUS_FIRST) and possessive in _POSSESSIVE_WORDS
        ):
            strong = True
        if not strong and prev and prev[-1] in _SPEECH_BEFORE and not sentence_ended:
            # "says Becker", "according to Okafor": a speaker is a person.
            strong = token in _LAST_NAMES or _unknown_word(token)
        if not strong and (token in _AMBIGUOUS_FIRST or _unknown_word(token)):
            # "Khalil was 16", "Mark (16F)", "Fatima (client)": an age or role
            # right after a capitalised word marks a person.
            strong = _AGE_AFTER_RE.match(text, end) is not None
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
                    or (_PERSON_VERB_RE.match(text, end) and not token.endswith("s"))
                ):
                    continue
            else:
                continue
            if prev and prev[-1] in _PLACE_PREPOSITIONS and token in _PLACE_LIKE_NAMES:
                continue
        if _PLACE_AFTER_RE.match(text, end):
            continue
        if not possessive:
            end = _extend_surname(text, end)
        if not titled and _name_exempt(text, start, end, prev):
            taken_until = end  # the surname of an exempt name is exempt too
            continue
        taken_until = end
        found.append(_Candidate("name", start, end))
    found.extend(_lower_case_names(text, found))
    if "." in text:
        found.extend(_initials_candidates(text))
    if found:
        found.extend(_name_followups(text, found, tokens))
    return found


def _lower_case_names(text: str, found: list[_Candidate]) -> Iterator[_Candidate]:
    """Casual posts drop capitals ("my client maria"): a known first name that is
    not also a word, right after a client or family word, still counts."""
    taken = {c.start for c in found}
    for cue in _LOWER_NAME_CUES:
        # " son " with its spaces: "person" and "session" do not even stop the scan.
        needle = f" {cue} "
        pos = text.find(needle)
        while pos >= 0:
            end = pos + len(needle) - 1
            m = _LOWER_WORD_AFTER_RE.match(text, end)
            if m:
                word = m.group(1)
                name = word.capitalize()
                if (
                    name in _FIRST_NAMES
                    and word not in _COMMON_WORDS
                    and name not in _NEVER_NAME
                    and m.start(1) not in taken
                ):
                    yield _Candidate("name", m.start(1), m.end(1))
            pos = text.find(needle, end)


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
                    yield _Candidate("name", m.start(1), m.end(1))
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
        if covered[start]:
            continue
        token = m.group()
        if token in known and token not in _NEVER_NAME:
            if not _name_exempt(text, start, end, _previous_words(text, start)[0]):
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


# First names that are also towns; after "in"/"from" they are the place.
_PLACE_LIKE_NAMES = _words(
    "Eugene Jackson Austin Dallas Charlotte Madison Lincoln Tyler Florence Savannah Marion Shelby "
    "Beverly Camden Dayton Helena Jordan Chester Clifton Franklin Warren Monroe Douglas Salem "
    "Milton Carson Lafayette Laurel Raleigh Augusta Columbia Alexandria Victoria Aurora Mesa "
    "Orlando Cleveland Stanley Sherman Homer Kent Lowell Lawrence Troy Vernon Clinton Chandler "
    "Irving Arlington Quincy Jasper Hudson Logan Layton Clayton Preston Norman Olympia Regina "
    "Sydney Adelaide Georgetown Kingston Nelson Hamilton Florence Valencia Santiago Lima Paris "
    "Nancy Lorraine Dakota Virginia Georgia Carolina Chelsea Brooklyn Phoenix Denver"
)


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


_RECORD_HINTS = (
    "mrn",
    "mbi",
    "hicn",
    " id",
    "#",
    "member",
    "policy",
    "account",
    "acct",
    "claim",
    "case",
    "chart",
    "record",
    "medicaid",
    "medicare",
    "licen",
    "passport",
    "subscriber",
    "beneficiary",
)


# A name the author marks as made up is not a patient identifier: "Anna
# (pseudonym)", "I'll call her Anna", "names have been changed", "Jane Doe".
_PSEUDONYM_AFTER_RE = re.compile(
    r"[\"”']?\s*\((?:a |her |his |their )?(?:pseudonym|not (?:her|his|their|the) real name|"
    r"names? (?:has been |have been )?changed|alias|fictional|made[- ]up|fake name)",
    re.IGNORECASE,
)
_PSEUDONYM_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:pseudonym|call (?:her|him|them)|calling (?:her|him|them)|refer to (?:her|him|"
    r"them) "
    r"as)\s*[:,]?\s*[\"“']?)$"
)
_NAMES_CHANGED_RE = re.compile(
    r"(?i)\bnames?(?: and (?:identifying )?details)? (?:have been |has been |were |are )?"
    r"(?:changed|altered|fictional|made up)|\bpseudonyms?\b|\bfictional names?\b|"
    r"\bnot (?:their|her|his) real names?\b|\bidentifying details (?:have been |were )?changed"
)
_NAMES_CHANGED_HINTS = ("changed", "altered", "fictional", "pseudonym", "made up", "real name")
_PLACEHOLDER_NAMES = frozenset(("john doe", "jane doe", "baby doe", "john smith", "jane smith"))


def _without_pseudonyms(text: str, names: list[_Candidate]) -> list[_Candidate]:
    if not names:
        return names
    lower = text.lower()
    if any(map(lower.__contains__, _NAMES_CHANGED_HINTS)) and _NAMES_CHANGED_RE.search(text):
        return []  # the author says every name in the post is made up
    made_up: set[str] = set()
    for cand in names:
        window = lower[max(0, cand.start - 30) : cand.start]
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


def find_identifiers(text: str) -> list[IdentifierSpan]:
    """Patient identifiers in `text`, sorted by position and non-overlapping."""
    if not text or not isinstance(text, str):
        return []
    candidates: list[_Candidate] = []
    doc = _Doc(text)
    candidates.extend(_structured_candidates(doc))
    candidates.extend(_date_word_candidates(doc))
    candidates.extend(_without_pseudonyms(text, _name_candidates(text)))
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
