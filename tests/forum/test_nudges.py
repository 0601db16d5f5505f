"""Check yourself before posting: the draft check, the interstitial, identifiers, corrections."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum import nudges
from forum.choices import PostStatus, TopicPurpose
from forum.models import NudgeEvent, Post, Revision, Topic
from tests.accounts.helpers import sign_in_with_totp
from tests.forum.nudge_helpers import (
    CIVIL_DRAFT,
    CLINICAL_DRAFT,
    IDENTIFIER_DRAFT,
    UNCIVIL_DRAFT,
    reply_form,
    stand_in_tone,
    topic_form,
)

pytestmark = pytest.mark.django_db

CHECK_URL = reverse("forum:draft_check")


@pytest.fixture
def tone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A deterministic tone scorer in place of the trained model."""
    monkeypatch.setattr(nudges, "score_tone", stand_in_tone)


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def check(client: Client, **data: object) -> tuple[int, str]:
    payload = {"trigger_warnings": ["none"], "disclaimer": "not_clinical_advice", **data}
    response = client.post(CHECK_URL, payload, HTTP_HX_REQUEST="true")
    return response.status_code, response.content.decode()


# -- the draft check endpoint ------------------------------------------------------------


def test_the_check_highlights_the_words_that_drove_the_tone_finding(client, clinician, tone):
    client.force_login(clinician)
    status, page = check(client, body=UNCIVIL_DRAFT, composer="reply")
    assert status == 200
    assert "aimed at a person rather than at the idea" in page
    assert '<mark class="nudge-tone" title="Drove the tone check">incompetent' in page
    assert "clueless" in page


def test_a_civil_clinical_draft_gets_no_tone_finding_but_its_missing_warnings(
    client, clinician, tone
):
    client.force_login(clinician)
    status, page = check(client, body=CLINICAL_DRAFT)
    assert status == 200
    assert "aimed at a person" not in page
    assert "Suicide or self-harm" in page
    assert 'name="add_warning" value="suicide_self_harm"' in page
    assert 'class="nudge-warning"' in page


def test_declared_warnings_are_not_asked_for_again(client, clinician, tone):
    client.force_login(clinician)
    _, page = check(client, body=CLINICAL_DRAFT, trigger_warnings=["suicide_self_harm"])
    assert 'value="suicide_self_harm"' not in page
    assert "Nothing stood out" in page


def test_identifiers_are_highlighted_with_their_kind_and_how_to_generalise(client, clinician, tone):
    client.force_login(clinician)
    status, page = check(client, body=IDENTIFIER_DRAFT)
    assert status == 200
    assert "Privacy" in page
    assert '<mark class="nudge-identifier"' in page
    assert "503-555-0199" in page
    assert "Phone or fax number" in page
    assert "Use a season or relative time" in page


def test_a_promotion_without_the_financial_disclosure_gets_a_reminder(client, clinician, tone):
    client.force_login(clinician)
    _, page = check(client, body="Join my new DBT skills group.", purpose=TopicPurpose.PROMOTION)
    assert "financial interest" in page
    _, page = check(
        client,
        body="Join my new DBT skills group.",
        purpose=TopicPurpose.PROMOTION,
        disclaimer="financial_interest",
    )
    assert "Disclosure" not in page


def test_the_check_requires_login_post_and_csrf(clinician, tone):
    anonymous = Client()
    assert anonymous.post(CHECK_URL, {"body": "x"}).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(clinician)
    assert strict.post(CHECK_URL, {"body": CIVIL_DRAFT}).status_code == 403
    assert strict.get(CHECK_URL).status_code == 405


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something first"),
        ("   \n ", "Write something first"),
        ("x" * 20_001, "Drafts are limited to 20,000 characters"),
        ("bad\x00byte", "Null characters are not allowed"),
    ],
)
def test_bad_drafts_get_a_clear_message(client, clinician, tone, body, message):
    client.force_login(clinician)
    status, page = check(client, body=body)
    assert status == 400
    assert message in page


def test_hostile_strings_are_shown_escaped(client, clinician, tone):
    client.force_login(clinician)
    hostile = '<script>alert(1)</script> "><img src=x onerror=alert(1)> you idiot'
    status, page = check(client, body=hostile)
    assert status == 200
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_check_is_rate_limited_per_user(client, clinician, other_clinician, tone, settings):
    settings.FORUM_DRAFT_CHECK_RATE_LIMIT = "30/m"
    client.force_login(clinician)
    for _ in range(30):
        assert check(client, body=CIVIL_DRAFT)[0] == 200
    status, page = check(client, body=CIVIL_DRAFT)
    assert status == 429
    assert "You have reached the limit of 30 draft checks per minute." in page
    assert "Please wait a minute and try again." in page
    client.force_login(other_clinician)
    assert check(client, body=CIVIL_DRAFT)[0] == 200


def test_the_check_never_stores_the_draft_text(client, clinician, tone):
    client.force_login(clinician)
    marker = "Zanzibarquux incompetent draft with 503-555-0199"
    posts, revisions = Post.objects.count(), Revision.objects.count()
    status, _ = check(client, body=marker)
    assert status == 200
    assert (Post.objects.count(), Revision.objects.count()) == (posts, revisions)
    event = NudgeEvent.objects.get(user=clinician)
    stored = " ".join(str(value) for value in NudgeEvent.objects.values().get(pk=event.pk).values())
    assert "Zanzibarquux" not in stored and "503-555-0199" not in stored
    assert event.shown == ["identifiers", "tone"]
    assert event.identifier_kinds == ["phone"]


def test_repeated_checks_in_one_composer_share_one_nudge_record(client, clinician, tone):
    client.force_login(clinician)
    _, page = check(client, body=UNCIVIL_DRAFT)
    event = NudgeEvent.objects.get()
    assert f'id="nudge-id" value="{event.pk}" hx-swap-oob="true"' in page
    check(client, body=CLINICAL_DRAFT, nudge=str(event.pk))
    event.refresh_from_db()
    assert NudgeEvent.objects.count() == 1
    assert event.check_count == 2
    assert event.shown == ["tone", "warning:suicide_self_harm"]


def test_a_nudge_id_of_another_user_is_ignored(client, clinician, other_clinician, tone):
    client.force_login(other_clinician)
    check(client, body=UNCIVIL_DRAFT)
    theirs = NudgeEvent.objects.get()
    client.force_login(clinician)
    check(client, body=UNCIVIL_DRAFT, nudge=str(theirs.pk))
    theirs.refresh_from_db()
    assert theirs.check_count == 1
    assert NudgeEvent.objects.filter(user=clinician).count() == 1


# -- no JavaScript: the composer answers the "Check my post" button --------------------


def test_the_check_button_without_javascript_rerenders_the_form_and_posts_nothing(
    client, clinician, group, tone
):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    response = client.post(url, topic_form(body=UNCIVIL_DRAFT, check="1"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "aimed at a person" in page
    assert UNCIVIL_DRAFT in page  # the draft stays in the form
    assert not Topic.objects.exists()


def test_add_warning_without_javascript_declares_it(client, clinician, group, tone):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    response = client.post(url, topic_form(body=CLINICAL_DRAFT, add_warning="suicide_self_harm"))
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'value="suicide_self_harm"[^>]*checked', page)
    assert 'name="add_warning" value="suicide_self_harm"' not in page
    assert not Topic.objects.exists()


def test_the_composers_offer_the_check(client, clinician, group, topic, tone):
    client.force_login(clinician)
    first = topic.posts.get(number=1)
    for url in (
        reverse("forum:topic_create", kwargs={"slug": group.slug}),
        reverse("forum:reply", kwargs={"topic_id": topic.pk}),
        reverse("forum:post_edit", kwargs={"post_id": first.pk}),
    ):
        page = client.get(url).content.decode()
        assert "Check my post" in page
        assert f'hx-post="{CHECK_URL}"' in page


# -- the interstitial ---------------------------------------------------------------------


def submit_uncivil_topic(client: Client, group, **extra: object):
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    return client.post(url, topic_form(body=UNCIVIL_DRAFT, **extra))


def test_an_uncivil_draft_gets_the_interstitial_and_is_not_posted(client, clinician, group, tone):
    client.force_login(clinician)
    response = submit_uncivil_topic(client, group)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Before you post" in page
    for choice in ('value="edit"', 'value="post"', 'value="sleep"'):
        assert choice in page
    assert "In 30 minutes" in page and "In 2 hours" in page and "Tomorrow morning" in page
    assert not Topic.objects.exists()
    event = NudgeEvent.objects.get()
    assert event.interstitial_shown and event.outcome == NudgeEvent.Outcome.SHOWN


def test_edit_returns_to_the_composer_with_the_draft(client, clinician, group, tone):
    client.force_login(clinician)
    submit_uncivil_topic(client, group)
    event = NudgeEvent.objects.get()
    response = submit_uncivil_topic(client, group, nudge_choice="edit", nudge=str(event.pk))
    page = response.content.decode()
    assert "Post the topic" in page and UNCIVIL_DRAFT in page
    assert f'id="nudge-id" value="{event.pk}"' in page
    assert not Topic.objects.exists()


def test_post_anyway_publishes_and_records_it(
    client, clinician, group, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    submit_uncivil_topic(client, group)
    event = NudgeEvent.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_uncivil_topic(client, group, nudge_choice="post", nudge=str(event.pk))
    topic = Topic.objects.get()
    assert response.status_code == 302
    post = topic.posts.get()
    assert post.status != PostStatus.SCHEDULED
    event.refresh_from_db()
    assert event.outcome == NudgeEvent.Outcome.POSTED_ANYWAY
    assert event.post == post


def test_revising_after_the_interstitial_is_recorded_as_revised(
    client, clinician, group, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    submit_uncivil_topic(client, group)
    event = NudgeEvent.objects.get()
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, topic_form(body=CIVIL_DRAFT, nudge=str(event.pk)))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.outcome == NudgeEvent.Outcome.REVISED
    assert event.post == Topic.objects.get().posts.get()


def test_sleep_on_it_schedules_the_post_and_lists_it(client, clinician, group, tone):
    client.force_login(clinician)
    submit_uncivil_topic(client, group)
    event = NudgeEvent.objects.get()
    before = timezone.now()
    response = submit_uncivil_topic(
        client, group, nudge_choice="sleep", sleep_for="2h", nudge=str(event.pk)
    )
    assert response.status_code == 302
    assert response.url == reverse("forum:scheduled")
    post = Post.objects.get()
    assert post.status == PostStatus.SCHEDULED
    assert before + timedelta(hours=2) <= post.scheduled_for <= timezone.now() + timedelta(hours=2)
    event.refresh_from_db()
    assert event.outcome == NudgeEvent.Outcome.SCHEDULED
    page = client.get(reverse("forum:scheduled")).content.decode()
    assert "Pacing exposure with anxious teens" in page
    assert "publishes automatically" in page


def test_sleep_on_it_without_a_time_asks_again(client, clinician, group, tone):
    client.force_login(clinician)
    response = submit_uncivil_topic(client, group, nudge_choice="sleep", sleep_for="forever")
    assert "Choose when to publish" in response.content.decode()
    assert not Post.objects.exists()


def test_a_reply_can_sleep_on_it_too(client, other_clinician, topic, tone):
    client.force_login(other_clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    client.post(url, reply_form(body=UNCIVIL_DRAFT))
    response = client.post(
        url, reply_form(body=UNCIVIL_DRAFT, nudge_choice="sleep", sleep_for="30m")
    )
    assert response.status_code == 302
    reply = topic.posts.get(number=2)
    assert reply.status == PostStatus.SCHEDULED


def test_an_uncivil_edit_offers_edit_or_save_anyway_but_no_scheduling(
    client, clinician, topic, tone
):
    client.force_login(clinician)
    post = topic.posts.get(number=1)
    url = reverse("forum:post_edit", kwargs={"post_id": post.pk})
    data = reply_form(body=UNCIVIL_DRAFT, reason="Sharper wording")
    page = client.post(url, data).content.decode()
    assert "Before you post" in page and 'value="sleep"' not in page
    assert post.revisions.count() == 1
    response = client.post(url, {**data, "nudge_choice": "post"})
    assert response.status_code == 302
    assert post.revisions.count() == 2


def test_tomorrow_morning_is_eight_in_the_authors_time_zone(clinician):
    clinician.time_zone = "America/Los_Angeles"
    # 23:30 in Los Angeles on 1 March is 07:30 UTC on 2 March.
    now = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    when = nudges.sleep_until("morning", user=clinician, now=now)
    assert when is not None
    assert when.astimezone(UTC) == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)  # 08:00 PST


def test_an_unknown_time_zone_falls_back_to_utc(clinician):
    clinician.time_zone = "Mars/Olympus_Mons"
    now = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    assert nudges.sleep_until("morning", user=clinician, now=now) == datetime(
        2026, 3, 3, 8, 0, tzinfo=UTC
    )


# -- identifiers --------------------------------------------------------------------------


def test_identifiers_stop_the_post_until_removed_or_confirmed(client, clinician, group, tone):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    response = client.post(url, topic_form(body=IDENTIFIER_DRAFT))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your post is not published yet" in page
    assert 'name="confirm_identifiers"' in page
    assert not Topic.objects.exists()
    event = NudgeEvent.objects.get()
    assert "identifiers" in event.shown and event.interstitial_shown


def test_removing_the_identifiers_posts_normally(
    client, clinician, group, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    client.post(url, topic_form(body=IDENTIFIER_DRAFT))
    event = NudgeEvent.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, topic_form(body=CIVIL_DRAFT, nudge=str(event.pk)))
    assert response.status_code == 302
    post = Post.objects.get()
    assert not post.identifiers_confirmed_by_author
    event.refresh_from_db()
    assert event.outcome == NudgeEvent.Outcome.REVISED


def test_confirming_identifiers_flags_the_post_for_a_moderator(
    client, clinician, group, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    client.post(url, topic_form(body=IDENTIFIER_DRAFT))
    nudge = str(NudgeEvent.objects.get().pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            url, topic_form(body=IDENTIFIER_DRAFT, confirm_identifiers="1", nudge=nudge)
        )
    assert response.status_code == 302
    post = Post.objects.get()
    # Flagged in the posting transaction, before screening runs after commit.
    assert post.identifiers_confirmed_by_author
    assert post.status == PostStatus.PENDING
    assert callbacks, "screening is enqueued after commit"
    assert NudgeEvent.objects.get().outcome == NudgeEvent.Outcome.POSTED_ANYWAY


def test_a_confirmed_post_is_held_after_screening(
    client, clinician, group, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, topic_form(body=IDENTIFIER_DRAFT, confirm_identifiers="1"))
    post = Post.objects.get()
    assert post.status == PostStatus.HELD
    assert not Topic.objects.get().is_visible


# -- correcting with care -----------------------------------------------------------------


def test_the_reply_composer_shows_the_correction_guide(client, other_clinician, topic):
    client.force_login(other_clinician)
    page = client.get(reverse("forum:reply", kwargs={"topic_id": topic.pk})).content.decode()
    assert "Lead with empathy" in page
    assert "Own your perspective" in page
    assert "State the purpose" in page


def test_a_correction_starts_from_the_template(client, other_clinician, topic):
    client.force_login(other_clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    page = client.get(f"{url}?correction=1").content.decode()
    assert 'name="is_correction"' in page and "checked" in page
    assert "I can see you&#x27;re trying to" in page
    assert 'id="correction-guide" open' in page


def test_an_uncivil_correction_shows_the_guide_on_the_interstitial(
    client, other_clinician, topic, tone
):
    client.force_login(other_clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    page = client.post(url, reply_form(body=UNCIVIL_DRAFT, is_correction="on")).content.decode()
    assert "Correcting with care" in page and "Lead with empathy" in page


# -- outcomes for the moderation overview -------------------------------------------------


def test_the_outcome_summary_reports_the_share_revised_or_withdrawn(clinician, topic):
    post = topic.posts.get()
    Outcome = NudgeEvent.Outcome
    make = NudgeEvent.objects.create
    make(user=clinician, composer="topic", shown=["tone"], tone_probability=0.9, outcome="revised")
    make(user=clinician, composer="topic", shown=["tone"], tone_probability=0.8,
         outcome=Outcome.POSTED_ANYWAY)  # fmt: skip
    make(user=clinician, composer="reply", shown=["tone"], tone_probability=0.7,
         outcome=Outcome.CANCELLED)  # fmt: skip
    make(user=clinician, composer="reply", shown=["identifiers"], outcome=Outcome.SCHEDULED,
         post=post)  # fmt: skip
    stale = make(user=clinician, composer="reply", shown=["warning:abuse"])
    NudgeEvent.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=2))
    make(user=clinician, composer="reply", shown=["tone"], tone_probability=0.6)  # pending
    old = make(user=clinician, composer="reply", shown=["tone"], outcome="revised")
    NudgeEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))

    summary = nudges.nudge_outcome_summary(days=30)

    assert summary["nudged"] == 6
    assert summary["revised"] == 1
    assert summary["posted_anyway"] == 1
    assert summary["cancelled"] == 1
    assert summary["scheduled"] == 1
    assert summary["abandoned"] == 1
    assert summary["pending"] == 1
    # (1 revised + 1 cancelled + 1 abandoned) of 5 decided
    assert summary["share_revised_or_withdrawn"] == 0.6
    assert summary["tone"]["nudged"] == 4
    assert summary["tone"]["share_revised_or_withdrawn"] == pytest.approx(0.667, abs=0.001)
    assert summary["published_figures"][0]["share"] == 0.34


def test_the_real_tone_model_scores_an_attack_above_a_civil_question():
    attack = nudges.score_tone("You are an incompetent idiot and should lose your license.")
    civil = nudges.score_tone(CIVIL_DRAFT)
    assert attack is not None and civil is not None
    assert attack.probability > civil.probability


def test_the_real_tone_model_sends_a_personal_attack_to_the_interstitial(client, clinician, group):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    attack = "You clearly have no idea what you are doing. I will report you to the board."
    page = client.post(url, topic_form(body=attack)).content.decode()
    assert "Before you post" in page
    assert 'class="nudge-tone"' in page
    assert not Topic.objects.exists()


def test_the_overview_partial_shows_the_share(clinician):
    from django.template.loader import render_to_string

    NudgeEvent.objects.create(user=clinician, composer="topic", shown=["tone"], outcome="revised")
    NudgeEvent.objects.create(
        user=clinician, composer="topic", shown=["tone"], outcome="posted_anyway"
    )
    page = render_to_string(
        "forum/_nudge_overview.html", {"nudges": nudges.nudge_outcome_summary()}
    )
    assert "50%" in page and "34%" in page


def test_screening_holds_a_confirmed_post_even_when_the_detectors_find_nothing(
    clinician, group, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from forum.posting import topic_create
    from tests import factories

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        topic = topic_create(
            author=clinician,
            group=group,
            title="Pacing exposure",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=factories.content(CIVIL_DRAFT),
        )
        Post.objects.filter(topic=topic).update(identifiers_confirmed_by_author=True)
    post = topic.posts.get()
    assert post.status == PostStatus.HELD


def test_the_admin_overview_shows_the_nudge_share(client, moderator, clinician):
    NudgeEvent.objects.create(user=clinician, composer="topic", shown=["tone"], outcome="revised")
    sign_in_with_totp(client, moderator)
    page = client.get(reverse("admin:moderation_case_overview")).content.decode()
    assert "Author nudges, last 30 days" in page
    assert "100%" in page
