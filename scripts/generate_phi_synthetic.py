"""Generate synthetic development vignettes for the structured identifier kinds.

    .venv/bin/python scripts/generate_phi_synthetic.py

Values come from the Faker package (SSNs, ZIPs in a state, cities, street names,
building and unit numbers, e-mail addresses, user names), written in the shapes
issue 20 names (SSNs with dashes, spaces, dots or none and under many introducing
words; ZIPs after a city and state and as ZIP+4; street addresses, units, PO boxes and
rural routes in running prose; obfuscated and plus-tagged e-mail; scheme-less profile
URLs; record numbers under other names; ages over 89 in words and abbreviations), set
into sentence templates written for this project. Hard negatives (CPT codes, doses,
scores, years, session counts, public-resource links, a clinician's own sign-off) are
de-identified rows.

Templates come in families. The DEVELOPMENT families go to
moderation/data/phi_dev_14_synthetic.jsonl and were looked at while the rules were
written. The HELD-OUT families (other wording, written at the same time but never used
to change a rule) go to moderation/data/phi_synthetic_heldout.jsonl, which
`evaluate_screening` reports on its own row; it is still development data (the same
author wrote the rules and the templates), not a blind set.

A second round (DEVELOPMENT_16, HELD_OUT_16, NEGATIVES_16) covers device identifiers
(serials, IMEI, UDI, MAC), ZIPs without a state, in prose and in lists, IPv4/IPv6,
licence plates in state formats, phone numbers in every common form, dates in many
shapes and names used alone; its development rows go to phi_dev_16_synthetic.jsonl and
its held-out rows are appended to phi_synthetic_heldout.jsonl (the first round's rows do
not change).

A third round (DEVELOPMENT_17, HELD_OUT_17, NEGATIVES_17) covers plates in each state's
shapes beside a state and a vehicle, ages over 89 with and without a unit (words, "y.o.",
"93F"), record numbers under more names (FIN, CSN, HAR, BIC, DOC, docket, referral ...),
device serials under more cues, more date, phone and address shapes, names alone mid-
sentence, and number-heavy de-identified text (serial sevens, vitals, doses, codes, ages up
to 89, car models); its development rows go to phi_dev_17_synthetic.jsonl and its held-out
rows (`synho17-*`) are appended to phi_synthetic_heldout.jsonl.

The second round's dates are drawn relative to the day the script runs (Faker's "-3y"),
so a run on another day rewrites those rows: keep the committed earlier rounds' rows and
take only a new round's from a run (the third round's dates have fixed bounds).

Deterministic: a fixed seed for Faker and for the choices here.
"""

from __future__ import annotations

import datetime
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from faker import Faker

OUT = Path(__file__).resolve().parents[1] / "moderation" / "data"
SEED = 20261205
ROWS_PER_TEMPLATE = 3

fake = Faker("en_US")
Faker.seed(SEED)
rng = random.Random(SEED)

STATES = {
    "OR": "Oregon",
    "WA": "Washington",
    "CA": "California",
    "TX": "Texas",
    "NY": "New York",
    "IL": "Illinois",
    "GA": "Georgia",
    "OH": "Ohio",
    "PA": "Pennsylvania",
    "MI": "Michigan",
    "NC": "North Carolina",
    "AZ": "Arizona",
    "CO": "Colorado",
    "MN": "Minnesota",
    "FL": "Florida",
}
WORDS = [
    "ninety",
    "ninety-one",
    "ninety-two",
    "ninety-three",
    "ninety-four",
    "ninety-five",
    "ninety-six",
    "ninety-seven",
    "ninety-eight",
    "ninety-nine",
]


# --- values: each returns the text of one identifier ------------------------------------


def ssn_digits() -> str:
    return fake.ssn().replace("-", "")


def ssn(style: str | None = None) -> str:
    d = ssn_digits()
    style = style or rng.choice(["dash", "space", "dot", "none"])
    sep = {"dash": "-", "space": " ", "dot": ".", "none": ""}[style]
    return f"{d[:3]}{sep}{d[3:5]}{sep}{d[5:]}"


def last4() -> str:
    return ssn_digits()[5:]


def city_state_zip(full: bool | None = None, plus4: bool | None = None) -> tuple[str, str]:
    abbr = rng.choice(list(STATES))
    state = STATES[abbr] if (full if full is not None else rng.random() < 0.3) else abbr
    z = fake.zipcode_in_state(abbr)
    if plus4 if plus4 is not None else rng.random() < 0.25:
        z += f"-{rng.randint(1000, 9999)}"
    return f"{fake.city()}, {state}", z


def street() -> str:
    return f"{fake.building_number()} {fake.street_name()}"


def street_unit() -> str:
    return f"{street()} {fake.secondary_address()}"


def po_box() -> str:
    return rng.choice(["PO Box", "P.O. Box", "P.O. box"]) + f" {rng.randint(10, 99999)}"


def rural() -> str:
    return rng.choice(
        [
            f"RR {rng.randint(1, 9)} Box {rng.randint(1, 999)}",
            f"Rural Route {rng.randint(1, 12)}",
            f"HC {rng.randint(1, 80)} Box {rng.randint(1, 999)}",
            f"{rng.randint(100, 19999)} County Road {rng.randint(1, 400)}",
        ]
    )


def email() -> str:
    return rng.choice([fake.free_email(), fake.email(), fake.company_email()])


def email_plus() -> str:
    user, domain = fake.free_email().split("@")
    return f"{user}+{rng.choice(['therapy', 'notes', 'kids', 'school'])}@{domain}"


def email_sub() -> str:
    sub = rng.choice(["mail", "students", "alumni", "staff"])
    return f"{fake.user_name()}@{sub}.{fake.domain_name()}"


def email_obfuscated() -> str:
    user, domain = fake.free_email().split("@")
    name, tld = domain.rsplit(".", 1)
    return rng.choice(
        [
            f"{user} at {name} dot {tld}",
            f"{user} [at] {name} [dot] {tld}",
            f"{user}(at){domain}",
            f"{user} @ {name} . {tld}",
            f"{user} AT {name} DOT {tld}",
        ]
    )


PROFILE_HOSTS = [
    "instagram.com",
    "tiktok.com/@",
    "facebook.com",
    "x.com",
    "youtube.com/@",
    "linktr.ee",
    "twitch.tv",
    "venmo.com/u",
    "gofundme.com/f",
    "patreon.com",
    "soundcloud.com",
    "etsy.com/shop",
    "medium.com/@",
    "github.com",
    "reddit.com/user",
]


def profile_url() -> str:
    host = rng.choice(PROFILE_HOSTS)
    user = fake.user_name()
    return f"{host}{user}" if host.endswith("@") else f"{host}/{user}"


def personal_subdomain() -> str:
    host = rng.choice(
        ["wordpress.com", "substack.com", "blogspot.com", "wixsite.com/home", "carrd.co"]
    )
    return f"{fake.user_name().replace('_', '').replace('.', '')}.{host}"


RECORD_NAMES = [
    "MRN",
    "chart number",
    "chart #",
    "account number",
    "acct #",
    "case number",
    "member ID",
    "policy number",
    "claim number",
    "encounter number",
    "Medicaid ID",
    "Medicare number",
    "client ID",
    "file number",
    "patient ID",
    "subscriber ID",
    "beneficiary ID",
    "student ID",
    "visit number",
    "insurance ID",
]


def record_value() -> str:
    return rng.choice(
        [
            str(rng.randint(100000, 99999999)),
            f"{rng.choice('ABCHKMW')}{rng.randint(1000000, 99999999)}",
            f"{rng.randint(100, 999)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            f"{rng.choice(['XJ', 'QB', 'HM', 'ZT'])}{rng.randint(10000, 999999)}",
        ]
    )


def age_value() -> str:
    n = rng.randint(90, 104)
    words = WORDS[n - 90] if n < 100 else "one hundred"
    return rng.choice(
        [
            f"{n}-year-old",
            f"{n} y/o",
            f"{n}yo",
            f"{n} yo",
            f"{words}-year-old",
            f"{words} years old",
            f"{n} years of age",
            f"{n} yrs old",
            f"{n}-y/o",
        ]
    )


# --- values for the kinds of the second round (phi_dev_16): devices, ZIPs, IPs, plates,
# phones, dates, names alone -----------------------------------------------------------------


def _luhn_digit(body: str) -> str:
    total = 0
    for index, ch in enumerate(reversed(body)):
        d = int(ch)
        if index % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def imei() -> str:
    body = fake.numerify("35########") + fake.numerify("####")
    value = body + _luhn_digit(body)
    return rng.choice([value, f"{value[:2]}-{value[2:8]}-{value[8:14]}-{value[14]}", value])


def device_serial() -> str:
    return rng.choice(
        [
            fake.bothify("??#####", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.bothify("???-######", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.bothify("##??####", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.bothify("?#?#??", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.bothify("??####-#####", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.numerify("#########"),
            fake.bothify("SN-########"),
        ]
    )


def udi() -> str:
    gtin = fake.numerify("00######") + fake.numerify("######")
    return rng.choice(
        [
            f"(01){gtin}(17){fake.date('%y%m%d')}(21){fake.bothify('??####')}",
            f"(01){gtin}(21){fake.numerify('#######')}",
            f"01{gtin}21{fake.numerify('######')}",
        ]
    )


def mac() -> str:
    value = fake.mac_address()
    return value.upper() if rng.random() < 0.5 else value


def ipv4() -> str:
    return rng.choice([fake.ipv4_public(), fake.ipv4_private(), fake.ipv4_public()])


def ipv6() -> str:
    full = fake.ipv6()
    groups = full.split(":")
    style = rng.choice(["full", "compressed", "doc"])
    if style == "full":
        return full
    if style == "doc":
        return f"2001:db8::{rng.randint(1, 0xFFFF):x}"
    return ":".join(groups[:3]) + "::" + ":".join(groups[-2:])


PLATE_FORMATS = [
    "#???###",  # California
    "???-####",  # Texas, New York, Pennsylvania
    "???####",
    "### ???",  # older formats
    "??# ####",
    "?## ???",
    "#??-####",
    "???-###",
]


def plate() -> str:
    return fake.bothify(rng.choice(PLATE_FORMATS), letters="ABCDEFGHJKLMNPRSTUVWXYZ")


def phone_any() -> str:
    area = rng.choice(["503", "971", "206", "312", "617", "415", "512", "404", "720", "541"])
    line = f"01{rng.randint(0, 99):02d}"
    exchange = "555"
    return rng.choice(
        [
            fake.phone_number(),
            f"({area}) {exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"+1 {area} {exchange} {line}",
            f"+1-{area}-{exchange}-{line}",
            f"1-{area}-{exchange}-{line}",
            f"{area}{exchange}{line}",
            f"{area}-{exchange}-{line} ext. {rng.randint(2, 999)}",
            f"({area}){exchange}-{line} x{rng.randint(10, 99)}",
            f"{area} {exchange} {line}",
        ]
    )


def phone_local() -> str:
    return f"555-01{rng.randint(0, 99):02d}"


WEEKDAYS = [
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


def date_any() -> str:
    d = fake.date_between(start_date="-3y", end_date="+1y")
    month, day = d.month, d.day
    return rng.choice(
        [
            f"{rng.choice(WEEKDAYS)} {month}/{day}",
            f"{rng.choice(WEEKDAYS)}, {d.strftime('%B')} {day}",
            d.strftime("%m/%d/%Y"),
            f"{month}/{day}/{d.strftime('%y')}",
            d.strftime("%Y-%m-%d"),
            f"{d.strftime('%B')} {day}",
            f"{d.strftime('%b')}. {day}",
            f"{day} {d.strftime('%b')} {d.year}",
            f"the {day}{'th' if 10 < day < 14 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"
            f" of {d.strftime('%B')}",
            f"{month}-{day}-{d.year}",
            f"{d.strftime('%B')} {day}, {d.year}",
        ]
    )


def first_name() -> str:
    return fake.first_name()


def full_name() -> str:
    return f"{fake.first_name()} {fake.last_name()}"


def npi() -> str:
    return fake.numerify("1#########")


# --- templates: {kind:generator} slots ------------------------------------------------------

GENERATORS: dict[str, Callable[[], str]] = {
    "ssn": ssn,
    "ssn_last4": last4,
    "street": street,
    "street_unit": street_unit,
    "po_box": po_box,
    "rural": rural,
    "email": email,
    "email_plus": email_plus,
    "email_sub": email_sub,
    "email_obf": email_obfuscated,
    "profile": profile_url,
    "subdomain": personal_subdomain,
    "record": record_value,
    "age": age_value,
    "imei": imei,
    "serial": device_serial,
    "udi": udi,
    "mac": mac,
    "ipv4": ipv4,
    "ipv6": ipv6,
    "plate": plate,
    "phone": phone_any,
    "phone_local": phone_local,
    "date": date_any,
    "first": first_name,
    "full_name": full_name,
}
KIND_OF = {
    "ssn": "ssn",
    "ssn_last4": "ssn",
    "street": "address",
    "street_unit": "address",
    "po_box": "address",
    "rural": "address",
    "email": "email",
    "email_plus": "email",
    "email_sub": "email",
    "email_obf": "email",
    "profile": "url",
    "subdomain": "url",
    "record": "record_number",
    "age": "age",
    "zip": "zip",
    "imei": "device_id",
    "serial": "device_id",
    "udi": "device_id",
    "mac": "device_id",
    "ipv4": "ip",
    "ipv6": "ip",
    "plate": "license_plate",
    "phone": "phone",
    "phone_local": "phone",
    "date": "date",
    "first": "name",
    "full_name": "name",
}

DEVELOPMENT = {
    "ssn-cue-words": [
        "Intake form lists her SSN as {ssn} and I'm not sure why the front desk asked.",
        "The disability packet has his social security number, {ssn}, on every page.",
        "Her SS# {ssn} was printed on the pharmacy label somehow.",
        "He wrote his soc sec no. ({ssn}) on the consent form by mistake.",
        "Can I shred the copy? It shows the social security no. {ssn} and the diagnosis.",
        "The employer letter gave his tax ID, {ssn}, instead of an employee number.",
        "Her social is {ssn}; the billing office needs it for the sliding scale, apparently.",
        "The court order lists the father's SSN ending in {ssn_last4}.",
    ],
    "ssn-unintroduced": [
        "On the faxed referral the number {ssn} sits right under his Social Security card scan.",
        "Mom read out her Social Security number over the phone: {ssn}. I stopped her.",
    ],
    "zip-city-state": [
        "He moved in with his aunt in {city_zip} after the eviction.",
        "Her mother lives at the far end of {city_zip}, about two hours from my office.",
        "The returned letter was addressed to {city_zip}, so she must have moved again.",
    ],
    "zip-cue": [
        "She gave a zip code of {zip5} on the intake, which is across the county line.",
        "He lives in {zip5} now, closer to the methadone clinic.",
    ],
    "address-prose": [
        "Mom and the kids are staying at {street} until the protective order hearing.",
        "I did a home visit at {street_unit} and the smoke alarm was disconnected.",
        "He sleeps in the shed behind {street} most nights.",
        "The CPS worker said the grandmother's house is {street}, near the school.",
        "Please send the release to {po_box}; her mail gets stolen at the shelter.",
        "The family is out on {rural}, no cell service at all.",
    ],
    "email-forms": [
        "Her daughter keeps emailing me from {email} asking for updates.",
        "The client's personal address is {email_plus}; should I even reply to it?",
        "His school account, {email_sub}, is where the teacher sent the screenshots.",
        "She spelled it out so the bots wouldn't catch it: {email_obf}.",
        "The ex-husband wrote from {email_obf} demanding the records.",
    ],
    "url-profile": [
        "Her teenage son posts videos at {profile} and some of them mention self-harm.",
        "The client's blog, {subdomain}, describes our sessions in detail.",
        "He asked me to follow {profile}; I declined and we talked about boundaries.",
        "The fundraiser for the family is at {profile}.",
    ],
    "record-names": [
        "The hospital faxed the wrong chart: {record_name} {record} belongs to another patient.",
        "Her {record_name} is {record} if anyone at the county can look it up.",
        "The denial letter cites {record_name} {record}, and I need to appeal it.",
        "His {record_name}, {record}, was on the discharge summary I got.",
    ],
    "age-over-89": [
        "Consult on a {age} woman whose grief has turned into refusing food.",
        "My client, a {age} retired machinist, still drives himself to sessions.",
        "The referral describes a {age} veteran with new nightmares.",
    ],
}

HELD_OUT = {
    "ssn-heldout": [
        "Billing keeps asking me to confirm the social security # ({ssn}) they have for her.",
        "The SSA letter has her number, {ssn}, in the header.",
        "Last four of his social are {ssn_last4}, per the collections notice.",
    ],
    "zip-heldout": [
        "Forwarding address on the return slip: {street}, {city_zip}.",
        "She lives in the {zip5} zip code, the one with the refinery.",
    ],
    "address-heldout": [
        "They rent a room at {street_unit} from a cousin.",
        "His new place is {street}, right by the rail yard.",
        "Her mail now goes to {po_box} since she lost the apartment.",
    ],
    "email-heldout": [
        "If you google {email} you get her whole life story.",
        "The teen gave me {email_obf} for appointment reminders.",
    ],
    "url-heldout": [
        "Her partner's page {profile} has photos from the hospital.",
        "The client's daughter writes at {subdomain} about her mother's dementia.",
    ],
    "record-heldout": [
        "The EOB shows {record_name} {record} with the wrong diagnosis code.",
        "I found {record_name} {record} written on the bottom of the court letter.",
    ],
    "age-heldout": [
        "A {age} man was brought in by his granddaughter after a fall.",
        "She is {age} and has buried all four of her children.",
    ],
}

# The second round (phi_dev_16): device identifiers, ZIPs without a state, ranges and in
# prose, IPv4/IPv6, licence plates, phone numbers in every common form, dates, names used
# alone mid-sentence. Development families first, then held-out ones (other wording).
DEVELOPMENT_16 = {
    "device-serials": [
        "The ER note lists her insulin pump serial no. {serial} next to the glucose log.",
        "Audiology sent the cochlear implant report with S/N {serial} on every page.",
        "His CGM transmitter ID {serial} keeps showing up in the endocrinology letters.",
        "The pacemaker clinic summary gives the device serial, {serial}, and the lead model.",
        "Her phone's IMEI is {imei}; the detective wanted me to confirm it.",
        "The hearing aid's serial number was engraved on the case: {serial}.",
        "Discharge paperwork has the UDI {udi} for his new neurostimulator.",
        "The ankle monitor unit number, {serial}, is in the probation report.",
        "Her tablet's MAC address {mac} was in the school's incident log.",
        "Device ID: {serial}. That is what the pump company printed on the recall notice.",
    ],
    "zip-variants": [
        "The family just moved to {city_zip_bare} and needs an in-person group nearby.",
        "She lives in {city_zip_bare}, and the only program in range has a waitlist.",
        "He gave his zip code as {zip5} at intake.",
        "Looking for a Spanish-speaking therapist near {zip5} for a teen client.",
        "The letter came back from {zip4} marked undeliverable.",
        "Her new place is somewhere in {zip5}, by the hospital.",
        "The grandparents are in {zip5} or {zip5}, she wasn't sure which.",
    ],
    "ip-addresses": [
        "The portal log shows her account opened from {ipv4} at 3 a.m.",
        "IT says the threatening emails came from {ipv6}, which is his home router.",
        "His IP address, {ipv4}, was in the screenshot he posted.",
        "The login alert listed {ipv6} as the device address.",
    ],
    "plates": [
        "She wrote down her ex's plate, {plate}, for the protective order.",
        "The security guard noted the license plate {plate} of the car that followed her.",
        "His Texas plate {plate} was in the police report the mother forwarded.",
        "Front desk asked for the client's tag number, {plate}, for the parking permit.",
        "The car is registered under plate no. {plate}, per the DMV letter.",
    ],
    "phones": [
        "Her brother texted me at 2am from {phone} saying she's not OK.",
        "The client's cell is {phone} if the crisis team needs it.",
        "Mom calls from {phone_local} after every session.",
        "He left a voicemail with a callback number of {phone}.",
        "Text me at {phone}, the teen wrote on the intake form.",
        "The school counselor's note says to reach the dad at {phone}.",
        "She gave {phone} as the number for her sponsor.",
    ],
    "dates": [
        "I have her next appointment on {date} but she wants evenings.",
        "He was admitted {date} after the overdose.",
        "The hearing is set for {date}, and mom wants me there.",
        "Her last drink was on {date}, she says.",
        "The discharge summary is dated {date}.",
    ],
    "names-alone": [
        "When I asked {first} about the weekend, she went quiet for a long time.",
        "I worry that {first} will stop coming once the court order ends.",
        "Last week {first} brought her sister to session without asking.",
        "Supervision question: how do I tell {first} that I'm leaving the practice?",
        "The intake summary reads {full_name}, referred by her PCP after a fall.",
        "The 8yo's mom is {full_name} and she wants me to testify.",
        "Text-based check-ins: {first_lower} texts me most evenings now.",
        "A client, {first_lower}, whose mom calls after every session, is stuck.",
    ],
}

HELD_OUT_16 = {
    "device-heldout": [
        "The insulin pump company mailed a replacement for serial {serial} last month.",
        "Her hearing aids (S/N {serial}) were stolen at the shelter.",
        "On the radiology sheet: neurostimulator serial number {serial}.",
        "Detectives traced the burner by IMEI {imei}.",
    ],
    "zip-heldout-16": [
        "They're staying with an aunt out in {city_zip_bare} for now.",
        "Mail for her goes to {zip4} now, at her cousin's.",
        "Anyone know a DBT program that serves {zip5}?",
    ],
    "ip-heldout": [
        "Someone logged into her email from {ipv4}, and it wasn't her.",
        "The router at his dad's house has the address {ipv6}.",
    ],
    "plate-heldout": [
        "The neighbor gave me the plate number, {plate}, of the truck outside her house.",
        "Her abuser drives a silver sedan, plate {plate}.",
    ],
    "phone-heldout": [
        "The client's mother keeps calling my cell from {phone}.",
        "Dad's work number is {phone}, per the school.",
        "Her new number is {phone} since the old phone was smashed.",
    ],
    "date-heldout": [
        "She relapsed on {date}, right after the custody hearing.",
        "The evaluation happened {date}, and the report still isn't here.",
    ],
    "name-heldout": [
        "At our last session {first} said the nightmares were back.",
        "I keep thinking about what {first} told me about her stepfather.",
        "Her older brother, {full_name}, is the guardian now.",
    ],
}

NEGATIVES_16 = [
    "Firmware 2.4.1.9 on the pump fixed the alarm bug; ask the rep for version 10.0.3.",
    "Group runs 12:30-1:45 Pacific; the ratio is about 3:1 clients to staff.",
    "The iPhone 15 and the Dexcom G7 both work with the app now.",
    "We billed 90837 and 90785; the ICD-10 code was F43.10.",
    "Registration for the training is $150 and closes Friday.",
    "She got a price tag of $4,000 for the residential program.",
    "He brought a plate of cookies for the group, which was sweet.",
    "Room 10234 in the east wing is where the group meets now.",
    "The study enrolled 12,500 adults across 40 sites between 2019 and 2022.",
    "Call 988 or text HOME to 741741 if you are in crisis.",
    "Our office line is {clin_phone_any} and we return calls within a day.",
    "We meet Tuesdays at 6; the next cycle starts in the spring.",
    "Medicare covers LMFTs and LMHCs as of January 2024; the PECOS enrollment took weeks.",
    "{clin_first} is presenting a case on perinatal anxiety at the consult group.",
    "The Twin Cities have a good eating disorder network; the Bay Area less so.",
    "PHQ-9 went 18 -> 11 -> 7 over three months, GAD-7 14 -> 9.",
    "Her A1c is 7.2 and the pump settings are 0.85 u/hr basal.",
    "Chapter 3, verses 16-18, is what she reads before session.",
    "Happy to consult.\n\n{clin_name}, {clin_cred}\n{clin_practice}\n{clin_street}, "
    "{clin_city_zip}\nNPI {clin_npi} | {clin_license}\n{clin_phone_any} | {clin_site}",
    "Agree with the above.\n--\nDr. {clin_name}, {clin_cred}\n{clin_practice} | "
    "{clin_phone_any} | {clin_site}\nNPI: {clin_npi}",
    "That's been my experience too.\n\n{clin_name}, {clin_cred}\nLicensed Clinical "
    "Psychologist, {clin_license}\n{clin_site}\n{clin_phone_any}",
    "Our clinic posts its sliding scale publicly.\n\n{clin_practice}\n{clin_name}, "
    "{clin_cred}, Clinical Director\n{clin_street}, {clin_city_zip}\n{clin_phone_any} | "
    "{clin_email}",
]

NEGATIVES = [
    "I billed 90837 for the session and 90785 for interactive complexity; was that right?",
    "She takes sertraline 100 mg and her PHQ-9 went from 19 to 11 over 12 sessions.",
    "Her PCL-5 was 52 at intake and 31 at week 10; the GAD-7 barely moved.",
    "We did 3 sessions of exposure and 10 minutes of breathing each time.",
    "The NIMH page at nimh.nih.gov/health/topics/ptsd has a good handout for families.",
    "For the workbook try therapistaid.com/worksheets and samhsa.gov/find-help.",
    "He served from 1968 to 1971 and still talks about 1969 as the worst year.",
    "Our group meets 5 times a year in Portland, OR, and costs nothing.",
    "The state's 2023 budget added 45000 slots for mobile crisis teams.",
    "A client in her 90s is grieving her last sibling; any reading to suggest?",
    "Her score on the MoCA was 24 out of 30 and the neurologist wants a retest in 6 months.",
    "Happy to consult on this.\n-- {clin_name}, LCSW\n{clin_phone} | {clin_site}",
    "Thanks all. {clin_name}, PsyD, {clin_practice}, {clin_phone}",
    "If anyone wants the slides, email me at {clin_email}.",
    "The agency's intake line is 503-555-0100 and their address is on the website.",
    "I think 988 is better than the old 10-digit line for most of my clients.",
    "She attends 2 AA meetings a week and has 90 days sober as of last month.",
    "Dosing went from 25 mg to 50 mg to 100 mg over 3 weeks without side effects.",
    "I'm {clin_name}, LMFT, in {clin_city_zip}. Referrals welcome at {clin_email_obf}.",
    "Warmly,\n{clin_name}, PhD\n{clin_practice}\n{clin_street}, {clin_city_zip}\n{clin_phone}",
    "The plan has a cap of 150 sessions and the copay is 40 dollars.",
    "She scored 95 on the test and is 95% sure she wants to stop.",
    "Our group's number is 2 in the county for wait times; the report number was 14.",
    "We meet on the corner of Main and Elm? No, that's the old clinic: see our website.",
]


# The second round's clinician slots, evaluated only when a template asks for one (the
# first round's slots are drawn all at once, and adding draws there would change its rows).
CLINICIAN_16: dict[str, Callable[[], str]] = {
    "clin_first": fake.first_name,
    "clin_cred": lambda: rng.choice(
        ["LCSW", "LMFT", "PsyD", "PhD", "LPC", "LMHC", "LICSW", "PMHNP-BC", "MD"]
    ),
    "clin_phone_any": lambda: phone_any(),
    "clin_npi": lambda: npi(),
    "clin_age_ok": lambda: str(rng.randint(60, 89)),
    "clin_license": lambda: rng.choice(
        [
            f"{rng.choice(list(STATES))} License {fake.numerify('0#####')}",
            f"Lic. #{fake.bothify('??#####')}",
            f"License no. {fake.numerify('######')}",
            f"{rng.choice(list(STATES))} {fake.bothify('??0#####')}",
        ]
    ),
}


# --- the third round (phi_dev_17): licence plates, ages over 89, record numbers, devices,
# dates, names alone, addresses, phones and ZIPs in more shapes and phrasings, and number-
# heavy de-identified text. Its own value generators and slots, drawn only by its templates
# (so the earlier rounds' rows do not change).

# Plate shapes by state (DMV standard and older issues) and vanity plates.
PLATE_SHAPES_17 = {
    "California": ["#???###"],
    "Texas": ["???-####", "??#-?###"],
    "New York": ["???-####"],
    "Florida": ["??? ?##", "### ???", "???? ##"],
    "Illinois": ["?? #####", "### ####"],
    "Pennsylvania": ["???-####"],
    "Ohio": ["??? ####"],
    "Georgia": ["???####", "??? ####"],
    "Michigan": ["??? ####", "#??? ##"],
    "Washington": ["???####", "###-???"],
    "New Jersey": ["?##-???", "???##?"],
    "Massachusetts": ["#??#", "#?? ###", "###?##"],
    "Oregon": ["### ???", "??? ###"],
    "Arizona": ["???####", "?##???"],
    "Colorado": ["???-?##", "###-???"],
    "Virginia": ["???-####"],
    "North Carolina": ["???-####"],
    "Minnesota": ["???-###", "###-???"],
    "Nevada": ["###-???", "##?-###"],
    "Maryland": ["#??####"],
}
STATE_ABBR_17 = {
    "California": "CA",
    "Texas": "TX",
    "New York": "NY",
    "Florida": "FL",
    "Illinois": "IL",
    "Pennsylvania": "PA",
    "Ohio": "OH",
    "Georgia": "GA",
    "Michigan": "MI",
    "Washington": "WA",
    "New Jersey": "NJ",
    "Massachusetts": "MA",
    "Oregon": "OR",
    "Arizona": "AZ",
    "Colorado": "CO",
    "Virginia": "VA",
    "North Carolina": "NC",
    "Minnesota": "MN",
    "Nevada": "NV",
    "Maryland": "MD",
}
VANITY_17 = ["MOMSCAB", "GOBUCKS1", "LUVMYK9", "2FAST4U", "SUNNY7", "BIGDAWG", "NOTATX", "R8DR4LF"]
_PLATE_STATE: list[str] = []


def plate_17() -> str:
    """A plate in the shape of the state the template names beside it (`{plate_state}`,
    before or after), or a vanity plate now and then."""
    if not _PLATE_STATE:
        _PLATE_STATE.append(rng.choice(list(PLATE_SHAPES_17)))
    state = _PLATE_STATE[-1]
    if rng.random() < 0.1:
        return rng.choice(VANITY_17)
    return fake.bothify(rng.choice(PLATE_SHAPES_17[state]), letters="ABCDEFGHJKLMNPRSTVWXYZ")


def plate_state_17() -> str:
    state = _PLATE_STATE[-1]
    return STATE_ABBR_17[state] if rng.random() < 0.4 else state


WORDS_17 = [
    "ninety",
    "ninety-one",
    "ninety one",
    "ninety-two",
    "ninety three",
    "ninety-four",
    "ninety-five",
    "ninety six",
    "ninety-seven",
    "ninety-eight",
    "ninety-nine",
    "a hundred",
    "one hundred",
    "a hundred and one",
    "one hundred and two",
    "a hundred and four",
]


def age_17() -> str:
    """An age over 89 with its unit, in the shapes clinicians write."""
    n = rng.randint(90, 108)
    words = rng.choice(WORDS_17)
    sex = rng.choice("MF")
    return rng.choice(
        [
            f"{n} y.o.",
            f"{n}y/o",
            f"{n}-yr-old",
            f"{n} yr old",
            f"{n} yrs",
            f"{n}yo {sex}",
            f"{n}yo{sex}",
            f"{n} y/o {sex}",
            f"{n}{sex}",
            f"{n} {sex}",
            f"{n}-y-o",
            f"{words} year old",
            f"{words}-year-old",
            f"{words} years old",
            f"{n} years of age",
        ]
    )


def age_bare_17() -> str:
    """An age over 89 with no unit ("is 96", "turned ninety-two", "Ruth, 94,")."""
    n = rng.randint(90, 106)
    return rng.choice([str(n), str(n), rng.choice(WORDS_17)])


RECORD_NAMES_17 = [
    "FIN",
    "CSN",
    "HAR",
    "EMPI",
    "member identifier",
    "subscriber no.",
    "Medi-Cal BIC",
    "CIN",
    "DOC number",
    "inmate no.",
    "booking number",
    "docket no.",
    "court case",
    "CPS referral",
    "intake number",
    "incident number",
    "authorization",
    "PA number",
    "hospital account",
    "person number",
    "enrollment ID",
    "eligibility number",
    "VA file number",
    "claim ref",
    "member #",
]


def record_17() -> str:
    return rng.choice(
        [
            str(rng.randint(1000000, 9999999999)),
            f"{rng.choice('ACHKMRWX')}{rng.randint(100000, 9999999)}",
            f"{rng.randint(2019, 2026)}-{rng.randint(10000, 999999)}",
            f"{rng.choice(['PA', 'CC', 'HA', 'PR', 'VA'])}-{rng.randint(100000, 9999999)}",
            f"{fake.bothify('???#########', letters='ABCDEFGHJKMNPRSTVWXYZ')}",
            f"{rng.randint(10, 99)}-{rng.randint(1000, 99999)}",
        ]
    )


DEVICE_CUES_17 = [
    "pump serial",
    "pump SN",
    "generator serial",
    "processor serial number",
    "transmitter serial",
    "receiver S/N",
    "implant ID",
    "device serial",
    "sensor serial",
    "monitor unit",
    "hearing aid serial",
    "stimulator serial no.",
    "ICD serial",
    "bracelet ID",
]


def device_17() -> str:
    return rng.choice(
        [
            fake.bothify("???###-#####", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.bothify("??######?", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.numerify("###-#####"),
            fake.numerify("###########"),
            fake.bothify("#?###??#", letters="ABCDEFGHJKMNPRSTVWXYZ"),
            fake.bothify("??-#######", letters="ABCDEFGHJKMNPRSTVWXYZ"),
        ]
    )


def date_17() -> str:
    # Fixed bounds, not Faker's "-3y" relative to today: the rows stay the same whichever
    # day the script runs (the second round's date rows move with the day it is run).
    d = fake.date_between_dates(datetime.date(2022, 1, 1), datetime.date(2027, 6, 30))
    day = d.day
    suffix = "th" if 10 < day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return rng.choice(
        [
            f"{d.month}.{day}.{d.year}",
            f"{d.month:02d}.{day:02d}.{d.strftime('%y')}",
            d.strftime("%Y/%m/%d"),
            f"{day}-{d.strftime('%b')}-{d.year}",
            f"{d.strftime('%b')} {day}{suffix}",
            f"{d.strftime('%B')} {day}{suffix}, {d.year}",
            f"the {day}{suffix} of {d.strftime('%B')}",
            d.strftime("%d%b%Y").upper(),
            f"{d.strftime('%b')}. {day}, {d.year}",
            f"{d.strftime('%A')}, {d.month}/{day}",
            f"{d.month}/{day}/{d.strftime('%y')}",
            f"{day} {d.strftime('%B')} {d.year}",
        ]
    )


def phone_17() -> str:
    area = rng.choice(["919", "303", "614", "773", "206", "813", "702", "505", "860", "408"])
    line = f"01{rng.randint(0, 99):02d}"
    return rng.choice(
        [
            f"({area}) 555 {line}",
            f"+1 ({area}) 555-{line}",
            f"{area} 555-{line}",
            f"{area}.555.{line} ext {rng.randint(2, 999)}",
            f"{area}/555-{line}",
            f"1 ({area}) 555-{line}",
            f"555.{line}",
            f"{area}555{line}",
        ]
    )


def address_17() -> str:
    return rng.choice(
        [
            f"{fake.building_number()} {rng.choice(['N', 'S', 'E', 'W', 'N.', 'W.'])} "
            f"{fake.street_name()}",
            f"{fake.building_number()} {fake.street_name()}, {fake.secondary_address()}",
            f"{fake.building_number()} {fake.street_name()} {rng.choice(['Unit', '#', 'Apt.'])}"
            f" {rng.randint(1, 40)}{rng.choice(['', 'A', 'B'])}",
            f"Lot {rng.randint(1, 120)}, {fake.last_name()} Mobile Home Park",
            f"{fake.building_number()} {fake.last_name()} {rng.choice(['Rd', 'Ln', 'Ct', 'Dr'])}",
        ]
    )


GENERATORS.update(
    {
        "plate17": plate_17,
        "age17": age_17,
        "age_bare17": age_bare_17,
        "record17": record_17,
        "device17": device_17,
        "date17": date_17,
        "phone17": phone_17,
        "address17": address_17,
    }
)
KIND_OF.update(
    {
        "plate17": "license_plate",
        "age17": "age",
        "age_bare17": "age",
        "record17": "record_number",
        "device17": "device_id",
        "date17": "date",
        "phone17": "phone",
        "address17": "address",
    }
)

# Held-out families of the third round: written before any rule of the round and never
# used to change one; evaluate_screening reports them on a row of their own.
HELD_OUT_17 = {
    "plate-heldout-17": [
        "The man who keeps parking outside her school drives a {plate_state} {plate17}, per her.",
        "Neighbors wrote down {plate17} ({plate_state}) after the second break-in at mom's.",
        "Her stalker's hatchback has {plate_state} plates, {plate17}, and a cracked windshield.",
        "Protective order paperwork lists respondent vehicle {plate17}, {plate_state}.",
    ],
    "age-heldout-17": [
        "Referral from the memory clinic: {age17}, lives with a son who drinks.",
        "The oldest in my grief group is {age_bare17} and comes by bus every week.",
        "Pt, {age17}, tearful, says she is ready to die but not suicidal.",
        "His mother just turned {age_bare17} and he can't imagine losing her.",
    ],
    "record-heldout-17": [
        "Somebody at the clinic typed her {record_name17} {record17} into the group email.",
        "I only have the {record_name17} ({record17}) to go on; the name was redacted.",
        "Writing a letter for the board and the {record_name17} is {record17}.",
    ],
    "device-heldout-17": [
        "Her {device_cue17} {device17} keeps erroring out during the night.",
        "The rep asked me to read him the {device_cue17}: {device17}.",
        "Neurology's note lists the {device_cue17} as {device17} for some reason.",
    ],
    "date-heldout-17": [
        "I last saw him {date17}, before the eviction.",
        "Her daughter's funeral was {date17} and she hasn't slept since.",
        "The re-evaluation is pencilled in for {date17}.",
    ],
    "name-heldout-17": [
        "I'm not sure {first} trusts me yet, even after four months.",
        "Every time {first} mentions the accident her hands shake.",
        "The foster parents say {first} hoards food in his backpack.",
        "Supervision today was mostly about whether {first} needs a higher level of care.",
    ],
    "contact-heldout-17": [
        "Her grandmother keeps calling from {phone17} to ask if she showed up.",
        "The family moved to {address17} last month, near the rail yard.",
        "They rent a place in {city_zip} and she commutes two hours.",
    ],
}

DEVELOPMENT_17 = {
    "plates-17": [
        "The car that follows her home is a {plate_state} {plate17}, she says.",
        "She got the plate, {plate_state} {plate17}, and the sheriff still won't act.",
        "His truck ({plate17}, {plate_state} plates) was in the lot all afternoon.",
        "Dad's SUV has {plate_state} tags {plate17} and he parks across the street.",
        "The van with plate {plate17} ({plate_state}) was seen outside the shelter.",
        "Client saw the same sedan, {plate_state} {plate17}, at her new job.",
        "The vehicle on the police report is {plate17}, registered in {plate_state}.",
        "His car is {plate17}; staff know not to let him into the building.",
        "Mom drives a minivan, {plate_state} license {plate17}, and picks the kids up late.",
    ],
    "ages-17": [
        "New consult: {age17}, widowed twice, referred for complicated grief.",
        "The patient, {age17}, wants to discuss stopping dialysis.",
        "I'm seeing a {age17} who insists her late husband visits at night.",
        "Her aunt is {age_bare17} and still manages everyone's money.",
        "He turned {age_bare17} in the spring and hasn't left the house since.",
        "Our resident (age {age_bare17}) refuses to join any activity.",
        "My client's father, {age_bare17}, moved in after the fall.",
        "At {age_bare17} she finally wants to talk about the war.",
    ],
    "records-17": [
        "The {record_name17} on the letter, {record17}, doesn't match our file.",
        "Her {record_name17} is {record17} and the portal won't accept it.",
        "Billing called about {record_name17} {record17} again.",
        "I wrote the {record_name17} ({record17}) on the release by mistake.",
    ],
    "devices-17": [
        "The {device_cue17}, {device17}, is printed on the discharge sheet.",
        "Her {device_cue17} reads {device17} on the back of the unit.",
        "He asked me to note the {device_cue17} {device17} in case it's stolen again.",
    ],
    "dates-17": [
        "She was seen in the ED {date17} after cutting again.",
        "He moved out on {date17} and the kids haven't seen him since.",
        "The custody hearing got moved to {date17}.",
        "DOB {date17}, per the hospital face sheet.",
    ],
    "names-17": [
        "I told {first} we could slow down, and she looked relieved.",
        "It took {first} three sessions to say the word abuse.",
        "When {first} came in today she had a new bruise on her arm.",
        "Mom says {first} hasn't eaten dinner with the family in weeks.",
        "The school wants me to call about {first}'s absences.",
    ],
    "contact-17": [
        "His sister can be reached at {phone17} after work.",
        "The client's new address is {address17}, second floor.",
        "She's staying with her cousin in {city_zip} for now.",
        "Try the dad at {phone17}; mom won't pick up.",
        "Home visit at {address17} went better than expected.",
    ],
}

NEGATIVES_17 = [
    "Serial 7s: 93, 86, 79, 72, 65 without errors; MoCA 27/30.",
    "She's {clin_age_ok} and has been widowed since her 60s.",
    "A client in his late 80s, still driving, refuses a driving evaluation.",
    "My 89-year-old client wants to try EMDR; any contraindications at that age?",
    "Clients in their 90s often outlive their friends; grief groups help.",
    "Her 2018 Honda CR-V broke down and she missed two sessions.",
    "He drives a Ford F-150 for work and sleeps in the cab some nights.",
    "Plate waste at the group home dinner is a sign he's restricting again.",
    "The vehicle registration fee went up to $85 and the bus pass is $30.",
    "We use room 2-117 for groups; the waiting room is 2-101.",
    "CPT 96130 and 96131 for testing; ICD-10 F41.1 and F90.0.",
    "Lithium 900 mg, level 0.8; TSH 2.1; creatinine 0.9.",
    "PHQ-9 of 21 at intake, 9 by week 14; GAD-7 from 17 to 6.",
    "Group meets Thursdays 6:30-8:00 in suite 310; 12 spots, 9 filled.",
    "She spends 90 minutes a day on her phone and 3 hours on TikTok.",
    "The serial killer podcast is her comfort listening, oddly.",
    "Medicare covers 80% after the deductible; the copay is $45.",
    "Her ACE score is 7 and she's been sober 90 days as of this week.",
    "We saw 1,250 clients in 2024 across 5 clinics in 3 counties.",
    "In 1994 she left the convent; in 2004 she married; in 2014 she divorced.",
    "His A1c went from 9.4 to 7.1 with the new pump settings.",
    "He's 72, she's 68; they've been married 49 years.",
    "Ages 90+ are grouped in the census data we use for the grant.",
    "Our PO box is listed on the clinic website for records requests.",
    "Thanks, {clin_first}, that worksheet helped my client a lot.",
    "{clin_first} and I co-lead the DBT skills group on Mondays.",
    "Version 3.2.1 of the EHR broke the superbill export again.",
    "The study (n = 94) found no difference at 12 or 24 weeks.",
    "Score of 95 on the WAIS processing index, 102 full-scale.",
    "BP 142/91, pulse 96, O2 sat 97% on room air.",
]


def _fill(template: str) -> tuple[str, list[dict[str, object]]]:
    text, spans, pos = "", [], 0
    _PLATE_STATE.clear()
    for m in re.finditer(r"\{(\w+)\}", template):
        text += template[pos : m.start()]
        slot = m.group(1)
        if slot == "plate_state":
            # The state named beside a plate: the plate's own when it came first, else one
            # chosen now that the plate then follows.
            if not _PLATE_STATE:
                _PLATE_STATE.append(rng.choice(list(PLATE_SHAPES_17)))
            text += plate_state_17()
        elif slot == "plate17":
            value = plate_17()
            start = len(text)
            text += value
            spans.append({"kind": "license_plate", "start": start, "end": len(text), "text": value})
        elif slot == "record_name17":
            text += rng.choice(RECORD_NAMES_17)
        elif slot == "device_cue17":
            text += rng.choice(DEVICE_CUES_17)
        elif slot == "city_zip":
            city, z = city_state_zip()
            text += city + " "
            start = len(text)
            text += z
            spans.append({"kind": "zip", "start": start, "end": len(text), "text": z})
        elif slot == "zip5":
            z = fake.zipcode_in_state(rng.choice(list(STATES)))
            start = len(text)
            text += z
            spans.append({"kind": "zip", "start": start, "end": len(text), "text": z})
        elif slot == "city_zip_bare":
            # A city and its ZIP without the state ("Brooklyn 11211", "Detroit, 48201").
            abbr = rng.choice(list(STATES))
            text += fake.city() + rng.choice([" ", ", "])
            z = fake.zipcode_in_state(abbr)
            start = len(text)
            text += z
            spans.append({"kind": "zip", "start": start, "end": len(text), "text": z})
        elif slot == "zip4":
            z = fake.zipcode_in_state(rng.choice(list(STATES))) + f"-{rng.randint(1000, 9999)}"
            start = len(text)
            text += z
            spans.append({"kind": "zip", "start": start, "end": len(text), "text": z})
        elif slot == "first_lower":
            value = fake.first_name().lower()
            start = len(text)
            text += value
            spans.append({"kind": "name", "start": start, "end": len(text), "text": value})
        elif slot == "record_name":
            text += rng.choice(RECORD_NAMES)
        elif slot in CLINICIAN_16:
            text += CLINICIAN_16[slot]()
        elif slot.startswith("clin_"):
            text += {
                "clin_name": fake.name(),
                "clin_phone": fake.numerify("(###) 555-01##"),
                "clin_site": f"www.{fake.last_name().lower()}counseling.com",
                "clin_practice": f"{fake.last_name()} Family Therapy",
                "clin_email": f"{fake.first_name().lower()}@{fake.last_name().lower()}therapy.com",
                "clin_email_obf": f"{fake.first_name().lower()} at {fake.last_name().lower()}"
                "therapy dot com",
                "clin_street": street(),
                "clin_city_zip": " ".join(city_state_zip()),
            }[slot]
        else:
            value = GENERATORS[slot]()
            start = len(text)
            text += value
            spans.append({"kind": KIND_OF[slot], "start": start, "end": len(text), "text": value})
        pos = m.end()
    return text + template[pos:], spans


def _rows(families: dict[str, list[str]], prefix: str, note: str) -> list[dict[str, object]]:
    rows = []
    for family, templates in families.items():
        for t_index, template in enumerate(templates):
            for r in range(ROWS_PER_TEMPLATE):
                text, spans = _fill(template)
                rows.append(
                    {
                        "id": f"{prefix}-{family}-{t_index}-{r}",
                        "deidentified": False,
                        "text": text,
                        "spans": spans,
                        "family": family,
                        "note": note,
                    }
                )
    return rows


def main() -> None:
    dev_note = (
        "development data: synthetic, scripts/generate_phi_synthetic.py (Faker values in "
        "templates written for this project); development template families"
    )
    dev = _rows(DEVELOPMENT, "syn14", dev_note)
    for index, template in enumerate(NEGATIVES):
        for r in range(2):
            text, _ = _fill(template)
            dev.append(
                {
                    "id": f"syn14-neg-{index}-{r}",
                    "deidentified": True,
                    "text": text,
                    "spans": [],
                    "family": "negative",
                    "note": dev_note,
                }
            )
    # Reseeded, so editing the development families never changes the held-out rows.
    Faker.seed(SEED + 1)
    rng.seed(SEED + 1)
    held = _rows(
        HELD_OUT,
        "synho",
        "development data (not blind): synthetic, scripts/generate_phi_synthetic.py; held-out "
        "template families, never used to change a rule",
    )
    # The second round's held-out families follow the first's with the same generator
    # state, so the earlier held-out rows stay as they were.
    held += _rows(
        HELD_OUT_16,
        "synho16",
        "development data (not blind): synthetic, scripts/generate_phi_synthetic.py; held-out "
        "template families of the second round (devices, ZIPs, IPs, plates, phones, dates, "
        "names), written before the rules and never used to change one",
    )
    Faker.seed(SEED + 2)
    rng.seed(SEED + 2)
    dev16_note = (
        "development data: synthetic, scripts/generate_phi_synthetic.py (Faker values in "
        "templates written for this project); second-round development template families"
    )
    dev16 = _rows(DEVELOPMENT_16, "syn16", dev16_note)
    for index, template in enumerate(NEGATIVES_16):
        for r in range(2):
            text, _ = _fill(template)
            dev16.append(
                {
                    "id": f"syn16-neg-{index}-{r}",
                    "deidentified": True,
                    "text": text,
                    "spans": [],
                    "family": "negative",
                    "note": dev16_note,
                }
            )
    # The third round: its held-out families are appended after the earlier ones (whose
    # rows stay as they were), its development families and negatives go to phi_dev_17.
    Faker.seed(SEED + 3)
    rng.seed(SEED + 3)
    held += _rows(
        HELD_OUT_17,
        "synho17",
        "development data (not blind): synthetic, scripts/generate_phi_synthetic.py; held-out "
        "template families of the third round (plates, ages, records, devices, dates, names, "
        "contact details), written before the round's rules and never used to change one",
    )
    Faker.seed(SEED + 4)
    rng.seed(SEED + 4)
    dev17_note = (
        "development data: synthetic, scripts/generate_phi_synthetic.py (Faker values in "
        "templates written for this project); third-round development template families"
    )
    dev17 = _rows(DEVELOPMENT_17, "syn17", dev17_note)
    for index, template in enumerate(NEGATIVES_17):
        for r in range(2):
            text, _ = _fill(template)
            dev17.append(
                {
                    "id": f"syn17-neg-{index}-{r}",
                    "deidentified": True,
                    "text": text,
                    "spans": [],
                    "family": "negative",
                    "note": dev17_note,
                }
            )
    for path, rows in (
        (OUT / "phi_dev_14_synthetic.jsonl", dev),
        (OUT / "phi_synthetic_heldout.jsonl", held),
        (OUT / "phi_dev_16_synthetic.jsonl", dev16),
        (OUT / "phi_dev_17_synthetic.jsonl", dev17),
    ):
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(path.name, len(rows))


if __name__ == "__main__":
    main()
