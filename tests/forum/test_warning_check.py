"""The content-warning check runs whatever the author ticked, at "Check my post" and at
submit (issue 22 item 1)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from forum import nudges
from forum.models import NudgeEvent, Post, Topic
from tests.forum.nudge_helpers import CIVIL_DRAFT, CLINICAL_DRAFT, stand_in_tone, topic_form

pytestmark = pytest.mark.django_db

CHECK_URL = reverse("forum:draft_check")
SUICIDE = "suicide_self_harm"


@pytest.fixture(autouse=True)
def _tone_and_fresh_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nudges, "score_tone", stand_in_tone)
    cache.clear()


def _missing(check: nudges.DraftCheck) -> list[str]:
    return [warning.value for warning in check.missing_warnings]


@pytest.mark.parametrize("declared", [[], ["none"], ["abuse"], ["none", "abuse"]])
def test_check_draft_suggests_the_missing_warning_whatever_is_ticked(declared):
    check = nudges.check_draft(body=CLINICAL_DRAFT, declared_warnings=declared)
    assert SUICIDE in _missing(check)
    assert f"warning:{SUICIDE}" in check.codes
    assert 'class="nudge-warning"' in check.body_html


def test_check_draft_with_nothing_ticked_says_nothing_for_a_draft_that_needs_no_warning():
    assert nudges.check_draft(body=CIVIL_DRAFT, declared_warnings=[]).missing_warnings == []


def test_a_declared_warning_is_not_suggested_again():
    check = nudges.check_draft(body=CLINICAL_DRAFT, declared_warnings=[SUICIDE])
    assert SUICIDE not in _missing(check)


def test_the_check_button_with_no_box_ticked_suggests_the_warning(client, clinician):
    client.force_login(clinician)
    response = client.post(
        CHECK_URL,
        {"body": CLINICAL_DRAFT, "disclaimer": "not_clinical_advice"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing stood out" not in page
    assert f'name="add_warning" value="{SUICIDE}"' in page


def test_the_gate_asks_about_a_missing_warning_once_and_either_answer_posts(clinician):
    data = {"trigger_warnings": ["none"]}
    gate = nudges.gate_submission(
        user=clinician, composer="topic", data=data, body=CLINICAL_DRAFT, declared_warnings=["none"]
    )
    assert gate.confirm_warnings and not gate.proceed
    answered = nudges.gate_submission(
        user=clinician,
        composer="topic",
        data={"post_without_warnings": "1", "nudge": str(gate.nudge_id)},
        body=CLINICAL_DRAFT,
        declared_warnings=["none"],
    )
    assert answered.proceed and answered.posted_anyway and not answered.confirm_warnings


def test_submitting_without_the_warning_shows_the_question_on_the_form(client, clinician, group):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    response = client.post(url, topic_form(body=CLINICAL_DRAFT))
    page = response.content.decode()
    assert response.status_code == 200
    assert not Topic.objects.exists()
    assert "Your post is not published yet" in page
    assert f'name="add_warnings" value="{SUICIDE}' in page
    assert 'name="post_without_warnings"' in page
    event = NudgeEvent.objects.get()
    assert f"warning:{SUICIDE}" in event.shown and event.interstitial_shown


def test_add_this_warning_and_post_declares_it(
    client, clinician, group, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    client.post(url, topic_form(body=CLINICAL_DRAFT))
    nudge = str(NudgeEvent.objects.get().pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, topic_form(body=CLINICAL_DRAFT, add_warnings=SUICIDE, nudge=nudge)
        )
    assert response.status_code == 302
    post = Post.objects.get()
    assert SUICIDE in post.current_revision.trigger_warnings
    assert "none" not in post.current_revision.trigger_warnings
    assert NudgeEvent.objects.get().outcome == NudgeEvent.Outcome.REVISED


def test_post_without_it_is_allowed(client, clinician, group, django_capture_on_commit_callbacks):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    client.post(url, topic_form(body=CLINICAL_DRAFT))
    nudge = str(NudgeEvent.objects.get().pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, topic_form(body=CLINICAL_DRAFT, post_without_warnings="1", nudge=nudge)
        )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.current_revision.trigger_warnings == ["none"]
    assert NudgeEvent.objects.get().outcome == NudgeEvent.Outcome.POSTED_ANYWAY


def test_bogus_warning_values_are_ignored_not_a_500(client, clinician, group):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    response = client.post(url, topic_form(body=CLINICAL_DRAFT, add_warnings="<x> none"))
    assert response.status_code in (200, 302)
