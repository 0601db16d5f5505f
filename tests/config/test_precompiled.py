"""Statements compiled once per process give the instances the ORM gives."""

from __future__ import annotations

import pytest
from django.db.models import Model
from django.test import Client

from accounts.backends import AuthenticationBackend, ModelBackend
from accounts.models import User
from config.precompiled import Precompiled
from forum.access import (
    _TOPIC_WITH_ROLE,
    readable_groups_q,
    title_group_versions,
    title_groups_q,
    topic_for_reader,
)
from forum.models import Group, Membership, Topic
from tests import factories

pytestmark = pytest.mark.django_db


def fields(instance: Model) -> dict[str, object]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_topic_with_the_readers_role_is_the_one_the_orm_reads(
    topic, clinician, organizer, outsider
):
    expected = Topic.objects.select_related("group").get(pk=topic.pk)
    for reader, role in (
        (clinician, Membership.Role.MEMBER),
        (organizer, Membership.Role.ORGANIZER),
        (outsider, None),
    ):
        read = _TOPIC_WITH_ROLE.first(topic=topic.pk, user=reader.pk)
        assert fields(read) == fields(expected)
        # The group came with the same query, whole.
        assert Topic.group.is_cached(read)
        assert fields(read.group) == fields(expected.group)
        assert read.reader_role == role
        assert not read._state.adding and read._state.db == "default"
    assert topic_for_reader(clinician, topic.pk).reader_role == Membership.Role.MEMBER


def test_a_missing_topic_is_none_and_values_are_bound_each_call(topic, clinician):
    assert _TOPIC_WITH_ROLE.first(topic=topic.pk + 1000, user=clinician.pk) is None
    assert _TOPIC_WITH_ROLE.first(topic=topic.pk, user=clinician.pk).pk == topic.pk


def test_the_session_user_is_read_whole_and_refused_when_inactive(clinician):
    for backend in (ModelBackend(), AuthenticationBackend()):
        user = backend.get_user(clinician.pk)
        assert fields(user) == fields(User.objects.get(pk=clinician.pk))
        assert backend.get_user(clinician.pk + 1000) is None
        assert backend.get_user(2**63) is None
        assert backend.get_user("not a number") is None
    User.objects.filter(pk=clinician.pk).update(is_active=False)
    assert ModelBackend().get_user(clinician.pk) is None


def test_a_signed_in_request_reads_its_user_through_the_backend(clinician):
    client = Client()
    client.force_login(clinician, backend="accounts.backends.AuthenticationBackend")
    response = client.get("/notifications/")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == clinician.pk
    User.objects.filter(pk=clinician.pk).update(is_active=False)
    assert not client.get("/notifications/").wsgi_request.user.is_authenticated


def test_a_sample_that_does_not_reach_the_statement_fails_loudly(clinician):
    # Two samples equal: the statement cannot tell them apart.
    twins = Precompiled(
        lambda *, a, b: User.objects.filter(pk=a).exclude(pk=b)[:1],
        a=9_000_000_000_000_000_031,
        b=9_000_000_000_000_000_031,
    )
    with pytest.raises(ValueError, match="samples must be distinct and each among"):
        twins.first(a=clinician.pk, b=0)
    # A sample the queryset never uses.
    unused = Precompiled(
        lambda *, a, b: User.objects.filter(pk=a)[:1], a=9_000_000_000_000_000_032, b=7
    )
    with pytest.raises(ValueError, match="samples must be distinct and each among"):
        unused.first(a=clinician.pk, b=7)


def test_a_values_statement_gives_the_rows_the_orm_gives(clinician, other_clinician):
    handles = Precompiled(
        lambda *, low: User.objects.filter(pk__gte=low).order_by("pk").values_list("pk", "handle"),
        low=9_000_000_000_000_000_041,
    )
    assert handles.rows(low=clinician.pk) == list(
        User.objects.filter(pk__gte=clinician.pk).order_by("pk").values_list("pk", "handle")
    )
    assert handles.rows(low=other_clinician.pk + 1) == []
    with pytest.raises(TypeError, match="use rows"):
        handles.first(low=clinician.pk)


def test_the_groups_a_reader_sees_titles_of_are_the_ones_the_rules_give(
    group, clinician, outsider, moderator
):
    private = factories.GroupFactory(created_by=group.created_by, is_private=True, slug="closed")
    factories.MembershipFactory(group=private, user=clinician)
    unlicensed = factories.UserFactory()
    for reader in (clinician, outsider, moderator, unlicensed):
        expected = list(
            Group.objects.filter(title_groups_q(reader))
            .order_by("pk")
            .values_list("pk", "topics_version")
        )
        assert title_group_versions(reader) == expected
    for reader in (clinician, outsider, moderator):  # with a license: the groups they read
        assert Group.objects.filter(title_groups_q(reader)).count() == (
            Group.objects.filter(readable_groups_q(reader)).count()
        )
    assert private.pk in {pk for pk, _ in title_group_versions(clinician)}
    assert private.pk not in {pk for pk, _ in title_group_versions(outsider)}


def test_the_group_with_the_readers_standing_is_the_one_the_rules_give(
    group, clinician, organizer, outsider, django_capture_on_commit_callbacks
):
    from forum.choices import PostStatus, TopicPurpose
    from forum.models import Post
    from forum.posting import post_set_status, topic_create
    from forum.topic_lists import _GROUP_WITH_READER

    pending = factories.UserFactory(handle="pending-reader")
    factories.MembershipFactory(group=group, user=pending, state=Membership.State.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        held = topic_create(
            author=clinician,
            group=group,
            title="Awaiting review",
            purpose=TopicPurpose.OTHER,
            content=factories.content(),
        )
    post_set_status(post_id=Post.objects.get(topic=held, number=1).pk, status=PostStatus.HELD)
    expected = Group.objects.get(pk=group.pk)
    for reader, state, role, hidden in (
        (clinician, Membership.State.ACTIVE, Membership.Role.MEMBER, True),
        (organizer, Membership.State.ACTIVE, Membership.Role.ORGANIZER, False),
        (pending, Membership.State.PENDING, Membership.Role.MEMBER, False),
        (outsider, None, None, False),
    ):
        read = _GROUP_WITH_READER.first(slug=group.slug, user=reader.pk)
        assert fields(read) == fields(expected)
        membership = Membership.objects.filter(group=group, user=reader).first()
        assert read.reader_membership_id == (membership.pk if membership else None)
        assert (read.reader_state, read.reader_role) == (state, role)
        assert read.reader_has_hidden_topics is hidden
    assert _GROUP_WITH_READER.first(slug="no-such-group", user=clinician.pk) is None
