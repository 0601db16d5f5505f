from __future__ import annotations

import pytest
from django.urls import reverse

from forum.choices import GroupKind, MembershipPolicy, PostStatus, TopicPurpose
from forum.models import Group, Membership, Post, Topic
from forum.posting import post_edit, reply_create
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import sign_in_with_totp

pytestmark = pytest.mark.django_db


def topic_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Supervision hours for associates",
        "purpose": TopicPurpose.REGULATION,
        "body": "What counts toward **supervision** hours under the new rule?",
        "trigger_warnings": ["none"],
        "disclaimer": "not_clinical_advice",
        "disclaimer_text": "",
    }
    data.update(overrides)
    return data


def test_an_organizer_opens_a_group_and_its_purpose_is_shown(client, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("forum:group_create"),
        {
            "name": "EMDR Northwest",
            "kind": GroupKind.MODALITY,
            "modality": "emdr",
            "purpose": "Consultation for EMDR clinicians in the Northwest.",
            "membership_policy": MembershipPolicy.APPROVAL,
        },
    )
    group = Group.objects.get(name="EMDR Northwest")
    assert response.status_code == 302
    page = client.get(group.get_absolute_url())
    assert "Consultation for EMDR clinicians in the Northwest." in page.content.decode()
    assert Membership.objects.get(group=group, user=organizer).role == Membership.Role.ORGANIZER


def test_a_group_needs_a_declared_purpose(client, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("forum:group_create"),
        {"name": "No purpose", "kind": "modality", "modality": "cbt", "purpose": "   "},
    )
    assert response.status_code == 200
    assert "purpose" in response.content.decode().lower()
    assert not Group.objects.filter(name="No purpose").exists()


def test_a_member_cannot_open_a_group(client, clinician):
    client.force_login(clinician)
    assert client.get(reverse("forum:group_create")).status_code == 403


def test_joining_an_open_group_is_immediate(client, outsider, group):
    client.force_login(outsider)
    client.post(reverse("forum:group_join", args=[group.slug]))
    assert Membership.objects.get(group=group, user=outsider).state == Membership.State.ACTIVE


def test_an_approval_group_waits_for_the_organizer(client, outsider, organizer, group):
    group.membership_policy = MembershipPolicy.APPROVAL
    group.save()
    client.force_login(outsider)
    client.post(reverse("forum:group_join", args=[group.slug]))
    membership = Membership.objects.get(group=group, user=outsider)
    assert membership.state == Membership.State.PENDING
    client.force_login(organizer)
    client.post(
        reverse("forum:membership_decide", args=[group.slug, membership.pk]), {"approve": "1"}
    )
    membership.refresh_from_db()
    assert membership.state == Membership.State.ACTIVE
    assert Notification.objects.filter(recipient=outsider, kind="membership").exists()


def test_the_directory_filters_by_kind_and_region(client, group):
    factories.RegionalGroupFactory(name="Oregon", slug="oregon", region="US-OR")
    factories.RegionalGroupFactory(name="Texas", slug="texas", region="US-TX")
    page = client.get(reverse("forum:directory"), {"kind": "regional", "region": "US-OR"})
    html = page.content.decode()
    assert ">Oregon</a>" in html
    assert ">Texas</a>" not in html and ">CBT Consultation</a>" not in html


def test_a_member_starts_a_topic_through_the_form(client, clinician, group):
    client.force_login(clinician)
    response = client.post(reverse("forum:topic_create", args=[group.slug]), topic_form())
    topic = Topic.objects.get(title="Supervision hours for associates")
    assert response.status_code == 302
    first = topic.posts.get()
    assert first.current_revision.body_html.count("<strong>") == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "required"),
        ("body", "", "required"),
        ("trigger_warnings", [], "Declare the content warnings"),
        ("purpose", "", "required"),
        ("body", "x" * 20_001, "20,000"),
        ("purpose", TopicPurpose.PROMOTION, "financial-interest"),
        ("disclaimer", "custom", "own disclaimer"),
    ],
)
def test_a_topic_form_with_bad_input_explains_and_saves_nothing(
    client, clinician, group, field, value, message
):
    client.force_login(clinician)
    response = client.post(
        reverse("forum:topic_create", args=[group.slug]), topic_form(**{field: value})
    )
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not Topic.objects.exists()


def test_a_reply_through_the_form_records_what_it_answered(client, other_clinician, topic):
    client.force_login(other_clinician)
    first = topic.posts.get(number=1)
    response = client.post(
        reverse("forum:reply", args=[topic.pk]),
        {
            "body": "Slow the hierarchy down.",
            "trigger_warnings": ["none"],
            "disclaimer": "not_clinical_advice",
            "reply_to": first.pk,
        },
    )
    assert response.status_code == 302
    reply = Post.objects.get(topic=topic, number=2)
    assert reply.reply_to_id == first.pk
    assert reply.answered_revision_id == first.current_revision_id


def test_warned_content_is_collapsed_behind_its_warning(
    client, clinician, group, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("forum:topic_create", args=[group.slug]),
            topic_form(body="A client disclosed an overdose.", trigger_warnings=["substance_use"]),
        )
    topic = Topic.objects.get()
    html = client.get(topic.get_absolute_url()).content.decode()
    warning_at = html.index("Content warning:")
    assert '<details class="warned">' in html
    assert warning_at < html.index("A client disclosed an overdose.")


def test_the_history_page_shows_every_version_and_a_diff(client, clinician, topic):
    first = topic.posts.get(number=1)
    post_edit(
        editor=clinician,
        post=first,
        content=factories.content("A question about pacing exposure work with a teen."),
        reason="shorter",
    )
    client.force_login(clinician)
    html = client.get(reverse("forum:post_history", args=[first.pk])).content.decode()
    assert "Version 1" in html and "Version 2" in html and "shorter" in html
    assert 'class="diff-line diff-delete"' in html and 'class="diff-line diff-insert"' in html


def test_a_reply_to_an_edited_post_says_it_answered_an_earlier_version(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    first = topic.posts.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=other_clinician, topic=topic, content=factories.content("Answer"))
    with django_capture_on_commit_callbacks(execute=False) as screening:
        post_edit(editor=clinician, post=first, content=factories.content("Changed"), reason="fix")
    client.force_login(other_clinician)
    # Until screening publishes the edit, readers see the version the reply answered.
    assert "an earlier version" not in client.get(topic.get_absolute_url()).content.decode()
    for callback in screening:
        callback()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "an earlier version" in html
    # The link names the reply, not a number: the shared thread HTML is the same for
    # readers whose version numbers differ (forum/revision_numbers.py).
    reply = topic.posts.get(number=2)
    link = reverse("forum:answered_version", args=[reply.pk])
    assert link in html
    assert client.get(link).url == reverse("forum:revision", args=[first.pk, 1])


def test_withdrawing_through_the_site_leaves_a_tombstone(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    first = topic.posts.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=other_clinician, topic=topic, content=factories.content("Answer"))
    client.force_login(clinician)
    client.post(reverse("forum:post_withdraw", args=[first.pk]))
    client.force_login(other_clinician)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Withdrawn by the author" in html
    assert "A question about pacing" not in html


def test_the_topic_author_marks_a_reply_helpful(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(author=other_clinician, topic=topic, content=factories.content("Try"))
    client.force_login(other_clinician)
    assert client.post(reverse("forum:post_helpful", args=[reply.pk])).status_code == 403
    client.force_login(clinician)
    client.post(reverse("forum:post_helpful", args=[reply.pk]))
    reply.refresh_from_db()
    assert reply.helpful_marked_at is not None
    assert "Marked helpful" in client.get(topic.get_absolute_url()).content.decode()
    assert Notification.objects.filter(recipient=other_clinician, kind="helpful").exists()


def test_replies_and_mentions_notify(
    client, clinician, other_clinician, outsider, topic, django_capture_on_commit_callbacks
):
    outsider.handle = "owen"
    outsider.save()
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(
            author=other_clinician, topic=topic, content=factories.content("Agree, cc @owen.")
        )
    assert Notification.objects.filter(recipient=clinician, kind="reply").count() == 1
    assert Notification.objects.filter(recipient=outsider, kind="mention").count() == 1
    client.force_login(outsider)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "mentioned you" in html


def test_visitors_read_group_descriptions_but_no_posts(client, topic):
    group_page = client.get(topic.group.get_absolute_url())
    assert topic.group.purpose in group_page.content.decode()
    assert topic.title not in group_page.content.decode()
    assert client.get(topic.get_absolute_url()).status_code == 302


def _without_nonces(html: bytes) -> bytes:
    import re

    return re.sub(rb'(nonce|value)="[^"]*"', b"", html)


def test_private_group_topics_answer_outsiders_as_if_they_did_not_exist(client, outsider, topic):
    """No existence oracle (issue 18 item 12): a private topic, its posts and their history
    answer an outsider exactly as a missing id does."""
    Group.objects.filter(pk=topic.group_id).update(is_private=True)
    client.force_login(outsider)
    post = topic.posts.get(number=1)
    pairs = [
        (reverse("forum:topic", args=[topic.pk]), reverse("forum:topic", args=[999_999])),
        (reverse("forum:post", args=[post.pk]), reverse("forum:post", args=[999_999])),
        (
            reverse("forum:post_history", args=[post.pk]),
            reverse("forum:post_history", args=[999_999]),
        ),
        (reverse("forum:reply", args=[topic.pk]), reverse("forum:reply", args=[999_999])),
        (reverse("moderation:flag", args=[post.pk]), reverse("moderation:flag", args=[999_999])),
    ]
    for private, missing in pairs:
        hidden, absent = client.get(private), client.get(missing)
        assert (hidden.status_code, absent.status_code) == (404, 404), private
        assert _without_nonces(hidden.content) == _without_nonces(absent.content), private
        assert topic.title not in hidden.content.decode()


def test_unknown_ids_are_404(client, clinician):
    client.force_login(clinician)
    assert client.get(reverse("forum:topic", args=[999999])).status_code == 404
    assert client.get(reverse("forum:post_history", args=[2**70])).status_code == 404
    assert client.get(reverse("forum:group", args=["nope"])).status_code == 404


def test_a_held_post_is_visible_only_to_its_author(client, clinician, other_clinician, topic):
    reply = reply_create(author=other_clinician, topic=topic, content=factories.content("Held"))
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.HELD)
    client.force_login(other_clinician)
    assert "Awaiting review" in client.get(topic.get_absolute_url()).content.decode()
    client.force_login(clinician)
    assert "Held" not in client.get(topic.get_absolute_url()).content.decode()


@pytest.mark.parametrize("replies", [3, 19])
def test_the_thread_page_query_count_does_not_grow_with_posts(
    client,
    clinician,
    other_clinician,
    topic,
    replies,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(replies):
            reply_create(
                author=other_clinician if n % 2 else clinician,
                topic=topic,
                content=factories.content(f"Reply {n}"),
            )
    client.force_login(clinician)
    with django_assert_max_num_queries(14):
        response = client.get(topic.get_absolute_url())
    assert response.content.decode().count('class="post card') == replies + 1


@pytest.mark.parametrize("topics", [2, 25])
def test_the_group_page_query_count_does_not_grow_with_topics(
    client,
    clinician,
    group,
    topics,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    from forum.posting import topic_create

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(topics):
            topic_create(
                author=clinician,
                group=group,
                title=f"Topic {n}",
                purpose=TopicPurpose.OTHER,
                content=factories.content(),
            )
    client.force_login(clinician)
    with django_assert_max_num_queries(12):
        response = client.get(group.get_absolute_url())
    assert response.content.decode().count('class="topic-row') == topics


def test_the_header_links_to_each_place_for_members_and_visitors(client, clinician, moderator):
    def links(response) -> set[str]:
        html = response.content.decode()
        return {name for name, view in HEADER.items() if f'"{reverse(view)}"' in html}

    HEADER = {
        "home": "forum:home",
        "groups": "forum:directory",
        "search": "forum:search",
        "notifications": "notifications:list",
        "moderation": "admin:index",
        "profile": "accounts:profile",
        "logout": "account_logout",
        "login": "account_login",
        "signup": "account_signup",
    }
    visitor = links(client.get(reverse("forum:directory")))
    assert {"home", "groups", "login", "signup"} <= visitor
    assert not visitor & {"notifications", "profile", "logout", "moderation"}
    client.force_login(clinician)
    member = links(client.get(reverse("forum:home")))
    assert {"home", "groups", "search", "notifications", "profile", "logout"} <= member
    assert not member & {"moderation", "login", "signup"}
    sign_in_with_totp(client, moderator)
    assert "moderation" in links(client.get(reverse("forum:home")))


def test_the_unread_count_comes_with_each_page_s_own_cache_read(
    client,
    clinician,
    other_clinician,
    topic,
    group,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from django.core.cache import caches

    from notifications.inbox import mark_all_read

    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=other_clinician, topic=topic, content=factories.content("A reply"))
    client.force_login(clinician)
    backend = caches["default"]
    reads: list[str] = []
    inside: list[str] = []  # a backend's get_many may call its own get: one read
    for name in ("get", "get_many"):
        real = getattr(backend, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            if not inside:
                reads.append(_name)
            inside.append(_name)
            try:
                return _real(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, counted)
    pages = [
        reverse("forum:home"),
        group.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("forum:directory"),  # no cache read of its own: the header reads the count
    ]
    for url in pages:
        for _ in range(2):  # the second time, everything the page reads is cached
            reads.clear()
            html = client.get(url).content.decode()
            assert 'aria-label="1 unread"' in html, url
        if url != reverse("forum:directory"):
            assert reads == ["get_many"], (url, reads)
    with django_capture_on_commit_callbacks(execute=True):
        mark_all_read(user=clinician)
    for url in pages:
        assert "unread" not in client.get(url).content.decode().split("</nav>")[0], url


def test_a_held_reply_withdrawn_by_its_author_leaves_no_tombstone_for_others(
    client, topic, clinician, other_clinician, django_capture_on_commit_callbacks
):
    from forum.posting import post_withdraw
    from tests.moderation.helpers import IDENTIFYING, new_reply

    held = new_reply(
        django_capture_on_commit_callbacks, author=other_clinician, topic=topic, body=IDENTIFYING
    )
    held.refresh_from_db()
    assert held.status == PostStatus.HELD
    post_withdraw(author=other_clinician, post=held)
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'id="post-{held.pk}"' not in page
    assert "Sam Ortiz" not in page and "Withdrawn by the author" not in page
    assert client.get(reverse("forum:post", args=[held.pk])).status_code == 404


def test_a_held_reply_removed_by_a_moderator_leaves_no_tombstone_for_others(
    client, topic, clinician, other_clinician, django_capture_on_commit_callbacks
):
    from forum.posting import post_set_status
    from tests.moderation.helpers import IDENTIFYING, new_reply

    held = new_reply(
        django_capture_on_commit_callbacks, author=other_clinician, topic=topic, body=IDENTIFYING
    )
    held.refresh_from_db()
    assert held.status == PostStatus.HELD
    with django_capture_on_commit_callbacks(execute=True):
        post_set_status(post_id=held.pk, status=PostStatus.REMOVED)
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'id="post-{held.pk}"' not in page
    assert "Removed by a moderator" not in page
    assert client.get(reverse("forum:post", args=[held.pk])).status_code == 404


def test_a_published_reply_withdrawn_still_leaves_its_tombstone(
    client, topic, clinician, other_clinician, django_capture_on_commit_callbacks
):
    from forum.posting import post_withdraw
    from tests.moderation.helpers import new_reply

    reply = new_reply(django_capture_on_commit_callbacks, author=other_clinician, topic=topic)
    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED
    post_withdraw(author=other_clinician, post=reply)
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'id="post-{reply.pk}"' in page and "Withdrawn by the author" in page


def test_the_directory_counts_only_topics_readers_can_see(
    client, group, topic, clinician, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from forum.posting import topic_create
    from tests.moderation.helpers import IDENTIFYING, new_topic

    held = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
    )
    assert held.posts.get().status == PostStatus.HELD
    new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )  # pending screening
    topic_create(
        author=clinician,
        group=group,
        title="Slept on",
        purpose=factories.DEFAULT_PURPOSE,
        content=factories.content("What pacing has worked for you?"),
        schedule_at=timezone.now() + timedelta(hours=3),
    )
    client.force_login(clinician)
    for url in (reverse("forum:directory"), reverse("forum:directory") + "?q=CBT"):
        page = client.get(url).content.decode()
        assert "1 topic<" in page or "1 topic " in page, page[page.find(group.name) :][:600]
    client.logout()
    page = client.get(reverse("forum:home")).content.decode()
    assert "4 topics" not in page


def test_leaving_then_joining_does_not_reopen_a_declined_request(
    client, outsider, organizer, group
):
    group.membership_policy = MembershipPolicy.APPROVAL
    group.save()
    client.force_login(outsider)
    client.post(reverse("forum:group_join", args=[group.slug]))
    membership = Membership.objects.get(group=group, user=outsider)
    client.force_login(organizer)
    client.post(
        reverse("forum:membership_decide", args=[group.slug, membership.pk]),
        {"approve": "0", "reason": "The group is for Oregon clinicians."},
    )
    membership.refresh_from_db()
    assert membership.state == Membership.State.DECLINED
    told = Notification.objects.filter(recipient=organizer, kind="membership").count()
    client.force_login(outsider)
    client.post(reverse("forum:group_leave", args=[group.slug]))
    page = client.post(reverse("forum:group_join", args=[group.slug]), follow=True)
    assert "declined" in page.content.decode()
    membership.refresh_from_db()
    assert membership.state == Membership.State.DECLINED
    assert Notification.objects.filter(recipient=organizer, kind="membership").count() == told


def test_repeated_join_requests_tell_the_organizers_once(client, outsider, organizer, group):
    group.membership_policy = MembershipPolicy.APPROVAL
    group.save()
    client.force_login(outsider)
    for _ in range(3):
        client.post(reverse("forum:group_join", args=[group.slug]))  # asked again
        client.post(reverse("forum:group_join", args=[group.slug]))
        client.post(reverse("forum:group_leave", args=[group.slug]))  # withdrawn, asked again
    client.post(reverse("forum:group_join", args=[group.slug]))
    assert Membership.objects.get(group=group, user=outsider).state == Membership.State.PENDING
    assert Notification.objects.filter(recipient=organizer, kind="membership").count() == 1


def _restrict(member, moderator, kind: str) -> None:
    from accounts import standing

    standing.suspend(user=member, ends_at=None, reason="Cooling off", by=moderator, kind=kind)


def test_a_silenced_member_sees_no_reply_edit_or_flag_controls_but_why(
    client, topic, clinician, other_clinician, moderator, django_capture_on_commit_callbacks
):
    from accounts.models import SuspensionKind

    with django_capture_on_commit_callbacks(execute=True):
        own = reply_create(
            author=other_clinician, topic=topic, content=factories.content("My own reply.")
        )
    first = topic.posts.get(number=1)
    reply_url = reverse("forum:reply", args=[topic.pk])
    # A member in good standing reads first: the shared page, Reply links and all, is cached.
    client.force_login(clinician)
    assert f"{reply_url}?to={own.pk}" in client.get(topic.get_absolute_url()).content.decode()

    _restrict(other_clinician, moderator, SuspensionKind.SILENCE)
    client.force_login(other_clinician)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert reply_url not in page  # no Reply, Quote or "Reply to this topic"
    assert reverse("forum:post_edit", args=[own.pk]) not in page
    assert reverse("moderation:flag", args=[first.pk]) not in page
    assert reverse("forum:post_withdraw", args=[own.pk]) in page  # not posting: still theirs
    assert "You are silenced" in page and "Cooling off" in page
    # The pages still refuse.
    composer = client.get(reply_url).content.decode()
    assert "Before you can post" in composer and "You are silenced" in composer


def test_a_silenced_members_unpublished_post_page_has_no_reply_controls(
    client, topic, other_clinician, moderator, django_capture_on_commit_callbacks
):
    from accounts.models import SuspensionKind

    with django_capture_on_commit_callbacks(execute=True):
        own = reply_create(
            author=other_clinician, topic=topic, content=factories.content("My own reply.")
        )
    Post.objects.filter(pk=own.pk).update(status=PostStatus.HELD)  # a page for them alone
    _restrict(other_clinician, moderator, SuspensionKind.SILENCE)
    client.force_login(other_clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Awaiting review" in page
    assert reverse("forum:reply", args=[topic.pk]) not in page
    assert reverse("forum:post_edit", args=[own.pk]) not in page


@pytest.mark.parametrize("kind", ["silence", "suspend"])
def test_a_restricted_member_sees_no_start_a_topic_button_but_why(
    client, group, clinician, moderator, kind
):
    url = reverse("forum:topic_create", args=[group.slug])
    client.force_login(clinician)
    assert url in client.get(group.get_absolute_url()).content.decode()
    _restrict(clinician, moderator, kind)
    page = client.get(group.get_absolute_url()).content.decode()
    assert url not in page
    assert "Cooling off" in page and ("You are silenced" in page or "You are suspended" in page)
    assert "Before you can post" in client.get(url).content.decode()
