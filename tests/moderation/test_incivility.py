"""The deployed incivility model on clinician-register text (issue 4).

These load the committed artifact named by detectors/artifacts/CURRENT and
need no database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sklearn.metrics import roc_auc_score

from detectors import incivility
from moderation import training

BLNS = Path(training.default_data_dir()) / "naughty-strings" / "blns.txt"

HARD_NEGATIVES = [
    "Consultation request: my client disclosed suicidal ideation with a plan last night. "
    "We completed a safety plan and removed access to the medication. What would you add?",
    'My client said "I\'ll kill him if he touches her again" about her ex. She was shaking. '
    "I did a violence risk assessment and we talked about protective orders.",
    "I filed a mandated report with CPS this morning after a child disclosed abuse in session. "
    "How do you keep working with the family afterward?",
    "An adolescent client has been cutting daily and her parents just found out. "
    "We're starting DBT skills and a chain analysis.",
    "I respectfully disagree with recommending couples therapy while there's ongoing violence. "
    "I would refer for individual work first.",
]

ATTACKS = [
    "You clearly have no business practicing. Did you even finish your degree?",
    "I'm reporting you to the board. Enjoy the investigation, you incompetent hack.",
    "Sweetie, this is basic stuff. Maybe leave the hard cases to real clinicians.",
    "You're an idiot and a danger to every client on your caseload.",
]


def test_the_model_separates_uncivil_from_civil_posts_on_the_held_out_eval_file() -> None:
    texts, labels = training.read_labelled_csv(training.EVAL_PATH)
    auc = roc_auc_score(labels, incivility.score_many(texts))
    assert auc >= 0.9, f"ROC-AUC on the held-out eval file is {auc:.3f}"


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_clinical_hard_negatives_stay_below_the_queue_threshold(text: str) -> None:
    queue, _hold = incivility.thresholds()
    assert incivility.score(text).probability < queue


@pytest.mark.parametrize("text", ATTACKS)
def test_personal_attacks_score_above_the_queue_threshold(text: str) -> None:
    queue, _hold = incivility.thresholds()
    assert incivility.score(text).probability >= queue


def test_attacks_outrank_every_hard_negative() -> None:
    attack_scores = incivility.score_many(ATTACKS)
    civil_scores = incivility.score_many(HARD_NEGATIVES)
    assert min(attack_scores) > max(civil_scores)


def test_drivers_name_the_offending_words_with_their_spans() -> None:
    text = "Honestly, you're an idiot and your clinical judgment is negligent."
    result = incivility.score(text)
    terms = [term for term, _ in result.drivers]
    assert any("idiot" in term for term in terms)
    assert all(weight > 0 for _, weight in result.drivers)
    start = text.index("idiot")
    assert (start, start + len("idiot")) in result.spans


def test_score_many_agrees_with_score() -> None:
    texts = [*ATTACKS[:2], *HARD_NEGATIVES[:2]]
    batched = incivility.score_many(texts)
    single = [incivility.score(t).probability for t in texts]
    assert batched == pytest.approx(single)
    assert incivility.score_many([]) == []


def test_the_worker_batch_gives_each_post_what_score_gives_it() -> None:
    # Probabilities within float rounding of the one-post path; drivers and their spans
    # the same, on real posts and on hostile strings.
    texts = [*ATTACKS, *HARD_NEGATIVES, "", "\x00\x01 idiot", "a" * 500_000]
    texts += BLNS.read_text(encoding="utf-8").split("\n")[:300]
    batched = incivility.score_many_with_drivers(texts)
    for text, result in zip(texts, batched, strict=True):
        single = incivility.score(text)
        assert result.probability == pytest.approx(single.probability, abs=1e-12)
        assert result.drivers == single.drivers
        assert result.spans == single.spans
    assert any(result.drivers for result in batched[: len(ATTACKS)])
    assert incivility.score_many_with_drivers([]) == []


def test_thresholds_come_from_the_artifact_and_settings_can_override_them(settings) -> None:
    meta = incivility.load_model().metadata["thresholds"]
    settings.MODERATION_QUEUE_THRESHOLD = None
    settings.MODERATION_HOLD_THRESHOLD = None
    assert incivility.thresholds() == (meta["queue"], meta["hold"])
    assert 0 < meta["queue"] < meta["hold"] < 1
    settings.MODERATION_QUEUE_THRESHOLD = 0.4
    settings.MODERATION_HOLD_THRESHOLD = 0.6
    assert incivility.thresholds() == (0.4, 0.6)


def test_model_version_matches_current() -> None:
    current = (incivility.ARTIFACT_DIR / "CURRENT").read_text().strip()
    assert incivility.model_version() == current
    assert incivility.load_model() is incivility.load_model()  # cached per process


@pytest.mark.skipif(not BLNS.is_file(), reason="shared naughty-strings corpus not present")
def test_naughty_strings_never_raise() -> None:
    strings = BLNS.read_text(encoding="utf-8").split("\n")
    for text in strings:
        result = incivility.score(text)
        assert 0.0 <= result.probability <= 1.0
    assert len(incivility.score_many(strings)) == len(strings)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x1b[31m",
        "\u202e\u200f\u200bmirrored",
        "\ud800 lone surrogate",
        "a" * 500_000,
    ],
)
def test_edge_case_strings_score_without_errors(text: str) -> None:
    assert 0.0 <= incivility.score(text).probability <= 1.0
    assert len(incivility.score_many([text])) == 1


def _hostile_and_ordinary_texts() -> list[str]:
    texts = [*ATTACKS, *HARD_NEGATIVES, "", "\x00\x01 idiot", "IDIOT idiot Idiot's idiots"]
    return texts + BLNS.read_text(encoding="utf-8").split("\n")


def test_driver_spans_found_from_the_first_word_equal_a_scan_of_every_position() -> None:
    # The spans of each post's own terms, and of terms that repeat and overlap themselves
    # ("a a" in "a a a" is one span, as finditer gives it), in ASCII and other text.
    import random
    import re

    model = incivility.load_model()
    cases = [
        (text, sorted(set(model.word_terms(text)))[:12]) for text in _hostile_and_ordinary_texts()
    ]
    rng = random.Random(8)
    # Besides ASCII: a word character, a non-word one, and characters whose case folds
    # differ from lower() (dotless and dotted I, long s, Kelvin sign, sigmas, Cyrillic).
    for alphabet in ("ab AB_'.-\n9é", "as IS_'.-\n9é\u2014ıİſKΣσςвВ"):
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            tokens = re.findall(r"(?u)\b\w[\w']*\b", text.lower()) or ["a"]
            members = re.findall(r"\w[\w'-]*", text.lower()) or ["a"]  # cue class words
            terms = [rng.choice(tokens), " ".join(rng.choices(tokens, k=2)), "a a"]
            cases.append((text, [*terms, rng.choice(members), "'a", ""]))
    for text, terms in cases:
        assert incivility._spans_for(text, terms) == incivility._spans_by_regex(text, terms), (
            text,
            terms,
        )
    assert incivility._spans_for("a a a", ["a a"]) == [(0, 3)]
    assert incivility._spans_for("Idiot's IDIOT", ["idiot"]) == [(0, 5), (8, 13)]


def test_the_drivers_terms_are_the_word_analyzers_terms() -> None:
    from sklearn.feature_extraction.text import HashingVectorizer

    from moderation.training import WORD_TOKEN_PATTERN

    model = incivility.load_model()
    assert model.metadata["features"]["word"]["token_pattern"] == WORD_TOKEN_PATTERN
    sklearn_terms = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKEN_PATTERN
    ).build_analyzer()
    for text in _hostile_and_ordinary_texts():
        cleaned = incivility.clean_text(text)
        assert model.word_terms(cleaned) == sklearn_terms(cleaned)


def test_round_four_training_texts_are_no_development_evaluation_text() -> None:
    # The fourth round's hand-written posts were written by class after the retired
    # 2026-12-05c set was read: none may be a text of any set the model is evaluated on.
    import csv

    from moderation import evaluation

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    training_texts = {
        norm(text)
        for _, _, text in evaluation.read_labelled(training.CURATED_ROUND4_HANDWRITTEN_PATH)
    }
    assert len(training_texts) > 200
    evaluated: set[str] = set()
    for path in evaluation.dev_incivility_files() + evaluation.dev_heldout_files():
        evaluated |= {norm(text) for _, _, text in evaluation.read_labelled(path)}
    for path in evaluation.dev_counselling_files():
        evaluated |= {norm(line) for line in evaluation.read_lines(path)}
    for name in ("curated_incivility_eval.csv", "curated_incivility_dev_heldout.csv"):
        with (evaluation.DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
            evaluated |= {norm(row["text"]) for row in csv.DictReader(handle)}
    assert len(evaluated) > 900
    assert training_texts.isdisjoint(evaluated), sorted(training_texts & evaluated)
