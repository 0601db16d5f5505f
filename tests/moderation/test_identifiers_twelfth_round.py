"""Issue 20, twelfth identifier round (stop 35): classes among the false holds of the
retired 2026-12-07l and -07m sets: dates of a practice's own news, hiring and public
gatherings; newer billing codes; US towns after a place word or before their state and
ZIP (the GeoNames list, `scripts/build_place_lists.py`). Each test uses its own wording,
and each look-alike beside it checks that a client's detail is still held."""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from detectors.identifiers.wordlists import us_places
from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    "text",
    [
        "Big news: our clinic is relocating! From March 3 we'll be on the second floor.\n"
        "Priya Raman, LMFT, Harborlight Family Therapy",
        "New mailing address as of April 1st: PO Box 2210. Ingrid Solberg, LCSW",
        "I'm retiring from private practice on June 30 and closing my waitlist now.\n"
        "Warmly, Dr. Odette Vance",
        "Now hiring a part-time LPC for our rural satellite office. Applications close Feb 14.\n"
        "Contact Hollis Greer, PsyD, clinical director",
        "Our county is hosting a community fair on the 22nd with free screenings. Stop by!\n"
        "— Renzo Alvarez, LCSW-C",
        "Half-day workshop: Collaborative Assessment and Management of Suicidality, in person "
        "only, May 9. Six CEs. — Theo Marchetti, PhD",
    ],
)
def test_dates_of_a_practices_news_hiring_and_gatherings_are_not_held(text: str) -> None:
    assert "date" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The long reach stops where a person is spoken of in between.
        (
            "Enrolling her son in the autism program went fine, and the family moves March 1.",
            "March 1",
        ),
        ("Client is moving back home; his last session is March 3.", "March 3"),
        ("The grandmother is retiring soon; the boy's hearing is April 9.", "April 9"),
    ],
)
def test_a_clients_date_near_such_a_word_is_still_held(text: str, value: str) -> None:
    assert value in kinds_found(text).get("date", [])


@pytest.mark.parametrize("code", ["98016", "98005", "98967", "98980", "97153"])
def test_telehealth_and_adaptive_behaviour_billing_codes_are_not_record_numbers(code: str) -> None:
    text = f"How are you billing brief audio-only check-ins? I have been using {code} for them."
    assert "record_number" not in kinds_found(text)


def test_a_record_number_beside_the_billing_codes_is_still_held() -> None:
    found = kinds_found("Pt acct 98031 keeps getting denied, MRN 98031 on every claim.")
    assert "98031" in found.get("record_number", [])


def test_the_place_list_holds_towns_and_states_from_geonames() -> None:
    places = us_places()
    assert {"Lake Charles", "Tulsa", "Sidney", "Kansas", "Miles City"} <= places
    assert len(places) > 10_000


@pytest.mark.parametrize(
    "text",
    [
        "Running a grief group that meets in Sidney every other Monday; referrals welcome.",
        "Any EMDR consultants near Redmond taking new supervisees this spring?",
        "Teen in rural Nebraska, 15, failed two SSRIs. What would you try next?",
        "Second month after the flood in Lake Charles, and most adults I see are exhausted.",
        "Scheduler: Carla Diaz-Pope, LPC\nSuite 4, 310 Pine St, Lake Charles LA 70601",
        "The hospital in Hartford wants a capacity consult before the transfer.",
    ],
)
def test_a_us_town_after_a_place_word_or_before_its_state_and_zip_is_not_a_name(
    text: str,
) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A town that is also a first name, said of a person.
        ("I got a text from Sidney at midnight saying she relapsed.", "Sidney"),
        # The whole run must be the place: with a surname it is a person.
        ("Since the funeral I see a change in Sidney Whitcombe.", "Sidney"),
        ("My client Sidney keeps missing sessions in the new year.", "Sidney"),
    ],
)
def test_a_person_named_like_a_town_is_still_held(text: str, value: str) -> None:
    """The cost, measured on the development files (no gold name lost): a lone first name
    that is also a town, right after "in" ("a change in Sidney."), is taken for the town."""
    found = [text[s.start : s.end] for s in find_identifiers(text) if s.kind == "name"]
    assert any(value in name for name in found)


@pytest.mark.parametrize(
    "text",
    [
        "Posting for a colleague who is off social media: Dr. Imogen Vail has two openings for "
        "teens. Referrals to her office at 503-555-0172 or ivail@stillwaterpsych.com.",
        "Posting on behalf of Dr. Quan, who is at a conference: supervision is moved to Friday. "
        "Questions to her assistant, Rosalind, at 612-555-0143.",
        "Quick plug for my colleague's new workbook on sibling grief; his site is "
        "www.drmatteobrisk.com.",
        "Writing this for a former supervisor who is closing her practice. Her records go to "
        "Lakeview Psychological, 88 Birch Ave, Ames IA 50010, 515-555-0190.",
    ],
)
def test_a_colleagues_practice_details_in_a_post_written_for_them_are_not_held(
    text: str,
) -> None:
    assert not kinds_found(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Posted for a colleague, but the detail is a client's or a relative's.
        (
            "Posting for a colleague: her client's mother keeps calling from 503-555-0110.",
            "phone",
        ),
        (
            "Posting on behalf of Dr. Quan: the patient's new address is 14 Elm St, Ames IA "
            "50010, DOB 3/2/1981.",
            "date",
        ),
    ],
)
def test_a_clients_detail_in_a_post_for_a_colleague_is_still_held(text: str, kind: str) -> None:
    assert kind in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Our practice now takes Medicaid for kids.\nBrightwater Child Therapy\n"
            "Intake coordinator: Delphine Oyelaran\n555-0101 ext 2",
            "Delphine",
        ),
        (
            "Small update: our clinic's Spanish-language intake line is now 915-555-0123. Ask "
            "for Itzel or Bruno.",
            "Itzel",
        ),
    ],
)
def test_a_practices_staff_named_by_their_role_are_not_held(text: str, name: str) -> None:
    assert name not in " ".join(kinds_found(text).get("name", []))


def test_an_emergency_contact_named_after_the_label_is_still_held() -> None:
    text = "Our clinic intake form. Emergency contact: Delphine Oyelaran (mother), 915-555-0188."
    assert "Delphine" in " ".join(kinds_found(text).get("name", []))


@pytest.mark.parametrize(
    "text",
    [
        "Two years after the storm, many of my adults went through Ida and then Ian too.",
        "Clients who were kids during Katrina in 2005 now dread every hurricane season.",
        "After Hurricane Maria and then Fiona, the whole town's PCL-5 scores climbed.",
    ],
)
def test_named_storms_in_a_post_about_a_hurricane_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


def test_a_client_named_like_a_storm_is_still_held() -> None:
    text = "My client Laura lost her house in the hurricane and sleeps in her car."
    assert "Laura" in kinds_found(text).get("name", [])


@pytest.mark.parametrize(
    "text",
    [
        "Has anyone tried Rosalind Okafor-Lane's imagery rescripting protocol with teens?",
        "I keep coming back to Emily Nagoski's dual control model for desire work.",
        "Reading Lorena Wolf Robe's writings on racial trauma for our consult group.",
        "Will she ever drive again? The family asks me every week.",
        "Structural family therapy with a re-entry parent: worth trying?",
    ],
)
def test_works_of_named_authors_a_verb_and_a_modality_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


def test_a_clients_full_name_before_her_own_things_is_still_held() -> None:
    text = "Rosalind Okafor-Lane's mother called about the bill again."
    assert "name" in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Resident on my unit, Delia Marchbanks, writes about her bulimia at "
            "deliamarchbanks.net and asked if I had read it.",
            "deliamarchbanks.net",
        ),
        (
            "Mr. Okonjo closed the bakery but the shop site (okonjobakes.com) still takes orders.",
            "okonjobakes.com",
        ),
        ("His climbing-guide bio is still up at ridgelinebrodie.com, photos and all.", None),
        ("Her doorbell-cam account, porchwatch.io/share/ab12, shows him at 2 a.m.", None),
        ("A student has a personal site, quietfernpoems.com, full of the poems.", None),
        ("His insulin pump app publishes readings to glucoshare.link/tmoreau for his mom.", None),
    ],
)
def test_links_that_lead_to_a_client_by_name_or_by_what_they_are(
    text: str, value: str | None
) -> None:
    urls = kinds_found(text).get("url", [])
    assert urls and (value is None or value in urls)


@pytest.mark.parametrize(
    "text",
    [
        # A client named like an author whose site is cited: four letters run together are
        # not enough.
        "My client Tara likes the meditations on tarabrach.com, which I also use.",
        "Handouts I like: therapistaid.com and the worksheets on psychologytools.com.",
    ],
)
def test_resource_sites_are_not_held_as_a_clients(text: str) -> None:
    assert "url" not in kinds_found(text)
