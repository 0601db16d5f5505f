"""The screening policy: identifiers and high incivility hold; lesser signals queue."""

from __future__ import annotations

import pytest
from django.test import override_settings

from detectors.identifiers import IdentifierSpan
from detectors.policy import MISSING_WARNING_HOLD_CONFIDENCE, Reason, decide, thresholds
from detectors.screen import ScreenReport

LIMITS = (0.5, 0.8)


def report(
    incivility: float = 0.1,
    *,
    identifiers: list[IdentifierSpan] | None = None,
    missing: list[str] | None = None,
    confidence: dict[str, float] | None = None,
) -> ScreenReport:
    return ScreenReport(
        incivility=incivility,
        model_version="test",
        identifiers=identifiers or [],
        missing_warnings=missing,
        warning_confidence=confidence or {},
    )


def test_a_clean_post_is_published_without_reasons():
    decision = decide(report(0.1, missing=[]), limits=LIMITS)
    assert decision.action == "publish"
    assert decision.reasons == []


def test_patient_identifiers_hold_the_post_whatever_the_tone():
    spans = [IdentifierSpan("record_number", 4, 10, "448812"), IdentifierSpan("date", 0, 3, "3/4")]
    decision = decide(report(0.0, identifiers=spans), limits=LIMITS)
    assert decision.action == "hold"
    assert decision.texts == ["identifiers: date, record_number"]


def test_incivility_at_the_hold_threshold_holds():
    decision = decide(report(0.8), limits=LIMITS)
    assert decision.action == "hold"
    assert decision.codes == ["incivility"]


def test_incivility_between_the_thresholds_publishes_and_queues():
    decision = decide(report(0.6), limits=LIMITS)
    assert decision.action == "queue"
    assert decision.codes == ["incivility"]


def test_incivility_just_under_the_queue_threshold_publishes():
    assert decide(report(0.4999), limits=LIMITS).action == "publish"


def test_a_missing_content_warning_queues():
    decision = decide(report(0.1, missing=["suicide_self_harm"]), limits=LIMITS)
    assert decision.action == "queue"
    assert decision.texts == ["missing_warning: suicide_self_harm"]
    assert decision.collapse_warnings == ["suicide_self_harm"]


def test_without_a_declaration_the_missing_warning_rule_does_not_apply():
    assert decide(report(0.1, missing=None), limits=LIMITS).action == "publish"


def test_a_member_flag_queues():
    decision = decide(report(0.1), member_flagged=True, limits=LIMITS)
    assert decision.action == "queue"
    assert decision.codes == ["member_flag"]


def test_the_first_posts_rule_holds_until_a_moderator_approves():
    decision = decide(report(0.1), first_posts_rule=True, limits=LIMITS)
    assert decision.action == "hold"
    assert decision.codes == ["first_post"]


def test_a_hold_keeps_the_lesser_reasons_for_the_moderator():
    spans = [IdentifierSpan("name", 0, 5, "Maria")]
    decision = decide(report(0.6, identifiers=spans, missing=["abuse"]), limits=LIMITS)
    assert decision.action == "hold"
    assert decision.codes == ["identifiers", "incivility", "missing_warning"]


@override_settings(MODERATION_QUEUE_THRESHOLD=0.2, MODERATION_HOLD_THRESHOLD=0.3)
def test_thresholds_come_from_settings_when_set():
    assert thresholds() == (0.2, 0.3)
    assert decide(report(0.25)).action == "queue"
    assert decide(report(0.35)).action == "hold"


@override_settings(MODERATION_QUEUE_THRESHOLD=None, MODERATION_HOLD_THRESHOLD=None)
def test_unset_thresholds_are_the_model_artifacts_own():
    from detectors import incivility

    assert thresholds() == pytest.approx(tuple(incivility.thresholds()))
    queue_at, hold_at = thresholds()
    assert 0 < queue_at <= hold_at <= 1


def test_reasons_are_structured_and_render_as_code_and_detail():
    decision = decide(report(0.6), member_flagged=True, limits=LIMITS)
    assert decision.reasons[0] == Reason("incivility", decision.reasons[0].detail)
    assert decision.texts[1] == "member_flag: a member flagged this post"
    assert Reason.from_text("incivility: 0.91 at or above") == Reason(
        "incivility", "0.91 at or above"
    )
    assert Reason.from_text("edited") == Reason("edited", "")
    assert str(Reason("appeal")) == "appeal"


def test_a_missing_warning_the_detector_is_sure_of_holds_and_collapses():
    sure = report(0.1, missing=["abuse"], confidence={"abuse": MISSING_WARNING_HOLD_CONFIDENCE})
    decision = decide(sure, limits=LIMITS)
    assert decision.action == "hold"
    assert decision.collapse_warnings == ["abuse"]
    unsure = report(0.1, missing=["abuse"], confidence={"abuse": 0.5})
    assert decide(unsure, limits=LIMITS).action == "queue"


def test_a_name_the_author_answered_for_queues_instead_of_holding():
    dana = IdentifierSpan("name", 0, 4, "Dana")
    decision = decide(
        report(0.0, identifiers=[dana]), limits=LIMITS, cleared={dana.key: "colleague"}
    )
    assert decision.action == "queue"
    assert decision.codes == ["identifiers_cleared"]
    assert decision.cleared_identifiers == [dana.key]


def test_an_answer_clears_only_the_spans_and_kinds_it_can():
    dana = IdentifierSpan("name", 0, 4, "Dana")
    ssn = IdentifierSpan("ssn", 10, 21, "412 73 9051")
    answers = {dana.key: "colleague", ssn.key: "own_practice"}
    decision = decide(report(0.0, identifiers=[dana, ssn]), limits=LIMITS, cleared=answers)
    assert decision.action == "hold"
    assert decision.texts[0] == "identifiers: ssn"
    other = IdentifierSpan("name", 30, 35, "Marco")
    held = decide(report(0.0, identifiers=[other]), limits=LIMITS, cleared={dana.key: "colleague"})
    assert held.action == "hold"


def test_a_picture_whose_text_could_not_be_read_holds_even_a_clean_post():
    decision = decide(report(0.1, missing=[]), limits=LIMITS, unread_pictures=["A chart"])
    assert decision.action == "hold"
    assert decision.reasons == [
        Reason("picture_unread", "the picture could not be read automatically (“A chart”)")
    ]
