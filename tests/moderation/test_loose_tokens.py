"""The learned loose-numbers model (detectors/identifiers/loose_numbers.py, token_model.py): a
number that points to a person under a name no identifier rule knows is found; scores, times,
rooms, years and codes are not; the author's own numbers are not; the shipped model is the
one `make train` builds from the repository's development files."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest

from detectors.hashed_text import abs_hashes, hashed_column
from detectors.identifiers import (
    candidate_spans,
    find_identifiers,
    loose_names,
    loose_numbers,
    token_model,
)
from moderation import loose_token_training

# Written for this test; no rule names an immigration file, so only the model finds it.
IMMIGRATION = (
    "Dad was detained last week; his alien file is A-203 117 584 and the hearing is in Tacoma."
)


def test_a_number_under_a_name_no_rule_knows_is_found_by_the_model() -> None:
    assert find_identifiers(IMMIGRATION, learned_tokens=False) == []
    spans = find_identifiers(IMMIGRATION)
    assert [(s.kind, s.text) for s in spans] == [("record_number", "A-203 117 584")]


@pytest.mark.parametrize(
    "text",
    [
        "Her MoCA was 22/30 and the PHQ-9 dropped from 18 to 9 over 12 sessions.",
        "Group runs at 1400 on Thursdays in room 2104; we billed it as a 90853.",
        "Dose went from 50 mg to 100 mg in 2019, then back down by 2021.",
        "Our agency served 1,250 families last year across 14 counties.",
        "Pain has been 7/10 most days; sleep 4-5 hrs.",
        "I'm a PMHNP in Spokane, NPI 1942783310, happy to do curbside consults on clozapine.",
    ],
)
def test_scores_times_rooms_years_codes_and_the_authors_own_number_are_not_held(
    text: str,
) -> None:
    assert find_identifiers(text) == []


def test_tokens_take_prefixes_and_spaced_groups_and_leave_years_and_billing_codes() -> None:
    text = (
        "Medicaid ID MO 10442 8871, file A-212 448 901, booking #22-4417, unit IX-552190, "
        "admit 10/29, since 2016, 1998-2004, CPT 90837, 12,000 people, plate 884 212."
    )
    assert [text[s:e] for s, e in loose_numbers.tokens(text)] == [
        "MO 10442 8871",
        "A-212 448 901",
        "22-4417",
        "IX-552190",
        "10/29",
        "884 212",
    ]


def _model(threshold: float, intercept: float) -> token_model.TokenModel:
    return token_model.TokenModel(
        "test", {"n_features": 16, "threshold": threshold}, np.zeros(16), intercept
    )


def test_only_tokens_no_rule_found_outside_the_signature_block_are_asked() -> None:
    text = (
        "Client's chart # 4481902 came over from the county, and his I-94 is 77-20419 now.\n\n"
        "Marisol Ortega, LCSW\nRiver Bend Counseling\nLicense 88-41290"
    )
    found = candidate_spans(text)
    assert any(text[c.start : c.end] == "4481902" for c in found)
    # A model that holds everything it is asked about.
    held = loose_numbers.learned_numbers(text, found, model=_model(0.5, 9.0))
    assert [text[c.start : c.end] for c in held] == ["77-20419"]
    # ... and one that holds nothing.
    assert loose_numbers.learned_numbers(text, found, model=_model(0.5, -9.0)) == []


def test_a_held_month_and_day_is_shown_as_a_date() -> None:
    text = "He was discharged 11/23 and missed his follow-up."
    held = loose_numbers.learned_numbers(text, [], model=_model(0.5, 9.0))
    assert [(c.kind, text[c.start : c.end]) for c in held] == [("date", "11/23")]


def test_a_model_width_that_is_not_a_power_of_two_is_refused() -> None:
    with pytest.raises(ValueError, match="power of two"):
        token_model.TokenModel("bad", {"n_features": 12, "threshold": 0.5}, np.zeros(12), 0)


def test_serving_hashes_each_feature_into_the_column_training_gave_it() -> None:
    text = IMMIGRATION + " Ñandú 5/10 at 0300."
    shared = token_model.post_features(candidate_spans(text))
    terms = sorted(
        {
            f
            for s, e in loose_numbers.tokens(text)
            for f in loose_numbers.features(text, s, e, shared)
        }
    )
    width = loose_token_training.N_FEATURES
    assert (abs_hashes(terms) % width).tolist() == [hashed_column(t, width) for t in terms]


def test_training_labels_tokens_on_gold_spans_and_marks_what_screening_asks() -> None:
    start = IMMIGRATION.index("A-203")
    row = {
        "text": IMMIGRATION,
        "spans": [{"kind": "record_number", "start": start, "end": start + 13}],
    }
    examples, clean = loose_token_training.examples_of(loose_numbers, row)
    assert [(label, asked) for _, label, asked in examples] == [(1, True)]
    assert not clean  # a post with a gold span is not a clean post
    text = "MoCA 22/30 on the second try; group at 1400."
    examples, clean = loose_token_training.examples_of(
        loose_numbers, {"text": text, "deidentified": True}
    )
    assert [(label, asked) for _, label, asked in examples] == [(0, True), (0, True)]
    assert clean


def test_the_threshold_flags_no_more_clean_posts_than_allowed() -> None:
    posts = 2000
    examples = loose_token_training.Examples(
        features=[[]] * posts,
        labels=[0] * posts,
        groups=["g"] * posts,
        asked=[True] * posts,
        post=list(range(posts)),
        clean_post=[True] * posts,
    )
    scores = np.linspace(0.0, 0.99, posts)
    threshold = loose_token_training.choose_threshold(examples, scores, posts)
    allowed = int(loose_token_training.MAX_CLEAN_FLAGGED * posts)
    assert (scores >= threshold).sum() <= allowed
    assert threshold >= loose_token_training.MIN_THRESHOLD


@pytest.mark.parametrize("module", list(loose_token_training.MODELS.values()))
def test_the_shipped_model_is_what_make_train_builds_from_the_development_files(
    module: ModuleType,
) -> None:
    model = module.load_model()
    digest = loose_token_training.own_details_training.data_sha256()
    assert model.metadata["training_data"]["sha256"] == digest, (
        "the development files changed: run `manage.py train_moderation_model "
        "--loose-numbers-only` and commit the artifact"
    )
    # A change to the identifier rules changes which tokens are asked about too: the same
    # remedy.
    result = loose_token_training.train(module)
    assert result.threshold == pytest.approx(model.threshold, abs=1e-6)
    np.testing.assert_allclose(result.coef, model.coef, atol=1e-5)
    assert result.intercept == pytest.approx(float(model.metadata["intercept"]), abs=1e-5)


# Written for this test: a client named bare after a setting, in a post the rules hold for
# its record number.
BARE_CLIENT = (
    "Street outreach: Crystal Harjo, VA claim number C-55 209 114, slept at the depot again."
)


def test_a_bare_full_name_in_a_held_post_is_asked_of_the_names_model() -> None:
    found = candidate_spans(BARE_CLIENT)
    assert [c.kind for c in found] == ["record_number"]
    spans = loose_names.unasked_tokens(BARE_CLIENT, found)
    assert [BARE_CLIENT[s:e] for s, e in spans] == ["Crystal Harjo"]
    held = loose_names.learned_names(BARE_CLIENT, found, model=_model(0.5, 9.0))
    assert [(c.kind, BARE_CLIENT[c.start : c.end]) for c in held] == [("name", "Crystal Harjo")]
    assert loose_names.learned_names(BARE_CLIENT, found, model=_model(0.5, -9.0)) == []
    # The shipped model, through the whole detector.
    assert ("name", "Crystal Harjo") in [(s.kind, s.text) for s in find_identifiers(BARE_CLIENT)]


def test_the_names_model_never_holds_a_post_the_rest_leaves_clean() -> None:
    text = "Has anyone paired Janina Fisher's parts work with Deb Dana's polyvagal ladder?"
    assert find_identifiers(text, learned_tokens=False) == []
    assert find_identifiers(text) == []
    # Even a model that holds every run it is asked about is not asked here: training
    # marks none of the post's runs as asked.
    examples, clean = loose_token_training.examples_of(loose_names, {"text": text, "spans": []})
    assert examples and not any(asked for _, _, asked in examples)
    assert not clean


def test_name_runs_open_with_a_first_name_and_have_two_or_three_words() -> None:
    text = "Ingrid Halvorsen met Janina Fisher's group and Structural Family Therapy, then Jo."
    assert [text[s:e] for s, e in loose_names.tokens(text)] == [
        "Ingrid Halvorsen",
        "Janina Fisher",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A placeholder the name rules pass, in a post held for its date of birth.
        "My client John Smith (DOB 03/14/1957) called about his records.",
        # Every name made up, by the author's word.
        "Names have been changed. Outreach: Crystal Harjo, VA claim number C-55 209 114.",
        # A name marked as a pseudonym.
        "I'll call her Crystal Harjo (not her real name), chart # 5520918.",
    ],
)
def test_names_the_rules_take_for_made_up_are_not_asked(text: str) -> None:
    found = candidate_spans(text)
    assert loose_names.learned_names(text, found, model=_model(0.5, 9.0)) == []


def test_a_few_terms_hashed_one_by_one_land_in_the_same_columns_as_many(monkeypatch) -> None:
    text = IMMIGRATION + " Ñandú 5/10 at 0300."
    shared = token_model.post_features(candidate_spans(text))
    rows = [set(loose_numbers.features(text, s, e, shared)) for s, e in loose_numbers.tokens(text)]
    width = 2**10
    coef = np.random.default_rng(0).normal(size=width)
    model = token_model.TokenModel("t", {"n_features": width, "threshold": 0.5}, coef, 0.1)
    few = model.probabilities(rows[:1])
    monkeypatch.setattr(token_model, "_FEW_TERMS", 0)
    np.testing.assert_allclose(model.probabilities(rows[:1]), few)
