"""Issue 20, fourteenth identifier round: classes of everyday words, authors and places that
the retired 2026-12-07p and -07q sets' de-identified posts were held for. Each test uses its
own wording (none is a sentence of those files), and each look-alike beside it checks what
must not change: a client named with the same kind of word is still held."""

from __future__ import annotations

import pytest

from detectors.identifiers.names import _unknown_word
from detectors.identifiers.wordlists import (
    _AMBIGUOUS_FIRST,
    _EVERYDAY_WORDS,
    _FIRST_NAMES,
    _LAST_NAMES,
)
from tests.moderation.identifier_helpers import kinds_found


def _names(text: str) -> list[str]:
    return kinds_found(text).get("name", [])


# Everyday words no gazetteer knows (everyday_words.txt, from wordfreq) -----------------


def test_the_everyday_word_list_leaves_out_every_gazetteer_name() -> None:
    # Built by scripts/build_word_lists.py: an English word a name list holds stays a name.
    assert len(_EVERYDAY_WORDS) > 10_000
    for word in ("rural", "principal", "precinct", "landlord", "deputy", "oldest"):
        assert word in _EVERYDAY_WORDS
    names = {n.lower() for n in _FIRST_NAMES | _LAST_NAMES | _AMBIGUOUS_FIRST}
    assert not (_EVERYDAY_WORDS & names)


@pytest.mark.parametrize("word", ["Rural", "Principal", "Precinct", "Landlord", "Deputy"])
def test_an_everyday_word_is_no_unknown_name(word: str) -> None:
    assert not _unknown_word(word)


@pytest.mark.parametrize("word", ["Oyelaran", "Adebayo", "Nakamura"])
def test_a_rare_surname_is_still_an_unknown_name(word: str) -> None:
    assert word.lower() not in _EVERYDAY_WORDS
    assert _unknown_word(word)


@pytest.mark.parametrize(
    "text",
    [
        "Rural Amish family, no phone in the house; the 12-year-old has panic attacks.",
        "Principal keeps asking me for the kid's diagnosis. What can I share under FERPA?",
        "Landlord says the hoarding is a lease violation. How do I document it?",
        "Oldest of five, 15, parentified, failing two classes this term.",
        "Deputy wanted to ride along on the crisis call. Is that normal where you are?",
    ],
)
def test_an_everyday_word_opening_a_post_is_not_a_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Nicknames that are also English words now in the first-name list.
        ("Rob relapsed again after his brother's funeral; he's 44.", "Rob"),
        ("Saw Mel today, she is still not sleeping since the fire.", "Mel"),
        ("Matt told his mother he wants to die. He's 15.", "Matt"),
        # A rare surname after a title is still a name.
        ("Mr. Adebayo, 71, was found wandering the parking lot.", "Adebayo"),
    ],
)
def test_a_nickname_or_rare_surname_is_still_held(text: str, name: str) -> None:
    assert any(name in found for found in _names(text))


# Authors and what they wrote ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A single name's "work" in a sentence about reading.
        "Any papers on moral injury besides Litz and Shay's work?",
        # A named instrument, its acronym first.
        "Teen drew a threatening picture. Cornell's CSTAG decision tree says transient.",
        "Reading Dozier's ABC model for foster infants, anyone used it?",
        # A full name's titled work.
        "For the caregivers group I'm thinking of Pauline Boss's Ambiguous Loss.",
        # Authors listed in parentheses after the method.
        "Considering Narrative Exposure Therapy (Schauer, Neuner, Elbert) with an interpreter.",
        # Two authors joined by "&", the first no first name.
        "For relapse prevention I still use Marlatt & Gordon, but it's dated.",
        # A particle after "and".
        "FBT per Lock and Le Grange, with the parents on the road half the year.",
        # Someone who wrote a paper.
        "Asking about ERP with clergy. Jonathan Abramowitz has a paper on scrupulosity.",
    ],
)
def test_an_author_or_their_work_is_not_a_client(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A client's work or schedule: no sentence about reading.
        ("Maria's work schedule changed and she cried in session.", "Maria"),
        # A relative after a full name's possessive is not a title.
        ("Maria Lopez's Aunt Rosa called the clinic twice.", "Maria Lopez"),
        # Clients listed in parentheses: first names, no method before.
        ("My DBT group (Maria, Jose, Ana) met today; Jose left early.", "Maria"),
        # Two first names joined by "&" are two people.
        ("Maria & Gordon came to the family session together.", "Maria"),
        # A client who wrote a paper for school, named with a cue.
        ("My client Tasha Greene wrote a paper about her father's suicide.", "Tasha Greene"),
    ],
)
def test_a_client_beside_an_author_look_alike_is_still_held(text: str, name: str) -> None:
    assert any(name in found for found in _names(text))


# Places -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # The rest of a town whose first word comes before it.
        "Pine Ridge: grandmother has the kids, tribal court wants an assessment.",
        "Family lives in East Orange and the son was admitted twice this year.",
        # The second of two towns.
        "Need a child therapist in Bend or Redmond for OCD, any leads?",
        # A town an acronym is joined to.
        "There is a UW-Madison paper on Hmong healing ceremonies, I think.",
        # A people after a direction.
        "Northern Cheyenne boy, 14, wants to attend a ceremony with his uncle.",
        # A town's services.
        "I called Hoboken PD on the non-emergency line after the voicemail.",
        # A law named for a person.
        "Under the Ryan Haight Act flexibilities, can I still prescribe by video?",
        "She was Baker Acted last night and is on the unit now.",
    ],
)
def test_a_place_or_service_is_not_a_client(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A relative's name after the relation word is never a place run.
        ("Her son Austin is 9 and lives with her in Madison.", "Austin"),
        # A person with a state code after the surname ("ID" here is Idaho's shape).
        ("Inmate Tyrone Gaskins, ID DOC 319774, died in his cell.", "Tyrone"),
        # A name on its own line before a line about a court.
        ("Erik Vandermeer\n\nCourt date moved again, client is 34.", "Erik"),
        # A street named for a person is the person's place, not an institution.
        ("She moved to 14 Isaac Lodge Street with her boyfriend Kyle.", "Kyle"),
    ],
)
def test_a_person_beside_a_place_look_alike_is_still_held(text: str, name: str) -> None:
    assert any(name in found for found in _names(text))


# Signed posts: colleagues, registrations, credentials -------------------------------------


def _held(text: str) -> list[str]:
    return [span for spans in kinds_found(text).values() for span in spans]


@pytest.mark.parametrize(
    "text",
    [
        # A referred doctor's first name used again later in the post.
        "I'm closing my practice in June. My caseload goes to Dr. Imani Rowe at Lakeside "
        "Counseling, 44 Birch Ave, Duluth MN 55802, 218-555-0147. Please send new referrals "
        "to Imani from now on.\n\nWarmly, Karen Voss, LICSW",
        # The ZIP that ends a practice's address set aside.
        "Now hiring a part-time LPC at Prairie Wind Counseling, 310 Elm St, Pierre SD 57501. "
        "Contact our office manager Dana Hult at 605-555-0122.\n\nBeth Sorensen, LPC-MH",
        # A recommended doctor's details in the next sentence, after "He's in practice at".
        "For Portuguese-speaking teens I recommend Dr. Rui Medeiros. He's in private practice "
        "at 88 County St, Suite 4, New Bedford MA 02740, 508-555-0163.\n\nAna Costa, LMHC",
        # A biller's own numbers.
        "For the billing thread: my Medicare PTAN is MA44721Q and my CAQH ID is 15528831.\n\n"
        "Tom Reilly, LICSW",
        # A dietitian's credential.
        "Any ED dietitians taking referrals? I know Sofia Brandt, RD at Harbor Nutrition "
        "(617-555-0119) is great but she's full.\n\nLiz Carver, LMHC",
    ],
)
def test_a_signed_post_with_colleagues_details_is_not_held(text: str) -> None:
    found = kinds_found(text)
    assert not found, found


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # A client who shares the referred doctor's first name, named with a client word.
        (
            "Moving my caseload to Dr. Imani Rowe at Lakeside Counseling, 218-555-0147. My "
            "client Imani Jackson, 15, will stay with me until June.\n\nKaren Voss, LICSW",
            "Imani Jackson",
        ),
        # A client's insurance provider number is no registration.
        ("Client's insurance provider ID is W88213477, she's 34.", "W88213477"),
        # A client's road-side address in a post that sets nothing aside.
        ("Client lives at 12 Oak Rd, Pierre SD 57501 with her grandmother.", "57501"),
    ],
)
def test_a_clients_detail_beside_a_colleague_look_alike_is_still_held(text: str, held: str) -> None:
    assert any(held in span for span in _held(text))


# Names opening list items; dates after a person's event; an age after a dash; newer domains


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Group check-in:\n- Marisol T.: missed two groups\n- Dev: better sleep", "Marisol T."),
        ("Waitlist:\n- R. Okonkwo: PHQ 19, wants evenings\n- Sandra: stepped down", "Okonkwo"),
        ("Today's triage: 1) Zainab K. - SI passive 2) Yitzchak - OCD, waitlist", "Yitzchak"),
    ],
)
def test_a_person_opening_a_list_item_is_held(text: str, name: str) -> None:
    assert any(name in found for found in _names(text))


@pytest.mark.parametrize(
    "text",
    [
        # An agenda's items are no people, nor is a word that is also a name.
        "Agenda:\n- Note: bring the consent forms\n- Monday: no group\n- Grace: self-compassion",
        # A dash sign-off is still the author's own.
        "Thanks for the replies, all.\n- Marisol Tejada, LCSW",
    ],
)
def test_an_agenda_item_or_a_dash_sign_off_is_not_a_client(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Postpartum consult: 24F, delivered 10/17, now not sleeping at all.", "10/17"),
        ("Teen was evicted 9/30 with his mom and is couch surfing.", "9/30"),
        ("His brother's funeral is the 12th and he wants to drink beforehand.", "the 12th"),
        ("Her father died on the 3rd after a long illness.", "on the 3rd"),
    ],
)
def test_a_date_after_a_persons_event_is_held(text: str, date: str) -> None:
    assert date in kinds_found(text).get("date", [])


@pytest.mark.parametrize(
    "text",
    [
        "Our consult group meets on the 14th after lunch.",
        "She lives on the 5th floor and won't use the elevator.",
        "Pain was 7/10 after the fall, now 4/10.",
    ],
)
def test_an_ordinal_or_ratio_look_alike_is_no_date(text: str) -> None:
    assert "date" not in kinds_found(text)


def test_an_age_after_a_dash_following_a_name_is_held() -> None:
    found = kinds_found("New consult: Mr. Albert Fenn — 97, admitted from his ALF for falls.")
    assert found.get("age") == ["97"]


def test_a_score_after_a_dash_is_no_age() -> None:
    assert "age" not in kinds_found("WISC subtests: Vocabulary - 93, Similarities - 88.")


@pytest.mark.parametrize(
    "text",
    [
        "Her studio page is maraquinn.dance and it lists her classes.",
        "He posts his routines at coachdevonte.fitness now.",
    ],
)
def test_a_personal_site_under_a_newer_domain_is_held(text: str) -> None:
    assert kinds_found(text).get("url")


@pytest.mark.parametrize(
    "text",
    [
        "Three prior admissions at Bellevue, one at Creedmoor. Who does retained evals?",
        "Medically cleared after 3 days at Avera McKennan and sent home with no follow-up.",
        "Their son died on Christmas Eve two years ago and the holidays are brutal.",
    ],
)
def test_a_hospital_after_a_stay_or_a_holiday_is_not_a_client(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("After discharge she stayed at Maria's place for a week.", "Maria"),
        ("My client was sent to Maria for the weekend, her aunt.", "Maria"),
        ("Admitted Friday; transferred to Dolores, his sister, as the contact.", "Dolores"),
    ],
)
def test_a_person_after_a_stay_word_is_still_held(text: str, name: str) -> None:
    assert any(name in found for found in _names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A name that is also a word, then who the person is.
        ("Client lives with Dolores, his sister, who drinks every night.", "Dolores"),
        ("He calls Hope, his older sister, when the urges hit.", "Hope"),
    ],
)
def test_a_name_followed_by_who_the_person_is_is_held(text: str, name: str) -> None:
    assert any(name in found for found in _names(text))


@pytest.mark.parametrize(
    "text",
    [
        # An announcement's date with its time range, in a post about no client.
        'Free training: "Motivational Interviewing for Rural Teams," presented by Dr. Ana '
        "Ruiz of the state university and me. March 4, noon-1:30 CT. Free to members.\n\n"
        "Jo Park, LPC",
        # Colleagues covering for each other.
        "Holiday swap: I'm covering for Dr. Ravi Menon (Menon Psychiatry) Dec 22-29, and he "
        "covers me Jan 2-6.\n\nDr. Ellen Sato, MD",
    ],
)
def test_an_announcements_date_or_a_coverage_swap_is_not_held(text: str) -> None:
    assert "date" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # A person's appointment with a time range is still a date of care.
        ("Court date March 4, 9-11am. He needs a letter from me first.", "March 4"),
        ("My client relapsed March 4, 9-11pm was the worst of it.", "March 4"),
    ],
)
def test_a_persons_date_with_a_time_range_is_still_held(text: str, date: str) -> None:
    assert date in kinds_found(text).get("date", [])


@pytest.mark.parametrize(
    "text",
    [
        "Neuropsych: 10yo, her WISC-V FSIQ is 93 and reading is 74.",
        "O2 sat is 94 on room air, HR is 96.",
        "His standard score is 91 on the receptive scale.",
    ],
)
def test_a_measure_after_is_is_no_age(text: str) -> None:
    assert "age" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Ochoa is 93 and lives alone.",
        "JR is 93 and still drives to group.",
        "The client's grandmother is 97.",
    ],
)
def test_a_persons_age_after_is_is_still_held(text: str) -> None:
    assert kinds_found(text).get("age")


def test_a_language_or_identity_compound_is_not_a_name() -> None:
    assert _names("Intake: 8-year-old boy, Portuguese-dominant, referred by the school.") == []


def test_a_hyphenated_first_name_is_still_held() -> None:
    assert _names("My client Ana-Sofia missed group again.") == ["Ana-Sofia"]


@pytest.mark.parametrize(
    "text",
    [
        "Forensic eval due Friday. Judge wants a one-page summary, not 30 pages.",
        "School called twice. Sheriff says the threat was a prank.",
        "Captain said the unit is short-staffed again this weekend.",
    ],
)
def test_a_role_doing_what_a_person_does_is_not_a_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My client Major Reyes, 54, wants a nexus letter.", "Major Reyes"),
        ("Her son Ranger is 6 and hits his sister.", "Ranger"),
    ],
)
def test_a_role_word_named_with_a_strong_cue_is_still_a_name(text: str, name: str) -> None:
    assert name in _names(text)


def test_a_word_of_a_set_aside_practice_name_is_no_colleague() -> None:
    # "Marcus" of the recommended practice's name is not the colleague's: someone called
    # Marcus later in the post, with no client word in its sentence, is still held.
    text = (
        "Referring my teens to Dr. Imani Rowe at Marcus Family Therapy, 218-555-0147, from "
        "now on. Marcus says he wants to keep seeing me till June.\n\nKaren Voss, LICSW"
    )
    assert "Marcus" in _names(text)


def test_the_committed_everyday_word_list_is_what_the_build_script_writes() -> None:
    # scripts/build_word_lists.py reads wordfreq (a pinned dev dependency) and the name
    # lists: a name added to a gazetteer without rebuilding the list would stay "everyday".
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_word_lists.py"
    spec = importlib.util.spec_from_file_location("build_word_lists", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.everyday_words() == set(_EVERYDAY_WORDS)


def test_a_longer_domain_is_not_cut_at_a_shorter_one_it_starts_with() -> None:
    # One list builds the pattern, longest names first: ".coach" is not read as ".co".
    assert kinds_found("He sells sessions at devontewells.coach now.")["url"] == [
        "devontewells.coach"
    ]
