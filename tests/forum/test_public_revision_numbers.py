"""Readers who see published versions only see them numbered 1, 2, 3 ... with no gap
where a version was held (forum/revision_numbers.py): a gap would tell them something was
held. The post's author and the group's moderators in a TOTP-passed session keep the real
numbers and see every version.

The post built here has five versions: 1 published, 2 never published (held), 3
published, 4 never published (held), 5 published. Readers without the privilege see them
as versions 1, 2 and 3 (the real 1, 3 and 5). "Held" here is a version screening never
published (its screening is not run): in the database a held edit is exactly that, a
revision with no RevisionPublication.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from forum import export
from forum.models import Post, Topic
from forum.posting import post_edit, publish_screened_edit, reply_create
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician

BODIES = {
    1: "A question about pacing exposure work with an anxious adolescent.",  # the factory's
    2: "Heldsecret wording two never published",
    3: "Public second wording of the case question",
    4: "Heldsecret wording four never published",
    5: "Public third wording of the case question",
}
# What readers without the privilege see at each public number: the real number.
PUBLIC_TO_REAL = {1: 1, 2: 3, 3: 5}

PRIVILEGED = ("author", "moderator_with_totp")
UNPRIVILEGED = (
    "member",
    "another_author",
    "moderator_without_totp",
    "moderator_of_another_group",
)


def _edit(post: Post, author: User, number: int) -> None:
    revision = post_edit(
        editor=author,
        post=post,
        content=factories.content(BODIES[number]),
        reason=f"Edit number {number}",
    )
    assert revision.number == number
    if number % 2:  # odd versions are published by screening, even ones are held
        post.refresh_from_db()
        assert publish_screened_edit(post=post, revision=revision)


@pytest.fixture
def story(
    topic: Topic, clinician: User, group, django_capture_on_commit_callbacks
) -> dict[str, object]:
    """The topic's first post with five versions (see the module), and a reply by
    another author that answered version 3 (public 2)."""
    first = Post.objects.get(topic=topic, number=1)
    # The topic fixture published the first version.
    assert first.published_revision.number == 1
    _edit(first, clinician, 2)
    _edit(first, clinician, 3)
    another_author = make_verified_clinician(display_name="Ana Author", handle="ana")
    factories.MembershipFactory(group=group, user=another_author)
    # Screened in-process (eager tasks under test settings), so published.
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(
            author=another_author, topic=topic, content=factories.content("My reply")
        )
    reply.refresh_from_db()
    assert reply.status == "published" and reply.answered_revision.number == 3
    _edit(first, clinician, 4)
    _edit(first, clinician, 5)
    first.refresh_from_db()
    assert first.revision_count == 5 and first.published_revision.number == 5
    other_group = factories.GroupFactory(created_by=group.created_by, name="DBT Skills", slug="dbt")
    return {"first": first, "reply": reply, "another_author": another_author, "other": other_group}


def _client_for(persona: str, story: dict, clinician, other_clinician, moderator) -> Client:
    client = Client()
    if persona == "anonymous":
        return client
    if persona == "author":
        client.force_login(clinician)
    elif persona == "member":
        client.force_login(other_clinician)
    elif persona == "another_author":
        client.force_login(story["another_author"])
    elif persona == "moderator_without_totp":
        client.force_login(moderator)  # a password-only session
    elif persona == "moderator_with_totp":
        sign_in_with_totp(client, moderator)
    elif persona == "moderator_of_another_group":
        moderator.moderated_groups.add(story["other"])
        sign_in_with_totp(client, moderator)
    else:
        raise AssertionError(persona)
    return client


@pytest.fixture
def reader(request, story, clinician, other_clinician, moderator) -> Client:
    return _client_for(request.param, story, clinician, other_clinician, moderator)


def _history(client: Client, post: Post, **query: object):
    return client.get(reverse("forum:post_history", args=[post.pk]), query)


def _version(client: Client, post: Post, number: int):
    return client.get(reverse("forum:revision", args=[post.pk, number]))


def _page(response) -> str:
    """The page as served, but for the CSRF token (a new one per response) and the way
    back to the page asked for (the step-up notice's "?next=", the same on any page)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return re.sub(r'\?next=[^"]*"', '?next="', html)


def _diff(html: str) -> str:
    return html.split('aria-label="Differences"', 1)[1].split("</main>", 1)[0]


def _versions_listed(html: str) -> list[int]:
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [int(n) for n in re.findall(r">Version (\d+)</a>", table)]


# --- History page ----------------------------------------------------------------------


@pytest.mark.parametrize("reader", UNPRIVILEGED, indirect=True)
def test_readers_without_the_privilege_see_published_versions_numbered_without_gaps(reader, story):
    html = _history(reader, story["first"]).content.decode()
    assert _versions_listed(html) == [1, 2, 3]
    assert "Heldsecret" not in html
    # The links and the compare form use the same numbers.
    for number in (1, 2, 3):
        assert reverse("forum:revision", args=[story["first"].pk, number]) in html
    assert reverse("forum:revision", args=[story["first"].pk, 4]) not in html
    assert "?a=1&amp;b=2" in html and "?a=2&amp;b=3" in html
    assert 'value="4"' not in html and 'value="5"' not in html
    assert "Not published" not in html


@pytest.mark.parametrize("reader", PRIVILEGED, indirect=True)
def test_the_author_and_a_moderator_with_totp_keep_the_real_numbers(reader, story):
    html = _history(reader, story["first"]).content.decode()
    assert _versions_listed(html) == [1, 2, 3, 4, 5]
    assert html.count("Not published: only the author and moderators see it") == 2
    assert "?a=1&amp;b=2" in html and "?a=4&amp;b=5" in html


def test_the_first_public_version_reads_as_the_original_even_after_a_held_first_version(
    client, topic, clinician, other_clinician, django_capture_on_commit_callbacks
):
    """A post whose first version was held and whose edit was published: readers see
    one version, "Version 1", "Original", without the edit's reason (which would say an
    earlier version exists)."""
    # Its first version is never screened (its callback is not run): as a held one.
    with_held_first = reply_create(
        author=clinician, topic=topic, content=factories.content("Heldsecret first draft")
    )
    with django_capture_on_commit_callbacks(execute=True):
        revision = post_edit(
            editor=clinician,
            post=with_held_first,
            content=factories.content("The version readers get"),
            reason="Removed the client's town",
        )
    with_held_first.refresh_from_db()
    assert with_held_first.published_revision_id == revision.pk
    client.force_login(other_clinician)
    html = _history(client, with_held_first).content.decode()
    assert _versions_listed(html) == [1]
    assert "Original" in html and "Removed the client" not in html
    page = _version(client, with_held_first, 1).content.decode()
    assert "The version readers get" in page and "Removed the client" not in page
    assert "Version 1 of post" in page


# --- Diffs ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", UNPRIVILEGED, indirect=True)
def test_a_diff_url_is_read_in_the_readers_numbering(reader, story):
    first = story["first"]
    html = _history(reader, first, a=1, b=2).content.decode()
    assert "Changes from version 1 to version 2" in html
    assert "second" in _diff(html) and "Heldsecret" not in html
    html = _history(reader, first, a=2, b=3).content.decode()
    assert "Changes from version 2 to version 3" in html
    assert "<ins>third</ins>" in _diff(html) and "Heldsecret" not in html
    # Without "a", the version before "b" in the reader's list.
    assert "Changes from version 1 to version 2" in _history(reader, first, b=2).content.decode()


@pytest.mark.parametrize("reader", UNPRIVILEGED, indirect=True)
def test_a_diff_naming_a_held_versions_real_number_answers_as_a_number_never_used(reader, story):
    first = story["first"]
    for held in (4, 5):
        probe = _history(reader, first, a=1, b=held)
        never = _history(reader, first, a=1, b=99)
        assert probe.status_code == never.status_code == 200
        assert _page(probe) == _page(never)
        assert 'aria-label="Differences"' not in probe.content.decode()


@pytest.mark.parametrize("reader", PRIVILEGED, indirect=True)
def test_the_privileged_diff_a_held_version_by_its_real_number(reader, story):
    html = _history(reader, story["first"], a=1, b=2).content.decode()
    assert "Changes from version 1 to version 2" in html
    assert "Heldsecret" in _diff(html)


# --- One version by number; probing ---------------------------------------------------


@pytest.mark.parametrize("reader", UNPRIVILEGED, indirect=True)
def test_a_version_url_is_read_in_the_readers_numbering(reader, story):
    for public, real in PUBLIC_TO_REAL.items():
        response = _version(reader, story["first"], public)
        html = response.content.decode()
        assert response.status_code == 200
        assert f"Version {public} of post #1" in html
        assert BODIES[real] in html
        assert "Heldsecret" not in html


def _probe(client: Client, post: Post, number: int):
    with CaptureQueriesContext(connection) as queries:
        response = _version(client, post, number)
    return response, len(queries)


@pytest.mark.parametrize("reader", UNPRIVILEGED, indirect=True)
def test_probing_a_held_versions_real_number_gives_the_404_of_a_number_never_used(reader, story):
    first = story["first"]
    _probe(reader, first, 98)  # the session's first request writes more (its last visit)
    never, never_queries = _probe(reader, first, 99)
    assert never.status_code == 404
    for number in (4, 5, 2**31 - 1):
        probe, probe_queries = _probe(reader, first, number)
        assert probe.status_code == 404
        assert [t.name for t in probe.templates] == [t.name for t in never.templates]
        assert _page(probe) == _page(never)
        assert probe_queries == never_queries


@pytest.mark.parametrize("reader", PRIVILEGED, indirect=True)
def test_the_privileged_open_held_versions_by_their_real_numbers(reader, story):
    for number in (2, 4):
        response = _version(reader, story["first"], number)
        assert response.status_code == 200
        assert BODIES[number] in response.content.decode()
    assert _version(reader, story["first"], 6).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_alike_for_every_number(client, story):
    """Visitors read no posts (the product brief): the same redirect whatever the number."""
    first = story["first"]
    answers = [_version(client, first, number) for number in (2, 4, 99)]
    assert {response.status_code for response in answers} == {302}
    assert {response.url.split("?")[0] for response in answers} == {answers[0].url.split("?")[0]}
    assert _history(client, first, b=4).status_code == 302


# --- Counts in the thread --------------------------------------------------------------


def _thread(client: Client, topic: Topic) -> str:
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("reader", UNPRIVILEGED, indirect=True)
def test_the_edited_count_counts_published_versions(reader, story, topic):
    html = _thread(reader, topic)
    assert "edited (2 times)" in html
    assert "edited (4 times)" not in html


@pytest.mark.parametrize("reader", PRIVILEGED, indirect=True)
def test_the_edited_count_of_the_privileged_counts_every_version(reader, story, topic):
    assert "edited (4 times)" in _thread(reader, topic)


@pytest.mark.parametrize(
    ("persona", "count"),
    [(persona, 2) for persona in UNPRIVILEGED] + [(persona, 4) for persona in PRIVILEGED],
)
def test_the_live_post_counts_edits_as_the_thread_does(
    persona, count, story, clinician, other_clinician, moderator
):
    client = _client_for(persona, story, clinician, other_clinician, moderator)
    response = client.get(reverse("forum:post_state", args=[story["first"].pk]))
    assert response.status_code == 200
    assert f"edited ({count} times)" in response.content.decode()


def test_the_authors_count_never_reaches_others_through_the_shared_thread_html(
    story, topic, clinician, other_clinician, moderator
):
    """The author reads the page first (a post of theirs with a held version is rendered
    for them alone), then others read it from the shared HTML, in every order."""
    personas = ("author", "member", "moderator_with_totp", "moderator_without_totp", "author")
    for persona in personas:
        client = _client_for(persona, story, clinician, other_clinician, moderator)
        html = _thread(client, topic)
        expected = "edited (4 times)" if persona in PRIVILEGED else "edited (2 times)"
        assert expected in html, persona


def test_a_post_whose_only_edit_is_held_shows_no_history_link_to_others(
    story, topic, clinician, other_clinician, moderator
):
    reply = story["reply"]
    post_edit(
        editor=story["another_author"],
        post=reply,
        content=factories.content("Heldsecret reply edit"),
        reason="Second thoughts",
    )
    history = reverse("forum:post_history", args=[reply.pk])
    client = _client_for("member", story, clinician, other_clinician, moderator)
    html = _thread(client, topic)
    section = html.split(f'id="post-{reply.pk}"', 1)[1].split("</article>", 1)[0]
    assert history not in section
    author = Client()
    author.force_login(story["another_author"])
    section = _thread(author, topic).split(f'id="post-{reply.pk}"', 1)[1].split("</article>")[0]
    assert history in section


# --- The "earlier version" a reply answered --------------------------------------------


@pytest.mark.parametrize(
    ("persona", "number"),
    [(persona, 2) for persona in UNPRIVILEGED] + [(persona, 3) for persona in PRIVILEGED],
)
def test_the_answered_version_link_leads_to_its_number_in_the_readers_numbering(
    persona, number, story, topic, clinician, other_clinician, moderator
):
    client = _client_for(persona, story, clinician, other_clinician, moderator)
    link = reverse("forum:answered_version", args=[story["reply"].pk])
    assert link in _thread(client, topic)
    response = client.get(link)
    assert response.status_code == 302
    assert response.url == reverse("forum:revision", args=[story["first"].pk, number])
    assert BODIES[3] in client.get(response.url).content.decode()


# --- Export ----------------------------------------------------------------------------


def test_the_authors_data_export_keeps_the_real_numbers(story, clinician):
    """The export holds the member's own posts only, with every version they wrote."""
    own = next(p for p in export.posts(clinician) if p["id"] == story["first"].pk)
    assert [revision["number"] for revision in own["revisions"]] == [1, 2, 3, 4, 5]


def test_another_members_export_holds_nothing_of_the_post(story, other_clinician):
    assert all(p["id"] != story["first"].pk for p in export.posts(other_clinician))


def test_a_reply_to_a_version_nobody_else_saw_says_nothing_of_it_to_others(
    topic, clinician, other_clinician, moderator, django_capture_on_commit_callbacks
):
    """A reply answered a version that was never published (its author replied to their
    own post while it was held): readers who see published versions only are not told
    of that version; the group's moderators are."""
    held = reply_create(author=clinician, topic=topic, content=factories.content("Heldsecret"))
    with django_capture_on_commit_callbacks(execute=True):
        answer = reply_create(
            author=clinician, topic=topic, reply_to=held, content=factories.content("Follow-up")
        )
        post_edit(
            editor=clinician,
            post=held,
            content=factories.content("The wording readers get"),
            reason="Took out a detail",
        )
    held.refresh_from_db()
    answer.refresh_from_db()
    assert held.status == answer.status == "published"
    assert answer.answered_revision.number == 1 and held.published_revision.number == 2
    member = Client()
    member.force_login(other_clinician)
    assert "an earlier version" not in _thread(member, topic)
    assert member.get(reverse("forum:answered_version", args=[answer.pk])).status_code == 404
    mod = sign_in_with_totp(Client(), moderator)
    assert reverse("forum:answered_version", args=[answer.pk]) in _thread(mod, topic)
