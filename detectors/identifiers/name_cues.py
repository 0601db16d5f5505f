"""Cue words and patterns around names: relations, titles, treating verbs, credentials, places,
pseudonym markers.
"""

from __future__ import annotations

import re

from detectors.identifiers._text import _NAME_TOKEN, _US_STATE_ABBR, _US_STATE_NAMES, _words

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
    "babysitter tutor twins kid kids children sons daughters siblings grandkids grandchildren "
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


_TITLES = _words(
    "Mr. Mrs. Ms. Mx. Miss Mr Mrs Ms Mx Mister Sr. Sra. Srta. Mme. M. "
    # Military ranks name a service member as a title does: "SSgt Tyler Brandt", "LT Minh
    # Nguyen", "SGT Maria Esposito" (not CPT, a billing code, LTC, long-term care, or CPO, a
    # college of psychologists).
    "Sgt. Sgt SGT SSgt SSG SFC MSgt MSG Cpl. Cpl CPL SPC PFC Pvt. Pvt PVT Lt. LT 1LT 2LT "
    "Capt. Capt MAJ Maj. Col. COL PO1 PO2 PO3"
)


# Callings and first responders' ranks name a person as a title does when a name follows:
# "Paramedic Dana Whitfield", "Officer Dana Kessler", "Rabbi Yaakov Stern" (not "the Officer
# Wellness program", "Pastor Appreciation Month").
_CALLINGS = _words(
    "Officer Deputy Detective Det. Trooper Sheriff Paramedic Firefighter EMT Rabbi Pastor "
    "Reverend Rev. Rev Imam Coach"
)


_POSSESSIVE_WORDS = _words(
    "mom mother dad father husband wife partner spouse son daughter sister brother parents "
    "family kids children boyfriend girlfriend grandmother grandfather grandma grandpa aunt "
    "uncle cousin stepdad stepmom stepfather stepmother teacher therapist psychiatrist school "
    "pcp doctor case diagnosis dx mood symptoms behavior behaviour anxiety depression trauma "
    "safety treatment medication meds history progress caseworker probation attorney ex "
    "death funeral suicide overdose birthday custody bedroom house apartment home phone car "
    "job boss employer iep grades room baby infant twin roommate guardian caregiver "
    "foster nephew niece fiance fiancé granny "
    # A screen's score: "Joy's PHQ-9 down to 6", "Omar's GAD-7".
    "phq-9 phq9 phq gad-7 gad7 pcl-5 pcl5 moca slums bdi bdi-ii y-bocs ybocs c-ssrs cssrs audit "
    "a1c bmi labs scores score"
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


_INITIALS_RE = re.compile(
    r"\s+([A-Z]\.\s?(?:[A-Z]\.(?:\s?[A-Z]\.)?)?)(?=[\s,;:)]|$)|"
    # A form's label: "Client: D. Marchetti", "Pt: J. O'Neill" (the initial and the surname).
    r":[ \t]*([A-Z]\.[ \t]?[A-Z](?:['’]?[A-Z])?[a-z'’-]+(?:-[A-Z][a-z]+)?)(?=[\s,;:)]|$)"
)


_INITIALS_CUE_WORDS = _words("client patient pt pt. clt resident kiddo youth teen initials")


_NAME_TOKEN_RE = re.compile(_NAME_TOKEN)


_AGE_AFTER_RE = re.compile(
    r"\s*(?:\(\s*(?:\d{1,3}\s*[MFmf]?|[MFmf]\s*,?\s*\d{1,3}|client|pt|patient|age \d{1,3})\s*\)|"
    # "Dolores (90 last week!)": an age, then when.
    r"\(\s*\d{1,3}\s+(?:last|this|next)\s+(?:week|month|year|spring|summer|fall|winter)\b|"
    # "Jordan (they/them) sent me", "River (they/them, 17) asked": a person's pronouns, then
    # what they did (a signature's "Jordan Pike (they/them), 562-..." is followed by a detail).
    r"\(\s*(?:she|he|they|ze|xe)/(?:her|hers|him|his|them|theirs|they|she|he|zir|xem)"
    r"(?:/[a-z]+)?(?:,\s*\d{1,3})?\s*\)\s+(?!and\b|or\b)[a-z]+|"
    # '"Dawn, calling about my son"': a caller naming themselves in a voicemail.
    r",\s+calling\s+(?:about|for|from|to|back|again|re)\b|"
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
    # More family ("her niece carol", "his stepdad ron").
    "niece",
    "nephew",
    "aunt",
    "uncle",
    "cousin",
    "granny",
    "stepdad",
    "stepmom",
    "grandson",
    "granddaughter",
    "fiance",
    "fiancé",
)


# After the cue: a space or comma, or a parenthesis ("client's partner (jordan) emailed").
# ... maybe after "is" or "was": "his mom is tasha", "son is jaylen".
_LOWER_WORD_AFTER_RE = re.compile(r"(?:,?\s+(?:is\s+|was\s+)?|\s*\(\s*)([a-z][a-z'-]{2,})\b")


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
        # Whose records or letter: "records for Jordan Pryce-Whitaker", "a letter for Dana".
        "records for",
        "records of",
        "records on",
        "chart for",
        "letter for",
        "referral for",
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
    r"psychologist|psychiatrist|social worker|clinician|intern|lcsw|lpc|lmft|mentor|consultant)\b|"
    # "Mr. Begay (he's our cultural liaison)", "Sharon (our biller)": someone on the staff.
    r"\s*[(,]\s*(?:(?:he|she|they)(?:'s|’s| is| are)\s+)?(?:our|my)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:liaison|biller|bcba|coordinator|manager|director|supervisor|colleague|nurse|admin|"
    r"assistant|receptionist|scheduler|intern|chaplain|interpreter|elder|peer specialist|"
    r"case manager|psychiatrist|prescriber|co-?lead\w*|co-?facilitator)\b|"
    # "(me, Jorge, and Becca)", "Jorge, Becca and I": the author's team.
    r",?\s+(?:and|&)\s+(?:I|me|myself)\b|"
    # "Dana and I co-lead the skills group": a colleague sharing the work.
    r"\s+and I\s+(?:co-?lead|co-?led|co-?facilitate|co-?teach|co-?run|co-?host|co-?wrote|run|lead|"
    r"facilitate|teach|host|supervise|share (?:an office|a caseload|the group))\b"
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
        "been reading",
        "reading about",
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
    "officemate co-author coauthor biller bcba billers coordinator receptionist scheduler "
    "liaison interpreter chaplain nurse"
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
    r"divorced|separated|paid|pays|owes|owed|signed|booked|cancell?ed|no-showed|posted|messaged|"
    r"wrote|overdosed|ran away|"
    # "Dolores walks out at night": leaving.
    r"(?:walks|walked|wanders|wandered|storms|stormed|sneaks|snuck)\s+(?:out|off|away))\b"
)


# An unknown capitalised word handing the writer something is a person: "Mahbooba gave me
# her brother's number", "Bashir showed me the listing" (not for a word that is also a
# season or a virtue: "Summer brings me ...").
_HANDS_ME_RE = re.compile(
    r"\s+(?:showed|shows|gave|gives|sent|sends|brought|brings|handed|hands|lent|forwarded)"
    r"\s+me\b"
)


# What follows a diagnosis, not a credential or a state: "my client Maria, MS diagnosed in
# 2019" (multiple sclerosis), "Tom, MS flare last month", "Dee, DO was her PCP".
_DIAGNOSIS_AFTER = (
    r"(?!\s+(?:diagnosed|dx|dx'd|flares?|flare-ups?|relapses?|relapsing|progressing|symptoms|"
    r"fatigue|meds|medication|treatment|onset|was|is|has|had)\b)"
)


# MS, MA and DO are also a diagnosis or a state: only they must not be followed by one.
_AMBIGUOUS_TITLES = ("MS", "MA", "DO")

_CREDENTIAL_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:LCSW|LICSW|LMSW|LSW|MSW|LPC|LPCC|LMHC|LCPC|LMFT|MFT|LCMHC|PsyD|Psy\.D\.|PhD|"
    r"Ph\.D\.|MD|M\.D\.|PMHNP|APRN|NP|RN|MEd|EdD|LPCA|LAC|LADC|CADC|CSW|BCBA|LMHCA|LPCI|"
    r"ATR|RPT|CEDS|NCC|ACS|LCADC|LCDC|LISW|LPCS|CPsych|MBBS|MRCPsych|FNP|DNP)\b|"
    rf"(?:MS|MA|DO)\b{_DIAGNOSIS_AFTER})"
)


_PLACE_AFTER_RE = re.compile(
    # "Lily Tran, ID S0023871" is an ID number, not Idaho ("Eagle, ID 83616" is).
    rf"(?:,\s*(?:{_US_STATE_ABBR}\b(?<!MS)(?<!MA)(?!(?<=ID)\s*[#:]?\s*(?!\d{{5}}\b)[A-Za-z]{{0,3}}\d)|"
    rf"(?:MS|MA)\b{_DIAGNOSIS_AFTER}|"
    rf"{_US_STATE_NAMES}\b)|"
    # Towns named for a person and a landmark: "Ann Arbor", "Grand Rapids", "Palm Springs".
    rf"\s+(?:Arbor|Harbor|Falls|Springs|Heights|Rapids|Beach|Bluffs|Junction|Valley|River|Bay|"
    rf"Island|Coast|Mountains|Butte|Canyon|Creek|Hills|Mesa|Peak|Gulch|Pass)\b|"
    # A place's surroundings: "the Dallas area", "the Tulsa metro", "Phoenix suburbs".
    rf"\s+(?:area|region|metro|metroplex|suburbs|vicinity)(?![\w-])|"
    rf"\s+(?:County|City|Parish|Township|"
    rf"Hospital|"
    rf"Medical|Center|University|College|School|Clinic|Street|St\b|Avenue|Ave\b|Road|Park|"
    rf"Institute|"
    rf"Health|Behavioral|Memorial|Elementary|Middle|High|Academy|Foundation|Method|Model|Scale|"
    rf"Inventory|Protocol|Questionnaire|Assessment|Institute|Program|Act(?:ed)?\b|Law\b|Award|"
    # Instruments and services named for a thing or a town: "Clutter Image Rating", "Bristol
    # Elder Services".
    rf"Rating|Index|Checklist|Services\b|"
    # A town's or county's services: "Hoboken PD", "the Lyon County Sheriff", "Tulsa Public
    # Schools".
    rf"PD\b|Police|Sheriff|Precinct|Jail|Correctional|Prison|Court|Regional|Schools|Unified|"
    rf"Public|"
    # Organisations named for a person: "the Trevor Project", "the Jed Foundation".
    rf"Project|Foundation|Fund|Society|Coalition|Initiative|Trust|Lifeline)|"
    # Eponymous conditions: "Graves' disease", "Turner syndrome", "Bell's palsy".
    rf"['’]?s?['’]?\s+(?:[Dd]isease|[Ss]yndrome|[Pp]alsy|[Dd]isorder|[Cc]horea|[Aa]taxia))"
)


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
