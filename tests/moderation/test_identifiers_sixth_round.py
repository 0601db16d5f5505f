"""Issue 20, sixth identifier round: classes from the retired 2026-12-06c blind set (SSNs and
ITINs whatever their area once introduced, links introduced by "whose" or as a portfolio or
newsletter) and look-alikes it flagged (a gerund opening a sentence before a number, cited
authors with an inner capital or apostrophe). Each test uses its own wording, not the rows'."""

from __future__ import annotations

import pytest

from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    "text",
    [
        "Staffing is 6 per shift and the waitlist is 40 deep.",
        "Housing is 3 months out for most of our referrals.",
        "Readiness to change (Prochaska & DiClemente) framed the first session.",
        "We used IPT for the postpartum group (Stuart & O'Hara, 2008).",
        "The manual (O'Hara & Stuart) has a chapter on role transitions.",
        "Motivational work (Miller & McCullough) helped the team reframe it.",
    ],
)
def test_gerunds_and_cited_authors_are_not_client_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Client Fielding is 34 and new to the group.",
        "Ming is 15 and anxious about the move.",
        "Her daughter Reading said she would drive her.",
    ],
)
def test_names_with_those_endings_after_a_cue_still_count(text: str) -> None:
    assert "name" in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # CGM transmitter IDs: six capitals and digits, as few as two digits.
        ("She keeps checking her Dexcom (transmitter 7H3KQW) through group.", "7H3KQW"),
        ("The sensor SN 5RT8LM came off in the pool.", "5RT8LM"),
        # A serial named, then where it was read, then a colon.
        ("Device serial from the clinic's printout: PMX-HV-4418203.", "PMX-HV-4418203"),
    ],
)
def test_short_and_labelled_device_serials(text: str, value: str) -> None:
    assert value in kinds_found(text).get("device_id", [])


@pytest.mark.parametrize(
    "text",
    [
        "Serial position effects showed up in her recall task: 7 of 12 words.",
        "The sensor work in our lab uses ABCDEF as the default label.",
    ],
)
def test_serial_and_sensor_words_without_a_serial(text: str) -> None:
    assert "device_id" not in kinds_found(text)


# --- the clinician's own details ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # The signature block opens the post, as some mail clients put it.
        "Dr. Lena Osei, MD\nBoard Certified Psychiatrist\nOsei Psychiatry\n(414) 555-0177\n\n"
        "Colleagues, my panel is open again for adults needing medication management.",
        "Dr. Tomas Vidal | Psychiatrist | Juniper Ridge Mental Health | 602-555-0148 | "
        "tvidal@juniperridgemh.com\n\nHosting a lunch-and-learn on lithium monitoring Friday.",
        # A phone labelled "Ph:" or "Mob:" in the closing block, in another country's shape.
        "Thanks for the replies on the ethics question.\n\nDr. Ines Carrow\nClinical "
        "Psychologist\nCarrow Psychology, Suite 2, 40 Albion Street\nPh: (03) 5550 2231\n"
        "ines@carrowpsych.com",
        # A short first name above the full signature.
        "Looking for a DBT group for a 15yo in the east suburbs. Thanks in advance!\n\nTess\n\n"
        "Tessa Pruitt, LPC\nSent from my phone",
        # The author's own time away.
        "I'll be out of office Dec 22 to Jan 3; my covering colleague has my caseload.\n\n"
        "Dr. Ray Amsel, PsyD",
        "Our practice will be closed March 3 through March 7 for the move.",
    ],
)
def test_the_clinicians_own_details_are_not_patient_identifiers(text: str) -> None:
    assert kinds_found(text) == {}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A name line at the top that is not the author's block: a client's details.
        ("Maria Lopez, 34\n\nHer phone is 414-555-0123 and she wants a DBT group.", "phone"),
        # A client's date just after the author says they will be away.
        ("I'll be out next week, but her discharge was 03/14/2026 and she missed it.", "date"),
    ],
)
def test_a_clients_details_near_the_authors_own_still_count(text: str, kind: str) -> None:
    assert kind in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        # A clinician introducing themselves by name and credential, anywhere in the post.
        "Priya Sandoval, LCSW, Albuquerque here. We have two openings for teens; call "
        "505-555-0133 or write priya@mesaviewcounseling.com.",
        "Hello! Dominic Reyes, LPC, NCC here (Austin, TX): who runs a DBT-A group nearby?",
        'Great thread.\n\nTheodore "Teddy" Marsh, LMHC\nMarsh Counseling\n(508) 555-0182',
        # A nurse's credential, a university, a licence line by state, a PSYPACT number.
        "Warm regards,\nOlu Adebayo, MSW, LCSW\nAssistant Professor of Social Work, Ridgeview "
        "University\noadebayo@ridgeview.edu | 412-555-0109",
        "Call our intake line.\n\nAdmissions\nCoordinator: Maribel Soto, LPN\n"
        "Intake: 1-800-555-0147 | intake@harborpointbh.com",
        "Welcome, all!\n\nEsther Lind, PsyD\nLind Psychology\nesther@lindpsych.com\n"
        "(610) 555-0124\nPA PS021133 | DE B1-0004417",
        "Thanks, this helped.\n\nDr. Omar Haddou (he/him)\nClinical Psychologist | Haddou "
        "Psychological Services\nPSYPACT APIT #8812\nhaddoupsych.com | 971-555-0190",
    ],
)
def test_a_clinician_named_with_a_credential_or_signing_so_is_no_patient(text: str) -> None:
    assert kinds_found(text) == {}


def test_a_client_named_without_a_credential_still_counts() -> None:
    assert "name" in kinds_found("My client Renata, 34, missed her third session.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her sedan has a vanity plate (SOBER9) that clients recognise.", "SOBER9"),
        ("The deputy ran the plate of the van parked outside (KT7 R2M) twice.", "KT7 R2M"),
        ("He drives a pickup (WY plate 5-12874B) to sessions.", "5-12874B"),
    ],
)
def test_plates_in_parentheses_and_with_a_long_second_group(text: str, value: str) -> None:
    assert value in kinds_found(text).get("license_plate", [])


@pytest.mark.parametrize(
    "text",
    [
        "Licence plate renewals (2025 cycle) are due for the agency vans.",
        "The plate fee went up 20 dollars this year.",
        "Her plate (14 months of sobriety chips) hangs by the door.",
    ],
)
def test_a_number_and_a_word_after_plate_is_no_plate(text: str) -> None:
    assert "license_plate" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Intake summary\nClient: R. Castellano\nReferral: PCP", "R. Castellano"),
        ("Pt: T. O'Rourke, 52M, follow-up after discharge.", "T. O'Rourke"),
    ],
)
def test_an_initial_and_surname_after_a_client_label(text: str, value: str) -> None:
    assert value in kinds_found(text).get("name", [])
