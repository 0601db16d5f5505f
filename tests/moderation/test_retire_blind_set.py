"""scripts/retire_blind_set.py: blind files turned into development data files.

Every text here is invented for the test; no blind file is read. The last tests rebuild the
sources of the already retired 2026-12-06e set from its development files and check that
the script gives those files back byte for byte.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from moderation import evaluation

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "retire_blind_set", REPO / "scripts/retire_blind_set.py"
)
assert _spec and _spec.loader
retire = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(retire)

SUFFIX = "2031-01-02x"
NOTE_TAIL = (
    ", written by hand by a writer shown no code or data of this repository and scored once as"
    " blind (blind/SCORES.md, 2031-01-02 09:30); retired to development on 2031-01-03"
)


def run(source: Path, out: Path, *extra: str) -> int:
    return retire.main(
        [
            SUFFIX,
            "--number",
            "7",
            "--short",
            "02x",
            "--scored",
            "2031-01-02 09:30",
            "--retired-on",
            "2031-01-03",
            "--source-dir",
            str(source),
            "--out-dir",
            str(out),
            *extra,
        ]
    )


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_vignettes_become_rows_whose_marks_give_the_lines_back(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    lines = [
        "Met [[name|Zoë Brännström]] on [[date|2/9]], she is [[age|44]].",
        "Intake:\\nclient [[name|Tobias Venn]]\\ncall [[phone|(555) 010-7788]]",
        "[[name|Ida]][[record_number|MRN 4471]] at the start, adjacent marks.",
        "A vignette with no identifier at all, ends with spaces  ",
    ]
    write(source, f"vignettes_{SUFFIX}.txt", "# a comment\n\n" + "\n".join(lines) + "\n\n")

    assert run(source, out) == 0

    path = out / "phi_dev_07_retired_blind.jsonl"
    raw = path.read_text(encoding="utf-8")
    assert "\\u00eb" in raw and "ë" not in raw  # non-ASCII escaped, as json.dumps does
    rows = read_rows(path)
    assert [row["id"] for row in rows] == ["rb07-v000", "rb07-v001", "rb07-v002", "rb07-v003"]
    assert all(list(row) == ["id", "deidentified", "text", "spans", "note"] for row in rows)
    assert not any(row["deidentified"] for row in rows)
    assert rows[0]["text"] == "Met Zoë Brännström on 2/9, she is 44."
    assert rows[0]["spans"] == [
        {"kind": "name", "start": 4, "end": 18, "text": "Zoë Brännström"},
        {"kind": "date", "start": 22, "end": 25, "text": "2/9"},
        {"kind": "age", "start": 34, "end": 36, "text": "44"},
    ]
    assert rows[1]["text"] == "Intake:\nclient Tobias Venn\ncall (555) 010-7788"
    assert rows[2]["spans"] == [
        {"kind": "name", "start": 0, "end": 3, "text": "Ida"},
        {"kind": "record_number", "start": 3, "end": 11, "text": "MRN 4471"},
    ]
    assert rows[3]["spans"] == [] and rows[3]["text"].endswith("at all, ends with spaces  ")
    assert [retire.remark(row) for row in rows] == lines
    assert rows[0]["note"] == (
        f"development data: retired blind set (was moderation/data/blind/vignettes_{SUFFIX}.txt"
        + NOTE_TAIL
    )


def test_signatures_and_deidentified_posts_follow_the_vignettes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    write(source, f"vignettes_{SUFFIX}.txt", "Saw [[name|Remy Oduya]] today.\n")
    write(source, f"signatures_{SUFFIX}.txt", "# sigs\nThanks,\\nDr. Pell, LCSW\nJo Ames, PsyD\n")
    write(source, f"deidentified_{SUFFIX}.txt", "A client in her 40s said [sic] it.\n")

    assert run(source, out) == 0

    rows = read_rows(out / "phi_dev_07_retired_blind.jsonl")
    assert [row["id"] for row in rows] == ["rb07-v000", "rb07-s000", "rb07-s001", "rb07-d000"]
    signature, deidentified = rows[1], rows[3]
    assert list(signature) == ["id", "deidentified", "signature", "text", "spans", "note"]
    assert signature["deidentified"] is True and signature["signature"] is True
    assert signature["text"] == "Thanks,\nDr. Pell, LCSW" and signature["spans"] == []
    assert signature["note"].startswith(
        f"development data: retired blind set (was moderation/data/blind/signatures_{SUFFIX}.txt"
    )
    assert list(deidentified) == ["id", "deidentified", "text", "spans", "note"]
    assert deidentified["deidentified"] is True and deidentified["spans"] == []
    assert f"deidentified_{SUFFIX}.txt" in deidentified["note"]
    printed = capsys.readouterr().out
    assert f"missing (not converted): content_warnings_{SUFFIX}.tsv" in printed
    assert "4 rows (1 vignettes, 2 signatures, 1 deidentified); 1 spans: name 1" in printed
    assert not (out / "content_warnings_train_writer_retired_blind_02x.tsv").exists()


def test_warnings_file_is_the_source_under_a_header(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    body = (
        "# written by an invented writer\n"
        "abuse\tHe said the bruises came from “falling”, third time this month.\n"
        "\tJust a long week, nothing more.\n"
        "violence,substance_use\tShe said he drank and threw a chair at her.\n"
    )
    write(source, f"content_warnings_{SUFFIX}.tsv", body)

    assert run(source, out) == 0

    written_path = out / "content_warnings_train_writer_retired_blind_02x.tsv"
    written = written_path.read_text(encoding="utf-8")
    header, rest = written.split("\n", 1)
    assert header == (
        "# RETIRED BLIND SET, now training data (was moderation/data/blind/"
        f"content_warnings_{SUFFIX}.tsv): categories<TAB>text, scored once as blind"
        " (blind/SCORES.md, 2031-01-02 09:30) and retired on 2031-01-03; one independent"
        " writer's texts for the content-warning model from then on (retrain it: make train)."
    )
    assert rest == body
    assert not (out / "phi_dev_07_retired_blind.jsonl").exists()


def test_an_unknown_kind_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    write(source, f"vignettes_{SUFFIX}.txt", "ok [[name|Ann Lo]]\n# c\nher dog [[pet|Biscuit]]\n")

    assert run(source, out) == 1

    assert f"vignettes_{SUFFIX}.txt line 3: unknown kind 'pet'" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "line",
    [
        "Saw [[name|Ann Lo today, unclosed.",
        "Saw [[name|Ann Lo] today.",
        "Saw [[Name|Ann Lo]] today.",
        "Saw [[name Ann Lo]] today.",
        "Saw [[name|[[date|3/4]]]] nested.",
    ],
)
def test_a_malformed_mark_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    path = write(source, f"vignettes_{SUFFIX}.txt", line + "\n")
    # read_vignettes does not see these as marks: they stay in the text as written.
    [(text, _)] = evaluation.read_vignettes(path)
    assert "[[" in text or "]]" in text

    assert run(source, out) == 1

    assert "malformed mark left in the text" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_rows_that_do_not_give_their_line_back_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    write(source, f"vignettes_{SUFFIX}.txt", "Saw [[name|Ann Lo]] today.\n")
    # A reader whose span is one character off: its text no longer matches the line.
    monkeypatch.setattr(
        evaluation, "read_vignettes", lambda path: [("Saw Ann Lo today.", [("name", 5, 10)])]
    )

    assert run(source, out) == 1

    assert "does not give the source line" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_bad_warning_category_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    write(source, f"vignettes_{SUFFIX}.txt", "Saw [[name|Ann Lo]] today.\n")
    write(source, f"content_warnings_{SUFFIX}.tsv", "abuse\tfine\nweather\tIt rained all day.\n")

    assert run(source, out) == 1

    assert "bad categories ['weather']" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_existing_outputs_are_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    write(source, f"vignettes_{SUFFIX}.txt", "Saw [[name|Ann Lo]] today.\n")
    write(source, f"content_warnings_{SUFFIX}.tsv", "abuse\tHe hit her again.\n")
    existing = write(out, "phi_dev_07_retired_blind.jsonl", "old\n")

    assert run(source, out) == 1

    assert "phi_dev_07_retired_blind.jsonl exists" in capsys.readouterr().err
    assert existing.read_text() == "old\n"
    assert sorted(p.name for p in out.iterdir()) == ["phi_dev_07_retired_blind.jsonl"]

    assert run(source, out, "--force") == 0

    assert read_rows(existing)[0]["text"] == "Saw Ann Lo today."
    assert (out / "content_warnings_train_writer_retired_blind_02x.tsv").exists()


def test_a_dry_run_checks_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    write(source, f"vignettes_{SUFFIX}.txt", "Saw [[name|Ann Lo]] on [[date|5/6]].\n")
    write(source, f"content_warnings_{SUFFIX}.tsv", "abuse\tHe hit her again.\n")

    assert run(source, out, "--dry-run") == 0

    printed = capsys.readouterr().out
    assert "would write phi_dev_07_retired_blind.jsonl: 1 rows" in printed
    assert "would write content_warnings_train_writer_retired_blind_02x.tsv: 1 rows" in printed
    assert list(out.iterdir()) == []


def test_no_source_file_at_all_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "out").mkdir()

    assert run(tmp_path / "src", tmp_path / "out") == 1

    assert f"no file of blind set {SUFFIX}" in capsys.readouterr().err


def test_the_retired_2026_12_06e_set_is_reproduced(tmp_path: Path) -> None:
    """Sources rebuilt from the development files give those files back byte for byte."""
    phi = evaluation.DATA_DIR / "phi_dev_23_retired_blind.jsonl"
    warnings = evaluation.DATA_DIR / "content_warnings_train_writer_retired_blind_06e.tsv"
    source, out = tmp_path / "src", tmp_path / "out"
    out.mkdir()
    lines: dict[str, list[str]] = {"v": [], "s": [], "d": []}
    for row in read_rows(phi):
        lines[row["id"][len("rb23-")]].append(retire.remark(row))
    for stem, letter in retire.PHI_FILES:
        write(source, f"{stem}_2026-12-06e.txt", "# rebuilt\n" + "\n".join(lines[letter]) + "\n")
    warnings_text = warnings.read_bytes().decode("utf-8")
    write(source, "content_warnings_2026-12-06e.tsv", warnings_text.split("\n", 1)[1])

    arguments = ["--number", "23", "--short", "06e", "--scored", "2026-12-06 21:17"]
    arguments += ["--retired-on", "2026-12-06", "--source-dir", str(source), "--out-dir", str(out)]
    assert retire.main(["2026-12-06e", *arguments]) == 0

    assert (out / phi.name).read_bytes() == phi.read_bytes()
    # The header says what the file is now (it was written as development data and became
    # training data in stop 34); the texts are the file's, byte for byte.
    written = (out / warnings.name).read_bytes().split(b"\n", 1)
    assert written[0].startswith(b"# RETIRED BLIND SET, now training data")
    assert written[1] == warnings.read_bytes().split(b"\n", 1)[1]
