"""Identifier classes of issue 20's fourth round: plates as vanity words, beside a state in
parentheses, after a vehicle noun or a word between; record numbers after an aside or a
correction; rural grid addresses and lettered county roads; e-mail recipients; ZIPs in
parentheses; voicemail numbers; a person's own days as month/day; lent equipment's asset
tags; abbreviated months with a stop; the SSA beside a number. And the look-alikes that must
pass (bills, a clinician's licence by its board's prefix, the clinician's own car, counts
after "moved to", an eponym's full name, talk about these things without a value).

Sentences written for these tests, apart from the development rows. Plain functions, no
database: the detector is pure Python.
"""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found as kinds


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # Plates: a word between the cue and the value, letters alone on a vanity plate or
        # after a state after a vehicle's word, a state in parentheses, a vehicle noun.
        (
            "His plate is honestly 4LYF3R and everyone at AA knows the car.",
            "license_plate",
            "4LYF3R",
        ),
        ("Her custom plate reads GRL PWR7 on the old Jeep.", "license_plate", "GRL PWR7"),
        (
            "The vanity plate on the ex's car just says RVNGE and she panics.",
            "license_plate",
            "RVNGE",
        ),
        ("He always drives a TX HOGWILD and parks across from group.", "license_plate", "HOGWILD"),
        ("A witness copied down 6PRT118 (Nevada) after the break-in.", "license_plate", "6PRT118"),
        ("Neighbours logged K22-TLM (VT) twice near her apartment.", "license_plate", "K22-TLM"),
        (
            "Probation asked about truck 9FWL441 and whether he comes to group.",
            "license_plate",
            "9FWL441",
        ),
        ("Amber alert flyer lists Idaho 2B 44719 for the father.", "license_plate", "2B 44719"),
        ('Her tags read "KTV 5518" on a gray Silverado.', "license_plate", "KTV 5518"),
        ("Plate number on the police report: 5JRM 204 (Calif.)", "license_plate", "5JRM 204"),
        ("He gave the deputy the plate: 7-HNB-410, a white Tacoma.", "license_plate", "7-HNB-410"),
        # Record numbers after an aside or a correction.
        ("The member ID, the new one, turns out to be 88014227B.", "record_number", "88014227B"),
        (
            "Wrong acct # again - it's really 5530019942 - on the statement.",
            "record_number",
            "5530019942",
        ),
        ("The chart number (on the old system) is 20-0048817.", "record_number", "20-0048817"),
        # Rural grid addresses and lettered county roads.
        ("The family farm is at N2730 County Hwy M outside town.", "address", "N2730 County Hwy M"),
        (
            "Her trailer sits at 6120 County Road PP with no mailbox.",
            "address",
            "6120 County Road PP",
        ),
        (
            "Outreach went to W517 Maple Ridge Rd but no one answered.",
            "address",
            "W517 Maple Ridge Rd",
        ),
        # An e-mail recipient after an event word.
        (
            "I sent the webinar flyer to jbaxter.lake@gmail.com, then saw it was the client's.",
            "email",
            "jbaxter.lake@gmail.com",
        ),
        # ZIPs in parentheses after a cue; voicemail numbers.
        ("Nothing in his zip code (49503) takes Medicaid for kids.", "zip", "49503"),
        ("The dad's home zip, 60629, is outside our catchment.", "zip", "60629"),
        ("Her VM: 555-0173, always full.", "phone", "555-0173"),
        ("Left a voice mail at (715) 555-0138 for the aunt.", "phone", "(715) 555-0138"),
        # A person's own days as month/day; a month abbreviated with a stop.
        ("His sobriety date is 8/19 and he wants a coin from group.", "date", "8/19"),
        ("Her son's funeral was 2/7 and she hasn't been back since.", "date", "2/7"),
        ("She was discharged Jun. 4, 2026 with no follow-up.", "date", "Jun. 4, 2026"),
        # Lent equipment's asset tags.
        (
            "The loaner iPad, asset no. CCS-IPD-0912, was never returned.",
            "device_id",
            "CCS-IPD-0912",
        ),
        ("Service tag 4KQ7M21 is on the laptop she took to the shelter.", "device_id", "4KQ7M21"),
        # ZIPs of the whole USPS allocation of a state (Tulsa 741xx, Dallas 752xx).
        ("The family relocated to 74135 after the eviction.", "zip", "74135"),
        ("She lives in 75217 now, far from the clinic.", "zip", "75217"),
        # The agency that issues SSNs beside a number.
        ("The SSA notice lists it as 521 44 8810 right on the envelope.", "ssn", "521 44 8810"),
    ],
)
def test_fourth_round_identifier_classes_are_found_with_their_kind(
    text: str, kind: str, value: str
) -> None:
    assert value in kinds(text).get(kind, []), kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our state's bill AB 2098 (California) changes what we must report.",
        "Her car was in the shop; we bill H2019 (TX) for skills group and 0362T (OH) for testing.",
        "I'm licensed as LPC 80122 (TX) and PSY28811 (CA), if anyone needs to verify.",
        "My car's plate is 7ABC123 and I'm blocking the lot exit, sorry everyone.",
        "We moved to 8 and it's better for the group.",
        "He was thrown out of home at 16 after coming out.",
        "Could this be Charles Bonnet syndrome? Her vision is poor.",
        "Vanity plates came up in session as a rapport topic; he wants one someday.",
        "Home visits on county roads need two staff in winter.",
        "Her voicemail is full again; third no-show this month.",
        "His birthday is next week and he dreads it.",
        "The agency puts asset tags on every laptop it lends to clients.",
        "Send referrals to referrals@brightpath.org or register for the flyer's training.",
        "The policy covers 26 sessions a year, not the 30 she was told.",
    ],
)
def test_look_alikes_of_the_fourth_round_classes_pass(text: str) -> None:
    assert find_identifiers(text) == []
