"""Issue 20, ninth identifier round: classes among the development misses left after the
eighth (a person's detail right after a name, whose records, a title opening a parenthesis, a
name set off by commas after a person, a lower-case name in parentheses, plates in
parentheses or by what they say, ages right after a client word, a site a named young person
built, nine bare digits in a post about an SSN, a number inside a quoted voicemail) and
look-alikes it flagged (camel-case words, place names, states after a preposition, a
specialty's consult, researchers' work, authors joined by "&", a unit on its own). Each test
uses its own wording."""

from __future__ import annotations

import pytest

from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Face sheet: Marisol Etxeberria, DOB 2/2/1984, came in for a re-intake.", "Etxeberria"),
        (
            "Voicemail from W. Abernathy-Cole, callback 414-555-0190, asking about groups.",
            "Abernathy-Cole",
        ),
        ("The subpoena asks for records for Quentin Ashby-Morrow from 2023.", "Quentin"),
        ("A client I see weekly (Mr. Vandersloot) lost his wife in March.", "Vandersloot"),
        ("Two of my teens, Ximena, asked to switch groups.", "Ximena"),
        ("a man who is ninety-one, Florian Weatherby, lives alone now.", "Florian Weatherby"),
        ("client's sister (rosalind) keeps calling the front desk.", "rosalind"),
    ],
)
def test_names_by_their_detail_records_title_or_apposition(text: str, value: str) -> None:
    assert any(value in found for found in kinds_found(text).get("name", []))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her truck (7KTR 218) was outside my office again.", "7KTR 218"),
        ("His plate literally reads HOPEFUL, which he loves.", "HOPEFUL"),
    ],
)
def test_plates_in_parentheses_and_by_what_they_say(text: str, value: str) -> None:
    assert value in kinds_found(text).get("license_plate", [])


def test_the_authors_own_plate_slogan_passes() -> None:
    assert "license_plate" not in kinds_found("My plate says THERAPY and clients notice it.")


@pytest.mark.parametrize(
    "text",
    [
        "Geriatric consult: patient 97, moving to assisted living next week.",
        "Medicaid question: client's ninety-eight and the plan denied home visits.",
        "Quick one: 103 and still asking for weekly sessions.",
    ],
)
def test_ages_right_after_a_client_word_or_opening_a_clause(text: str) -> None:
    assert "age" in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Her sats were 95 and still dropping at night.",
        "The patient 95th percentile growth chart is in the packet.",
    ],
)
def test_numbers_that_are_not_ages(text: str) -> None:
    assert "age" not in kinds_found(text)


def test_a_site_a_named_young_person_built() -> None:
    text = "Rowan (15) made a website about trains (rowanrails.carrd.co) and kids mock it."
    assert "rowanrails.carrd.co" in kinds_found(text).get("url", [])


def test_nine_bare_digits_in_a_post_about_an_ssn() -> None:
    text = (
        "The old intake has her SSN written out in the history section, and the billing "
        "sheet from the same week repeats it a second time as 523418876 near the top."
    )
    assert "523418876" in kinds_found(text).get("ssn", [])


def test_a_number_inside_a_quoted_voicemail_is_the_callers() -> None:
    text = 'Voicemail: "Hi, this is Bo, my number is 262 555 0143, call me back." Refer out?'
    assert "262 555 0143" in kinds_found(text).get("phone", [])


@pytest.mark.parametrize(
    "text",
    [
        "MoCA 22/30 and the SLUMS agree; what would you add?",
        "Conference in San Diego next spring, anyone going?",
        "My internship supervisor in Oregon said to wait.",
        "Peds consult: 7yo with encopresis, any behavioural plans you like?",
        "Bruce Wampold's research on common factors changed how I supervise.",
        "Any workbooks beyond Dawson & Guare for executive function?",
        "Suite 210 is where the new DBT group meets on Tuesdays.",
        "Our inpatient unit is on 4 North. Average stay is six days.",
    ],
)
def test_look_alikes_are_not_identifiers(text: str) -> None:
    assert kinds_found(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        # A one-line card that opens with a dash.
        "— Tomasz Wierzbicki, LPC | PA LPC #PC011842 | Maple Street Counseling, 410 Oak Ave, "
        "Suite 2, Erie PA 16501 | 814-555-0162",
        # A greeting of another language opening a post that is all signature.
        "Mahalo,\nLeilani Akana, LMFT\nOffice: 808-555-0133",
        # The full name with pronouns on the line above the credential line.
        "Thanks, this helped a lot.\n\nJordan Okeke (they/them)\nAssociate Professional "
        "Clinical Counselor #APCC 12345",
        # Other countries' registers and role titles, fields joined by bars.
        "Aoife Brennan | Counselling Psychologist | PSI Reg. 30122 | CORU Reg. PS051234 | "
        "Galway | +353 91 555 0148",
        "— Dr. Hamish Tran, DClinPsy | AHPRA PSY0002234567 | Level 3, 12 Smith St, Collingwood "
        "VIC 3066 | +61 3 5550 1777",
    ],
)
def test_more_signature_shapes_are_the_authors_own(text: str) -> None:
    assert kinds_found(text) == {}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # USPS prefixes Faker's ranges leave out: Nebraska 688-693, Vermont 056-059,
        # Connecticut 064-069, Louisiana 713-714.
        ("He farms alone outside 69101, two hours from any clinic.", "69101"),
        ("She moved in with her aunt in Rutland, VT 05701 last month.", "05701"),
        ("The family's place is 19 Elm St, Waterbury 06704, near the school.", "06704"),
        ("Client lives at 2210 Pine St (71301) with her grandmother.", "71301"),
        ("Work-comp form: claim WC-88-1120, ZIP on file is 49503.", "49503"),
    ],
)
def test_zips_in_prefixes_faker_leaves_out_and_after_a_street_in_parentheses(
    text: str, value: str
) -> None:
    found = kinds_found(text)
    assert value in found.get("zip", []) or any(value in a for a in found.get("address", []))


def test_a_second_number_shaped_like_a_found_record_number() -> None:
    text = "Her chart # 31-55092 was duplicated; the other one is 31-55093."
    assert kinds_found(text).get("record_number") == ["31-55092", "31-55093"]


def test_numbers_of_another_shape_are_not_taken_for_the_record() -> None:
    text = "Her chart # 31-55092; BP 120/80, weight 61.5 kg, seen 3 times."
    assert kinds_found(text).get("record_number") == ["31-55092"]


def test_a_surname_doing_what_a_person_does() -> None:
    assert "Haddad" in kinds_found("Haddad came in late again and left before the end.").get(
        "name", []
    )


def test_a_zip_code_named_as_such_is_not_billing_talk() -> None:
    assert "60629" in kinds_found("Her family is in the 60629 zip code since the eviction.").get(
        "zip", []
    )


def test_a_suite_alone_in_an_address_block_still_counts() -> None:
    text = "Send it to her at\n4410 Harbour Way\nSuite 318\nOslo"
    assert any("Suite 318" in value for value in kinds_found(text).get("address", []))


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Pasted from intake:\nName: Radka Novotna\nPhone: 312 882 4410", "name", "Radka"),
        ("The 12 year old, Tamsin, is the one in my office.", "name", "Tamsin"),
        ("Her CGM transmitter (7QX2LM) buzzes all session.", "device_id", "7QX2LM"),
        (
            "Her stimulator, SN NeuroPace-22-41907, was checked last week.",
            "device_id",
            "NeuroPace-22-41907",
        ),
        ("She sleeps in her car, MOMOF3 vanity plates and all.", "license_plate", "MOMOF3"),
        (
            "Her ex waits outside in his car (silver altima, JRT 4410) every week.",
            "license_plate",
            "JRT 4410",
        ),
    ],
)
def test_set_24_classes(text: str, kind: str, value: str) -> None:
    assert value in kinds_found(text).get(kind, [])


@pytest.mark.parametrize(
    "text",
    [
        "My biller (Denise, bless her) says we can bill both codes.",
        "Our staff elder, Mr. Yazzie (he's our cultural liaison), joins the groups.",
        "Our team (me, Ruben, and Alma) wrote the school's safety plan.",
        "Anyone using Stanley & Brown with teens, or something shorter?",
        "Has anyone tried Litz's adaptive disclosure model with veterans?",
        'Zoom said "meeting ID 835 4421 9076 is not valid" again at 3pm.',
        "Pt on a hold was moved from Unit 3 to Unit 5 overnight; family not told.",
        "For colleagues in Ireland: supervision ratios are in the IACP guide.",
        "Mr. D. Ruiz, M.Ed., LSC\nSchool Counselor, Lincoln Middle School\ndruiz@lincolnms.org",
        "Cheers — Priya (BABCP accredited CBT therapist, York)",
        "Wado,\nLisa Sixkiller, LPC\nThree Rivers Clinic\n(918) 456-2270 ext. 311",
        "Useful thread.\n\nKind regards,\nDr Aled Price\nClinical Psychologist, HCPC PYL33421\n"
        "Valleys Psychology Service\n029 2074 4612",
        "Thanks all.\n\nMarc Tremblay, M.Ps., RP\nCRPO #004128\n514-845-7731",
    ],
)
def test_set_24_look_alikes_and_signatures_are_not_identifiers(text: str) -> None:
    assert kinds_found(text) == {}


# From the retired 2026-12-06f set (development), in this file's own wording.


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("She lives way out in a remote spot, 82190, with no cell service.", "zip", "82190"),
        ("Any good DBT groups near Oak Cliff (75208) for a teen?", "zip", "75208"),
        ("Ninety-nine. That's how old my oldest client is.", "age", "Ninety-nine"),
        ("His vanity plate (GOHAWKS7) made him easy to find.", "license_plate", "GOHAWKS7"),
    ],
)
def test_set_06f_classes(text: str, kind: str, value: str) -> None:
    found = kinds_found(text)
    assert value in found.get(kind, []) or any(value in v for vs in found.values() for v in vs)


@pytest.mark.parametrize(
    "text",
    [
        "+1 to the sliding-scale advice. Charge what you're worth, folks. — Jo",
        "I set my fees for the Twin Cities area after asking around.",
        "Lambert et al. 2004 is still the paper people cite for this.",
        "Great thread.\n\nRegards,\nAmir Haddad, LPC\nHaddad Counseling\n(615) 555-0139\n"
        "Nashville, TN",
        "Loved this.\n\nDeb\n---\nDeborah Okoye-Lamb, LCPC\nBay Play Therapy\n(410) 555-0122",
        "Code enforcement visited the office park (21201) today about the parking lot.",
    ],
)
def test_set_06f_look_alikes_are_not_identifiers(text: str) -> None:
    assert kinds_found(text) == {}


# From the retired 2026-12-06g set (development), in this file's own wording.


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Lives way past the county line, zip 69361, two hours from any ER.", "zip", "69361"),
        ("Her home base is 72205 and that's the address on file.", "zip", "72205"),
        ("60618 - that's the zip she just moved into.", "zip", "60618"),
        ("DOB 2/3/1931, so 94, and still drives to every session.", "age", "so 94"),
        ("My patient Ida Krol (101!) sent me a card.", "age", "(101!)"),
        ("Client's car says SOBR4LF and she wants to change it.", "license_plate", "SOBR4LF"),
        ("He has 12 parking tickets on plate JWR-5512 this month.", "license_plate", "JWR-5512"),
        ("She uses the name Velvet at work and another name at home.", "name", "Velvet"),
        ('Form said "Emergency contact: Lorna Pike (sister) 501-882-4410".', "name", "Lorna Pike"),
        (
            "Born the fourth of July, 1950, and he loves the fireworks joke.",
            "date",
            "the fourth of July, 1950",
        ),
        ("His claim # C-31 552 908 is still pending.", "record_number", "C-31 552 908"),
    ],
)
def test_set_06g_classes(text: str, kind: str, value: str) -> None:
    found = kinds_found(text)
    assert value in found.get(kind, []) or any(value in v for vs in found.values() for v in vs)


@pytest.mark.parametrize(
    "text",
    [
        "Teacher Vanderbilt is elevated but the parent form is not.",
        "Twins, age 7, both referred for biting at school.",
        "Command wants him back on duty in 72 hours.",
        "We're doing FBT (Lock & Le Grange) with a 16yo.",
        "Thanks all.\n\nJules Ortiz, M.A., RP (CRPO #10811)\nOttawa, ON | they/them\n"
        "jules.ortiz.therapy@outlook.com",
        "Kia ora koutou, keen to hear how others adapt TF-CBT.\n\nNgā mihi,\nHine Walker\n"
        "Registered Psychotherapist (PBANZ)\nWhanganui | 021 448 390",
        "Thoughts welcome.\n--\nLeo Park, Psy.D.\nLicensed Clinical Psychologist\n"
        "leo@parkpsychology.com\nPlease do not send clinical information via email.",
    ],
)
def test_set_06g_look_alikes_are_not_identifiers(text: str) -> None:
    assert kinds_found(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Our new hire Marcus Bell, LMFT has openings on Tuesdays.",
        "Dana Whitfield, LCSW was my first supervisor.",
        "She moved to Jackson, MS last year for the new job.",
    ],
)
def test_only_ms_ma_and_do_must_not_be_followed_by_a_diagnosis(text: str) -> None:
    # "my client Maria, MS diagnosed in 2019" is a diagnosis; other credentials and states
    # stay what they are whatever verb follows.
    assert "name" not in kinds_found(text)
