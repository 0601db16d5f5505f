"""The composer a Discourse user expects (issue 22 item 12): a preview that stores nothing,
tables that keep their alignment, quote-reply from the published text only, the post being
answered kept in view, errors summarised and tied to their inputs, and the page after a
sent post telling the browser to forget the saved draft."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from django.test import override_settings
from django.urls import reverse

from forum.choices import PostStatus, TopicPurpose
from forum.models import Group, NudgeEvent, Post, Revision, RevisionRedaction, Topic
from forum.posting import post_edit, reply_create, topic_create
from forum.rendering import render_markdown
from tests import factories

pytestmark = pytest.mark.django_db

TABLE = "| Measure | Week 1 | Week 8 |\n|:--|:-:|--:|\n| PHQ-9 | 18 | 9 |\n"


def topic_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Supervision hours for associates",
        "purpose": TopicPurpose.REGULATION,
        "body": "What counts toward **supervision** hours?\n\n" + TABLE,
        "trigger_warnings": ["none"],
        "disclaimer": "not_clinical_advice",
        "disclaimer_text": "",
    }
    data.update(overrides)
    return data


def _html(response) -> str:
    return response.content.decode()


# -- tables ------------------------------------------------------------------------------


def test_a_tables_column_alignment_survives_the_sanitizer():
    html = render_markdown(TABLE)
    assert '<th align="left">Measure</th>' in html
    assert '<th align="center">Week 1</th>' in html
    assert '<td align="right">9</td>' in html
    assert "style" not in html


def test_only_the_three_alignments_are_kept():
    html = render_markdown("| a |\n|---|\n| b |\n")
    assert "<th>a</th>" in html and "align" not in html


# -- preview -----------------------------------------------------------------------------


def test_preview_shows_the_rendered_draft_above_the_form_and_stores_nothing(
    client, clinician, group
):
    client.force_login(clinician)
    response = client.post(
        reverse("forum:topic_create", args=[group.slug]), topic_form(preview="1")
    )
    assert response.status_code == 200
    html = _html(response)
    preview = html.index('id="composer-preview"')
    assert preview < html.index('<form method="post" class="card form composer"')
    assert "<strong>supervision</strong>" in html[preview:]
    assert '<td align="right">9</td>' in html
    # The draft is still in the form, and nothing was written or recorded.
    assert "What counts toward **supervision** hours?" in html
    assert not Topic.objects.exists()
    assert not Revision.objects.exists()
    assert not NudgeEvent.objects.exists()


def test_preview_of_an_unfinished_draft_shows_no_errors(client, clinician, group):
    client.force_login(clinician)
    response = client.post(
        reverse("forum:topic_create", args=[group.slug]),
        {"body": "Just the _start_ of an idea", "preview": "1"},
    )
    html = _html(response)
    assert response.status_code == 200
    assert "<em>start</em>" in html
    assert "error-summary" not in html and 'aria-invalid="true"' not in html


def test_preview_on_the_reply_and_edit_composers(client, clinician, other_clinician, topic):
    client.force_login(other_clinician)
    reply = client.post(
        reverse("forum:reply", args=[topic.pk]), {"body": "A *reply*", "preview": "1"}
    )
    assert "<em>reply</em>" in _html(reply)
    assert topic.posts.count() == 1
    client.force_login(clinician)
    first = topic.posts.get(number=1)
    edit = client.post(
        reverse("forum:post_edit", args=[first.pk]), {"body": "An *edit*", "preview": "1"}
    )
    assert "<em>edit</em>" in _html(edit)
    assert first.revisions.count() == 1


def test_the_htmx_preview_answers_the_pane_alone(client, clinician):
    client.force_login(clinician)
    response = client.post(reverse("forum:draft_preview"), {"body": TABLE})
    assert response.status_code == 200
    html = _html(response)
    assert 'id="composer-preview"' in html and '<th align="center">Week 1</th>' in html
    assert "<html" not in html


@pytest.mark.parametrize(
    "body",
    [
        # Control characters and bytes that are not UTF-8 (a lone surrogate's encoding).
        "%00%01%02%EF%BF%BD%ED%B3%BF%FF%FE+binary-ish",
        quote("[" * 20_000),
        quote("|a" * 4_000 + "\n|" + "-|" * 4_000 + "\n"),
        quote("<script>alert(1)</script> [x](javascript:alert(1))"),
    ],
    ids=["binary-ish", "brackets", "wide-table", "hostile"],
)
def test_the_preview_never_fails_on_odd_input(client, clinician, group, body):
    client.force_login(clinician)
    form = "application/x-www-form-urlencoded"
    pane = client.post(reverse("forum:draft_preview"), f"body={body}", content_type=form)
    page = client.post(
        reverse("forum:topic_create", args=[group.slug]),
        f"{urlencode(topic_form(preview='1'), doseq=True)}&body={body}",
        content_type=form,
    )
    assert pane.status_code == 200 and page.status_code == 200
    for html in (_html(pane), _html(page)):
        assert "<script>alert" not in html and 'href="javascript' not in html


def test_an_empty_or_overlong_draft_is_not_previewed_and_says_why(client, clinician, settings):
    client.force_login(clinician)
    empty = client.post(reverse("forum:draft_preview"), {"body": "  "})
    assert empty.status_code == 400 and "Write something first" in _html(empty)
    long = client.post(
        reverse("forum:draft_preview"), {"body": "x" * (settings.FORUM_BODY_MAX + 1)}
    )
    assert long.status_code == 400
    assert f"limited to {settings.FORUM_BODY_MAX:,} characters" in _html(long)


@override_settings(FORUM_PREVIEW_RATE_LIMIT="2/m")
def test_previews_are_rate_limited(client, clinician, require_redis):
    client.force_login(clinician)
    url = reverse("forum:draft_preview")
    statuses = [client.post(url, {"body": "one more look"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "limit of 2 previews per minute" in _html(client.post(url, {"body": "again"}))


# -- quote-reply -------------------------------------------------------------------------


def _body_field(html: str) -> str:
    match = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, "no body field"
    return match.group(1)


def test_quote_prefills_an_attributed_blockquote_of_the_post_and_answers_it(
    client, other_clinician, topic
):
    first = topic.posts.get(number=1)
    client.force_login(other_clinician)
    html = _html(client.get(reverse("forum:reply", args=[topic.pk]) + f"?quote={first.pk}"))
    body = _body_field(html)
    assert body.startswith("\n&gt; **Dana Reyes** wrote:\n&gt;\n&gt; A question about pacing")
    assert re.search(rf'name="reply_to" value="{first.pk}"', html)
    # The post being answered is shown above the composer.
    assert 'class="card reply-parent"' in html
    assert html.index("reply-parent") < html.index('class="card form composer"')


def test_the_quoted_name_is_literal_markdown(client, clinician, other_clinician, topic):
    type(clinician).objects.filter(pk=clinician.pk).update(display_name="Dana *Rey_es* [x](y)")
    first = topic.posts.get(number=1)
    client.force_login(other_clinician)
    html = _html(client.get(reverse("forum:reply", args=[topic.pk]), {"quote": first.pk}))
    quoted = _body_field(html).replace("&gt;", ">")
    attribution = quoted.strip().splitlines()[0]
    rendered = render_markdown(attribution)
    assert "<strong>Dana *Rey_es* [x](y)" in rendered and "<a " not in rendered


def test_the_thread_offers_quote_on_published_posts(client, other_clinician, topic):
    first = topic.posts.get(number=1)
    client.force_login(other_clinician)
    html = _html(client.get(topic.get_absolute_url()))
    assert f"/topics/{topic.pk}/reply/?quote={first.pk}" in html


def test_quote_of_a_selection_quotes_just_that_when_it_is_the_posts_text(
    client, other_clinician, topic
):
    first = topic.posts.get(number=1)
    client.force_login(other_clinician)
    url = reverse("forum:reply", args=[topic.pk])
    picked = _body_field(_html(client.get(url, {"quote": first.pk, "text": "pacing  exposure"})))
    assert picked == "\n&gt; **Dana Reyes** wrote:\n&gt;\n&gt; pacing exposure\n\n"
    # Text the post does not contain is not put in its author's mouth: the whole post is.
    forged = _body_field(_html(client.get(url, {"quote": first.pk, "text": "I agree with Sam"})))
    assert "I agree with Sam" not in forged and "A question about pacing" in forged


def test_quote_uses_the_published_revision_while_an_edit_is_screened(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    first = topic.posts.get(number=1)
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician,
            post=first,
            content=factories.content("Unscreened: the client's school is Lincoln High."),
            reason="detail",
        )
    first.refresh_from_db()
    assert first.has_edit_in_screening
    url = reverse("forum:reply", args=[topic.pk])
    for reader in (other_clinician, clinician):
        client.force_login(reader)
        for query in ({"quote": first.pk}, {"to": first.pk}):
            html = _html(client.get(url, query))
            assert "Lincoln High" not in html, (reader, query)
            assert "A question about pacing exposure" in html, (reader, query)


def test_quote_of_a_post_the_reader_cannot_read_is_404_and_leaks_nothing(
    client, clinician, other_clinician, outsider, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = reply_create(
            author=other_clinician, topic=topic, content=factories.content("Held text here")
        )
    Post.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    url = reverse("forum:reply", args=[topic.pk])
    client.force_login(clinician)
    absent = client.get(url, {"quote": 999_999})
    assert absent.status_code == 404
    for reader in (clinician, other_clinician):  # even its author: nothing published yet
        client.force_login(reader)
        response = client.get(url, {"quote": held.pk})
        assert response.status_code == 404, reader
        assert "Held text here" not in _html(response)
    # A private group's post, quoted by an outsider, answers like a missing one.
    Group.objects.filter(pk=topic.group_id).update(is_private=True)
    client.force_login(outsider)
    first = topic.posts.get(number=1)
    response = client.get(url, {"quote": first.pk})
    assert response.status_code == 404
    assert "A question about pacing" not in _html(response)


def test_quote_of_a_withdrawn_redacted_or_other_topics_post_is_404(
    client, clinician, other_clinician, moderator, group, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(
            author=other_clinician, topic=topic, content=factories.content("Redact me")
        )
        elsewhere = topic_create(
            author=other_clinician,
            group=group,
            title="Another topic",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content("Posted in another topic"),
        )
    url = reverse("forum:reply", args=[topic.pk])
    client.force_login(clinician)
    assert client.get(url, {"quote": reply.pk}).status_code == 200
    RevisionRedaction.objects.create(
        revision_id=Post.objects.get(pk=reply.pk).published_revision_id,
        moderator=moderator,
        reason="identifying",
        original_body="Redact me",
    )
    response = client.get(url, {"quote": reply.pk})
    assert response.status_code == 404 and "Redact me" not in _html(response)
    first = topic.posts.get(number=1)
    Post.objects.filter(pk=first.pk).update(status=PostStatus.WITHDRAWN)
    assert client.get(url, {"quote": first.pk}).status_code == 404
    assert client.get(url, {"quote": "not-a-number"}).status_code == 404
    other_topics = client.get(url, {"quote": elsewhere.posts.get(number=1).pk})
    assert other_topics.status_code == 404 and "another topic" not in _html(other_topics)


# -- errors ------------------------------------------------------------------------------


def test_composer_errors_are_summarised_first_and_tied_to_their_inputs(client, clinician, group):
    client.force_login(clinician)
    response = client.post(
        reverse("forum:topic_create", args=[group.slug]),
        topic_form(body="", trigger_warnings=[], title=""),
    )
    assert response.status_code == 200
    html = _html(response)
    summary = html.index('class="error-summary"')
    assert summary < html.index('id="id_title"')
    assert "data-focus-on-load" in html
    assert 'href="#id_body"' in html and 'href="#id_trigger_warnings_0"' in html
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_body_helptext id_body_error"' in textarea
    assert 'id="id_body_error"' in html and 'id="id_body_helptext"' in html
    fieldset = re.search(r'<fieldset aria-describedby="([^"]*)"><legend>Content warnings', html)
    assert fieldset
    assert fieldset.group(1) == "id_trigger_warnings_helptext id_trigger_warnings_error"
    assert 'id="id_trigger_warnings_error"' in html
    box = re.search(r'<input type="checkbox" name="trigger_warnings"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in box
    # Every id an input points at is on the page.
    for ids in re.findall(r'aria-describedby="([^"]*)"', html):
        for target in ids.split():
            assert f'id="{target}"' in html, target


def test_the_page_after_a_sent_post_tells_the_browser_to_forget_its_draft(client, clinician, group):
    client.force_login(clinician)
    composer = reverse("forum:topic_create", args=[group.slug])
    assert "data-draft-sent" not in _html(client.get(composer))
    response = client.post(composer, topic_form(), follow=True)
    assert f'data-draft-sent="{composer}"' in _html(response)
    assert "data-draft-sent" not in _html(client.get(group.get_absolute_url()))


def test_pages_name_the_signed_in_member_whose_drafts_the_browser_may_keep(
    client, clinician, group
):
    # site.js keeps a composer draft with this id and forgets, unseen, every draft that is
    # not the signed-in member's (a shared computer), and every draft on a visitor's page.
    visitor_page = client.get("/")
    assert visitor_page.status_code == 200
    assert "<body>" in _html(visitor_page)
    client.force_login(clinician)
    composer = reverse("forum:topic_create", args=[group.slug])
    assert f'<body data-member="{clinician.pk}"' in _html(client.get(composer))
