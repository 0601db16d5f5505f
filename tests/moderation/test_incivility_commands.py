"""train_moderation_model and evaluate_moderation_model (issue 4)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from detectors import incivility
from moderation import training


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


UNCIVIL = [
    "You clearly have no business practicing.",
    "Did you even finish your degree?",
    "I'm reporting you to the board, you fraud.",
    "Sweetie, this is basic stuff.",
    "You're an idiot and a danger to clients.",
    "What an incompetent hack you are.",
]
CIVIL = [
    "My client disclosed suicidal ideation and we made a safety plan.",
    "I filed a mandated report with CPS today.",
    "I respectfully disagree; exposure can be paced safely.",
    "Looking for a DBT referral in Portland.",
    "New CE rules were announced by the board today.",
    "My client said she'd kill him if he hurt her daughter again. We assessed risk.",
]


@pytest.fixture
def tiny_data(tmp_path: Path) -> dict[str, Path]:
    data_dir = tmp_path / "shared"
    _write_csv(
        data_dir / "wiki-toxicity" / "toxicity_nonfuzzed_testset.csv",
        ["rev_id", "comment", "toxic"],
        [
            [i, text, label]
            for i, (text, label) in enumerate(
                [("you are a stupid moron", True), ("thanks for fixing the citation", False)] * 6
            )
        ],
    )
    _write_csv(
        data_dir / "jigsaw-sample" / "test_examples.csv",
        ["comment_text", "toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"],
        [["go away idiot", 1, 0, 0, 0, 1, 0], ["good edit, thank you", 0, 0, 0, 0, 0, 0]] * 4,
    )
    _write_csv(
        data_dir / "davidson-offensive" / "labeled_data.csv",
        ["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"],
        [
            [0, 3, 3, 0, 0, 0, "RT @someone: those people are vermin"],
            [1, 3, 0, 3, 0, 1, "damn this traffic"],
            [2, 3, 0, 0, 3, 2, "lovely weather in the park today"],
        ]
        * 4,
    )
    curated = _write_csv(
        tmp_path / "curated.csv",
        ["text", "label", "category"],
        [[t, 1, "competence"] for t in UNCIVIL] * 2
        + [[t, 0, "suicide_consult"] for t in CIVIL] * 2,
    )
    evaluation = _write_csv(
        tmp_path / "eval.csv",
        ["text", "label"],
        [[t, 1] for t in UNCIVIL] + [[t, 0] for t in CIVIL],
    )
    return {"data_dir": data_dir, "curated": curated, "eval": evaluation, "out": tmp_path / "art"}


def test_train_writes_a_loadable_artifact_without_activating_it(tiny_data: dict[str, Path]) -> None:
    out = StringIO()
    call_command(
        "train_moderation_model",
        "--data-dir",
        str(tiny_data["data_dir"]),
        "--curated",
        str(tiny_data["curated"]),
        "--eval",
        str(tiny_data["eval"]),
        "--output-dir",
        str(tiny_data["out"]),
        "--folds",
        "2",
        "--seed",
        "3",
        "--no-activate",
        "--no-warnings",
        stdout=out,
        stderr=StringIO(),
    )
    text = out.getvalue()
    assert "ROC-AUC" in text and "thresholds: queue=" in text
    artifacts = sorted(tiny_data["out"].glob("incivility-*.npz"))
    assert len(artifacts) == 1
    assert not (tiny_data["out"] / "CURRENT").exists()
    version = artifacts[0].name.removeprefix("incivility-").removesuffix(".npz")
    model = incivility.load_artifact(tiny_data["out"], version)
    meta = json.loads((tiny_data["out"] / f"incivility-{version}.json").read_text())
    assert meta["version"] == version
    assert {f["source"] for f in meta["training_data"]} == {
        "curated",
        "wiki-toxicity",
        "jigsaw-sample",
        "davidson-offensive",
    }
    assert all(len(f["sha256"]) == 64 for f in meta["training_data"])
    # Davidson's "offensive language" class is dropped, not counted as incivility, and the
    # fifth of public rows kept for evaluation is never trained on.
    kept = ["RT @someone: those people are vermin", "lovely weather in the park today"]
    trained = [t for t in kept if not training.is_public_holdout(training.clean_public_text(t))]
    assert meta["rows_by_source"]["davidson-offensive"] == 4 * len(trained)
    assert meta["public_holdout"] == training.PUBLIC_HOLDOUT
    probabilities = model.probabilities(["you are a stupid idiot", "we made a safety plan"])
    assert probabilities[0] > probabilities[1]


def test_a_version_is_never_reused_after_the_active_ones_files_are_deleted(
    tmp_path: Path,
) -> None:
    """Superseded artifacts are deleted when the new one is committed; the next version
    counts past the active one, so no later model takes a name an earlier one had."""
    today = datetime(2026, 12, 7, tzinfo=UTC)
    assert training.next_version(tmp_path, today, stem="own-details") == "2026.12.07-1"
    (tmp_path / "CURRENT_OWN_DETAILS").write_text("2026.12.07-4\n", encoding="utf-8")
    kwargs = {"stem": "own-details", "current_name": "CURRENT_OWN_DETAILS"}
    assert training.next_version(tmp_path, today, **kwargs) == "2026.12.07-5"
    (tmp_path / "own-details-2026.12.07-5.json").write_text("{}", encoding="utf-8")
    assert training.next_version(tmp_path, today, **kwargs) == "2026.12.07-6"
    # An active version of an earlier day does not count today.
    (tmp_path / "CURRENT_OWN_DETAILS").write_text("2026.12.06-9\n", encoding="utf-8")
    assert training.next_version(tmp_path, today, **kwargs) == "2026.12.07-1"


def test_a_second_training_run_gets_the_next_version(tiny_data: dict[str, Path]) -> None:
    args = [
        "--data-dir",
        str(tiny_data["data_dir"]),
        "--curated",
        str(tiny_data["curated"]),
        "--eval",
        str(tiny_data["eval"]),
        "--output-dir",
        str(tiny_data["out"]),
        "--folds",
        "2",
        "--no-warnings",
    ]
    call_command("train_moderation_model", *args, stdout=StringIO(), stderr=StringIO())
    call_command("train_moderation_model", *args, stdout=StringIO(), stderr=StringIO())
    versions = sorted(p.stem for p in tiny_data["out"].glob("incivility-*.npz"))
    assert [v.rsplit("-", 1)[1] for v in versions] == ["1", "2"]
    assert (tiny_data["out"] / "CURRENT").read_text().strip().endswith("-2")


def test_the_content_warning_model_is_trained_and_served_from_its_artifact(
    tmp_path: Path,
) -> None:
    from detectors import warning_model

    out = StringIO()
    call_command(
        "train_moderation_model",
        "--warnings-only",
        "--folds",
        "2",
        "--output-dir",
        str(tmp_path),
        stdout=out,
        stderr=StringIO(),
    )
    assert "wrote content warnings" in out.getvalue()
    assert (tmp_path / "CURRENT_WARNINGS").is_file()
    assert not list(tmp_path.glob("incivility-*"))
    model = warning_model.load_artifact(tmp_path)
    rows = model.probabilities(["She swallowed all her pills to die.", "Group meets at noon."])
    sui = model.categories.index("suicide_self_harm")
    assert rows[0][sui] > rows[1][sui]


def test_the_own_details_model_is_trained_alone_into_the_output_directory(
    tmp_path: Path,
) -> None:
    from detectors.identifiers import own_details

    out = StringIO()
    call_command(
        "train_moderation_model",
        "--own-details-only",
        "--output-dir",
        str(tmp_path),
        stdout=out,
        stderr=StringIO(),
    )
    assert "wrote own details" in out.getvalue()
    assert not list(tmp_path.glob("incivility-*")) and not list(tmp_path.glob("content-*"))
    model = own_details.load_artifact(tmp_path)
    assert model.version == (tmp_path / "CURRENT_OWN_DETAILS").read_text().strip()
    assert 0.5 <= model.threshold < 1.0


def test_train_rejects_a_curated_file_without_labels(tmp_path: Path) -> None:
    bad = _write_csv(tmp_path / "bad.csv", ["text"], [["hello"]])
    with pytest.raises(CommandError, match="missing column"):
        call_command(
            "train_moderation_model",
            "--curated",
            str(bad),
            "--output-dir",
            str(tmp_path),
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_evaluate_prints_metrics_for_the_deployed_model(tiny_data: dict[str, Path]) -> None:
    out = StringIO()
    call_command("evaluate_moderation_model", "--data", str(tiny_data["eval"]), stdout=out)
    assert "ROC-AUC" in out.getvalue()
    assert incivility.model_version() in out.getvalue()

    out = StringIO()
    call_command(
        "evaluate_moderation_model", "--data", str(tiny_data["eval"]), "--json", stdout=out
    )
    metrics = json.loads(out.getvalue())
    assert metrics["roc_auc"] >= 0.9
    assert set(metrics["queue"]) >= {"threshold", "precision", "recall", "fpr"}
    assert metrics["hold"]["threshold"] >= metrics["queue"]["threshold"]


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (["text"], [["hello"]], "missing column"),
        (["text", "label"], [["hello", "maybe"]], "label must be 0 or 1"),
        (["text", "label"], [], "no rows"),
    ],
)
def test_evaluate_rejects_a_bad_csv(
    tmp_path: Path, header: list[str], rows: list[list[object]], message: str
) -> None:
    path = _write_csv(tmp_path / "bad.csv", header, rows)
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_moderation_model", "--data", str(path), stdout=StringIO())


def test_evaluate_rejects_a_missing_file_and_an_unknown_version(
    tiny_data: dict[str, Path], tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="not found"):
        call_command("evaluate_moderation_model", "--data", str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError, match="no artifact"):
        call_command(
            "evaluate_moderation_model",
            "--data",
            str(tiny_data["eval"]),
            "--version",
            "1999.01.01-9",
        )
