"""The content-warning detector: clinical cues per category, clean posts, declarations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.detectors.content_warnings import (
    CATEGORIES,
    CATEGORY_LABELS,
    WarningMatch,
    find_warning_cues,
    missing_warnings,
    warnings_called_for,
)

BLNS = Path(__file__).resolve().parents[3] / "shared" / "data" / "naughty-strings" / "blns.txt"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "She reported SI with a plan last night; we completed a safety plan.",
            "suicide_self_harm",
        ),
        ("History of cutting herself on her thighs since age 13.", "suicide_self_harm"),
        ("He attempted suicide two years ago and still has passive thoughts.", "suicide_self_harm"),
        ("She told me she wants to die and has been giving things away.", "suicide_self_harm"),
        ("Teen client with NSSI, mostly burning himself with a lighter.", "suicide_self_harm"),
        ("Chronic pain client says he'd rather be dead than live like this.", "suicide_self_harm"),
        ("She said her family would be better off without her.", "suicide_self_harm"),
        ("Her stepfather was emotionally abusive and she was neglected as a child.", "abuse"),
        ("I filed a CPS report after the disclosure on Friday.", "abuse"),
        ("Client is leaving a relationship with coercive control and DV.", "abuse"),
        ("She was raped in college and never told anyone.", "sexual_violence"),
        ("Disclosed childhood sexual abuse by an uncle.", "sexual_violence"),
        ("He was molested by a coach when he was 11.", "sexual_violence"),
        ("He relapsed on fentanyl and overdosed twice this month.", "substance_use"),
        ("Alcohol use disorder, 90 days sober, attending AA.", "substance_use"),
        ("She's been drinking heavily since the divorce.", "substance_use"),
        ("Restricting food intake to 600 calories and purging after dinner.", "eating_disorders"),
        ("Adolescent with anorexia, BMI of 15, medically unstable.", "eating_disorders"),
        ("Binge eating episodes three times a week, lots of shame.", "eating_disorders"),
        ("Her husband punched her and threatened to kill her.", "violence"),
        ("He witnessed a shooting outside his school last year.", "violence"),
        (
            "Client with homicidal ideation toward a coworker; we discussed duty to warn.",
            "violence",
        ),
        ("Her mother died last spring and she is still grieving.", "death_grief"),
        (
            "Hospice social worker here; a family asked about talking to kids about dying.",
            "death_grief",
        ),
        ("Lost her husband to cancer in March and feels numb.", "death_grief"),
        ("Miscarriage at 14 weeks, now pregnant again and terrified.", "death_grief"),
    ],
)
def test_a_clinical_cue_calls_for_its_category(text: str, category: str) -> None:
    assert category in warnings_called_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "Legislative update: the Senate passed SB 1087 expanding the counseling compact.",
        "Referral request: DBT therapist in Portland taking Medicaid for a teen with anxiety.",
        "Training announcement: free CBT-I webinar on Thursday, 2 CE credits. Register online.",
        "Looking for a consultation group on couples work in the Salem area.",
        "I'm killing time before the deadline; the billing portal is dead slow today.",
        "She has panic attacks at work and we're doing interoceptive exposure.",
        "The appeals court found an abuse of discretion in the board's ruling.",
        "Reminder to get your flu shot before flu season; our clinic hosts a clinic day.",
        "Shoot me an email if you want the handout. Shooting for a 6pm start.",
        "Does anyone use the Unified Protocol with adolescents? High school referrals are up.",
        "Thanks for the great discussion on cultural humility in supervision.",
        "Client denies SI/HI, no history of abuse, no substance use. Mood 6/10.",
        "The 988 Suicide and Crisis Lifeline now has a Spanish text option.",
        "She neglected to mention the appointment change, so we rescheduled.",
        "You beat me to it! I'm sticking to my guns on the sliding scale, good grief.",
        "Her scores were high on the reading test; I'll take a stab at the IEP letter.",
        "We violently agree here. Alcohol wipes are in the supply closet.",
    ],
)
def test_a_clean_post_calls_for_no_warning(text: str) -> None:
    assert warnings_called_for(text) == []


def test_sexual_abuse_counts_as_abuse_and_sexual_violence() -> None:
    assert warnings_called_for("Disclosed sexual abuse by a stepparent.") == [
        "abuse",
        "sexual_violence",
    ]


def test_an_intentional_overdose_is_suicide_and_substance_use() -> None:
    assert warnings_called_for("Hospitalized after an intentional overdose.") == [
        "substance_use",
        "suicide_self_harm",
    ]


def test_no_longer_is_not_a_negation() -> None:
    assert warnings_called_for("She no longer self-harms but still has urges.") == [
        "suicide_self_harm"
    ]


def test_a_post_that_changes_length_when_lower_cased_keeps_true_offsets() -> None:
    text = "İİİ Denies SI. Her brother died by suicide in 2019."
    cues = find_warning_cues(text)
    assert {cue.category for cue in cues} == {"death_grief", "suicide_self_harm"}
    assert all(text[cue.start : cue.end] == cue.text for cue in cues)
    assert "SI" not in [cue.text for cue in cues]


def test_cues_carry_their_position_and_text() -> None:
    text = "Pt denies SI but reports her brother died in May."
    cues = find_warning_cues(text)
    start = text.index("died")
    assert cues == [WarningMatch("death_grief", start, start + 4, "died")]
    for cue in cues:
        assert text[cue.start : cue.end] == cue.text


def test_categories_and_labels_match_the_forum_choices() -> None:
    assert set(CATEGORIES) == {
        "suicide_self_harm",
        "abuse",
        "sexual_violence",
        "substance_use",
        "eating_disorders",
        "violence",
        "death_grief",
    }
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


# --- missing_warnings --------------------------------------------------------------

CASE = "She overdosed last month, and her father died the week after."


def test_missing_warnings_is_not_applied_without_a_declaration() -> None:
    assert missing_warnings(CASE, None) == []


def test_declaring_none_leaves_every_called_for_warning_missing() -> None:
    assert missing_warnings(CASE, ["none"]) == ["death_grief", "substance_use"]


def test_declared_categories_are_not_missing() -> None:
    assert missing_warnings(CASE, ["substance_use"]) == ["death_grief"]
    assert missing_warnings(CASE, ["substance_use", "death_grief"]) == []


def test_a_clean_post_declaring_none_misses_nothing() -> None:
    assert missing_warnings("Referral request for a CBT therapist in Bend.", ["none"]) == []


def test_an_empty_declaration_behaves_like_none_declared() -> None:
    assert missing_warnings(CASE, []) == ["death_grief", "substance_use"]


# --- never crash ------------------------------------------------------------------


@pytest.mark.skipif(not BLNS.exists(), reason="shared naughty-strings data not present")
def test_naughty_strings_never_crash() -> None:
    for line in BLNS.read_text(encoding="utf-8").split("\n"):
        for cue in find_warning_cues(line):
            assert line[cue.start : cue.end] == cue.text
        assert missing_warnings(line, ["none"]) == warnings_called_for(line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_cues_within_bounds(text: str) -> None:
    for cue in find_warning_cues(text):
        assert 0 <= cue.start < cue.end <= len(text)
        assert cue.category in CATEGORIES
