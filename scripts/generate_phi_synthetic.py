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

Deterministic: a fixed seed for Faker and for the choices here.
"""

from __future__ import annotations

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


def _fill(template: str) -> tuple[str, list[dict[str, object]]]:
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        text += template[pos : m.start()]
        slot = m.group(1)
        if slot == "city_zip":
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
        elif slot == "record_name":
            text += rng.choice(RECORD_NAMES)
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
    for path, rows in (
        (OUT / "phi_dev_14_synthetic.jsonl", dev),
        (OUT / "phi_synthetic_heldout.jsonl", held),
    ):
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(path.name, len(rows))


if __name__ == "__main__":
    main()
