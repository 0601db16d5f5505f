"""Identifier classes of issue 20's third round: licence plates beside a state or a vehicle,
ages over 89 in more shapes, record numbers and device serials under more names, more date
shapes; and the look-alikes that must pass (serial sevens, car models, ages up to 89,
clinical codes, a clinician's licence beside their state).

Sentences written for these tests, apart from the development vignettes. Plain functions,
no database: the detector is pure Python.
"""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found as kinds


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # Plates after their state, before it, or as what a vehicle "is".
        ("The sedan that tails her is Kansas RTW 5518, she thinks.", "license_plate", "RTW 5518"),
        ("Her brother-in-law's van, WV 2HK-884, blocks the driveway.", "license_plate", "2HK-884"),
        ("He was seen in a hatchback (JQN4410, Utah) near the school.", "license_plate", "JQN4410"),
        ("The pickup is XKR2291 and the deputy has it on file.", "license_plate", "XKR2291"),
        ("Staff logged the car, 5NBT207, in the visitor book twice.", "license_plate", "5NBT207"),
        # Ages over 89: hyphenated "y-o", an adverb before the age, "reached".
        ("Pt is a 96-y-o widow with new hallucinations.", "age", "96-y-o"),
        ("Her father is now 94 and still drives to the cemetery.", "age", "94"),
        ("She reached ninety-nine in June and stopped talking to anyone.", "age", "ninety-nine"),
        # Record numbers in parentheses, device serials after SN and a generator, spaced IMEI.
        ("Her notes got filed under another chart (00571932) again.", "record_number", "00571932"),
        ("His CPAP, SN 23170044218, was left at the shelter.", "device_id", "23170044218"),
        ("The VNS generator ID 104-77321 is in the neuro letter.", "device_id", "104-77321"),
        ("He read out the IMEI 35 881204 339102 7 from the box.", "device_id", "35 881204"),
        # Dates: day-month-year run together or dashed, compact after DOB, weekday ordinal.
        ("Admitted 14-Feb-2025 after the overdose.", "date", "14-Feb-2025"),
        ("Her face sheet says 03JUN1958 and the wrong middle name.", "date", "03JUN1958"),
        ("DOB 19471103 on the faxed referral.", "date", "19471103"),
        ("The hearing is Tuesday the 21st and he wants me there.", "date", "Tuesday the 21st"),
        ("She has not been the same since Thanksgiving 2023.", "date", "Thanksgiving 2023"),
    ],
)
def test_third_round_identifier_classes_are_found_with_their_kind(
    text: str, kind: str, value: str
) -> None:
    found = kinds(text)
    assert any(value in v or v in value for v in found.get(kind, [])), (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "Serial 7s: 100, 93, 86, 79, 72; recall 2 of 3 words.",
        "Serial sevens 93-86-79-72 were intact and the MoCA was 26.",
        "He drives a 2016 Ford F-150 and sleeps in it when the house gets loud.",
        "The car accident was in 2019; PHQ-9 21, GAD-7 18, PCL-5 54 at intake.",
        "Her husband is 89 and she is 87; they have been married 66 years.",
        "She parks at the clinic, room 2B, and takes the elevator to suite 410.",
        "Licensed in Texas, LPC 79214; I drive out to see rural clients.",
        "The score is almost 100 percent now and the car payment is $350.",
        "COVID-19 closed the day program and the van service stopped.",
        "Christmas was hard this year; her son did not call.",
    ],
)
def test_look_alikes_of_the_third_round_classes_pass(text: str) -> None:
    assert find_identifiers(text) == [], kinds(text)
