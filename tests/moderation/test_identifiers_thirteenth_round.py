"""Issue 20, thirteenth identifier round (stop 36): classes among the false holds of the
retired 2026-12-07n and -07o sets, the first signed posts written to give other clinicians'
practice details: a clinician or practice the author recommends or refers to, with its
contact details; the author naming themselves in passing; generic "your clients"; a practice
moving; dates of a clinic reopening, a group's next meeting and a mailing address's start.
Each test uses its own wording, and each look-alike beside it checks that a client's detail
is still held."""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    "text",
    [
        "For Farsi-speaking couples I'd recommend Dr. Leyla Samadi at Cedar Grove Family "
        "Therapy (608-555-0147). Warm, thorough, takes most plans.",
        "Seconding the rec for Omar Haddad at Lakeshore Counseling Associates: his number is "
        "920-555-0119 and the website is lakeshorecounseling.example.org.",
        "My colleague Tamsin Roe, LPC, at Prairie Wind Counseling does in-home work out past "
        "Bismarck. Her office line is 701-555-0162.",
        "Full on my end, so try Northstar Psychological Services, 1180 Elm Ave Suite 2, "
        "Fargo ND 58102, 701-555-0190. They have a sliding scale.",
        "If your clients need an ADHD assessment in Duluth, Dr. Ines Korhonen at Harbor "
        "Neuropsychology is excellent; 218-555-0133.",
        "My old supervisor, Dr. Wendell Pratt, runs a free EMDR consult call each month; his "
        "email is wpratt.consults@gmail.com if you want in.",
        "For eating disorders in Sioux Falls, call Greta Lund at Bright River DBT "
        "(605-555-0178); she runs a teen skills group.",
    ],
)
def test_a_clinician_or_practice_the_author_recommends_is_not_held(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A client or a relative spoken of between the practice and the number.
        (
            "Dr. Amos Reed at Oak Hollow Counseling referred a teen whose mom's cell is "
            "605-555-0144.",
            "605-555-0144",
        ),
        # Another name between them: the client's.
        (
            "Dr. Amos Reed at Oak Hollow Counseling sent over Dalton Pruitt, 605-555-0121, "
            "for an intake.",
            "605-555-0121",
        ),
        # A relative who is a doctor, and the client's own doctor.
        (
            "Her father, Dr. Silas Brandt, keeps calling the clinic from 402-555-0187.",
            "402-555-0187",
        ),
        (
            "Referred by his psychiatrist, Dr. Vogel, and his wife reached us at 402-555-0166.",
            "402-555-0166",
        ),
        # A kind no card carries makes the post a client's.
        (
            "Dr. Amos Reed at Oak Hollow Counseling: pt DOB 02/11/1988, call back 605-555-0150.",
            "605-555-0150",
        ),
    ],
)
def test_a_clients_detail_near_a_referral_is_still_held(text: str, value: str) -> None:
    assert value in [span.text for span in find_identifiers(text)]


def test_a_relatives_doctor_name_without_contact_details_is_still_held() -> None:
    found = kinds_found("Her father, Dr. Silas Brandt, sits in on every session.")
    assert "Silas Brandt" in " ".join(found.get("name", []))


@pytest.mark.parametrize(
    "text",
    [
        "Hey everyone, first post. I'm Rosalind Achebe, LCSW, and I coordinate the farm "
        "stress line for three counties. If your client is a grain farmer in crisis, my "
        "direct line is 402-555-0104.",
        "Our rural peer group is looking for a co-facilitator. Interested? Email or call me, "
        "Devon Ashby (he/him), 308-555-0139.",
        "Hi all, Tomasz Nowak here, LPC in Scranton. If you have a client who wants a "
        "Polish-speaking counselor, text or call 570-555-0186.",
        "Announcement: starting in spring Willow Creek Therapy is relocating from the Northside "
        "to 415 Birch St, Suite 3, Omaha NE 68102. Same fax.\n— Harriet Olsen, LIMHP",
    ],
)
def test_the_author_naming_themselves_and_their_practice_moving_are_not_held(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A specific client with the number: still held.
        (
            "I'm Rosalind Achebe, LCSW. My client Arlo texted from 402-555-0117 at 3am.",
            "402-555-0117",
        ),
        # A voicemail naming its caller is not the author naming themselves.
        ("Voicemail: 'hi this is Marnie, call me back at 402-555-0173'.", "Marnie"),
    ],
)
def test_a_clients_detail_in_an_introduced_post_is_still_held(text: str, value: str) -> None:
    assert value in " ".join(span.text for span in find_identifiers(text))


def test_the_authors_first_name_in_tell_them_i_sent_you_is_not_held() -> None:
    text = (
        "Dr. Hana Ito at Bluestem Psychiatry has openings: 785-555-0128. Tell her "
        "Marguerite sent you."
    )
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Heads up: the office is closed for inventory, clinic reopens Feb 3.\n— Wanda Pike, LPC",
        "Peer consult group for school counselors. Next meeting Feb 11, bring a case.\n"
        "Lou Brandt, LSW",
        "I'm relocating my practice downtown over the holidays and changing my phone plan "
        "too. Mail to 88 Oak St, Lincoln NE 68508 after Jan 5.\nPia Sorensen, LMHP",
    ],
)
def test_dates_of_a_clinic_reopening_a_groups_meeting_and_a_mailing_address_are_not_held(
    text: str,
) -> None:
    assert "date" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her next meeting with the probation officer is Feb 11.", "Feb 11"),
        ("The clinic reopens, and her son's discharge is set for Feb 3.", "Feb 3"),
    ],
)
def test_a_clients_date_beside_those_words_is_still_held(text: str, value: str) -> None:
    assert value in kinds_found(text).get("date", [])


@pytest.mark.parametrize(
    "text",
    [
        "Heads up that the practice moved! Same phone, 515-555-0146.\n— Dr. Nils Aberg, PsyD",
        "Drop me a line if you'd like the handout: tbrandvold.lpc@gmail.com\nTove Brandvold, LPC",
        "Posting from our agency's team inbox, so any of us can answer: "
        "intake@plainsview.example.org. I'm Lars Hegg, LISW, the intake lead.",
    ],
)
def test_more_ways_of_giving_ones_own_details_in_a_signed_post(text: str) -> None:
    assert find_identifiers(text) == []


def test_a_detail_from_a_client_in_a_signed_post_is_still_held() -> None:
    text = "Got a voicemail from her mom, 515-555-0152, late last night.\n— Nils Aberg, PsyD"
    assert "515-555-0152" in kinds_found(text).get("phone", [])


@pytest.mark.parametrize(
    "text",
    [
        "Our teen group is co-led with Jim Okafor, LPC (jokafor.lpc@gmail.com), on Tuesdays.",
        "For perinatal cases, Still Waters Counseling: 1200 Pine St, Ames IA 50010.",
        "No openings here, but the agency's intake line is 319-555-0107 and they move fast.",
    ],
)
def test_more_ways_of_naming_another_clinician_or_practice(text: str) -> None:
    assert find_identifiers(text) == []


def test_a_post_with_a_clients_record_number_keeps_the_address_after_a_programme() -> None:
    text = (
        "She is in the Safe at Home Program (file SAH-40917, mail to PO Box 7781). "
        "How do we flag the chart?"
    )
    assert "PO Box 7781" in " ".join(kinds_found(text).get("address", []))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Someone spoken to after "me," is not the author.
        ("He kept texting her: remember me, Odalys? I know where you live.", "Odalys"),
        # A flat after a doctor's name is a home, not a practice.
        ("Forwarding address: Dr. Hal Morrow, Apt. 4B, 77 Quarry Rd, Barre VT.", "77 Quarry Rd"),
    ],
)
def test_a_name_after_me_and_a_flat_after_a_doctor_are_still_held(text: str, value: str) -> None:
    assert value in " ".join(span.text for span in find_identifiers(text))


@pytest.mark.parametrize(
    "text",
    [
        "Greetings from Laramie! New LPC here, looking for a peer consult group.\nAna Ruiz, LPC",
        "Shoot me an email for the handout from the grief webinar: mlinden.lcsw@gmail.com\n"
        "Mara Linden, LCSW",
    ],
)
def test_a_greeting_from_the_authors_town_and_slides_from_a_talk_are_not_held(
    text: str,
) -> None:
    assert find_identifiers(text) == []


def test_a_message_from_a_client_in_a_signed_post_is_still_held() -> None:
    text = "Got an email from the client at jq.rivers@gmail.com again.\nMara Linden, LCSW"
    assert "jq.rivers@gmail.com" in kinds_found(text).get("email", [])


@pytest.mark.parametrize(
    "text",
    [
        "For Somali-speaking families, see Hodan at Cedar Riverside Family Services, "
        "612-555-0175. Tell them Ingrid referred you.",
        "Co-leading a caregiver group with Rhea Mohan, LMHC. Questions to her at "
        "rmohan.lmhc@gmail.com or to me.",
        "Referring out: Pete Ames, LPC, runs a men's anger group at Northfield Counseling. His "
        "direct line is 507-555-0184.",
        "The county mobile crisis team's non-emergency line is 507-555-0120 if your client is "
        "safe for now.",
        "My old supervisor Ruth Kessler now has a practice in Mankato, kesslertherapy.example.com, "
        "and takes Medicaid.",
        "Our clinic books interpreters through Abdi at Twin Lakes Language Services.",
    ],
)
def test_more_shapes_of_a_colleague_or_practice_the_author_points_to(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A line named without a possessive or a cue, then a client's number.
        ("Her son keeps calling the office line from 507-555-0191 after hours.", "507-555-0191"),
        # A client at a practice.
        ("My client Leticia at Harbor Counseling Center missed twice.", "Leticia"),
        # A teen's own therapist's office, then the teen's number.
        ("The teen's therapist, Dr. Ames, gave us her cell: 507-555-0148.", "507-555-0148"),
    ],
)
def test_a_clients_detail_beside_those_shapes_is_still_held(text: str, value: str) -> None:
    assert value in " ".join(span.text for span in find_identifiers(text))


@pytest.mark.parametrize(
    "text",
    [
        "Engineer from Karachi, 31, first winter in Fargo, sleeping badly. Ideas?",
        "Nursing student who moved here from Lagos in August, panic attacks in clinicals.",
    ],
)
def test_a_large_world_city_after_a_place_word_is_not_a_name(text: str) -> None:
    assert "name" not in kinds_found(text)


def test_a_person_named_like_a_large_city_is_still_held() -> None:
    found = kinds_found("Her son Santiago flew in from Lagos and wants to sit in.")
    assert "Santiago" in found.get("name", [])


def test_a_clients_date_after_mail_to_a_person_is_still_held() -> None:
    # "mail to" marks a practice's new address ("Mail to 88 Oak St ... after Jan 5"), not
    # any date after the words.
    found = kinds_found("Her mom asked us to mail to her sister's place; court is Mar 14.")
    assert "Mar 14" in found.get("date", [])
