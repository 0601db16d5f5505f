"""Issue 20, sixth identifier round: classes from the retired 2026-12-06c blind set (SSNs and
ITINs whatever their area once introduced, links introduced by "whose" or as a portfolio or
newsletter) and look-alikes it flagged (a gerund opening a sentence before a number, cited
authors with an inner capital or apostrophe). Each test uses its own wording, not the rows'."""

from __future__ import annotations

import pytest

from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    "text",
    [
        "Staffing is 6 per shift and the waitlist is 40 deep.",
        "Housing is 3 months out for most of our referrals.",
        "Readiness to change (Prochaska & DiClemente) framed the first session.",
        "We used IPT for the postpartum group (Stuart & O'Hara, 2008).",
        "The manual (O'Hara & Stuart) has a chapter on role transitions.",
        "Motivational work (Miller & McCullough) helped the team reframe it.",
    ],
)
def test_gerunds_and_cited_authors_are_not_client_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Client Fielding is 34 and new to the group.",
        "Ming is 15 and anxious about the move.",
        "Her daughter Reading said she would drive her.",
    ],
)
def test_names_with_those_endings_after_a_cue_still_count(text: str) -> None:
    assert "name" in kinds_found(text)
