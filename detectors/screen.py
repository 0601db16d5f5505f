"""Run the three detectors over one text: pure, fast, no database.

Reused by the draft check (author nudges), by screening workers and by
`manage.py score_posts`, so all three see exactly the same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from detectors import content_warnings, identifiers, incivility
from detectors.hashed_text import BatchHashes
from detectors.identifiers import IdentifierSpan


@dataclass(frozen=True)
class ScreenReport:
    incivility: float
    model_version: str
    identifiers: list[IdentifierSpan] = field(default_factory=list)
    warnings_called_for: list[str] = field(default_factory=list)
    # None when the author declared nothing: the missing-warning rule does not apply.
    missing_warnings: list[str] | None = None
    # (word, weight) pairs that drove the incivility score; empty for batch scoring.
    drivers: list[tuple[str, float]] = field(default_factory=list)
    # The content-warning detector's confidence (0-1) in each category it calls for.
    warning_confidence: dict[str, float] = field(default_factory=dict)

    @property
    def identifier_kinds(self) -> list[str]:
        return sorted({span.kind for span in self.identifiers})


def _declared(declared_warnings: Sequence[str] | None) -> list[str] | None:
    if declared_warnings is None:
        return None
    # "none" is a declaration of no warnings, not a category.
    return [w for w in declared_warnings if w != content_warnings.NONE_DECLARED]


def _report(
    spans: list[IdentifierSpan],
    declared: list[str] | None,
    probability: float,
    drivers: list[tuple[str, float]],
    confidence: dict[str, float],
) -> ScreenReport:
    called_for = sorted(confidence)
    missing: list[str] | None = None
    if declared is not None:
        # Nothing called for means nothing missing; skip the second pass over the text.
        # Same as content_warnings.missing_warnings(text, declared) without a second pass.
        declared_set = set(declared)
        missing = [category for category in called_for if category not in declared_set]
    return ScreenReport(
        incivility=float(probability),
        model_version=incivility.model_version(),
        identifiers=spans,
        warnings_called_for=called_for,
        missing_warnings=missing,
        drivers=[(str(word), float(weight)) for word, weight in drivers],
        warning_confidence=confidence,
    )


def screen_text(text: str, declared_warnings: Sequence[str] | None) -> ScreenReport:
    """All detector results for one text, with the words that drove the incivility score."""
    hashes = BatchHashes()  # this text's terms, hashed once for both models
    [confidence] = content_warnings.assess_many([text], hashes=hashes)
    [result] = incivility.score_many_with_drivers([text], hashes=hashes)
    return _report(
        identifiers.find_identifiers(text),
        _declared(declared_warnings),
        result.probability,
        list(result.drivers),
        confidence,
    )


def screen_many(
    items: Sequence[tuple[str, Sequence[str] | None]], *, drivers: bool = False
) -> list[ScreenReport]:
    """Batch form for throughput: one vectorised incivility call; with `drivers`, the
    same reports screen_text gives each text (the screening worker), else none."""
    if not items:
        return []
    texts = [text for text, _ in items]
    # The batch's terms, tokenised and hashed once for both models; dropped on return, so
    # no post's text outlives the call (no cache keeps unpublished text).
    hashes = BatchHashes()
    confidences = content_warnings.assess_many(texts, hashes=hashes)
    # The identifiers of the whole batch: the learned token models are asked once for it.
    spans = identifiers.find_identifiers_many(texts)
    if drivers:
        return [
            _report(ids, _declared(declared), result.probability, list(result.drivers), found)
            for (_, declared), result, found, ids in zip(
                items,
                incivility.score_many_with_drivers(texts, hashes=hashes),
                confidences,
                spans,
                strict=True,
            )
        ]
    probabilities = incivility.score_many(texts, hashes=hashes)
    return [
        _report(ids, _declared(declared), probability, [], found)
        for (_, declared), probability, found, ids in zip(
            items, probabilities, confidences, spans, strict=True
        )
    ]
