"""Sensitive things never reach the wrong persona, including by indirect paths.

Held posts, another group's private content, license evidence and moderation records,
checked per persona through the pages, search, notifications, the data export and the
admin. Each check has a positive control (someone who may see the thing does), so a
check cannot pass because the thing was never there. The world and personas are in
tests/security/personas.py; there are no feeds in the URLconf (the matrix in
test_url_access.py would list them).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.access import role_moderates_group
from accounts.models import User
from forum.choices import PostStatus
from forum.models import Group, Membership, Post, Topic
from moderation import cases
from moderation.models import Case, FlagReason, ScreeningResult
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories
from tests.moderation.helpers import IDENTIFYING, first_post, new_reply, new_topic
from tests.security.personas import PDF, PERSONAS, World, build_world

pytestmark = pytest.mark.django_db

HELD_MARKER = "Keisha"  # a word only in the held post's body (IDENTIFYING)
HELD_QUERY = "daughter"  # another word of it, to search with (the form echoes the query)


@pytest.fixture
def world(
    group: Group,
    topic: Topic,
    clinician: User,
    other_clinician: User,
    organizer: User,
    moderator: User,
    settings: object,
    tmp_path: object,
) -> World:
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return build_world(
        group=group,
        topic=topic,
        member=clinician,
        fellow=other_clinician,
        organizer=organizer,
        moderator=moderator,
    )


@pytest.fixture
def held_reply(world: World, other_clinician: User, django_capture_on_commit_callbacks) -> Post:
    """A fellow member's reply in the sample topic, held by screening for review."""
    reply = new_reply(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        topic=world.topic,
        body=IDENTIFYING,
    )
    reply.refresh_from_db()
    assert reply.status == PostStatus.HELD
    return reply


def _text(client: Client, url: str, **params: str) -> str:
    response = client.get(url, params, follow=True)
    assert response.status_code < 500, url
    return response.content.decode()


def _held_post_surfaces(client: Client, post: Post) -> dict[str, str]:
    return {
        "thread": _text(client, reverse("forum:topic", args=[post.topic_id])),
        "post": _text(client, reverse("forum:post", args=[post.pk])),
        "history": _text(client, reverse("forum:post_history", args=[post.pk])),
        "revision": _text(client, reverse("forum:revision", args=[post.pk, 1])),
        "search": _text(client, reverse("forum:search"), q=HELD_QUERY),
        "notifications": _text(client, reverse("notifications:list")),
        "export": _text(client, reverse("accounts:export")),
        "home": _text(client, reverse("forum:home")),
    }


def test_a_held_post_reaches_only_its_author_and_moderators_with_scope(
    world: World, held_reply: Post, other_clinician: User
) -> None:
    # Global moderators and staff moderate every group; the scoped moderator's group is
    # the other one, so they are refused like any member.
    may_see = {"moderator", "staff"}
    for persona, client in world.clients():
        surfaces = _held_post_surfaces(client, held_reply)
        leaked = [name for name, html in surfaces.items() if HELD_MARKER in html]
        if persona in may_see:
            assert {"thread", "revision", "search"} <= set(leaked), persona
        else:
            assert leaked == [], f"{persona} sees the held post in {leaked}"
    author = Client()
    author.force_login(other_clinician)
    author_surfaces = _held_post_surfaces(author, held_reply)
    assert HELD_MARKER in author_surfaces["thread"]
    assert HELD_MARKER in author_surfaces["export"]  # their own data


def test_only_its_author_and_the_groups_moderators_are_notified_of_a_held_post(
    world: World, held_reply: Post
) -> None:
    # The topic's author gets a reply notice once the reply is published, not before; the
    # group's moderators get an alert naming the group and the reason, never the text.
    notices = Notification.objects.filter(post_id=held_reply.pk)
    told = set(
        notices.exclude(kind=NotificationKind.CASE_ALERT).values_list("recipient_id", flat=True)
    )
    assert told == {held_reply.author_id}
    group = held_reply.topic.group
    alerts = list(notices.filter(kind=NotificationKind.CASE_ALERT))
    covering = {user.pk for user in User.objects.all() if role_moderates_group(user, group)}
    assert alerts, "the group's moderators are alerted to an identifier case"
    assert {alert.recipient_id for alert in alerts} <= covering - {held_reply.author_id}
    for alert in alerts:
        assert HELD_MARKER not in alert.message and HELD_QUERY not in alert.message


def test_a_scoped_moderator_cannot_open_a_held_posts_records_outside_their_groups(
    world: World, held_reply: Post
) -> None:
    case = Case.objects.get(post=held_reply)
    result = ScreeningResult.objects.get(revision__post=held_reply)
    scoped = world.client("scoped_moderator")
    global_moderator = world.client("moderator")
    urls = [
        reverse("admin:moderation_case_change", args=[case.pk]),
        reverse("admin:moderation_screeningresult_change", args=[result.pk]),
    ]
    for url in urls:
        assert global_moderator.get(url).status_code == 200, url
        # Refused, or (the admin's answer for an object outside the queryset) sent to the index.
        refused = scoped.get(url)
        assert refused.status_code in (302, 403, 404), url
        assert refused.get("Location", "") in ("", reverse("admin:index")), url
    listings = {
        "admin:moderation_case_changelist": f"/{case.pk}/change/",
        "admin:moderation_screeningresult_changelist": f"/{result.pk}/change/",
        "admin:moderation_flag_changelist": None,
        "admin:moderation_moderationaction_changelist": None,
    }
    for listing, row_link in listings.items():
        url = reverse(listing) + "?queue=all"
        if row_link is not None:
            assert row_link in _text(global_moderator, url), listing
        html = _text(scoped, url)
        assert world.group.name not in html and world.topic.title not in html, listing
        assert f"/{result.pk}/change/" not in html, listing


def test_another_groups_private_topic_is_not_shown_to_outsiders_anywhere(
    world: World, other_clinician: User, django_capture_on_commit_callbacks
) -> None:
    # A published reply in the private topic mentions everyone, inside or out.
    handles = " ".join(f"@{u.handle}" for u in world.users.values() if u is not None)
    new_reply(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        topic=world.topic,
        body=f"Thanks for reading, {handles}.",
    )
    title = world.topic.title
    readers = {"member", "moderator", "staff"}
    for persona, client in world.clients():
        pages = {
            "home": _text(client, reverse("forum:home")),
            "directory": _text(client, reverse("forum:directory")),
            "group": _text(client, reverse("forum:group", args=[world.group.slug])),
            "search": _text(client, reverse("forum:search"), q="exposure"),
            "notifications": _text(client, reverse("notifications:list")),
        }
        shown = [name for name, html in pages.items() if title in html]
        if persona in readers:
            assert {"home", "group", "search"} <= set(shown), persona
        else:
            assert shown == [], f"{persona} sees the private topic in {shown}"
    # The mention notices do go out to those who may read the topic.
    assert Notification.objects.filter(recipient=world.users["moderator"], kind="mention").exists()


def test_license_evidence_opens_only_for_its_owner_and_license_reviewers(world: World) -> None:
    url = reverse("accounts:evidence_file", args=[world.license.pk])
    for persona, client in world.clients():
        response = client.get(url)
        if persona in {"member", "moderator", "staff"}:
            assert response.status_code == 200, persona
            assert b"".join(response.streaming_content) == PDF
        else:
            assert response.status_code == 404, persona


def test_a_flagger_sees_only_their_own_flag_and_no_case(
    world: World, other_clinician: User
) -> None:
    flagger = Client()
    flagger.force_login(other_clinician)
    # The fellow member flagged the member's post (build_world): the case is not theirs.
    assert flagger.get(reverse("moderation:case", args=[world.case.pk])).status_code == 404
    assert flagger.get(reverse("admin:moderation_flag_changelist")).status_code == 302
    # A second flag by another member, with a note: nobody finds it through search.
    factories.MembershipFactory(group=world.group, user=world.users["other_member"])
    cases.flag_post(
        member=world.users["other_member"],
        post=world.post,
        reason=FlagReason.OTHER,
        text="Zanzibarian note for the moderators",
    )
    for persona, client in world.clients():
        html = _text(client, reverse("forum:search"), q="Zanzibarian")
        assert "note for the moderators" not in html, persona
    export = json.loads(flagger.get(reverse("accounts:export")).content)
    assert "Zanzibarian" not in json.dumps(export)


def test_the_data_export_holds_only_the_requesting_members_data(
    world: World, held_reply: Post, other_clinician: User
) -> None:
    member = world.users["member"]
    export = world.client("member").get(reverse("accounts:export"))
    data = json.loads(b"".join(export.streaming_content) if export.streaming else export.content)
    text = json.dumps(data)
    assert data["profile"]["email"] == member.email
    assert [post["id"] for post in data["posts"]] == [world.post.pk]
    others = [u for u in world.users.values() if u is not None and u.pk != member.pk]
    for other in [*others, other_clinician]:
        assert other.email not in text
    assert HELD_MARKER not in text
    other_numbers = [lic.number for u in others for lic in u.licenses.all()]
    assert other_numbers and not any(number in text for number in other_numbers)


def test_a_scoped_moderator_sees_no_history_from_groups_outside_their_scope(
    world: World, held_reply: Post, other_clinician: User, django_capture_on_commit_callbacks
) -> None:
    """The case page shows the author's earlier cases; only those in the viewer's groups."""
    factories.MembershipFactory(group=world.other_group, user=other_clinician)
    elsewhere = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=other_clinician,
            group=world.other_group,
            body=IDENTIFYING,
            title="A question in the other group",
        )
    )
    in_scope = Case.objects.get(post=elsewhere)
    out_of_scope = Case.objects.get(post=held_reply)
    url = reverse("admin:moderation_case_change", args=[in_scope.pk])
    outside_link = reverse("admin:moderation_case_change", args=[out_of_scope.pk])
    assert outside_link in _text(world.client("moderator"), url)
    html = _text(world.client("scoped_moderator"), url)
    assert "A question in the other group" in html
    assert outside_link not in html
    assert world.group.name not in html


def test_other_group_personas_are_refused_the_sample_groups_content(world: World) -> None:
    """The URL matrix in short: every route to the private topic, per outsider persona."""
    urls = [
        reverse("forum:topic", args=[world.topic.pk]),
        reverse("forum:post", args=[world.post.pk]),
        reverse("forum:post_history", args=[world.post.pk]),
        reverse("forum:revision", args=[world.post.pk, 1]),
        reverse("forum:reply", args=[world.topic.pk]),
        reverse("moderation:flag", args=[world.post.pk]),
    ]
    outsiders = ["unverified", "other_member", "other_organizer", "scoped_moderator"]
    assert set(outsiders) < set(PERSONAS)
    for persona in outsiders:
        client = world.client(persona)
        for url in urls:
            assert client.get(url).status_code in (403, 404), (persona, url)
    member = world.client("member")
    assert all(member.get(url).status_code in (200, 302) for url in urls)
    assert Membership.objects.filter(group=world.group, user=world.users["member"]).exists()


def test_a_scoped_moderator_reads_held_posts_in_their_own_group_only(
    world: World, held_reply: Post, django_capture_on_commit_callbacks
) -> None:
    """Scope works both ways: their group's held post yes, the sample group's no."""
    author = world.users["other_member"]
    held_there = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=author,
            group=world.other_group,
            body=IDENTIFYING,
            title="Held in the other group",
        )
    )
    assert held_there.status == PostStatus.HELD
    scoped = world.client("scoped_moderator")
    assert HELD_MARKER in _text(scoped, reverse("forum:topic", args=[held_there.topic_id]))
    case = Case.objects.get(post=held_there)
    assert scoped.get(reverse("admin:moderation_case_change", args=[case.pk])).status_code == 200
    assert scoped.get(reverse("forum:topic", args=[held_reply.topic_id])).status_code == 404
    # A fellow member of that group (the organizer) does not see it.
    organizer = world.client("other_organizer")
    assert organizer.get(reverse("forum:topic", args=[held_there.topic_id])).status_code == 404
