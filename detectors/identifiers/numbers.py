"""Numbers that identify: Social Security numbers, record, account, plan and ID numbers, licence
plates, device serials.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import (
    _YEAR_ONLY_RE,
    _Candidate,
    _CaseFree,
    _digit_runs,
    _Doc,
    _luhn_ok,
    _merged_windows,
)
from detectors.identifiers.context import _practice_exempt
from detectors.identifiers.plates import own_vehicle

# An SSN's shape with one separator throughout (dash, space, dot). Unintroduced, it needs a
# separator and the SSA's validity rules (area not 000, 666 or 900-999, group not 00, serial
# not 0000); nine bare digits count only after an SSN cue (below). A number the SSA would
# not issue (ITINs begin with 9; a number typed wrong) counts with an SSN word near it.
_SSN_RE = re.compile(r"(?<![\d.,/-])\d{3}([- .])\d{2}\1\d{4}(?![\d-]|\.\d)")

_SSN_VALUE = r"(\d{3}[- .]?\d{2}[- .]?\d{4}|\d{3}\s?-\s?\d{2}\s?-\s?\d{4})"

# Words that introduce an SSN: "SSN", "SS#", "SS no.", "soc sec", "social", "social
# security number/no./#/card", "tax ID", "taxpayer (ID) number", "TIN", "ITIN".
_SSN_CUE = (
    r"(?:ssn|ss\s?#|ss\s?(?:no\.?|num(?:ber)?)|s\.s\.(?:n\.?)?|"
    r"soc(?:ial)?\.?\s?sec(?:urity)?\.?(?:\s?(?:number|num|no\.?|#|card|id))?|"
    r"social(?:\s?(?:number|#|no\.?))?|tax\s?(?:payer\s?)?(?:id|identification)(?:\s?(?:number|no\.?|#))?|"
    r"taxpayer(?:\s?(?:number|no\.?|#))?|i?tin)"
)

# A cue, then up to four short words ("as", "listed as", "on the form is", "ending in"),
# then the number: nine digits in any grouping, or the last four.
_SSN_CUE_RE = _CaseFree(
    rf"(?i)\b{_SSN_CUE}\s*[:#)]?\s*(?:(?!(?:and|or|but|phone|cell|mrn|dob)\b)[a-z'’]+[\s,:]+){{0,4}}?"
    rf"[:#=(]?\s*(?:{_SSN_VALUE}|(?:ending(?: in| with)?|ends (?:in|with)|last (?:4|four)"
    r"(?: digits)?(?: are| is| of it is)?)\s*[:#]?\s*(\d{4}))"
    r"(?![\d-])|"
    # "the last four of her social, 8812", "(his SSN) 519 20 7714".
    rf"\blast (?:4|four)(?: digits)? of (?:her|his|their|the|my client'?s|the client'?s) "
    rf"{_SSN_CUE}\s*(?:is|was|are|were|:|,)?\s*(\d{{4}})\b"
)


# Near the number: an SSN word, or the agency that issues them ("The SSA letter has her
# number, 753.32.0384").
_SSN_NEAR_RE = _CaseFree(rf"(?i)\b{_SSN_CUE}s?(?![a-z])|\bsocial security\b|\bssa\b")


_NAMED_NUMBER_BEFORE_RE = re.compile(
    r"\b(?:mrn|id|number|no\.|#|acct|account|member|policy|claim|chart|record|case|medicaid|"
    # ... but "read me his social over the phone - 143820571": the phone is how, not whose.
    r"medicare|plan|group|(?<!the )(?<!by )phone|cell|fax)\W*$"
)


def _ssn_valid(value: str) -> bool:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 4:
        return digits != "0000"
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return not (area in {"000", "666"} or area[0] == "9" or group == "00" or serial == "0000")


def _introduced_ssn(value: str) -> bool:
    """Nine digits (or the last four) that the post calls an SSN, a tax ID or a social:
    an identifier whatever the SSA would issue. ITINs begin with 9, and a number typed
    wrong or made up for a form is still the client's number to whoever reads it. Only
    nine zeros (or four) is left as a placeholder."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return len(digits) in (4, 9) and digits.strip("0") != ""


_DATE_LIKE_RE = re.compile(r"^\d{1,4}-\d{1,2}-\d{1,4}$")
_SSN_HINTS = (
    "ssn",
    "ss#",
    "ss ",
    "s.s.",
    "social",
    "soc ",
    "soc.",
    "socsec",
    "ssa",
    "tax",
    "tin",
    "last four",
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
    r"booking(?: number| no\.?| #)|docket(?: number| no\.?| #)?|case file|"
    # A court's cause number, an agency's report number: "cause no. 2026-DCV-04418",
    # "APS report # 24-118-7702"; an intake's number with letters in it ("intake
    # APS-26-003391"; "at intake 2019" is a year, "Intake: 1-800-..." a phone line).
    r"cause(?: number| no\.?| #)|report(?: number| no\.?| #)|"
    # Prisons', jails' and immigration's numbers: "CDCR # BK4417", "TDCJ # 02418873", "JDC
    # #J26-4418", "Reg. No. 48826-180" (the Bureau of Prisons), "A-# A097-418-225".
    r"(?:cdcr|tdcj|jdc|idoc|fdoc|gdc|mdoc|ndoc|odrc|dcr|bop|doc|dc|ice|a-?|dcf|dss|dcs|dhhs|"
    r"masshealth|tenncare|mainecare|medi-cal|rid)\s?(?=#)|rid(?=\s+\d{8})|"
    r"reg\.? no\.?|register (?:number|no\.?)|"
    # A lab's numbers for the person's sample or order: "accession # LC-2611-774309".
    r"accession(?: number| no\.?| #)?|(?:lab |test )?order(?: number| no\.?| #)|"
    r"intake(?: number| no\.?| #| id)?(?=\s*[:#]?\s*[A-Z0-9-]*[A-Z][A-Z0-9-]*\d)|"
    r"file(?: number| no\.?| #)|"
    r"identification(?: number| no\.?| #)|reference(?: number| no\.?| #)|ref(?: no\.?| #)|"
    r"recipient(?: id| number| #)|enrollee(?: id| number| #)|participant(?: id| number| #)|"
    r"cin|doc(?: number| no\.?| #)|a-number|alien(?: registration)?(?: number| no\.?| #)|"
    r"uscis(?: number| no\.?| #)?|"
    r"green card(?: number| no\.?| #)?|visa(?: number| no\.?| #)|"
    r"ebt(?: card)?(?: number| no\.?| #)?|"
    # Disaster aid: "FEMA registration 448213907", "FEMA reg # FEMA 1-937-88214",
    # "FEMA registration #4332-7781-0915".
    r"fema(?: registration| reg\.?| application| case| claim)?(?: number| no\.?| #)?"
    r"(?:\s*fema(?=[\s-]))?|registration(?: number| no\.?| #)(?=\s*[:#]?\s*fema-?\d)|"
    r"wic(?: number| no\.?| #| id)|snap(?: case)?(?: number| no\.?| #| id)|"
    r"employee(?: id| number| #)|"
    r"badge(?: number| no\.?| #)?|school id|state id|sid|probation(?: number| no\.?| #| id)|"
    r"parole(?: number| no\.?| #| id)|authori[sz]ation(?: number| no\.?| #| code)|"
    r"prior auth(?: number| #)?|"
    r"health plan(?: id| number| #)|hmo(?: id| number| #)|ehr(?: id| number| #)|"
    r"account(?: number| no\.?| #))"
    # The cue is a whole word: "dl" in "@dlogue22" is not a driver's licence.
    r"(?![a-z])"
    r"(?:\s*(?:number|no\.?|num|#|id))?\s*(?:is|was|of|as|reads|:|#|=|,)?\s*[:#]?\s*[(\[]?"
    r"(?=[A-Z0-9-]*\d)([A-Z0-9][A-Z0-9-]{2,19}[A-Z0-9]|\d{3,})(?![\w-])"
)


# Record numbers called by other names, with up to four words between the noun and the
# number ("member number with the plan is H44812093", "authorization number for her
# sessions is 0098123471"). The number has at least four digits and is not a year.
_HASH_NUMBER_RE = re.compile(r"(?:[A-Za-z'’]\s*[(,]\s*)#\s?(\d{6,10})(?=\s*[),;])")


_RECORD_LOOSE_RE = _CaseFree(
    r"(?i)\b(?:account|acct|member|subscriber|policy|claim|case|file|chart|record|mrn|encounter|"
    r"visit|admission|referral|authori[sz]ation|auth|prior auth|reference|ref|confirmation|"
    r"student|inmate|booking|docket|patient|client|beneficiary|medicaid|medicare|insurance|"
    r"identification|id|employee|badge|permit|tracking|voucher|ticket|pa|bic|medi-cal|person|"
    r"eligibility|enrollment|incident|har|empi|cin|doc|inmate|docket|court)"
    r"(?:\s*(?:number|no\.?|num|#|id|code))?"
    r"(?:,?\s+(?!(?:is|was)\b)[a-z']+){0,4}?\s*"
    r"(?:is|was|reads|shows|came back as|of|as|=|:|#|,)?\s*[:#]?\s*[(\[]?"
    # Up to 26 characters: "referral 0419-7736-2281-6012503".
    r"((?=(?:[A-Z-]*\d){4})[A-Z0-9][A-Z0-9-]{4,24}[A-Z0-9])(?![\w-])"
)


# A record number given after an aside or a correction: "the wrong acct no. - should've been
# 7730021458 -", "the claim # on the denial (the correct one) is ZX44910027", "Medicaid ID,
# if it matters, ends up being 91200477A", "policy number - which the receptionist read out
# loud - is PLC-3318-0072". Up to ten words, dashes, commas or parenthesised asides between
# the noun and the value; the value has six characters or more and four digits.
_RECORD_ASIDE_RE = _CaseFree(
    r"(?i)\b(?:account|acct|member|subscriber|policy|claim|case|chart|record|mrn|medicaid|"
    r"medicare|insurance|beneficiary|authori[sz]ation|auth|reference|confirmation|patient|"
    r"client|student|inmate|booking|docket|encounter|visit)"
    r"(?:\s*(?:number|no\.?|num|#|id|code))?"
    r"(?:(?:\s*[—–-]{1,2}\s*|\s*,\s*|\s+)(?:[a-z'’]+|\([a-z'’ ]{1,40}\))){0,10}?"
    r"(?:\s*[—–-]{1,2}\s*|\s*[:=,]\s*|\s+)[(\[]?"
    r"((?=(?:[A-Z-]*\d){4})(?=[A-Z0-9-]{6})[A-Z0-9][A-Z0-9-]{4,19}[A-Z0-9])(?![\w-]|\.\d)"
)
_ASIDE_MARKS = re.compile(r"[—–(,]|\s-|should|ends? up|turned out|actually|correct|right one")


# Any number called an ID, number or # ("her Kaiser number is 40012877", "the Epic ID,
# E4471902"): five digits or more, letters allowed, not after a phone word or a code
# system (CPT, ICD) and not the clinician's own (NPI, licence: _practice_exempt).
# The pattern starts at the noun ("number", "ID"): the word before it is read afterwards,
# which is several times cheaper than a pattern that starts at every word.
_RECORD_NAMED_RE = _CaseFree(
    r"(?i)(?<=[a-z'’-] )(?:id|number|no\.|num|identifier)\b\.?\s*(?:is|was|reads|of|as|:|,|=)?"
    r"\s*[:#]?\s*((?=(?:[A-Z-]*\d){5})[A-Z0-9][A-Z0-9-]{4,19}[A-Z0-9])(?![\w-]|\.\d)"
)
_MBI_CONTEXT = ("medicare", "mbi", "beneficiary", "cms", "hicn", "red white and blue card")
_NOT_RECORD_NOUNS = frozenset(
    [
        "phone",
        "cell",
        "cellphone",
        "mobile",
        "fax",
        "tel",
        "telephone",
        "home",
        "work",
        "office",
        "call",
        "text",
        "contact",
        "callback",
        "call-back",
        "voicemail",
        "whatsapp",
        "emergency",
        "npi",
        "dea",
        "cpt",
        "icd",
        "dsm",
        "hcpcs",
        "page",
        "pages",
        "room",
        "exit",
        "route",
        "step",
        "chapter",
        "session",
        "sessions",
        "version",
        "model",
        "the",
        "a",
        "an",
        "her",
        "his",
        "their",
        "my",
        "our",
        "your",
        "its",
        "this",
        "that",
        "which",
        "lot",
        "unit",
        "suite",
        "apt",
        "apartment",
        "box",
        "street",
        "zip",
        "postal",
        "code",
        "area",
        "extension",
        "ext",
        "toll",
        "crisis",
        "hotline",
        "lifeline",
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "by",
        "with",
        "from",
        "and",
        "or",
        "is",
        "was",
        "be",
        "any",
        "same",
        "right",
        "wrong",
        "new",
        "old",
        "some",
    ]
)


# A Medicare Beneficiary Identifier has its own shape (CMS): 11 characters, digits and
# letters in fixed places, never S, L, O, I, B or Z; with or without dashes (4-3-4).
# Looked for anywhere in a post that speaks of Medicare, however the number is introduced.
_MBI_RE = re.compile(
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y]{2}\d\d\b"
)

# Payment card and IBAN account numbers are account numbers under Safe Harbor.
_CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")


_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")


_RECORD_SHAPE_RE = re.compile(r"\b(?:MRN|ACCT|ACC|CSN|FIN)[#:-]?\d{4,}\b")


# A licence plate after its cue ("plate", "tag", "registration", "licence plate number"),
# with up to three short words or a state between ("his Texas plate ABC-1234", "plate
# no. 7KJD392", "her ex's plate, UDV3180", "tag number, 236 JBR"). The value is the shapes
# US states issue: one to eight letters and digits with at most one space or dash, a digit
# and a letter both present, or five to eight digits.
_PLATE_RE = _CaseFree(
    r"(?i)\b(?:licen[cs]e plates?|plates?|tags?|registration|reg\.?)"
    r"(?:\s*(?:number|no\.?|num|#))?"
    r"(?:\s+(?!(?:and|or|but|for|from|with|to|number)\b)[a-z][a-z'’.]{0,12}){0,5}?"
    r"\s*(?:is|was|reads|read|as|of|:|#|=|,|-|–)?\s*[:#]?\s*[\"“'‘(]?"
    # The digit must lie inside the value ("plate is literally SOBR4EVR": "literally" is a
    # word between, not a plate). Three groups too ("4-LKT-229"), and a long second group
    # ("4-38291A"); in parentheses too ("vanity plate (MOMOF4)").
    r"((?=[a-z0-9]{1,4}[ -]?[a-z0-9]*\d)(?:(?=[0-9 -]*[a-z])[a-z0-9]{1,4}[ -]?"
    r"(?:(?=[a-z]*\d)[a-z0-9]{6,7}|[a-z0-9]{2,5})|"
    r"\d{5,8})|(?=[a-z0-9-]*\d)(?=[0-9-]*[a-z])[a-z0-9]{1,3}-[a-z0-9]{2,4}-[a-z0-9]{2,4})"
    r"(?![\w-]|\.\d|\s+(?:mg|am|pm|lbs?|ml|percent|people|dollars|sessions|clients)\b)"
)
_PLATE_HINTS = ("plate", "tag", "registration", "reg.")
# Words that are not plates even in plate-like shapes ("tag 2024", "registration 2025").
# Nor a number and a word ("2024 cycle", "12 weeks"): a plate's letter group is short.
# A record number printed in groups after its name: "claim # C-29 481 776", "A-number A
# 216-884-903", "case no. 21 004 118".
_SPACED_RECORD_RE = _CaseFree(
    r"(?i)\b(?:claim|case|a-number|a number|alien number|uscis|member|policy|account|chart|mrn|"
    r"docket|file)\s*(?:#|no\.?|number|id)?\s*[:#]?\s*([a-z]{0,2}-?\s?\d{2,3}(?:[ -]\d{3}){2,3})"
    r"(?![\w-])"
)
_PLATE_NOT = re.compile(
    r"^(?:19|20)\d\d$|^\d{1,4}$|^[a-z]+\d(?:st|nd|rd|th)$|^(?:19|20)\d\d [a-z]+$|"
    r"^\d{1,4} [a-z]{5,}$"
)


# A device identifier after its cue: "serial", "serial no.", "S/N", "SN", "IMEI", "UDI",
# "MAC address", "device ID", or a device's own ID/number ("transmitter ID", "monitor unit
# number", "pump serial"), with up to three words between ("the pacemaker serial, PM2219-
# 88431", "device serial, 58SG7379"). The value has a digit and five characters or more.
_DEVICE_NOUNS = (
    r"(?:device|pump|insulin pump|insulin pen|epipen|auto-injector|pacemaker|defibrillator|icd|"
    r"generator|ipg|implant|"
    r"cochlear implant|"
    r"neurostimulator|stimulator|vns|dbs|cgm|transmitter|sensor|receiver|monitor|"
    r"ankle monitor|monitoring bracelet|bracelet|tracker|hearing aids?|processor|inhaler|meter|"
    r"glucometer|"
    r"tablet|laptop|ventilator|cpap|bipap|wheelchair|prosthesis|catheter)"
)
# Makers and models of devices people carry or wear, named in place of the device ("His
# ResMed (22213459871)", "her Dexcom (8KT2291044)").
_DEVICE_MAKERS = (
    r"(?:resmed|airsense|aircurve|philips|dreamstation|respironics|medtronic|minimed|guardian|"
    r"dexcom|omnipod|tandem|t:slim|libre|freestyle|abbott|boston scientific|st\.? jude|inspire|"
    r"cochlear|nucleus|oticon|phonak|signia|resound|starkey|widex|scram|soberlink|heartmate|"
    r"lvad|zoll|lifevest|nevro|axonics|livongo|omron|fitbit|apple watch|iphone|ipad|chromebook|"
    r"bactrack|interlock|ankle monitor|gps monitor|"
    r"controller|programmer|handset|concentrator|nebulizer|walker|scooter|hearing aid case)"
)
_DEVICE_RE = _CaseFree(
    # "serial sevens", "serial killer": the word without a device.
    r"(?i)\b(?:serial(?!\s*(?:7|sevens|threes|killers?|monogam|podcast|position|comma|port))"
    # "(serials RX2418-0097731 and RX2418-0097732)": two devices' numbers.
    r"s?(?:\s*(?:number|no\.?|num|#|id)s?)?|s/n|s\.n\.|sn(?=\s*[#:]|\s+[\w-]*\d)(?:\s*#)?|"
    r"imei(?:\s*(?:number|no\.?|#))?|"
    # The device named inside the parentheses: "his WHOOP strap data (device 4A0S9K2TX7)".
    r"(?<=\()device(?=\s+[a-z0-9-]*\d)|"
    # A value in parentheses right after the device: "her Dexcom transmitter (8GM4KQ)".
    rf"{_DEVICE_NOUNS}(?=\s*\((?=[a-z0-9-]*\d)[a-z0-9-]{{5,30}}\))|"
    r"meid|udi(?:-di)?|mac address|mac addr\.?|"
    # Equipment lent or issued: "asset tag DHS-TAB-004471", "inventory no. LSD-7742-118",
    # "property tag HSP-00817", "service tag 7QX2K91".
    r"(?:asset|inventory|property|equipment|service)\s+(?:tag|number|no\.?|#|id|sticker|label)|"
    rf"{_DEVICE_NOUNS}(?:'s)?,?\s+(?:unit\s+)?(?:id|number|no\.?|#|serial|code|identifier|unit)|"
    # "her hearing aids are labeled HA7741L and HA7742R".
    rf"{_DEVICE_NOUNS}\s+(?:is|are|was|were)\s+(?:labell?ed|marked|engraved|stamped)(?:\s+with)?)"
    r"(?:\s+(?!(?:and|or|but|is|was)\b)[a-z][a-z'’]{0,12}(?![\w-])){0,3}?"
    r"\s*(?:(?:is|was|reads|read|as|of)(?![\w-])|:|#|=|,|-|–)?\s*[:#]?\s*"
    r"((?=[a-z0-9:()./-]*\d)[a-z0-9(][a-z0-9:()./-]{3,44}[a-z0-9])(?![\w-]|\.\d)"
)


# Device identifiers by shape alone: a MAC address ("4C:90:C3:9B:07:10") and a GS1 UDI
# ("(01)00643169001763(17)260301(21)A123").
# The next value of a list of IDs: "X1234 and X1235", "A-1, A-2 / A-3" (a digit in it).
_ID_LIST_RE = re.compile(
    # ... with a side's letter before it, as the first had: "L 2319A04471, R 2319A04472".
    r"\s*(?:,\s*(?:and|or)?|and|or|/|&)\s*((?:[LR] (?=\d))?"
    r"(?=[A-Za-z0-9-]*\d)[A-Z0-9][A-Za-z0-9-]{3,30}[A-Z0-9])"
    r"(?![\w-])"
)
_MAC_RE = re.compile(
    r"(?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])"
)
# An IMEI written in its printed groups ("35 209900 176148 1", "35-209900-176148-1").
_IMEI_GROUPS_RE = _CaseFree(r"(?i)\b(?:imei|meid)\W{0,4}(\d\d[ -]\d{6}[ -]\d{6}[ -]?\d)\b")
_UDI_RE = re.compile(r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]{1,20})*")


# A device's value a little further on: a device noun or maker, then up to sixty characters of
# its sentence to "serial", "number", "ID", "labelled", "stamped" ("the serial stamped on the
# back of her hearing aid case is OT 7720194R", "Device serial on the card he showed me was
# NLE 302118S", "LVAD controller has the number HM3 55120B"), or a device noun or maker
# right before the value, or in parentheses ("His ResMed (22213459871)", "(device
# 4417-2209-B)", "(unit TX-4410-88)"). The value has four digits or more, and may be written
# as a short prefix, a space and the rest.
# (Not a preposition before a year: "after implant in 2024".)
_DEVICE_VALUE = (
    r"((?!(?:in|on|at|by|of|to|for|from|since|and|or|the) )"
    r"(?=[a-z0-9-]{1,6} \d|[a-z0-9-]*\d)[a-z0-9](?:[a-z0-9-]{0,5} \d[a-z0-9-]{3,20}|"
    r"[a-z0-9-]{3,24})[a-z0-9]?)(?![\w-]|\.\d)"
)
_DEVICE_FAR_RE = _CaseFree(
    rf"(?i)\b(?:serial(?!\s*(?:7|sevens|threes|killers?|monogam|podcast|position|comma|port))s?|"
    rf"(?:{_DEVICE_NOUNS}|{_DEVICE_MAKERS})\b[^.!?\n]{{0,60}}?\b(?:serial|number|id|identifier|unit|"
    rf"labell?ed|stamped|engraved|printed))"
    r"\b(?:[^.!?\n]{0,60}?\b(?:is|was|reads|read|says|said|shows|of|as)|[^.!?\n:]{0,60}?(?=:))?"
    r"\s*[:#]?\s*"
    + _DEVICE_VALUE
    + r"|"
    # "the number off his glucose meter - GM44190X", "the code on her pump: ...".
    + r"\b(?:serial|number|id|code)\s+(?:off|on|from|of)\s+(?:his|her|their|the|a|my)\s+"
    + rf"(?:[a-z]+\s+){{0,2}}?(?:{_DEVICE_NOUNS}|{_DEVICE_MAKERS})\s*[-–—:,(]?\s*"
    + _DEVICE_VALUE
    + r"|"
    # "The VNS magnet she carries has M-103 44719 etched on it".
    + rf"\b(?:{_DEVICE_NOUNS}|{_DEVICE_MAKERS}|magnet|card|case|band|strap)\b[^.!?\n]{{0,40}}?"
    + r"\b(?:has|with|bears)\s+"
    + _DEVICE_VALUE
    + r"(?=\s+(?:etched|engraved|printed|stamped|written|inscribed|on)\b)"
    + r"|"
    # Without a device word, only a value cut into something ("has PN-44 71902 engraved on it").
    + r"\b(?:has|with|bears)\s+"
    + _DEVICE_VALUE
    + r"(?=\s+(?:etched|engraved|stamped|inscribed)\s+(?:on|into|in|inside)\b)"
    + r"|"
    + rf"(?:\b(?:{_DEVICE_NOUNS}|{_DEVICE_MAKERS})(?:'s)?(?:\s+[a-z]+){{0,2}}?\s*\(|"
    + rf"\b(?:{_DEVICE_NOUNS}|{_DEVICE_MAKERS})(?:'s)?\s*[:#,]?|\(\s*unit)\s*#?\s*"
    + _DEVICE_VALUE
)
# These open with dozens of device or record words: tried only where one can begin (every
# post with a four-digit number runs _DEVICE_FAR_RE and the record patterns around it).
_DEVICE_RE.gate()
_DEVICE_FAR_RE.gate()
_RECORD_RE.gate()
_RECORD_LOOSE_RE.gate()
_SPACED_RECORD_RE.gate()
_YEAR_RANGE_RE = re.compile(r"^(?:19|20)\d\d-(?:19|20)?\d\d$")
# A short serial of capitals and digits right after a transmitter, sensor or serial word
# ("her Dexcom (transmitter 8M2QXT)", "sensor SN 4KX9PD"): CGM transmitter IDs have six
# characters and may hold only two digits.
_DEVICE_SHORT_RE = re.compile(
    r"(?i:\b(?:transmitter|sensor|serial|s/n|sn)(?:\s*(?:id|#|no\.?|number|serial))?)\s*[:#]?\s*"
    r"((?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{5,12})(?![\w-])"
)
_DEVICE_HINTS = (
    "unit",
    "tag",
    "labeled",
    "labelled",
    "marked",
    "engraved",
    "stamped",
    "serial",
    "s/n",
    "s.n.",
    "sn",
    "device",
    "imei",
    "meid",
    "mac addr",
    "udi",
    " id",
    "number",
    "no.",
    "#",
    "code",
    "transmitter",
    "sensor",
)


# Words that gate the whole-post scan for IDs whose digits are spread out ("1EG4-TE5-
# MK73"); an ID with a run of three digits is found by the windowed scan under any name.
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
    "student",
)


# A record number named by a record word in an earlier clause or sentence: "the member ID on
# file is wrong. The correct one is W882139047", "We lost the link between old and new case
# numbers. ... in the system: 2026-FC-00817", "Medicaid waiver case numbers? Client's
# (WVR-19-00432) got closed". The value is an ID's shape (capitals and digits, dashes between
# groups), with five digits or more and a letter, or eight digits or more run together; the
# record word stands within 160 characters before it.
_ID_SHAPE_RE = re.compile(
    r"(?<![\w.-])(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,20}[A-Z0-9](?![\w-]|\.\d)"
)
_RECORD_WORD_NEAR_RE = _CaseFree(
    r"(?i)\b(?:mrns?|acct|(?:member|case|claim|account|policy|chart|record|client|patient|"
    r"medicaid|medicare|subscriber|beneficiary|reference|confirmation|authori[sz]ation|docket|"
    r"student|inmate|booking|encounter|visit|benefits?|insurance|plan|group|waiver|enrollment|"
    r"eligibility|employee|recipient|participant)\s*(?:card\s*)?(?:numbers?|nos?\.|#|ids?|"
    r"identifiers?|card)|(?:court|case|claim|chart|medical record)\s+files?|"
    # Words that name an account or its holder on their own: "the claim kept bouncing",
    # "the subscriber on file", "her account again".
    r"claims?|subscriber|policyholder|policy holder|insured|account|chart|docket|encounter|"
    r"admission|eob|medi-cal|bic|cin|mbi|ehr)(?![a-z])"
)
# Codes in that shape: CPT with a modifier ("90837-GT"), a provider taxonomy ("101YP2500X").
_NOT_ID_SHAPE_RE = re.compile(r"^(?:\d{5}-[A-Z0-9]{2}|\d{3}[A-Z0-9]{6}X)$")


def _record_referents(doc: _Doc, seen: set[tuple[int, int]]) -> Iterator[_Candidate]:
    text = doc.text
    for window_start, window_end in _merged_windows(
        list(_digit_runs(doc.shape, 4)), 30, 30, len(text)
    ):
        for m in _ID_SHAPE_RE.finditer(text, window_start, window_end):
            value = m.group()
            digits = sum(ch.isdigit() for ch in value)
            lettered = any(ch.isalpha() for ch in value)
            if (
                m.span() in seen
                or digits < 5
                or not (lettered or (digits >= 8 and "-" not in value))
            ):
                continue
            if (
                _YEAR_ONLY_RE.match(value)
                or _DATE_LIKE_RE.match(value)
                or _NOT_ID_SHAPE_RE.match(value)
            ):
                continue
            if not _RECORD_WORD_NEAR_RE.search(doc, max(0, m.start() - 160), m.start()):
                continue
            if _practice_exempt(doc, m.start(), m.end()):
                continue
            seen.add(m.span())
            yield _Candidate("record_number", m.start(), m.end())


_REFERENT_HINTS = (
    *_RECORD_HINTS,
    *("file", "card", "no.", "insured", "docket", "encounter", "admission", "eob", "medi-", "bic"),
)


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """SSNs, record numbers (by cue, by shape, card and IBAN), licence plates, devices."""
    text, lower, shape, digits = doc.text, doc.lowered, doc.shape, doc.digits
    if not digits:
        return
    if digits >= 9 and ("000-00-0000" in shape or "000 00 0000" in shape or "000.00.0000" in shape):
        for m in _SSN_RE.finditer(text):
            # Dotted groups ("400.12.2025") are as often a date or a version, and a number the
            # SSA would not issue is another number: both count only with an SSN word within
            # 60 characters either side.
            needs_word = m.group(1) == "." or not _ssn_valid(m.group())
            if needs_word and not (
                _introduced_ssn(m.group())
                and _SSN_NEAR_RE.search(doc, max(0, m.start() - 60), min(len(text), m.end() + 60))
            ):
                continue
            if not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("ssn", m.start(), m.end())
    if digits >= 9 and "000000000" in shape and any(map(lower.__contains__, _SSN_HINTS)):
        # Nine bare digits with an SSN word near ("538217764, his social", "SSN on the
        # form: ... 538217764").
        for start, end in _digit_runs(shape, 9):
            if end - start != 9 or not _ssn_valid(text[start:end]):
                continue
            if text[start - 1 : start] in "-./" and start > 0:
                continue
            if _NAMED_NUMBER_BEFORE_RE.search(lower, max(0, start - 24), start):
                continue  # "MRN 448812337": another number's name comes first
            # An SSN word in the same stretch of the post ("Client's SSN is on the intake ...
            # and again on the face sheet as 412779031", "write his SSN on receipts ... a
            # typed slip: 'Peter Lindqvist   512847293   03/29/1970'").
            if _SSN_NEAR_RE.search(doc, max(0, start - 200), min(len(text), end + 200)):
                yield _Candidate("ssn", start, end)
    if digits >= 4 and any(map(lower.__contains__, _SSN_HINTS)):
        for m in _SSN_CUE_RE.finditer(doc):
            group = next(g for g in (1, 2, 3) if m.start(g) >= 0)
            if _introduced_ssn(m.group(group)):
                yield _Candidate("ssn", m.start(group), m.end(group))
    seen_records: set[tuple[int, int]] = set()
    if "000" not in shape and digits >= 3 and any(map(lower.__contains__, _RECORD_HINTS)):
        # IDs with digits spread out ("1EG4-TE5-MK73"): scan the whole post.
        for m in _RECORD_RE.finditer(doc):
            if not _YEAR_ONLY_RE.match(m.group(1)) and not _practice_exempt(
                doc, m.start(), m.end()
            ):
                seen_records.add(m.span(1))
                yield _Candidate("record_number", m.start(1), m.end(1))
    if digits >= 5 and (" id" in lower or "number" in lower or "no." in lower or "num" in lower):
        for m in _RECORD_NAMED_RE.finditer(doc):
            value = m.group(1)
            word_start = lower.rfind(" ", 0, m.start() - 1) + 1
            word = lower[word_start : m.start() - 1]
            if word in _NOT_RECORD_NOUNS or not word[:1].isalpha() or m.span(1) in seen_records:
                continue
            if _DATE_LIKE_RE.match(value) or _practice_exempt(doc, m.start(), m.end()):
                continue
            seen_records.add(m.span(1))
            yield _Candidate("record_number", m.start(1), m.end(1))
    if digits >= 8 and ("000 000" in shape or "000-000" in shape):
        for m in _SPACED_RECORD_RE.finditer(doc):
            if m.span(1) not in seen_records and not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("record_number", m.start(1), m.end(1))
    if digits >= 5 and any(map(lower.__contains__, _MBI_CONTEXT)):
        for m in _MBI_RE.finditer(text):
            yield _Candidate("record_number", m.start(), m.end())
    # Plates and devices: values may hold only one or two digits ("D65 UFB").
    if any(map(lower.__contains__, _PLATE_HINTS)):
        for m in _PLATE_RE.finditer(doc):
            value = lower[m.start(1) : m.end(1)]
            if not any(ch.isdigit() for ch in value) or _PLATE_NOT.match(value):
                continue
            # Digits alone are a plate only after "plate" or "tag": a "registration
            # number" may be a course's or a licensing board's.
            cue = lower[m.start() : m.start(1)]
            if value.isdigit() and "plate" not in cue and "tag" not in cue:
                continue
            if not _practice_exempt(doc, m.start(1), m.end(1)) and not own_vehicle(text, m.start()):
                yield _Candidate("license_plate", m.start(1), m.end(1))
    if any(map(lower.__contains__, _DEVICE_HINTS)):
        for m in _DEVICE_RE.finditer(doc):
            if not _YEAR_ONLY_RE.match(m.group(1)):
                # "(8GM4KQ)" after the device: the value without its parenthesis.
                value_start = m.start(1) + (
                    text[m.start(1)] == "(" and ")" not in text[m.start(1) : m.end(1)]
                )
                yield _Candidate("device_id", value_start, m.end(1))
                # "serial numbers HA2291L and HA2292R": the list's other values too.
                list_end = m.end(1)
                while (more := _ID_LIST_RE.match(text, list_end)) is not None:
                    yield _Candidate("device_id", more.start(1), more.end(1))
                    list_end = more.end(1)
        for m in _DEVICE_SHORT_RE.finditer(text):
            if sum(ch.isdigit() for ch in m.group(1)) >= 2:
                yield _Candidate("device_id", m.start(1), m.end(1))
        if "imei" in lower or "meid" in lower:
            for m in _IMEI_GROUPS_RE.finditer(doc):
                yield _Candidate("device_id", m.start(1), m.end(1))
    if "0000" in shape:
        for window_start, window_end in _merged_windows(
            list(_digit_runs(shape, 4)), 130, 30, len(text)
        ):
            for m in _DEVICE_FAR_RE.finditer(doc, window_start, window_end):
                group = next(g for g in range(1, 6) if m.start(g) >= 0)
                value = m.group(group)
                digit_count = sum(ch.isdigit() for ch in value)
                if digit_count < 4 or _YEAR_ONLY_RE.match(value) or _DATE_LIKE_RE.match(value):
                    continue
                if value.isdigit() and digit_count < 6:
                    continue  # "code 90837", "monitor 10000": a code or a count
                if _YEAR_RANGE_RE.match(value):
                    continue  # "has 1998-2024 engraved on it": years
                if not _practice_exempt(doc, m.start(group), m.end(group)):
                    yield _Candidate("device_id", m.start(group), m.end(group))
                    # "His Phonak aids (2118X4471 and 2118X4472)": the list's other values.
                    list_end = m.end(group)
                    while (more := _ID_LIST_RE.match(text, list_end)) is not None:
                        yield _Candidate("device_id", more.start(1), more.end(1))
                        list_end = more.end(1)
    if text.count(":") >= 5 or text.count("-") >= 5:
        for m in _MAC_RE.finditer(text):
            yield _Candidate("device_id", m.start(), m.end())
    if "(01)" in text:
        for m in _UDI_RE.finditer(text):
            yield _Candidate("device_id", m.start(), m.end())
    if "000" not in shape:
        return
    if "#" in text and "000000" in shape:
        # A bare "#" and six or more digits set off after a person: "Inmate Jamal Whitfield
        # (#01987735)", "Quentin Marsh, #1156042,".
        for m in _HASH_NUMBER_RE.finditer(text):
            if m.span(1) not in seen_records and not _practice_exempt(doc, m.start(1), m.end(1)):
                seen_records.add(m.span(1))
                yield _Candidate("record_number", m.start(1), m.end(1))
    # Record numbers: look back from each run of 3+ digits for the cue.
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
    for window_start, window_end in _merged_windows(list(_digit_runs(shape, 4)), 60, 25, len(text)):
        for m in _RECORD_LOOSE_RE.finditer(doc, window_start, window_end):
            span = m.span(1)
            value = m.group(1)
            if span in seen_records or _YEAR_ONLY_RE.match(value) or _DATE_LIKE_RE.match(value):
                continue
            if _practice_exempt(doc, m.start(), m.end()):
                continue
            seen_records.add(span)
            yield _Candidate("record_number", span[0], span[1])
    for window_start, window_end in _merged_windows(list(_digit_runs(shape, 4)), 90, 25, len(text)):
        for m in _RECORD_ASIDE_RE.finditer(doc, window_start, window_end):
            span = m.span(1)
            value = m.group(1)
            if span in seen_records or _YEAR_ONLY_RE.match(value) or _DATE_LIKE_RE.match(value):
                continue
            # Only the aside forms are new here: plain "account 12345678" is found above.
            if not _ASIDE_MARKS.search(doc.lowered, m.start(), m.start(1)):
                continue
            if _practice_exempt(doc, m.start(), m.end()):
                continue
            seen_records.add(span)
            yield _Candidate("record_number", span[0], span[1])
    if digits >= 5 and any(map(lower.__contains__, _REFERENT_HINTS)):
        yield from _record_referents(doc, seen_records)
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
