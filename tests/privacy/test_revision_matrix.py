"""Every revision-reading URL x every state screening leaves a revision in x every persona
(issue 18 items 2 and 3): a revision screening did not publish reaches its author and the
group's moderators in a TOTP-passed session, and nobody else; a redacted one, nobody; a
redacted passage, nobody (issue 21 item 3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.choices import PostStatus
from forum.models import Revision
from forum.redacted import REDACTED_MARKER
from moderation.models import Case, ScreeningResult
from tests.privacy.scenarios import (
    MAY_READ_UNPUBLISHED,
    PERSONAS,
    READERS,
    STATES,
    UNLICENSED,
    build,
    live_urls,
    mailed_to,
    make_people,
    reading_urls,
    received,
)

pytestmark = pytest.mark.django_db

WORD = "quokkazanzibar"


def _violations(state: str, persona: str, pages: dict[str, str], mailed: bool, post) -> list:
    thread = reverse("forum:topic", args=[post.topic_id])
    state_url, _asked, after_url = live_urls(post)
    # The fragments the thread page polls show what the thread shows, to everyone (the
    # poll asking after the author's own revision under screening answers 204 instead).
    disagree = [
        (persona, f"reads the {state} revision differently in the thread and at", url)
        for url in (state_url, after_url)
        if (WORD in pages[url]) != (WORD in pages[thread])
    ]
    return disagree + _unallowed(state, persona, pages, mailed, post)


def _unallowed(state: str, persona: str, pages: dict[str, str], mailed: bool, post) -> list:
    """What `persona` received of the revision in `state` that they should not have (or,
    as a control, did not receive that they should have)."""
    got = [url for url, html in pages.items() if WORD in html]
    thread = reverse("forum:topic", args=[post.topic_id])
    if persona in UNLICENSED:
        # Whatever the state: the topic's title and the explanation, no body anywhere.
        wrong = [
            (persona, f"without a license received the {state} revision at", url) for url in got
        ]
        post.topic.refresh_from_db()
        shown = pages[thread]
        # A topic others cannot see (its first post held) is a 404 to them, title and all.
        if post.topic.is_visible and (
            post.topic.title not in shown or "verified license" not in shown
        ):
            wrong.append((persona, "sees no title and explanation at", thread))
        if mailed:
            wrong.append((persona, f"was mailed the {state} revision", ""))
        return wrong
    search = [url for url in pages if url.startswith(reverse("forum:search"))]
    if state == "published":
        if persona not in READERS:
            return [(persona, "cannot read the forum, yet got", got)] if got else []
        missing = [url for url in [thread, *live_urls(post), *search] if url not in got]
        return [(persona, "should read the published edit at", missing)] if missing else []
    if state == "redacted":
        # On no forum page for anyone; the author's own export keeps what they wrote.
        allowed = {reverse("accounts:export")} if persona == "author" else set()
        wrong = [(persona, "received redacted text at", url) for url in got if url not in allowed]
        if mailed:
            wrong.append((persona, "was mailed redacted text", ""))
        if persona in READERS and "Redacted by a moderator on" not in pages[thread]:
            wrong.append((persona, "sees no redaction notice in", thread))
        return wrong
    if state == "span_redacted":
        # The word is the marker on every page for everyone, the author's export included:
        # the passage stays only in the moderators' record on the case page.
        wrong = [(persona, "received the redacted passage at", url) for url in got]
        if mailed:
            wrong.append((persona, "was mailed the redacted passage", ""))
        if persona in READERS and REDACTED_MARKER not in pages[thread]:
            wrong.append((persona, "sees no redaction marker in", thread))
        return wrong
    if persona in MAY_READ_UNPUBLISHED:
        return (
            [] if got else [(persona, f"may read the {state} revision, but found it nowhere", "")]
        )
    wrong = [(persona, f"received the {state} revision at", url) for url in got]
    if mailed:
        wrong.append((persona, f"was mailed the {state} revision", ""))
    return wrong


@pytest.mark.parametrize("state", STATES)
def test_a_revision_reaches_only_those_its_state_allows(
    state, organizer, django_capture_on_commit_callbacks
):
    """For one state, every persona (those allowed to read first, so a page cached for them
    would be served to the others and caught) x every revision-reading URL."""
    people = make_people(organizer)
    post = build(state, django_capture_on_commit_callbacks, people, WORD)
    urls = list(reading_urls(post, WORD))
    assert len(urls) >= 10
    violations = []
    for persona in PERSONAS:
        pages = received(people.client(persona), urls)
        user = people.users[persona.removesuffix("_pw")]
        violations += _violations(state, persona, pages, WORD in mailed_to(user), post)
    assert violations == []


def test_a_reader_keeps_the_published_version_while_an_edit_is_screened(
    organizer, django_capture_on_commit_callbacks
):
    """Issue 18 item 3: the thread, history and search keep the published revision; the
    author sees their edit with "your edit is being screened"; moderators see both."""
    people = make_people(organizer)
    post = build("unscreened", django_capture_on_commit_callbacks, people, WORD)
    assert post.status == PostStatus.PUBLISHED
    assert post.published_revision.number == 1 and post.current_revision.number == 2
    thread = reverse("forum:topic", args=[post.topic_id])

    reader = people.client("group_member").get(thread).content.decode()
    assert "Looking for reading suggestions" in reader and WORD not in reader
    assert "being screened" not in reader
    search = people.client("group_member").get(reverse("forum:search") + "?q=pacing adolescent")
    assert post.topic.title in search.content.decode()
    post.refresh_from_db()
    assert WORD not in post.search_text

    author = people.client("author").get(thread).content.decode()
    assert WORD in author and "Your edit is being screened" in author

    moderator = people.client("group_moderator").get(thread).content.decode()
    assert WORD in moderator and "An edit is being screened" in moderator
    assert "What others see now: version 1" in moderator


def test_screening_publishes_the_edit_for_readers_then(
    organizer, django_capture_on_commit_callbacks
):
    people = make_people(organizer)
    post = build("unscreened", django_capture_on_commit_callbacks, people, WORD)
    from moderation.revision_screening import screen_revision

    assert screen_revision(revision_id=post.current_revision_id) == "publish"
    post.refresh_from_db()
    assert post.published_revision_id == post.current_revision_id
    assert WORD in post.search_text
    thread = reverse("forum:topic", args=[post.topic_id])
    assert WORD in people.client("group_member").get(thread).content.decode()
    history = reverse("forum:post_history", args=[post.pk])
    assert "Version 2" in people.client("group_member").get(history).content.decode()


def test_two_quick_edits_are_both_screened_and_the_first_opens_a_case(
    organizer, django_capture_on_commit_callbacks
):
    """Issue 18 item 2b: the superseded revision gets its own screening result and, since
    it holds identifiers, a case; readers see the clean one only."""
    people = make_people(organizer)
    post = build("superseded", django_capture_on_commit_callbacks, people, WORD)
    first, second = Revision.objects.filter(post=post, number__in=[2, 3]).order_by("number")
    assert ScreeningResult.objects.filter(revision=first, decision="hold").exists()
    assert ScreeningResult.objects.filter(revision=second).exists()
    case = Case.objects.get(post=post)
    assert case.screening_result.revision_id == first.pk or case.has_identifiers
    assert post.status == PostStatus.PUBLISHED
    assert post.published_revision_id == second.pk
    # Readers number the published versions without a gap (forum/revision_numbers.py):
    # their version 2 is the clean one (the real 3), and there is no version 3 for them.
    member = people.client("group_member")
    history = member.get(reverse("forum:post_history", args=[post.pk])).content.decode()
    assert "Version 2" in history and "Version 3" not in history and WORD not in history
    page = member.get(reverse("forum:revision", args=[post.pk, 2]))
    assert page.status_code == 200 and WORD not in page.content.decode()
    assert member.get(reverse("forum:revision", args=[post.pk, 3])).status_code == 404


def test_identifiers_edited_out_of_a_held_post_stay_out_of_its_history(
    organizer, django_capture_on_commit_callbacks
):
    """Issue 18 item 2a: held, edited out, republished: version 1 never reaches readers."""
    from tests.moderation.helpers import new_topic
    from tests.privacy.scenarios import edit, secret

    people = make_people(organizer)
    topic = new_topic(
        django_capture_on_commit_callbacks,
        author=people.users["author"],
        group=people.group,
        body=secret(WORD, identifying=True),
    )
    post = topic.posts.get(number=1)
    assert post.status == PostStatus.HELD
    edit(django_capture_on_commit_callbacks, post, "Rewritten without any detail of the client.")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    pages = received(people.client("group_member"), list(reading_urls(post, WORD)))
    assert [url for url, html in pages.items() if WORD in html] == []
    author = received(people.client("author"), [reverse("forum:revision", args=[post.pk, 1])])
    assert WORD in next(iter(author.values()))
