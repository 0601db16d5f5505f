"""Every development text goes through the identifier detector and the content-warning
lexicon without an exception. A rule that raises on some shape of text makes `score_posts`
answer "screening failed" for that post and the worker retry it; stop 31 met one (a local
variable read before it was set, on one post in five thousand) only because a development
run scored every row."""

from __future__ import annotations

from detectors import content_warnings
from detectors.identifiers import find_identifiers
from moderation import evaluation


def test_every_development_text_is_screened_without_an_error() -> None:
    texts = [row["text"] for row in evaluation.read_dev_vignettes()]
    texts += [
        text
        for path in evaluation.dev_warning_files()
        for _, text in evaluation.read_warning_texts(path)
    ]
    failures = []
    for text in texts:
        try:
            find_identifiers(text)
            content_warnings.find_warning_cues(text)
        except Exception as error:  # noqa: BLE001 - the test reports every text that raises
            failures.append(f"{type(error).__name__}: {text[:80]!r}")
    assert len(texts) > 8000
    assert failures == []
