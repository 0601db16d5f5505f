"""Identifier classes of issue 20's second round: device identifiers, ZIPs without a state,
IPv4/IPv6, licence plates, phone numbers in every common form, weekday dates, names used
alone; and a clinician's own signature (NPI, licence, practice details) left alone.

Sentences written for these tests, apart from the development vignettes. Plain functions,
no database: the detector is pure Python.
"""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found as kinds


def assert_found(text: str, value: str) -> None:
    hits = [s for s in find_identifiers(text) if value in s.text or s.text in value]
    assert hits, f"{value!r} not found in {text!r}: {kinds(text)}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Device identifiers: a device's own ID or serial with words between, MAC, UDI.
        ("Cardiology faxed the defibrillator serial, RX4471-20931, with the note.", "RX4471-20931"),
        ("His tracker unit number is 7730-A119 according to the PO.", "7730-A119"),
        ("The glucose sensor ID on her app reads 9TQ2KM.", "9TQ2KM"),
        ("The school logged the laptop's adapter as 3C:22:FB:91:0A:7E that day.", "3C:22:FB:91"),
        ("Label shows (01)00884521339017(21)A55102 on the stimulator box.", "(01)00884521339017"),
        # ZIPs: after a city without a state, in prose, in lists.
        ("They moved back to Tacoma 98405 to be near her grandmother.", "98405"),
        ("He is couch-surfing somewhere near 60623 this month.", "60623"),
        ("Mom said they're in 30310 or 30311, depending on the week.", "30311"),
        ("She listed her zip code as 85716 on the sliding-scale form.", "85716"),
        # IPv6, compressed.
        ("The harassing messages were sent from fe80::1c2b:3aff:fe4d:77e1 per IT.", "fe80::"),
        # Plates: state formats with words, commas or a state between.
        ("Her stalker's truck has an Ohio plate, HJX 4420, and a dented bumper.", "HJX 4420"),
        ("The tag on his car, 4MXL771, was in the incident report.", "4MXL771"),
        # Phones: bare ten digits after a verb and words, local seven digits, reported speech.
        ("Her sister called twice last night from 3125550147 asking for updates.", "3125550147"),
        ("His grandmother rings from 555-0139 every Sunday.", "555-0139"),
        ('"Call me at 206.555.0188," the father wrote on the release.', "206.555.0188"),
        # Dates: an abbreviated weekday before a month/day in a post about a client.
        ("Client no-showed Thurs 2/12 and hasn't answered since. Discharge?", "2/12"),
        # Names used alone: set off by commas after a client word, or a relative's "is".
        ("Supervision q: my client, hope, keeps cancelling the morning slot.", "hope"),
        ("The boy's father is Desmond Achterberg and he wants records.", "Desmond"),
        ("Therapy update: marisol texts me between sessions almost daily.", "marisol"),
    ],
)
def test_second_round_identifier_classes_are_found(text: str, value: str) -> None:
    assert_found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        # Versions, times, sizes, prices and words around the new cues.
        "Update the tablet to firmware 3.1.0.7 before the telehealth session.",
        "Group runs 10:15-11:30 and the ratio is 4:1.",
        "Registration tags for the car expire in 2026, and that stresses him out.",
        "She brought a plate of tamales for the whole staff.",
        "Room 20412 is where the adolescent group meets now.",
        "In 12500 patients the effect held up; in 2019 it did not.",
        "The price tag on residential was $32,000 for the month.",
        # Colleagues and places.
        "Next week Priya is presenting a case on postpartum OCD at consult.",
        "Any eating disorder groups in the Twin Cities that take Medica?",
        "Medicaid now reimburses peer support as of July 2025 in our state.",
        # A client's presentation is not a colleague's ("presented with").
    ],
)
def test_look_alikes_of_the_new_classes_pass(text: str) -> None:
    assert find_identifiers(text) == [], kinds(text)


def test_a_client_who_presented_with_symptoms_is_still_a_client() -> None:
    assert "name" in kinds("My client Marisol presented with panic after the move.")


@pytest.mark.parametrize(
    "text",
    [
        "Good point about releases.\n\nKeisha Grant, LCSW\nGrant Counseling PLLC\n"
        "2210 Alder Ave, Suite 5, Eugene, OR 97401\nNPI 1629384750 | OR License 12345\n"
        "541-555-0190 ext. 3 | grantcounseling.com",
        "Same here.\n--\nDr. Omar Haddad, PhD, ABPP\nHaddad Neuropsychology | (212) 555-0175\n"
        "NPI: 1328475610 | NY License 017722",
        "I agree with the thread.\n\nLena Ortiz, LMFT\nLicensed Marriage and Family Therapist, "
        "CA LMFT 118204\nwww.lenaortiztherapy.com\n415-555-0123",
    ],
)
def test_a_clinicians_signature_with_registration_numbers_passes(text: str) -> None:
    assert find_identifiers(text) == [], kinds(text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # The label the author sees names what was found (the hint depends on it).
        ("Her phone number is 503-555-0101 if you need collateral.", "phone", "503-555-0101"),
        ("Client Jo texted me from 206-555-0148 at midnight.", "phone", "206-555-0148"),
        ("The pump's serial number is PX-44120 per the recall.", "device_id", "PX-44120"),
        ("Detectives traced the phone by IMEI 359304583607679.", "device_id", "359304583607679"),
        ("Her ZIP on file is 98103-4417 and billing truncates it.", "zip", "98103-4417"),
    ],
)
def test_the_kind_found_is_the_kind_written(text: str, kind: str, value: str) -> None:
    assert value in kinds(text).get(kind, []), kinds(text)
