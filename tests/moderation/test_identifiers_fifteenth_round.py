"""Issue 20, fifteenth identifier round: classes that the retired 2026-12-07r and -07s sets
were missed or held for (retired at the start of stop 38). Each test uses its own wording (no
sentence of those files), and each look-alike beside it checks what must not change."""

from __future__ import annotations

import pytest

from tests.moderation.identifier_helpers import kinds_found


def _names(text: str) -> list[str]:
    return kinds_found(text).get("name", [])


def _ages(text: str) -> list[str]:
    return kinds_found(text).get("age", [])


def _dates(text: str) -> list[str]:
    return kinds_found(text).get("date", [])


# Ages over 89 after a name --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Referred by her PCP: Mrs. Ingrid Solberg, 97. She lives alone with two cats.", "97"),
        ("Consult on Mr. Abernathy-Cole, 91; widowed in June.", "91"),
        ("Augustin Ferreira, ninety-two and still driving to the senior center daily.", None),
        ("Dona Conceição Lopes, 94 anos, speaks only Portuguese.", "94 anos"),
        ("Don Ernesto, 96 años, vive con su hija.", "96 años"),
    ],
)
def test_an_age_over_89_after_a_name_is_found(text: str, age: str | None) -> None:
    found = _ages(text)
    assert found, text
    if age is not None:
        assert age in found


@pytest.mark.parametrize(
    "text",
    [
        # A subtest's score after its name, not an age.
        "WAIS-IV subtests: Vocabulary, 93. Matrix Reasoning, 95. Coding, 88.",
        # A number ending a clause after an everyday word.
        "Beds on the unit this month, 94. Staffing is thin.",
        "Her reading score went up, 91.",
    ],
)
def test_a_score_after_a_comma_is_no_age(text: str) -> None:
    assert _ages(text) == []


# Names: children and clients set off by their age or role --------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Oncology consult: Zuri, 6, relapsed after the second round.", "Zuri"),
        ("Rural clinic. Kenji, 15, lives with his grandmother since the fire.", "Kenji"),
        ("Mom wants the 13yo, Zaire, to quit football.", "Zaire"),
        ("2nd grader, Ja'Niyah, referred for selective mutism by her teacher.", "Ja'Niyah"),
        ("Intake today. 11yo Yaretzi translates for her dad at every visit.", "Yaretzi"),
    ],
)
def test_a_name_set_off_by_an_age_or_grade_is_the_client(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Telehealth: a teen in rural Nebraska, 16, with panic disorder.",
        "An exchange student from Brazil, 19, homesick and not sleeping.",
        "Older adult in Tacoma, 71, grieving her husband.",
        "Intake: a 58-year-old Navajo man with diabetes and low mood.",
    ],
)
def test_a_place_before_an_age_is_not_a_name(text: str) -> None:
    assert _names(text) == []


# Lower-case posts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ugh. his mom is shanice and she calls the front desk daily about his meds", "shanice"),
        ("quick q — dario's mom keeps asking for copies of his therapy notes", "dario"),
        ("geri consult, mrs. ostrowski turned 101 yesterday and wants a party", "ostrowski"),
        ("her nephew tobias is the only one who visits her now", "tobias"),
        ("client kaelyn called the crisis line twice this weekend", "kaelyn"),
    ],
)
def test_a_lower_case_name_after_a_cue_is_found(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "her mom is worried and his son is okay with the plan now",
        "the client's mom keeps asking whether therapy is working",
        "client intake called me about the waitlist again",
        "my client ended up calling the crisis line, which was the plan",
    ],
)
def test_lower_case_words_after_the_same_cues_are_not_names(text: str) -> None:
    assert _names(text) == []


# Chart headers and case captions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "MORALES, TERESA; DOB 2/9/61; MRN 00417733\nAlcohol withdrawal, CIWA 14",
            "MORALES, TERESA",
        ),
        ("Pt: LINDQVIST, HAROLD J   DOB: 05/02/1940   Rm 212", "LINDQVIST, HAROLD J"),
        ("Okonkwo, B. 44F DOB 3/3/1982\nMDD, recurrent", "Okonkwo, B."),
    ],
)
def test_a_chart_header_name_is_found(text: str, name: str) -> None:
    assert name in _names(text)


def test_acronyms_in_capitals_with_a_comma_are_no_chart_header() -> None:
    assert _names("DBT, CBT and ACT skills\nNO SI, HI today. PHQ-9 12.") == []


def test_the_defendant_in_a_criminal_caption_is_found() -> None:
    assert "Marchetti" in _names("Commonwealth v. Marchetti, docket 2284CR001193. Eval due.")


def test_a_cited_decision_with_its_year_is_not_a_client() -> None:
    assert _names("Remember State v. Andrews (1987) before you testify.") == []


# Officials named by office and surname ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "CIT call went well. Deputy Harlan stayed calm the whole time.",
        "Judge Whitcomb wants the competency report within 30 days.",
        "I'm thinking of inviting Pastor Greene into a family session.",
    ],
)
def test_an_official_by_office_and_surname_is_not_a_client(text: str) -> None:
    assert _names(text) == []


def test_a_relative_who_is_an_officer_is_still_held() -> None:
    # A relation before the office keeps the person a relative.
    assert "Reyes" in _names("His uncle Officer Reyes picked him up from school.")


def test_an_officer_with_a_full_name_is_still_held() -> None:
    assert "Dana Kessler" in _names("Client's PO is Officer Dana Kessler; she calls weekly.")


# Authors and instruments -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "DV history. We screen with the Danger Assessment (Campbell) at intake.",
        "Middle school threat. Using CSTAG (Cornell) and it looks transient.",
        "Hoarding, 70yo man. Clutter Image Rating 6 in the kitchen.",
    ],
)
def test_an_author_or_instrument_is_not_a_client(text: str) -> None:
    assert _names(text) == []


def test_a_relative_in_parentheses_is_still_a_name() -> None:
    assert "Marcus" in _names("Called DCF about her son (Marcus) today.")


def test_a_town_disaster_is_not_a_name() -> None:
    assert _names("Selma tornado survivors asked me to join their group online.") == []


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hoarding case. Fire marshal inspection 11/14, re-inspection 12/12.", "11/14"),
        ("Admitted to our inpatient unit 11/28 after a section 12.", "11/28"),
        ("Baby born with NAS 10/9, now in the NICU.", "10/9"),
    ],
)
def test_a_month_and_day_after_a_care_or_inspection_word_is_a_date(text: str, date: str) -> None:
    assert date in _dates(text)


def test_a_code_with_ce_in_it_does_not_make_a_hearing_date_an_event() -> None:
    text = (
        "Client Ana Reis, 77, code violation # PVD-CE-26-11040. Hearing set for "
        "January 9, 2027. Her son is worried."
    )
    assert "January 9, 2027" in _dates(text)


def test_ce_credits_still_make_a_date_an_event() -> None:
    # "CE" is the only event word here: without it the date is held.
    assert _dates("Hoarding update: 3 CE credits, January 9, 2027.") == []
    assert _dates("Hoarding update: 3 credits, January 9, 2027.") == ["January 9, 2027"]


def test_a_year_after_an_implant_is_no_device_id() -> None:
    assert "device_id" not in kinds_found("DBS for OCD, Y-BOCS 34 -> 19 after implant in 2023.")


# Second batch: screens owned, shorthand, the author's team, a setting's town ---------------


def test_a_name_owning_a_screen_score_is_the_client() -> None:
    assert "Hope" in _names("Hope's GAD-7 went from 18 to 7 this month, so proud of her.")


@pytest.mark.parametrize(
    "text",
    [
        "Geri psych consult: 86M, new confusion, UTI ruled out.",
        "Plaintiff's attorney wants my notes and I said no.",
        "Our school psychologist is Dana from the district office, she's lovely.",
        "IOP, Lowell: 38M on buprenorphine, doing well.",
    ],
)
def test_shorthand_roles_colleagues_and_towns_are_not_clients(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Geri came in crying today; her son stopped calling.", "Geri"),
        ("My client's therapist is Jonah Smith, DOB 1/2/1990.", "Jonah Smith"),
        ("Marisol's wife keeps calling about her meds.", "Marisol"),
    ],
)
def test_the_same_words_as_people_are_still_names(text: str, name: str) -> None:
    assert name in _names(text)


# Billing codes and a named colleague's e-mail ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Our state's Medicaid plan covers 90837 and 90847 now.", "ARHOME covers 90834 as of May."],
)
def test_a_billing_code_after_covers_is_no_zip(text: str) -> None:
    assert "zip" not in kinds_found(text)


def test_a_zip_in_a_billing_range_after_a_place_word_is_still_a_zip() -> None:
    assert "99205" in kinds_found("She moved to 99205 last year; her mom Ana lives there.")["zip"]


def test_a_named_colleagues_email_in_an_announcement_is_not_held() -> None:
    text = (
        "Welcoming Dr. Minh Tran to our group practice; he sees couples on Tuesdays. "
        "Reach him at mtran@harborfamilycounseling.com.\n-- Rosa Diaz, LMFT"
    )
    assert kinds_found(text) == {}


def test_a_client_who_is_a_doctor_keeps_his_email_held() -> None:
    text = "My client Dr. Vasilakis emailed me from vasilakis.md@gmail.com about cash sessions."
    assert kinds_found(text)["email"] == ["vasilakis.md@gmail.com"]


# Addresses given to a client, disaster-aid numbers, shared items ---------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("HUD-VASH vet finally housed at 418 Dover Rd, Unit 2, Clarksville TN 37042.", "address"),
        ("His wife may join at 77 Orchard St, Merced 95340 for the home visit.", "zip"),
    ],
)
def test_a_clients_new_home_or_a_relatives_address_is_found(text: str, kind: str) -> None:
    assert kind in kinds_found(text)


def test_a_practice_housed_at_an_address_is_still_its_own() -> None:
    text = "Our clinic is housed at 400 Pine St, Suite 2, Tacoma WA 98402. Walk-ins welcome."
    assert kinds_found(text) == {}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The family's FEMA registration 551204938 is stuck in appeal.", "551204938"),
        ("FEMA reg # FEMA 2-118-90312 for the grandmother we see.", "2-118-90312"),
        ("They keep denying her, registration # FEMA-4471-0093318.", "FEMA-4471-0093318"),
    ],
)
def test_a_fema_registration_is_a_record_number(text: str, number: str) -> None:
    assert number in kinds_found(text)["record_number"]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "Her son's IEP got posted online at pastebin.com/raw/Qw8Zt2Lm and mom is frantic.",
            "pastebin.com/raw/Qw8Zt2Lm",
        ),
        (
            "A student shared her journal with me: docs.google.com/document/d/1Ab9xYz/edit",
            "docs.google.com/document/d/1Ab9xYz/edit",
        ),
    ],
)
def test_a_shared_item_of_a_client_is_a_url_identifier(text: str, url: str) -> None:
    assert url in kinds_found(text)["url"]


def test_a_clinicians_resource_document_is_not_held() -> None:
    text = "Resources I keep updated: https://docs.google.com/document/d/1xZq-resources"
    assert kinds_found(text) == {}
