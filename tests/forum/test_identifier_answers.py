"""The identifier confirmation asks who each name is (issues 20.3, 22.8): the author's
answers are recorded with the revision and honoured by screening, structured identifiers
cannot be answered away, and "Replace with placeholders" rewrites the draft."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from detectors.identifiers import IdentifierSpan, find_identifiers, span_key
from detectors.identifiers.answers import review_answers
from forum import nudges
from forum.choices import Disclaimer, PostStatus, TriggerWarning
from forum.models import NudgeEvent, Post, Revision, Topic
from forum.posting import PostContent, reply_create, topic_create
from moderation import revision_screening as screening
from moderation.models import Case, ScreeningResult
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.forum.nudge_helpers import IDENTIFIER_DRAFT, reply_form, stand_in_tone, topic_form

pytestmark = pytest.mark.django_db

# A colleague addressed by first name: the detector flags "Priya" as a possible client.
COLLEAGUE = (
    "Priya suggested we try a longer mindfulness block in our consultation group; "
    "has anyone else stretched it past twenty minutes?"
)
PRIYA = span_key("name", "Priya")


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


@pytest.fixture
def tone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nudges, "score_tone", stand_in_tone)


def answered(body: str, answers: dict[str, str]) -> PostContent:
    return PostContent(
        body=body,
        disclaimer=Disclaimer.NOT_CLINICAL_ADVICE,
        trigger_warnings=[TriggerWarning.NONE],
        identifier_answers=answers,
    )


def reply_with(topic: Topic, author, body: str, answers: dict[str, str]) -> Post:
    return reply_create(author=author, topic=topic, content=answered(body, answers))


# -- the rules (pure) ------------------------------------------------------------------------


def test_a_colleagues_name_answered_for_is_honoured():
    spans = find_identifiers(COLLEAGUE)
    assert [(s.kind, s.text) for s in spans] == [("name", "Priya")]
    review = review_answers(COLLEAGUE, spans, {PRIYA: "colleague"})
    assert review.honoured == {PRIYA: "colleague"}
    assert not review.refused


@pytest.mark.parametrize(
    "later",
    [
        "My client Priya tried it too.",
        "Her daughter Priya (16F) joined later.",
        "I've been seeing priya weekly since.",
        "Priya's diagnosis is GAD.",
    ],
)
def test_an_answer_is_refused_when_the_post_writes_the_same_name_as_a_clients(later):
    text = f"{COLLEAGUE} {later}"
    review = review_answers(text, find_identifiers(text), {PRIYA: "colleague"})
    assert review.honoured == {}
    assert review.refused == {PRIYA: "the same name appears in the post as a client's"}


def test_no_answer_is_honoured_beside_another_kind_of_identifier():
    text = f"{COLLEAGUE} Seen 3/14/2024 at intake."
    spans = find_identifiers(text)
    assert {s.kind for s in spans} == {"name", "date"}
    review = review_answers(text, spans, {PRIYA: "colleague"})
    assert review.honoured == {}
    assert "date" in review.refused[PRIYA]


def test_structured_kinds_cannot_be_answered_away():
    text = "Call 503-555-0199 after six."
    spans = find_identifiers(text)
    [phone] = spans
    assert phone.kind == "phone"
    for answer in ("self", "not_a_person", "colleague", "own_practice"):
        assert review_answers(text, spans, {phone.key: answer}).honoured == {}
    # A made-up answer is dropped, and "a client" is no clearing at all.
    assert review_answers(COLLEAGUE, find_identifiers(COLLEAGUE), {PRIYA: "anything"}) == (
        review_answers(COLLEAGUE, find_identifiers(COLLEAGUE), {PRIYA: "client"})
    )


# -- placeholders (pure) ---------------------------------------------------------------------


def span(kind: str, start: int, end: int, text: str) -> IdentifierSpan:
    return IdentifierSpan(kind, start, end, text[start:end])


def test_placeholders_replace_each_span_at_its_offsets():
    body = "My client Maria Gonzalez (DOB 03/14/1957) called from 503-555-0199."
    spans = find_identifiers(body)
    title, new, count = nudges.with_placeholders(title="", body=body, spans=spans)
    assert new == "My client [client] (DOB [date]) called from [phone]."
    assert (title, count) == ("", 3)
    assert find_identifiers(new) == []


def test_placeholders_in_the_title_and_the_body_share_the_checked_texts_offsets():
    title = "Maria Gonzalez and exposure"
    body = "Maria Gonzalez was seen 3/14/2024."
    text = f"{title}\n\n{body}"
    spans = find_identifiers(text)
    assert any(s.start < len(title) for s in spans)
    new_title, new_body, count = nudges.with_placeholders(title=title, body=body, spans=spans)
    assert new_title == "[client] and exposure"
    assert new_body == "[client] was seen [date]."
    assert count == 3
    # An edit cannot change a first post's title: its spans stay, the body's are replaced.
    same_title, edited, count = nudges.with_placeholders(
        title=title, body=body, spans=spans, title_editable=False
    )
    assert (same_title, edited, count) == (title, "[client] was seen [date].", 2)


def test_overlapping_spans_become_one_placeholder_and_adjacent_ones_two():
    body = "abcdefghij"
    spans = [span("name", 0, 4, body), span("date", 2, 6, body), span("phone", 6, 8, body)]
    _, new, count = nudges.with_placeholders(title="", body=body, spans=spans)
    assert new == "[client][phone]ij"
    assert count == 2
    # A span nested in another, and the order they come in, change nothing.
    nested = [span("date", 1, 3, body), span("name", 0, 5, body)]
    assert nudges.with_placeholders(title="", body=body, spans=nested)[1] == "[client]fghij"


def test_names_the_author_said_are_not_clients_are_kept():
    text = f"{COLLEAGUE} My client Dana Reyes was seen 3/14/2024."
    spans = find_identifiers(text)
    _, new, _ = nudges.with_placeholders(title="", body=text, spans=spans, keep=frozenset({PRIYA}))
    assert new.startswith("Priya suggested")
    assert new.endswith("My client [client] was seen [date].")


# -- parsing the confirmation ------------------------------------------------------------------


def findings(text: str) -> list[nudges.IdentifierFinding]:
    return nudges.check_draft(body=text).identifiers


@pytest.mark.usefixtures("tone")
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"answer_7": "colleague", "answer_7_key": PRIYA}, nudges.ANSWER_MISMATCH),
        ({"answer_-1": "colleague"}, nudges.ANSWER_MISMATCH),
        ({"answer_x": "colleague"}, nudges.ANSWER_MISMATCH),
        ({"answer_0": "colleague", "answer_0_key": "name:000000000000"}, nudges.ANSWER_MISMATCH),
        ({"answer_0": "colleague"}, nudges.ANSWER_MISMATCH),
        ({"answer_0": "my cat", "answer_0_key": PRIYA}, nudges.ANSWER_UNKNOWN),
    ],
)
def test_tampered_answers_are_refused_with_a_message(data, error):
    assert nudges.parse_answers(data, findings(COLLEAGUE)) == ({}, error)


@pytest.mark.usefixtures("tone")
def test_an_answer_for_a_structured_identifier_is_refused():
    found = findings("Call 503-555-0199 after six.")
    data = {"answer_0": "self", "answer_0_key": found[0].key}
    assert nudges.parse_answers(data, found) == ({}, nudges.ANSWER_NOT_WAIVABLE)


@pytest.mark.usefixtures("tone")
def test_two_answers_for_one_name_keep_a_client():
    text = "Priya suggested it. Priya asked again later."
    found = findings(text)
    assert [f.key for f in found] == [PRIYA, PRIYA]
    data = {
        "answer_0": "colleague",
        "answer_0_key": PRIYA,
        "answer_1": "client",
        "answer_1_key": PRIYA,
    }
    assert nudges.parse_answers(data, found) == ({PRIYA: "client"}, "")


# -- screening honours the answers (the real screening function) ----------------------------


def test_screening_publishes_a_name_the_author_answered_for_and_tells_the_moderator(
    topic, clinician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply_with(topic, clinician, COLLEAGUE, {PRIYA: "colleague"})
    post.refresh_from_db()
    assert post.current_revision.identifier_answers == {PRIYA: "colleague"}
    assert post.status == PostStatus.PUBLISHED
    result = ScreeningResult.objects.get(revision=post.current_revision)
    assert result.decision == "queue"
    assert result.reasons == ["identifiers_cleared: the author answered for name (colleague)"]
    assert Case.objects.filter(post=post).exists()


def test_without_an_answer_the_same_post_is_held(
    topic, clinician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply_with(topic, clinician, COLLEAGUE, {})
    post.refresh_from_db()
    assert post.status == PostStatus.HELD


@pytest.mark.parametrize(
    "body",
    [
        f"{COLLEAGUE} Seen 3/14/2024 at intake.",
        f"{COLLEAGUE} My client Priya tried it too.",
    ],
)
def test_screening_holds_when_the_rules_refuse_the_answer(
    topic, clinician, django_capture_on_commit_callbacks, body
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply_with(topic, clinician, body, {PRIYA: "colleague"})
    post.refresh_from_db()
    assert post.status == PostStatus.HELD
    result = ScreeningResult.objects.get(revision=post.current_revision)
    assert result.decision == "hold"
    assert any("the author's answers not honoured" in reason for reason in result.reasons)


def test_a_batch_with_answers_costs_the_same_queries_whatever_its_size(
    topic, other_clinician, django_capture_on_commit_callbacks
):
    """The answers are read from the revision rows the batch fetches: none per post."""

    def batch(size: int) -> int:
        with django_capture_on_commit_callbacks(execute=False):
            posts = [
                reply_with(topic, other_clinician, COLLEAGUE, {PRIYA: "colleague"})
                for _ in range(size)
            ]
        ids = [post.current_revision_id for post in posts]
        with CaptureQueriesContext(connection) as queries:
            outcomes = screening.screen_revisions(ids)
        assert set(outcomes.values()) == {"queue"}
        return len(queries)

    assert batch(4) == batch(12)


# -- the composer, without JavaScript ----------------------------------------------------------


def test_the_confirmation_asks_who_each_name_is(client, clinician, topic, tone):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    page = client.post(url, reply_form(body=COLLEAGUE)).content.decode()
    assert "Your post is not published yet." in page
    assert '<select name="answer_0" id="answer-0">' in page
    assert f'name="answer_0_key" value="{PRIYA}"' in page
    assert '<option value="colleague">A colleague</option>' in page
    assert '<option value="client" selected>' in page
    assert 'name="placeholders"' in page
    assert not Post.objects.filter(topic=topic, number__gt=1).exists()


def test_answering_a_colleague_publishes_without_a_hold(
    client, clinician, topic, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    client.post(url, reply_form(body=COLLEAGUE))
    nudge = str(NudgeEvent.objects.get().pk)
    data = reply_form(
        body=COLLEAGUE,
        answer_0="colleague",
        answer_0_key=PRIYA,
        confirm_identifiers="1",
        nudge=nudge,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, follow=True)
    assert "The names you said are not clients do not hold your post" in (response.content.decode())
    post = Post.objects.get(topic=topic, number__gt=1)
    assert post.current_revision.identifier_answers == {PRIYA: "colleague"}
    assert not post.identifiers_confirmed_by_author
    assert post.status == PostStatus.PUBLISHED


def test_leaving_a_client_holds_the_post(
    client, clinician, topic, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    data = reply_form(
        body=COLLEAGUE, answer_0="client", answer_0_key=PRIYA, confirm_identifiers="1"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    post = Post.objects.get(topic=topic, number__gt=1)
    assert post.current_revision.identifier_answers == {PRIYA: "client"}
    assert post.identifiers_confirmed_by_author
    assert post.status == PostStatus.HELD


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"answer_3": "colleague", "answer_3_key": PRIYA}, "did not match what the privacy check"),
        ({"answer_0": "colleague", "answer_0_key": "name:ffffffffffff"}, "it may have changed"),
        ({"answer_0": "friend-of-mine", "answer_0_key": PRIYA}, "Choose one of the answers"),
        ({"answer_99999999": "colleague"}, "did not match what the privacy check"),
    ],
)
def test_a_tampered_answer_gets_a_message_and_posts_nothing(
    client, clinician, topic, tone, extra, message
):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    response = client.post(url, reply_form(body=COLLEAGUE, confirm_identifiers="1", **extra))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Your post is not published yet." in page
    assert not Post.objects.filter(topic=topic, number__gt=1).exists()


def test_a_structured_identifier_cannot_be_answered_away_in_the_composer(
    client, clinician, topic, tone
):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    body = "Call 503-555-0199 after six."
    page = client.post(url, reply_form(body=body)).content.decode()
    assert 'name="answer_0"' not in page
    assert "Remove or replace it" in page
    key = find_identifiers(body)[0].key
    data = reply_form(body=body, answer_0="self", answer_0_key=key, confirm_identifiers="1")
    page = client.post(url, data).content.decode()
    assert "Only names can be answered for" in page
    assert not Post.objects.filter(topic=topic, number__gt=1).exists()


def test_replace_with_placeholders_rewrites_the_draft_and_stores_nothing(
    client, clinician, group, tone
):
    client.force_login(clinician)
    url = reverse("forum:topic_create", kwargs={"slug": group.slug})
    # IDENTIFIER_DRAFT's "John Smith" is a stand-in name the detector passes.
    data = topic_form(title="Maria Gonzalez and exposure", body=IDENTIFIER_DRAFT)
    client.post(url, data)
    response = client.post(url, {**data, "placeholders": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Replaced 4 identifiers with placeholders" in page
    assert (
        "My client John Smith (DOB [date]) called from [phone] about his records, "
        "MRN [record number]." in page
    )
    assert 'value="[client] and exposure"' in page
    assert "Your post is not published yet." not in page
    assert not Topic.objects.exists() and not Revision.objects.exists()
    # The draft now passes: posting it publishes without the confirmation.
    posted = client.post(
        url,
        topic_form(
            title="[client] and exposure",
            body="My client John Smith (DOB [date]) called from [phone] about his records, "
            "MRN [record number].",
        ),
    )
    assert posted.status_code == 302


def test_placeholders_keep_a_colleagues_name_and_ask_about_it_again(client, clinician, topic, tone):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    body = f"{COLLEAGUE} Call 503-555-0199 after six."
    data = reply_form(body=body, answer_0="colleague", answer_0_key=PRIYA, placeholders="1")
    page = client.post(url, data).content.decode()
    assert "Replaced 1 identifier with placeholders" in page
    assert "Call [phone] after six." in page
    assert "Your post is not published yet." in page
    assert '<option value="colleague" selected>' in page
    assert not Post.objects.filter(topic=topic, number__gt=1).exists()


def test_an_edit_of_a_first_post_replaces_the_body_not_the_title(
    client, clinician, group, tone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        topic = topic_create(
            author=clinician,
            group=group,
            title="Maria Gonzalez and exposure",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content("A question about pacing exposure."),
        )
    post = topic.posts.get(number=1)
    client.force_login(clinician)
    url = reverse("forum:post_edit", kwargs={"post_id": post.pk})
    data = reply_form(body="Seen 3/14/2024 for intake.", reason="More detail", placeholders="1")
    page = client.post(url, data).content.decode()
    assert "Seen [date] for intake." in page
    assert "Replaced 1 identifier with placeholders" in page
    # The title's name is still found, and still asked about.
    assert "(in the title)" in page
    assert post.revisions.count() == 1


# -- moderators see the answers -------------------------------------------------------------


def test_the_case_page_shows_the_authors_answers(
    client, moderator, topic, clinician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply_with(topic, clinician, f"{COLLEAGUE} Seen 3/14/2024.", {PRIYA: "colleague"})
    case = Case.objects.get(post=post)
    sign_in_with_totp(client, moderator)
    page = client.get(reverse("admin:moderation_case_change", args=[case.pk])).content.decode()
    assert "<strong>the author says:</strong> A colleague" in page
    assert "the author&#x27;s answers not honoured" in page


def test_answers_survive_the_content_warning_question(
    client, clinician, topic, tone, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    url = reverse("forum:reply", kwargs={"topic_id": topic.pk})
    body = f"{COLLEAGUE} A teen client disclosed suicidal ideation and past self-harm."
    data = reply_form(body=body, answer_0="colleague", answer_0_key=PRIYA, confirm_identifiers="1")
    page = client.post(url, data).content.decode()
    # Asked about the warnings only; the answers ride along as hidden fields.
    assert 'name="post_without_warnings"' in page
    assert '<input type="hidden" name="answer_0" value="colleague">' in page
    assert f'<input type="hidden" name="answer_0_key" value="{PRIYA}">' in page
    hidden = reply_form(
        body=body,
        answer_0="colleague",
        answer_0_key=PRIYA,
        confirm_identifiers="1",
        post_without_warnings="1",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, hidden).status_code == 302
    post = Post.objects.get(topic=topic, number__gt=1)
    assert post.current_revision.identifier_answers == {PRIYA: "colleague"}
    assert not post.identifiers_confirmed_by_author
