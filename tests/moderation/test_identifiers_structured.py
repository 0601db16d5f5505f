"""Structured patient identifiers (issue 20): SSNs, ZIP codes, street addresses, e-mail,
scheme-less URLs, record numbers under other names and ages over 89, each as a class of
shapes, with the look-alikes each class must leave alone.

Plain functions, no database: the detector is pure Python.
"""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers


def found(text: str) -> dict[str, list[str]]:
    spans: dict[str, list[str]] = {}
    for span in find_identifiers(text):
        spans.setdefault(span.kind, []).append(span.text)
    return spans


def assert_found(text: str, value: str) -> None:
    hits = [s for s in find_identifiers(text) if value in s.text or s.text in value]
    assert hits, f"{value!r} not found in {text!r}: {found(text)}"


# --- Social Security numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Intake lists his social security number as 538217764.", "538217764"),
        ("Her SS number is 412 73 9051, per the shelter form.", "412 73 9051"),
        ("He wrote 287.56.0431 in the box marked Social Security.", "287.56.0431"),
        ("The disability paperwork shows SSN ending 7712.", "7712"),
        ("Soc sec #: 634112087 was on the fax.", "634112087"),
        ("The employer used her tax ID, 501-62-8834, instead.", "501-62-8834"),
        ("Her social on file is 219 09 9999 according to billing.", "219 09 9999"),
        ("Taxpayer identification number 401 22 1234 on the W-9 is the client's.", "401 22 1234"),
        ("His S.S.N. 123-45-6789 ended up on the sign-in sheet.", "123-45-6789"),
        # Nine bare digits with an SSN word after them.
        ("He read me 538217764, his social, over the phone.", "538217764"),
    ],
)
def test_ssn_in_any_grouping_after_any_introducer(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A number the post calls an SSN, a social or a tax ID is one whatever the SSA would
        # issue: ITINs begin with 9, and a mistyped SSN is still nearly the client's.
        ("His SSN was listed as 000-12-3456 which the SSA never issues.", "000-12-3456"),
        ("The form says SSN 666 12 3456, obviously fake.", "666 12 3456"),
        ("Social security: 912345678 is not a valid number.", "912345678"),
        ("SSN: 123-00-4567 was a typo.", "123-00-4567"),
        ("She files with an ITIN, 912-78-4410, since she has no SSN yet.", "912-78-4410"),
        ("mom's SSN on the intake is 401-38-2275 and the kid's is 903-11-8840.", "903-11-8840"),
        ("The packet had the father's social (908-66-1043) unredacted.", "908-66-1043"),
        ("A column of SSNs, and my client's, 913-20-4476, among them.", "913-20-4476"),
    ],
)
def test_an_introduced_ssn_counts_whatever_its_area(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        # With no SSN word, an area the SSA never issues makes it another number.
        "Claim 912-34-5678 was denied twice.",
        "Order 000 12 3456 shipped Tuesday.",
        # A placeholder of zeros.
        "SSN: 000-00-0000 until she brings the card.",
        # Nine digits with no introducer are not an SSN.
        "The lab batch 123456789 came back clean.",
        "Tracking 400.12.2025 for the order of workbooks.",
    ],
)
def test_placeholder_or_unintroduced_nine_digits_are_not_ssns(text: str) -> None:
    assert "ssn" not in found(text)


# --- ZIP codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He lives with his sister in Springfield, IL 62704 and walks to our clinic.", "62704"),
        ("Her mother's place is at Santa Fe, NM 87505, outside my license area.", "87505"),
        ("Records went to Eugene, Oregon 97402-3318 last week.", "97402-3318"),
        ("The claim bounced because the ZIP was 30318-4402.", "30318-4402"),
        ("She lives in 97214 now, near her sister.", "97214"),
        ("Zip code: 10027 per the intake.", "10027"),
        # Postal codes of other countries after a cue.
        ("Her postal code is B0J 2H0, rural Nova Scotia.", "B0J 2H0"),
        ("ZIP: 3520 on the Belgian form.", "3520"),
        ("Postcode SW1A 1AA, she said, laughing.", "SW1A 1AA"),
    ],
)
def test_zip_after_city_and_state_as_zip4_or_by_cue(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "I billed 90834 OR 90837 depending on length.",
        "CPT 90837 with modifier 95 for telehealth.",
        "She takes 20000 IU of vitamin D weekly.",
        "Our group in Portland, OR has 12 members.",
        "The PA 45000 grant covers peer support.",
        "The plan has a cap of 150 sessions a year.",
        "The zip code changes of 2019 moved the county line.",
    ],
)
def test_cpt_codes_doses_and_counts_are_not_zips(text: str) -> None:
    assert "zip" not in found(text)


# --- street addresses in running prose ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She couch surfs at her boyfriend's place on the corner of Fifth and Alder.", "Fifth"),
        ("The grandparents live at 4410 County Road 12 outside town.", "County Road 12"),
        ("Mail goes to RR 2 Box 118 since the fire.", "RR 2 Box 118"),
        ("They moved into 77 Willow Crossing apartment 4B in March.", "77 Willow Crossing"),
        ("His trailer is at 9 Sycamore Hollow, lot 14.", "9 Sycamore Hollow"),
        ("The home visit was at 1212 Birch Landing.", "1212 Birch Landing"),
        ("She stays off Highway 27 past the feed store.", "Highway 27"),
    ],
)
def test_street_addresses_in_prose(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "We did 3 sessions of EMDR and 10 mg of propranolol before each.",
        "She has 2 Kids and 1 Dog and lives with her mom.",
        "The 12 Steps and the Big Book are central to his recovery.",
        "Route 66 was his favourite road trip as a kid.",
        "Between Fifth and Sixth grade she changed schools.",
    ],
)
def test_counts_doses_and_grades_are_not_addresses(text: str) -> None:
    assert "address" not in found(text)


# --- e-mail -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her daughter writes from dana.whitfield at gmail dot com.", "dana.whitfield"),
        ("He gave jrod88 [at] protonmail [dot] com for reminders.", "jrod88"),
        ("Mom emails from kim(at)yahoo.com most days.", "kim(at)yahoo.com"),
        ("The wife wrote from pat.kowalczyk@outlook.com asking to join sessions.", "pat.kowalczyk"),
        ("His school address is t.nguyen+therapy@students.example.edu.", "t.nguyen+therapy"),
    ],
)
def test_email_plain_obfuscated_plus_tagged_and_subdomains(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "She works at amazon.com and used to work at target.com.",
        "We met at noon. Com- munity sessions run weekly.",
        "Verify at www (dot) example (dot) com before sharing.",
        "Email me at intake at ourpractice dot com for the flyer.",
    ],
)
def test_workplaces_websites_and_practice_mail_are_not_client_email(text: str) -> None:
    assert "email" not in found(text)


# --- URLs without a scheme ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He asked me to follow x.com/dsims after session.", "x.com/dsims"),
        ("His page medium.com/@rjones describes his relapse.", "medium.com/@rjones"),
        ("Her obituary is at tributes.com/us/obituaries/jean-smith-1931.", "tributes.com"),
        ("The fundraiser is at givebutter.com/campaigns/help-the-okafors.", "givebutter.com"),
        ("Her son's art is on artstation.com/tkim_draws.", "artstation.com/tkim_draws"),
        # Introduced as the client's by "whose" or by a portfolio, gallery or newsletter.
        (
            "A client whose blog https://quietroomnotes.net names the unit.",
            "quietroomnotes.net",
        ),
        ("She sends links to her portfolio https://lferrazstudio.com now.", "lferrazstudio.com"),
        ("His newsletter at ravenmornings.net has his full story.", "ravenmornings.net"),
    ],
)
def test_profile_and_personal_urls_without_a_scheme(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "A good handout: nimh.nih.gov/health/publications/in/depression.",
        "I use therapistaid.com/worksheets/p/abc with teens.",
        "Try samhsa.gov/find-help or psychologytoday.com/us/therapists.",
    ],
)
def test_public_resource_links_are_not_identifiers(text: str) -> None:
    assert "url" not in found(text)


# --- record numbers under other names -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The school sent his student ID, S0093317, with the 504 plan.", "S0093317"),
        ("Her taxpayer number, 611-40-9273, and Medicare number 1EG4-TE5-MK72.", "1EG4-TE5-MK72"),
        ("The form had his driver's license number, WDL7731904, too.", "WDL7731904"),
        ("Her Kaiser number is 40012877 if you need it.", "40012877"),
        ("The EOB shows encounter E-5531902 with the wrong code.", "E-5531902"),
        ("Her A-number is A204518873 on the USCIS notice.", "A204518873"),
        ("Beneficiary 1EG4TE5MK72 was denied the claim.", "1EG4TE5MK72"),
        ("File number 2023-FC-00417 is the custody case.", "2023-FC-00417"),
    ],
)
def test_record_numbers_under_other_names(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "@dlogue22 and @finnj97 are arguing again.",
        "Colored in #663399 for the flyer.",
        "Her phone number is the one I gave the school.",
        "CPT code 90837 is the one I bill most.",
        "In 2019 number 10 on the list was sleep.",
    ],
)
def test_handles_colours_and_codes_are_not_record_numbers(text: str) -> None:
    assert "record_number" not in found(text)


# --- ages over 89 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A 93 y.o widow came in with her niece.", "93 y.o"),
        ("She's 94 and still drives to session.", "94"),
        ("At the age of ninety-six she moved in with her son.", "ninety-six"),
        ("He turned a hundred and two last week.", "hundred and two"),
        ("In his 91st year he started painting again.", "91st year"),
        ("Consult on a 97-y/o man with new paranoia.", "97-y/o"),
        ("He was 95 when his wife died.", "95"),
    ],
)
def test_ages_over_89_in_words_and_abbreviations(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Her score was 95 on the test.",
        "He is 95% adherent to the plan.",
        "A client in her 90s is grieving.",
        "She was 92mg over the limit, the pharmacist joked.",
        "The 90-day review is due.",
    ],
)
def test_scores_percentages_and_decades_are_not_ages(text: str) -> None:
    assert "age" not in found(text)


# --- a clinician's own details stay clean --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Happy to consult.\n-- Dana Ruiz, LCSW\n(503) 555-0177 | www.ruizcounseling.com",
        "The agency's intake line is 503-555-0100 and their address is on the website.",
        "Our office is at 1200 NW Everett St, Portland, OR 97209; call my office to refer.",
        "I'm Jordan Kim, LPC, in Tacoma, WA 98405. Referrals welcome at jo.kim at gmail dot com.",
        "Happy to talk offline.\n-- Sam Patel, PsyD\nsam at patelpsych dot com | 212-555-0199",
    ],
)
def test_practice_and_agency_contact_details_are_not_patient_identifiers(text: str) -> None:
    assert found(text) == {}


def test_a_self_introduction_clears_only_the_clinician() -> None:
    assert found("I'm her therapist and she lives in Tacoma, WA 98405.") == {"zip": ["98405"]}


def test_nine_digits_named_as_another_number_keep_that_kind() -> None:
    assert found("MRN 448812337 and no SSN on file.") == {"record_number": ["448812337"]}


def test_a_quote_replys_attribution_names_a_colleague_not_a_client() -> None:
    """forum.composer's quote-reply writes "> **Name** wrote:": that name is the quoted
    member's, so quoting a colleague asks no identifier question; a client named in the
    quoted text or elsewhere is still found."""
    from detectors.identifiers import find_identifiers

    quoted = "> **Dana Reyes** wrote:\n>\n> Try interoceptive exposure first.\n\nAgreed, thanks."
    assert find_identifiers(quoted) == []
    inside = "> **Dana Reyes** wrote:\n>\n> My client Maria Lopez called twice.\n\nOk."
    assert [s.text for s in find_identifiers(inside)] == ["Maria Lopez"]
    elsewhere = "My client Dana Reyes came in today. Dana Reyes wrote: a letter."
    assert [s.text for s in find_identifiers(elsewhere)] == ["Dana Reyes", "Dana Reyes"]
