"""The evaluation behind `manage.py evaluate_screening`: reading the sets and the figures.

These tests read the blind sets' format only; they never score them (the blind sets are
scored once per piece of work, by the command, and never tuned on).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from detectors import content_warnings
from moderation import evaluation


def test_gold_marks_become_spans_over_the_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(
        "# a comment\n\nSaw [[name|Ana Ruiz]] on [[date|3/4]].\\nCall [[phone|503 555 0101]]\n"
    )
    [(text, spans)] = evaluation.read_vignettes(path)
    assert text == "Saw Ana Ruiz on 3/4.\nCall 503 555 0101"
    assert [(kind, text[start:end]) for kind, start, end in spans] == [
        ("name", "Ana Ruiz"),
        ("date", "3/4"),
        ("phone", "503 555 0101"),
    ]


def test_every_blind_file_is_well_formed() -> None:
    blind = evaluation.BLIND_DIR
    # A blind vignettes file may be absent (retired to development, its successor not yet
    # written); any that is there is well formed.
    for path in evaluation.blind_files("vignettes"):
        vignettes = evaluation.read_vignettes(path)
        assert vignettes and all(spans for _, spans in vignettes), path
        assert all("[[" not in text and "]]" not in text for text, _ in vignettes)
    # Content-warning sets likewise (content_warnings*.tsv; none while a retired set's
    # successor is being written).
    for path in evaluation.blind_files("content_warnings", "tsv"):
        warnings = evaluation.read_warning_texts(path)
        assert {c for gold, _ in warnings for c in gold} <= set(content_warnings.CATEGORIES)
    # Blind incivility and counselling files may be absent (retired to development, their
    # successors not yet written); any that is there is well formed.
    for path in evaluation.blind_files("incivility", "tsv"):
        rows = evaluation.read_labelled(path)
        assert {label for label, _, _ in rows} == {0, 1}, path
    for path in evaluation.blind_files("counselling"):
        assert len(evaluation.read_lines(path)) >= 20, path
    for name in ("therapist_answers.txt", "signatures.txt"):
        assert len(evaluation.read_lines(blind / name)) >= 20, name
    # De-identified files may be absent too (both retired on 2026-12-06).
    for path in evaluation.blind_files("deidentified"):
        assert len(evaluation.read_lines(path)) >= 20, path


@pytest.mark.parametrize(
    ("prefix", "vignettes"),
    [
        ("rb13-", 70),
        ("rb15-v", 110),
        ("rb17-v", 150),
        ("rb18-v", 150),
        ("rb19-v", 160),
        ("rb20-v", 160),
    ],
)
def test_the_retired_blind_vignettes_are_development_data(prefix: str, vignettes: int) -> None:
    retired = [row for row in evaluation.read_dev_vignettes() if row["id"].startswith(prefix)]
    assert len(retired) >= vignettes
    # Whatever blind vignettes there are now hold none of the retired texts.
    blind = {
        text
        for path in evaluation.blind_files("vignettes")
        for text, _ in evaluation.read_vignettes(path)
    }
    assert not blind & {row["text"] for row in retired}
    assert all("retired blind set" in row["note"] for row in retired)
    for row in retired:
        assert row["spans"] and not row["deidentified"]
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]


def test_the_retired_2026_12_05_clean_and_signed_sets_are_development_data() -> None:
    for name in ("vignettes.txt", "deidentified_2026-12-05.txt", "signatures_2026-12-05.txt"):
        assert not (evaluation.BLIND_DIR / name).exists(), name
    dev = [row for row in evaluation.read_dev_vignettes() if row["id"].startswith("rb15-")]
    clean = [row for row in dev if row["id"].startswith("rb15-d")]
    signed = [row for row in dev if row["id"].startswith("rb15-s")]
    assert len(clean) == 60 and len(signed) == 30
    assert all(row["deidentified"] and not row["spans"] for row in clean + signed)
    assert all(row.get("signature") is True for row in signed)
    assert not any(row.get("signature") for row in clean)
    assert all("retired blind set" in row["note"] for row in dev)


def test_the_retired_2026_12_05b_identifier_sets_are_development_data() -> None:
    for name in (
        "vignettes_2026-12-05b.txt",
        "deidentified_2026-12-05b.txt",
        "signatures_2026-12-05b.txt",
        "deidentified.txt",
    ):
        assert not (evaluation.BLIND_DIR / name).exists(), name
    dev = [row for row in evaluation.read_dev_vignettes() if row["id"].startswith("rb17-")]
    vignettes = [row for row in dev if row["id"].startswith("rb17-v")]
    clean = [row for row in dev if row["id"].startswith("rb17-d")]
    signed = [row for row in dev if row["id"].startswith("rb17-s")]
    assert len(vignettes) == 152 and sum(len(row["spans"]) for row in vignettes) == 189
    # Both de-identified files: the 2026-12-05b one (70) and the older deidentified.txt (50).
    assert len(clean) == 120 and len(signed) == 40
    assert all(row["deidentified"] and not row["spans"] for row in clean + signed)
    assert all(row.get("signature") is True for row in signed)
    assert not any(row.get("signature") for row in clean + vignettes)
    assert all("retired blind set" in row["note"] for row in dev)


def test_the_retired_2026_12_05c_identifier_sets_are_development_data() -> None:
    for name in (
        "vignettes_2026-12-05c.txt",
        "deidentified_2026-12-05c.txt",
        "signatures_2026-12-05c.txt",
    ):
        assert not (evaluation.BLIND_DIR / name).exists(), name
    dev = [row for row in evaluation.read_dev_vignettes() if row["id"].startswith("rb18-")]
    vignettes = [row for row in dev if row["id"].startswith("rb18-v")]
    clean = [row for row in dev if row["id"].startswith("rb18-d")]
    signed = [row for row in dev if row["id"].startswith("rb18-s")]
    assert len(vignettes) == 150 and sum(len(row["spans"]) for row in vignettes) == 190
    assert len(clean) == 80 and len(signed) == 40
    assert all(row["deidentified"] and not row["spans"] for row in clean + signed)
    assert all(row.get("signature") is True for row in signed)
    assert not any(row.get("signature") for row in clean + vignettes)
    # The [[kind|text]] marks are gone and every gold span is the text at its offsets.
    assert not any("[[" in row["text"] or "]]" in row["text"] for row in dev)
    for row in vignettes:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]
    for prefix, name in (
        ("rb18-v", "vignettes_2026-12-05c.txt"),
        ("rb18-d", "deidentified_2026-12-05c.txt"),
        ("rb18-s", "signatures_2026-12-05c.txt"),
    ):
        rows = [row for row in dev if row["id"].startswith(prefix)]
        assert all("retired blind set" in row["note"] and name in row["note"] for row in rows)


@pytest.mark.parametrize(
    ("prefix", "date", "vignette_rows", "gold_spans", "signed_rows", "deidentified"),
    [
        ("rb19-", "2026-12-06", 160, 233, 60, 0),
        ("rb20-", "2026-12-06b", 160, 233, 60, 0),
        ("rb21-", "2026-12-06c", 160, 278, 60, 80),
        ("rb22-", "2026-12-06d", 160, 302, 60, 80),
        ("rb23-", "2026-12-06e", 120, 243, 50, 60),
        ("rb25-", "2026-12-06f", 130, 241, 55, 70),
        ("rb26-", "2026-12-06g", 130, 227, 55, 70),
        ("rb27-", "2026-12-07a", 130, 433, 55, 70),
        ("rb28-", "2026-12-07b", 130, 383, 55, 70),
        ("rb29-", "2026-12-07c", 130, 502, 55, 70),
        ("rb30-", "2026-12-07d", 130, 471, 55, 70),
        ("rb31-", "2026-12-07e", 130, 531, 55, 70),
        ("rb32-", "2026-12-07f", 130, 445, 55, 70),
        ("rb33-", "2026-12-07g", 130, 407, 55, 70),
        ("rb34-", "2026-12-07h", 130, 385, 55, 70),
        ("rb35-", "2026-12-07i", 130, 392, 55, 70),
        ("rb36-", "2026-12-07j", 130, 400, 55, 70),
        ("rb37-", "2026-12-07k", 130, 454, 55, 70),
        ("rb38-", "2026-12-07l", 130, 399, 55, 70),
        ("rb39-", "2026-12-07m", 130, 443, 55, 70),
        ("rb40-", "2026-12-07n", 130, 409, 55, 70),
        ("rb41-", "2026-12-07o", 130, 463, 55, 70),
        ("rb42-", "2026-12-07p", 130, 409, 55, 70),
        ("rb43-", "2026-12-07q", 130, 429, 55, 70),
        ("rb44-", "2026-12-07r", 130, 520, 55, 70),
        ("rb45-", "2026-12-07s", 130, 447, 55, 70),
    ],
)
def test_the_retired_2026_12_06_vignettes_and_signatures_are_development_data(
    prefix: str,
    date: str,
    vignette_rows: int,
    gold_spans: int,
    signed_rows: int,
    deidentified: int,
) -> None:
    # The vignettes and signatures of each date were retired, and the de-identified file of
    # 2026-12-06c (it missed its goal); the one of 2026-12-06 met its goal and stays blind
    # (nothing here reads it).
    names = [f"vignettes_{date}.txt", f"signatures_{date}.txt"]
    names += [f"deidentified_{date}.txt"] if deidentified else []
    for name in names:
        assert not (evaluation.BLIND_DIR / name).exists(), name
    dev = [row for row in evaluation.read_dev_vignettes() if row["id"].startswith(prefix)]
    vignettes = [row for row in dev if row["id"].startswith(f"{prefix}v")]
    signed = [row for row in dev if row["id"].startswith(f"{prefix}s")]
    plain = [row for row in dev if row["id"].startswith(f"{prefix}d")]
    assert len(dev) == len(vignettes) + len(signed) + len(plain)
    assert len(vignettes) == vignette_rows
    assert sum(len(row["spans"]) for row in vignettes) == gold_spans
    assert len(signed) == signed_rows and len(plain) == deidentified
    assert all(row["deidentified"] and not row["spans"] for row in plain)
    assert not any(row.get("signature") for row in plain)
    assert all(row["deidentified"] and not row["spans"] for row in signed)
    assert all(row.get("signature") is True for row in signed)
    assert not any(row.get("signature") for row in vignettes)
    assert {span["kind"] for row in vignettes for span in row["spans"]} == {
        "address",
        "age",
        "date",
        "device_id",
        "email",
        "ip",
        "license_plate",
        "name",
        "phone",
        "record_number",
        "ssn",
        "url",
        "zip",
    }
    # The [[kind|text]] marks are gone and every gold span is the text at its offsets.
    assert not any("[[" in row["text"] or "]]" in row["text"] for row in dev)
    for row in vignettes:
        previous_end = 0
        for span in row["spans"]:
            assert previous_end <= span["start"] < span["end"]
            assert row["text"][span["start"] : span["end"]] == span["text"]
            previous_end = span["end"]
    for kind, name in (
        ("v", f"vignettes_{date}.txt"),
        ("s", f"signatures_{date}.txt"),
        ("d", f"deidentified_{date}.txt"),
    ):
        rows = [row for row in dev if row["id"].startswith(prefix + kind)]
        assert all("retired blind set" in row["note"] and name in row["note"] for row in rows)


def test_the_retired_blind_warning_set_is_training_data_now() -> None:
    assert not (evaluation.BLIND_DIR / "content_warnings.tsv").exists()
    retired = evaluation.DATA_DIR / "content_warnings_train_writer_retired_blind.tsv"
    assert retired not in evaluation.dev_warning_files()
    assert retired.read_text(encoding="utf-8").startswith("# RETIRED BLIND SET")
    rows = evaluation.read_warning_texts(retired)
    assert len(rows) == 66
    assert {c for gold, _ in rows for c in gold} == set(content_warnings.CATEGORIES)
    # The training file is not a development set the figures are taken on.
    assert evaluation.DATA_DIR / "content_warnings_dev.tsv" not in evaluation.dev_warning_files()


@pytest.mark.parametrize(
    ("date", "short", "rows_in_all", "needing_none"),
    [
        ("2026-12-05b", "05b", 98, 26),
        ("2026-12-05c", "05c", 100, 25),
        ("2026-12-06", "06", 130, 30),
        ("2026-12-06b", "06b", 130, 30),
        ("2026-12-06c", "06c", 140, 35),
        ("2026-12-06d", "06d", 140, 35),
        ("2026-12-06e", "06e", 120, 30),
        ("2026-12-06f", "06f", 130, 30),
        ("2026-12-06g", "06g", 130, 30),
        ("2026-12-07a", "07a", 130, 30),
        ("2026-12-07b", "07b", 130, 30),
        ("2026-12-07c", "07c", 130, 30),
        ("2026-12-07d", "07d", 130, 30),
        ("2026-12-07e", "07e", 130, 30),
        ("2026-12-07f", "07f", 130, 30),
        ("2026-12-07g", "07g", 130, 30),
        ("2026-12-07h", "07h", 130, 30),
        ("2026-12-07i", "07i", 130, 30),
        ("2026-12-07j", "07j", 130, 30),
        ("2026-12-07k", "07k", 130, 30),
        ("2026-12-07l", "07l", 130, 30),
        ("2026-12-07m", "07m", 130, 30),
        ("2026-12-07n", "07n", 130, 30),
        ("2026-12-07o", "07o", 130, 30),
        ("2026-12-07p", "07p", 130, 30),
        ("2026-12-07q", "07q", 130, 30),
        ("2026-12-07r", "07r", 130, 30),
        ("2026-12-07s", "07s", 130, 30),
    ],
)
def test_a_retired_blind_warning_set_is_an_independent_training_writer_now(
    date: str, short: str, rows_in_all: int, needing_none: int
) -> None:
    """Each retired blind warning set was development data (never trained on) until stop
    34; since then it is one independent writer's training file, held out whole when the
    model's thresholds are chosen, and no longer in the development figures."""
    from moderation import warning_training

    assert not (evaluation.BLIND_DIR / f"content_warnings_{date}.tsv").exists()
    retired = evaluation.DATA_DIR / f"content_warnings_train_writer_retired_blind_{short}.tsv"
    assert retired not in evaluation.dev_warning_files()
    assert retired in warning_training.writer_paths()
    assert retired.read_text(encoding="utf-8").startswith("# RETIRED BLIND SET")
    rows = evaluation.read_warning_texts(retired)
    assert len(rows) == rows_in_all
    assert sum(1 for gold, _ in rows if not gold) == needing_none
    assert {c for gold, _ in rows for c in gold} == set(content_warnings.CATEGORIES)
    assert warning_training.read_gold(retired) == rows
    # No development text is among the training texts.
    trained = {text.strip().lower() for _, text in rows}
    dev = {
        text.strip().lower()
        for path in evaluation.dev_warning_files()
        for _, text in evaluation.read_warning_texts(path)
    }
    assert not trained & dev


def test_warning_figures_have_a_development_column_and_blind_n_a_without_a_blind_set(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(evaluation, "BLIND_DIR", tmp_path)
    result = evaluation.Evaluation(model_version="test")
    evaluation._warning_figures(result)
    figures = {figure.measure: figure for figure in result.figures}
    recall = figures["content warnings, micro recall"]
    assert recall.blind == (None, 0)
    assert recall.development is not None and recall.development[1] >= 66
    assert "blind content-warning figures are n/a" in evaluation.format_table(result)
    # An added blind file counts; --no-blind leaves the blind cells empty.
    (tmp_path / "content_warnings_x.tsv").write_text("violence\tHe stabbed a man.\n\tHi all.\n")
    result = evaluation.Evaluation(model_version="test")
    evaluation._warning_figures(result)
    figures = {figure.measure: figure for figure in result.figures}
    assert figures["content warnings, micro recall"].blind == (1.0, 2)
    result = evaluation.Evaluation(model_version="test")
    evaluation._warning_figures(result, blind_sets=False)
    assert all(figure.blind is None for figure in result.figures)
    assert all(figure.development is not None for figure in result.figures)


def test_the_retired_blind_incivility_and_counselling_sets_are_development_data() -> None:
    for name in (
        "incivility.tsv",
        "counselling.txt",
        "incivility_2026-12-05b.tsv",
        "counselling_2026-12-05b.txt",
        "incivility_2026-12-05c.tsv",
        "counselling_2026-12-05c.txt",
    ):
        assert not (evaluation.BLIND_DIR / name).exists(), name
    names = {path.name for path in evaluation.dev_incivility_files()}
    assert {
        "incivility_dev_retired_blind.tsv",
        "incivility_dev_retired_blind_05b.tsv",
        "incivility_dev_retired_blind_05c.tsv",
    } <= names
    names = {path.name for path in evaluation.dev_counselling_files()}
    assert {
        "counselling_dev_retired_blind.txt",
        "counselling_dev_retired_blind_05b.txt",
        "counselling_dev_retired_blind_05c.txt",
    } <= names
    rows = evaluation.read_dev_incivility_sets()
    assert len(rows) >= 410 and {label for label, _, _ in rows} == {0, 1}
    assert {"sarcasm", "privacy_mockery", "pileon", "hostile_feedback"} <= {c for _, c, _ in rows}
    assert len(evaluation.read_dev_counselling()) >= 280
    spent = evaluation.read_labelled(evaluation.DATA_DIR / "incivility_dev_retired_blind_05c.tsv")
    assert len(spent) == 160
    for path in [
        *evaluation.DATA_DIR.glob("incivility_dev*.tsv"),
        *evaluation.DATA_DIR.glob("counselling_dev*.txt"),
    ]:
        assert path.read_text(encoding="utf-8").startswith("# RETIRED BLIND SET"), path


def test_the_hand_written_held_out_set_is_never_trained_on() -> None:
    [path] = [p for p in evaluation.dev_heldout_files() if p.name.endswith("_r3.tsv")]
    rows = evaluation.read_labelled(path)
    assert len(rows) >= 150 and {label for label, _, _ in rows} == {0, 1}
    assert {"sarcasm", "privacy_mockery", "counselling", "sincere_praise"} <= {
        c for _, c, _ in rows
    }
    from moderation import training

    dataset = training.load_training_data(data_dir=evaluation.DATA_DIR / "no-public-data")

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    trained = {norm(text) for text in dataset.texts}
    assert not trained & {norm(text) for _, _, text in rows}
    # Nor is the retired 2026-12-05b set (the earlier one shares a few two-word replies,
    # "Agreed.", with training rows older than it).
    spent = evaluation.DATA_DIR / "incivility_dev_retired_blind_05b.tsv"
    assert not trained & {norm(text) for _, _, text in evaluation.read_labelled(spent)}
    # The 2026-12-05c set, written apart, shares only generic short replies ("Agreed.",
    # "Thank you!", "Following.") with older training rows; nothing longer.
    spent = evaluation.DATA_DIR / "incivility_dev_retired_blind_05c.tsv"
    shared = trained & {norm(text) for _, _, text in evaluation.read_labelled(spent)}
    assert all(len(text.split()) <= 3 for text in shared), shared


def test_incivility_figures_report_retired_sets_as_development_and_count_added_blind_files(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "therapist_answers.txt").write_text("Try a grounding exercise.\n")
    monkeypatch.setattr(evaluation, "BLIND_DIR", tmp_path)
    result = evaluation.Evaluation(model_version="test")
    evaluation._incivility_figures(result)
    figures = {figure.measure: figure for figure in result.figures}
    sarcasm = figures["sarcasm / mock praise at a colleague, share not published"]
    counselling = figures["counsellor (MI) utterances queued for incivility"]
    assert sarcasm.blind == (None, 0) and counselling.blind == (None, 0)
    assert sarcasm.development is not None and sarcasm.development[1] >= 10
    assert counselling.development is not None and counselling.development[1] >= 280
    retired = figures["  retired blind incivility sets, ROC-AUC"]
    assert retired.development is not None and retired.development[1] >= 410
    # Each retired set also has a row of its own, and the shares say what each file gives.
    for name, rows in (
        ("incivility_dev_retired_blind_05b.tsv", 159),
        ("incivility_dev_retired_blind_05c.tsv", 160),
    ):
        spent = figures[f"    {name}"]
        assert spent.development is not None and spent.development[1] == rows, name
        assert name in sarcasm.note
    assert "counselling_dev_retired_blind_05b.txt" in counselling.note
    assert "counselling_dev_retired_blind_05c.txt" in counselling.note
    # The hand-written held-out set of the third round has its own row.
    heldout = figures["  curated_incivility_dev_heldout_r3.tsv, ROC-AUC"]
    assert heldout.development is not None and heldout.development[1] >= 150
    assert "sarcasm" in heldout.note and "counselling queued" in heldout.note
    assert "blind incivility figures are n/a" in evaluation.format_table(result)

    (tmp_path / "incivility_x.tsv").write_text(
        "1\tsarcasm\tOh sure, you are a genius.\n0\tshort\tThanks, that helps.\n"
    )
    (tmp_path / "counselling_x.txt").write_text("It sounds like a hard week.\n")
    result = evaluation.Evaluation(model_version="test")
    evaluation._incivility_figures(result)
    figures = {figure.measure: figure for figure in result.figures}
    assert figures["sarcasm / mock praise at a colleague, share not published"].blind[1] == 1
    assert figures["clinician-register incivility ROC-AUC"].blind[1] == 2
    assert figures["counsellor (MI) utterances queued for incivility"].blind[1] == 1

    result = evaluation.Evaluation(model_version="test")
    evaluation._incivility_figures(result, blind_sets=False)
    assert all(figure.blind is None for figure in result.figures)


def test_no_blind_reads_no_blind_file_and_reports_development_signatures(
    tmp_path: Path, monkeypatch
) -> None:
    # An empty blind folder: every blind read would fail with "file not found".
    monkeypatch.setattr(evaluation, "BLIND_DIR", tmp_path)
    with pytest.raises(evaluation.EvaluationDataError):
        evaluation._identifier_figures(evaluation.Evaluation("test"), tmp_path / "none")
    result = evaluation.Evaluation(model_version="test")
    evaluation._identifier_figures(result, tmp_path / "none", blind_sets=False)
    figures = {figure.measure: figure for figure in result.figures}
    assert all(figure.blind is None for figure in result.figures)
    held = figures["clinicians' own signatures and answers held as patient identifiers"]
    assert held.development is not None and held.development[1] >= 30
    clean = figures["de-identified vignettes flagged"]
    signed_rows = sum(1 for row in evaluation.read_dev_vignettes() if row.get("signature"))
    all_clean = sum(1 for row in evaluation.read_dev_vignettes() if row["deidentified"])
    assert clean.development is not None and clean.development[1] == all_clean - signed_rows


def test_the_command_without_blind_sets_reads_none(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(evaluation, "BLIND_DIR", tmp_path)
    monkeypatch.setattr(evaluation, "_public_incivility_figures", lambda *_: None)
    out = io.StringIO()
    call_command("evaluate_screening", "--no-timing", "--no-blind", stdout=out)
    assert "no blind set was read" in out.getvalue()


def test_identifier_figures_cope_with_no_blind_vignettes_and_count_added_files(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "signatures.txt").write_text("Happy to help.\\n-- Dana Ruiz, LCSW\n")
    (tmp_path / "therapist_answers.txt").write_text("Try a grounding exercise.\n")
    monkeypatch.setattr(evaluation, "BLIND_DIR", tmp_path)
    # No de-identified file (all retired): that blind figure is n/a, with a note.
    result = evaluation.Evaluation(model_version="test")
    evaluation._identifier_figures(result, tmp_path / "no-public-data")
    figures = {figure.measure: figure for figure in result.figures}
    assert figures["de-identified vignettes flagged"].blind == (None, 0)
    assert "blind de-identified figure is n/a" in evaluation.format_table(result)

    (tmp_path / "deidentified.txt").write_text("# clean\nA client in her 30s.\n")
    (tmp_path / "deidentified_2026-12-05.txt").write_text("A teen seen last spring.\n")
    (tmp_path / "signatures_b.txt").write_text("Thanks all.\\nSam Patel, PsyD\n")
    result = evaluation.Evaluation(model_version="test")
    evaluation._identifier_figures(result, tmp_path / "no-public-data")
    figures = {figure.measure: figure for figure in result.figures}
    recall = figures["patient identifiers in case vignettes, recall"]
    assert recall.blind == (None, 0)
    assert recall.development is not None and recall.development[1] > 900
    assert figures["de-identified vignettes flagged"].blind == (0.0, 2)
    held = figures["clinicians' own signatures and answers held as patient identifiers"]
    assert held.blind is not None and held.blind[1] == 3
    heldout = figures["  synthetic held-out template families, recall"]
    assert heldout.blind is None and heldout.development is not None
    table = evaluation.format_table(result)
    assert "n/a" in table and "blind identifier recall is n/a" in table


def test_a_malformed_set_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("1\tsarcasm\tfine\n2\tnope\n")
    with pytest.raises(evaluation.EvaluationDataError, match="row 2"):
        evaluation.read_labelled(path)
    warnings = tmp_path / "cw.tsv"
    warnings.write_text("gore\tsomething\n")
    with pytest.raises(evaluation.EvaluationDataError, match="gore"):
        evaluation.read_warning_texts(warnings)
    with pytest.raises(evaluation.EvaluationDataError, match="not found"):
        evaluation.read_lines(tmp_path / "missing.txt")


def test_roc_auc_counts_ties_as_half() -> None:
    assert evaluation.roc_auc([1, 0], [0.9, 0.1]) == 1.0
    assert evaluation.roc_auc([1, 0], [0.1, 0.9]) == 0.0
    assert evaluation.roc_auc([1, 0, 0], [0.5, 0.5, 0.1]) == 0.75
    assert evaluation.roc_auc([1, 1], [0.2, 0.3]) is None


def test_identifier_recall_counts_any_overlapping_span() -> None:
    rows = [
        ("Call 503-555-0199 about Ana.", [("phone", 5, 17)]),
        ("Nothing here at all.", [("name", 0, 7)]),
    ]
    overall, by_kind, n = evaluation.identifier_recall(rows)
    assert n == 2 and overall == 0.5
    assert by_kind == {"name": 0.0, "phone": 1.0}


def test_warning_scores_are_micro_averaged() -> None:
    rows = [
        ({"violence"}, "He stabbed a man outside the bar."),
        (set(), "Reminder: group at noon."),
    ]
    scores = evaluation.warning_scores(rows)
    assert scores["micro_recall"] == 1.0 and scores["micro_precision"] == 1.0
    assert scores["recall violence"] == 1.0


def test_the_command_refuses_a_missing_blind_set(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(evaluation, "BLIND_DIR", tmp_path)
    with pytest.raises(CommandError, match="not found"):
        call_command("evaluate_screening", "--no-timing")
