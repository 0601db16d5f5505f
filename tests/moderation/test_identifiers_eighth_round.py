"""Issue 20, eighth identifier round: classes from the retired 2026-12-06e blind set (a ZIP
after a street address with a town between, street addresses typed in lower case, a place
given next to a public phone line, a person's date after a training was mentioned, care
transitions before a month/day, intake shorthand, a site a relative builds, a plate after
what someone drives) and look-alikes it flagged (a state and its ZIP read as a plate,
procedure codes read as ZIPs, a town named for a person, a quoted nickname in a signature,
a rule line above a signature, the author naming themselves to a group). Each test uses its
own wording, not the rows'."""

from __future__ import annotations

import pytest

from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The eviction notice lists 310 W Laurel Ave Apt 2B, Fresno 93704 as her home.", "93704"),
        ("He is couch surfing at 88 Pine Hollow Rd Duluth 55803 this month.", "55803"),
        ("Mail goes to 1200 Ocean Blvd Unit 7, 32034 so the partner never sees it.", "32034"),
        ("her dad's place at 19 w 3rd st, dayton 45402, is where she sleeps now.", "45402"),
    ],
)
def test_zip_after_a_street_address_with_or_without_a_town(text: str, value: str) -> None:
    # Found as a ZIP, or inside the address span that runs on to it.
    found = kinds_found(text)
    assert value in found.get("zip", []) or any(value in a for a in found.get("address", []))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on mobile sorry. client is staying at 2204 n elm st with a cousin.", "2204 n elm st"),
        (
            "typing fast: his mom's house is 57 birch ave apt 3, can I send the letter?",
            "57 birch ave apt 3",
        ),
    ],
)
def test_street_addresses_typed_in_lower_case(text: str, value: str) -> None:
    assert value in kinds_found(text).get("address", [])


@pytest.mark.parametrize(
    "text",
    [
        "She walks 20 min down the road to the bus, then 2 kids drive her home.",
        "We meet 12 on the way st patricks parade goes by. A 45 minute drive each way.",
        "Took 10 mg st johns wort with it, which worried her prescriber.",
        "pt took 2 pills dr said it was fine, then 3 more ct scan day",
    ],
)
def test_lower_case_measures_and_phrases_are_not_addresses(text: str) -> None:
    assert "address" not in kinds_found(text)


def test_a_public_phone_line_does_not_clear_where_someone_is() -> None:
    text = (
        "Night shift: we phoned the crisis line and asked for a welfare check at "
        "4130 Maple Grove Dr, Boise 83704 because he stopped answering."
    )
    found = kinds_found(text)
    assert "4130 Maple Grove Dr" in found.get("address", [])
    assert "83704" in found.get("zip", [])


def test_a_public_line_still_clears_its_own_number() -> None:
    assert "phone" not in kinds_found("For anyone in crisis the hotline is 1-800-273-8255.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Looking for a trauma training. My 8yo client, born June 9, 2018, was adopted at 3.",
            "June 9, 2018",
        ),
        ("CE workshop question: a teen born 02/11/2010 is asking about her records.", "02/11/2010"),
        ("pt d/c'd from detox 3/14 and starts IOP with me Monday.", "3/14"),
        ("Admitted to inpatient 10/2 after the attempt; discharged from the unit 10/9.", "10/9"),
    ],
)
def test_a_persons_own_dates(text: str, value: str) -> None:
    assert value in kinds_found(text).get("date", [])


def test_a_trainings_date_still_passes() -> None:
    assert "date" not in kinds_found("The DBT training on March 14, 2027 still has seats.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Intake notes: 52F, T. Okonkwo-Reyes, referred by her PCP for panic.", "Okonkwo-Reyes"),
        ("Client lavinia is 94 and still drives to group.", "lavinia"),
        ("My client Delphine, MS diagnosed last spring, wants help with the fatigue.", "Delphine"),
    ],
)
def test_names_in_shorthand_lower_case_and_beside_a_diagnosis(text: str, value: str) -> None:
    assert value in kinds_found(text).get("name", [])


@pytest.mark.parametrize(
    "text",
    [
        "Our sliding-scale group meets in Ann Arbor on Thursdays.",
        "Hi all, it's Priya from the Monday consult group. Notes are attached.",
        'Antonia "Toni" Vasquez, LPC\nRiverbend Counseling\n(503) 555-0147\n\n'
        "Who uses IFS with teens?",
        "--\nJonah Pell, LCSW\nPell Therapy\n414-555-0128 | jonah@pelltherapy.com\n\n"
        "Anyone in a consult group for EMDR?",
        "Renata Silva, MS, LMHC is presenting the case on Friday.",
    ],
)
def test_clinicians_own_names_and_towns_are_not_held(text: str) -> None:
    assert kinds_found(text) == {}


def test_a_site_a_relative_is_building_leads_to_the_client() -> None:
    text = "Her grandson is building a site, www.nanabettyremembers.com, with her old photos."
    assert "www.nanabettyremembers.com" in kinds_found(text).get("url", [])


def test_a_plate_after_what_someone_drives() -> None:
    text = "The client says her ex drives a silver Altima, KRD 4419, and parks outside her work."
    assert "KRD 4419" in kinds_found(text).get("license_plate", [])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Office: 22 W 38th St, 9th Fl, New York NY 10018. Reading up on van der Kolk.",
            "license_plate",
        ),
        ("Was 99354 replaced? I think it moved to 99417 for E/M but not for psychotherapy.", "zip"),
    ],
)
def test_state_zips_and_procedure_codes_are_not_plates_or_zips(text: str, kind: str) -> None:
    assert kind not in kinds_found(text)


def test_labels_a_phone_after_a_voicemail_and_a_plate_after_plate() -> None:
    text = "client left a vm from unknown number 608-555-0133; her car is gone, WI plate KTR-4410."
    found = kinds_found(text)
    assert "608-555-0133" in found.get("phone", [])
    assert "KTR-4410" in found.get("license_plate", [])
