"""Issue 20, thirteenth identifier round: classes among the names and ages over 89 the retired
2026-12-07n and -07o sets missed, and the everyday words they held as names. Each test uses
its own wording, and each look-alike beside it checks what must not change."""

from __future__ import annotations

import pytest

from detectors.identifiers.wordlists import _FIRST_NAMES, _LAST_NAMES
from tests.moderation.identifier_helpers import kinds_found


def _names(text: str) -> list[str]:
    return kinds_found(text).get("name", [])


def _ages(text: str) -> list[str]:
    return kinds_found(text).get("age", [])


# Ages over 89 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # An age in words opening a sentence, then what the person has or does.
        ("New referral from the clinic. Ninety-six, hard of hearing, lives alone.", "Ninety-six"),
        ("Ninety-one and still teaching piano twice a week, she says.", "Ninety-one"),
        ("Home visit today.\nOne hundred and two, sharp as a tack, wants to talk.", "One hundred"),
        # What a birth date makes someone.
        ("Born in the winter of 1932, which makes him 94 this year.", "94"),
        ("DOB is on the intake form; that makes them 97.", "97"),
        # Alive at an age.
        ("Her aunt is alive at 104 and still writes letters.", "104"),
        # An age opening a parenthesis, then when or an exclamation.
        ("Marguerite (95 this spring) wants to plan her funeral with us.", "95"),
        ("My client's grandfather (101!) moved in with the family.", "101"),
        # An age in words ending the sentence after a name, or before the person's sex.
        ("The new resident is Mr. Arturo Benavides, ninety-two. He wants visits.", "ninety-two"),
        ("Face sheet: Winifred Ames ninety-nine F, room 4, no allergies.", "ninety-nine"),
        # In Spanish.
        ("Visité a doña Elena Robles, de noventa y siete años, en su casa.", "noventa y siete"),
        ("Abuela Rosa, noventa y uno, still cooks for the whole block.", "noventa y uno"),
    ],
)
def test_an_age_over_89_in_these_shapes_is_held(text: str, age: str) -> None:
    assert any(age in found for found in _ages(text))


@pytest.mark.parametrize(
    "text",
    [
        "One hundred and fifty referrals came in this quarter.",
        "Ninety, maybe a hundred, people came to the vigil.",
        "Ninety and counting: that's how many sessions we have done.",
        "One hundred, give or take, signed up for the training.",
        "Ninety percent of the group said yes.",
        "Ninety-five, of the referrals, came from schools.",
        "The science of ageing is no comfort to the families.",
        "Éramos cien personas en la marcha.",
        "The scale was scored out of 100 (95 last time) for the whole unit.",
        "He is still alive at 85 and driving.",
        "That makes her 88 next month.",
        "A client in her 90s wants to talk about her late husband.",
    ],
)
def test_counts_and_ages_up_to_89_are_not_ages(text: str) -> None:
    assert "age" not in kinds_found(text)


# Names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A person's pronouns (and age) in parentheses, then what they did.
        ("Rowan (they/them) emailed me a poem last night.", "Rowan"),
        ("Sky (she/her, 16) told me she is not safe at home.", "Sky"),
        # An age and when, in parentheses after the name.
        ("Hazel (93 next month!) wants to write her memoir.", "Hazel"),
        # A voicemail's caller, quoted.
        ('Voicemail from Tuesday: "Hope, calling about my daughter again, please call."', "Hope"),
        ('Transcript pasted below: "hey this is Noor, my number changed, text me"', "Noor"),
        # A child named after an age noun and whose child.
        ("Her 9yo Marisol stopped eating lunch at school.", "Marisol"),
        ("Their 15-year-old Hunter was suspended again.", "Hunter"),
        # A relation under a prefix.
        ("Her great-granddaughter Ivy drives her to appointments.", "Ivy"),
        ("His great-great-nephew Kai lives with him now.", "Kai"),
        # "Kid is ...".
        ("Mom emailed the school twice. Kid is Rain. Anyone written a 504 letter?", "Rain"),
        # Set off by commas after a member or a participant.
        ("The member, Laquisha, asked that her story stay in group.", "Laquisha"),
        ("One participant, Zarghona, has stopped coming.", "Zarghona"),
        ("The member, Tsiory, asked me to keep it out of group.", "Tsiory"),
        # An unknown name handing the writer something, a name leaving.
        ("Tsehay gave me her cousin's number for collateral.", "Tsehay"),
        ("Dolores wanders off at dusk and the neighbours bring her back.", "Dolores"),
    ],
)
def test_a_name_marked_as_a_person_by_these_cues_is_held(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Firefighter Marisa Quintal was first on scene and now can't sleep.", "Marisa"),
        ("Her probation officer, Deputy Alan Roark, wants monthly updates.", "Alan"),
        ("The family asked that Pastor Ruth Okoye join the next session.", "Ruth"),
        ("Rabbi Eliezer Baum called about the bar mitzvah plans.", "Eliezer"),
    ],
)
def test_a_calling_or_a_responders_rank_names_a_person_as_a_title_does(
    text: str, name: str
) -> None:
    assert any(found.startswith(name) for found in _names(text))


@pytest.mark.parametrize(
    "text",
    [
        "Our county runs an Officer Wellness program for first responders.",
        "Coach said practice is optional during finals week.",
        "It is Pastor Appreciation Month at our partner church.",
    ],
)
def test_a_rank_or_calling_before_no_name_is_not_a_name(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Everyone calls him Sarge (legal name Walter Pruitt) at the shelter.", "Walter"),
        ("My client Bex (last name Okonkwo-Hale) wants a letter for housing.", "Okonkwo-Hale"),
        ("She transitioned last year; her dead name is Michael, please never use it.", "Michael"),
        ("New intake, De'Andre, 15, referred by the school nurse.", "De'Andre"),
    ],
)
def test_a_legal_last_or_dead_name_and_a_capital_after_an_apostrophe_are_held(
    text: str, name: str
) -> None:
    assert any(found.startswith(name) for found in _names(text))


def test_a_possessive_and_a_name_field_without_a_name_stay_as_they_were() -> None:
    names = _names("Maria's mom came in. His last name is hard to spell, she says.")
    assert names == ["Maria"]


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ('Pete Alvarado ("Doc" for everyone on the block) missed group again.', "Doc"),
        ('The messages came from someone calling herself "Lady Vee" on Snapchat.', "Lady Vee"),
        ('He goes by "Smoke" on the unit, street name included.', "Smoke"),
        ('My client refers to himself as "TJ" in every session.', "TJ"),
    ],
)
def test_a_quoted_nickname_or_alias_is_held(text: str, alias: str) -> None:
    assert alias in _names(text)


def test_a_quoted_role_someone_calls_themselves_is_not_a_name() -> None:
    assert "Grandma" not in _names('The aide calls herself "Grandma" with the residents.')


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bolesław is 91 and widowed since the spring.", "Bolesław"),
        ("Her brother Łukasz Wójcik calls every Sunday.", "Łukasz Wójcik"),
        ("My client Şükrü said the interpreter was late.", "Şükrü"),
    ],
)
def test_names_with_letters_beyond_latin_1_are_read_whole(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Neng Xiong keeps asking me to visit the clan gathering.", "Neng Xiong"),
        ("Intake for tele: Yanaba Tsosie, referred by the school.", "Yanaba Tsosie"),
        ("From my notes: Keala Kahale missed two appointments.", "Keala Kahale"),
        ("Wahida brought her nephew to interpret.", "Wahida"),
    ],
)
def test_hmong_dine_hawaiian_and_afghan_names_are_known(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Intake form, translated: Trần Văn Bình, born in Huế, lives with his son.",
            "Trần Văn Bình",
        ),
        ("Pham Thi Mai will need an interpreter for the assessment.", "Pham Thi Mai"),
    ],
)
def test_a_vietnamese_family_middle_and_given_name_is_a_full_name(text: str, name: str) -> None:
    assert name in _names(text)


def test_a_family_name_before_an_english_the_is_not_a_vietnamese_name() -> None:
    assert "Le The Art" not in _names("We read Le The Art of Loving as a group text.")


def test_a_staff_member_set_off_by_commas_is_not_a_client() -> None:
    assert "Tsiory" not in _names("A staff member, Tsiory, covered the front desk today.")


def test_the_gazetteers_hold_the_added_names() -> None:
    assert {"Nhia", "Shandiin", "Kimo", "Stanisław"} <= _FIRST_NAMES
    assert {"Lor", "Yazzie", "Kealoha", "Fifita"} <= _LAST_NAMES


# Not names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A country after a place word.
        "A graduate student from China, 24, is asking about leave of absence rules.",
        "He was deported to Chad last year and his family here is grieving.",
        "Many of my clients grew up in Jordan before resettlement.",
        # A maker's name before where it employs people or what it makes.
        "Retired Ford plant worker, 79, new onset insomnia after his wife died.",
        "She works nights at the Toyota factory and sleeps four hours.",
        # An eponymous instrument in lower case.
        "Do you still use the Hamilton rating scale for follow-ups?",
        "Our intake uses the Beck inventory scores as a baseline.",
        # A landform after a capitalised word: a region.
        "Farmworkers in the Imperial Valley face long drives to care.",
        "Most of my clients live on the North Shore and commute in.",
        # An everyday verb's -ing form opening a sentence before an author.
        "We adapted the module. Having Linehan's worksheets in Spanish helped.",
        # A faith as an adjective.
        "I see a lot of Orthodox and Hasidic families in my practice.",
        "We partner with Lutheran and Mennonite congregations for respite care.",
        # A Hawaiian word now read as one word.
        "Kōkua needed: a Samoan-speaking therapist for a family on Oʻahu.",
    ],
)
def test_places_makers_instruments_regions_and_faiths_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Look-alikes: the same words naming a person.
        ("My client got a text from Chad at midnight.", "Chad"),
        ("I talked to Chad about the safety plan.", "Chad"),
        ("My client Ford is 17 and wants to drop out.", "Ford"),
        ("Her son Lincoln truck-surfed and broke his arm.", "Lincoln"),
        ("The client, Hamilton, scored high on the PHQ-9.", "Hamilton"),
        ("Ming said the group felt too big.", "Ming"),
        ("Her 14yo Jayden streams all night.", "Jayden"),
    ],
)
def test_look_alikes_that_name_a_person_are_still_held(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "A 60-year-old Navajo man with diabetes asked about telehealth.",
        "Summer brings us more referrals than any other season.",
    ],
)
def test_an_adjective_after_an_age_and_a_season_are_not_names(
    text: str,
) -> None:
    names = _names(text)
    assert "Navajo" not in names and "Summer" not in names
