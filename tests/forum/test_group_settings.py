"""A group's settings page (issues 22.14 and 21.6): organizers and the group's moderators
(after TOTP) edit purpose, rules, visibility, joining and pre-approval; purpose edits stay
in a public history; a regional group may carry a modality; a declined join request
carries a reason and can be asked again after a set time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum import groups
from forum.choices import GroupKind, MembershipPolicy, Modality
from forum.models import Group, GroupPurposeChange, Membership
from tests import factories
from tests.accounts.helpers import sign_in_with_totp

pytestmark = pytest.mark.django_db

NEW_PURPOSE = "Peer consultation on CBT for insomnia and sleep problems."


def _settings_data(group: Group, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "purpose": group.purpose,
        "rules": group.rules,
        "modality": group.modality,
        "membership_policy": group.membership_policy,
        "queue_first_posts": group.queue_first_posts,
    }
    if group.is_private:
        data["is_private"] = "on"
    data.update(changes)
    return data


def _url(group: Group) -> str:
    return reverse("forum:group_settings", args=[group.slug])


def test_an_organizer_changes_every_setting_and_the_purpose_history_keeps_the_old_one(
    client: Client, organizer: User, group: Group
) -> None:
    old_purpose = group.purpose
    version = group.topics_version
    client.force_login(organizer)
    page = client.get(_url(group))
    assert page.status_code == 200
    assert b"Pre-approve a member" in page.content

    response = client.post(
        _url(group),
        _settings_data(
            group,
            purpose=NEW_PURPOSE,
            rules="De-identify every case.",
            is_private="on",
            membership_policy=MembershipPolicy.APPROVAL,
            queue_first_posts="1",
        ),
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.purpose == NEW_PURPOSE
    assert group.rules == "De-identify every case."
    assert group.is_private
    assert group.membership_policy == MembershipPolicy.APPROVAL
    assert group.queue_first_posts == 1
    assert group.topics_version == version + 1  # who may read the list changed
    change = GroupPurposeChange.objects.get(group=group)
    assert (change.previous, change.purpose, change.changed_by) == (
        old_purpose,
        NEW_PURPOSE,
        organizer,
    )

    # Anyone may read the group page and its purpose history, the old text included.
    visitor = Client()
    group_page = visitor.get(reverse("forum:group", args=[group.slug])).content.decode()
    assert NEW_PURPOSE in group_page
    assert "purpose history" in group_page
    assert "Pre-approval" in group_page
    history = visitor.get(reverse("forum:group_purpose_history", args=[group.slug]))
    assert old_purpose in history.content.decode()


def test_saving_the_same_purpose_records_no_history(
    client: Client, organizer: User, group: Group
) -> None:
    client.force_login(organizer)
    client.post(_url(group), _settings_data(group, rules="New rules"))
    assert not GroupPurposeChange.objects.exists()
    group.refresh_from_db()
    assert group.rules == "New rules"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"purpose": "   "}, "Declare the group"),
        ({"queue_first_posts": "99"}, "Pre-approve from 0 (off) to 20"),
        ({"queue_first_posts": "lots"}, "Enter a whole number"),
        ({"modality": ""}, "This field is required"),
        ({"membership_policy": "anyone"}, "Select a valid choice"),
    ],
)
def test_bad_settings_are_refused_with_a_message_and_change_nothing(
    client: Client, organizer: User, group: Group, changes: dict[str, str], message: str
) -> None:
    before = Group.objects.values().get(pk=group.pk)
    client.force_login(organizer)
    response = client.post(_url(group), _settings_data(group, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Group.objects.values().get(pk=group.pk) == before
    assert not GroupPurposeChange.objects.exists()


def test_a_member_who_is_not_an_organizer_cannot_open_or_post_the_settings(
    client: Client, clinician: User, group: Group
) -> None:
    client.force_login(clinician)
    assert client.get(_url(group)).status_code == 403
    assert client.post(_url(group), _settings_data(group, purpose=NEW_PURPOSE)).status_code == 403
    group.refresh_from_db()
    assert group.purpose != NEW_PURPOSE


def test_a_moderator_needs_a_totp_session_to_change_settings(
    client: Client, moderator: User, group: Group
) -> None:
    client.force_login(moderator)
    refused = client.post(_url(group), _settings_data(group, purpose=NEW_PURPOSE))
    assert refused.status_code == 403
    assert b"authenticator" in refused.content
    group.refresh_from_db()
    assert group.purpose != NEW_PURPOSE

    sign_in_with_totp(client, moderator)
    assert client.post(_url(group), _settings_data(group, purpose=NEW_PURPOSE)).status_code == 302
    group.refresh_from_db()
    assert group.purpose == NEW_PURPOSE
    assert GroupPurposeChange.objects.get().changed_by == moderator


def test_a_moderator_scoped_to_another_group_cannot_change_this_one(
    client: Client, moderator: User, group: Group
) -> None:
    moderator.moderated_groups.add(factories.GroupFactory())
    sign_in_with_totp(client, moderator)
    assert client.post(_url(group), _settings_data(group, purpose=NEW_PURPOSE)).status_code == 403


def test_the_group_page_links_the_settings_only_for_those_who_may_change_them(
    client: Client, organizer: User, clinician: User, group: Group
) -> None:
    client.force_login(clinician)
    assert _url(group) not in client.get(group.get_absolute_url()).content.decode()
    client.force_login(organizer)
    assert _url(group) in client.get(group.get_absolute_url()).content.decode()


def test_a_regional_group_also_carries_a_modality(
    client: Client, organizer: User, clinician: User
) -> None:
    opened = groups.group_create(
        organizer=organizer,
        name="EMDR in Oregon",
        kind=GroupKind.REGIONAL,
        region="US-OR",
        modality=Modality.EMDR,
        purpose="EMDR clinicians in Oregon.",
    )
    assert (opened.region, opened.modality) == ("US-OR", Modality.EMDR)
    listed = client.get(reverse("forum:directory"), {"modality": Modality.EMDR}).content.decode()
    assert "EMDR in Oregon" in listed

    client.force_login(organizer)
    response = client.post(_url(opened), _settings_data(opened, modality=Modality.DBT))
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.modality == Modality.DBT
    client.post(_url(opened), _settings_data(opened, modality=""))
    opened.refresh_from_db()
    assert opened.modality == ""


def _declined(group: Group, requester: User, organizer: User, reason: str) -> Membership:
    request = groups.group_join(user=requester, group=group)
    return groups.membership_decide(
        organizer=organizer, membership=request, approve=False, reason=reason
    )


@pytest.fixture
def approval_group(organizer: User) -> Group:
    group = factories.GroupFactory(
        created_by=organizer, membership_policy=MembershipPolicy.APPROVAL
    )
    factories.MembershipFactory(group=group, user=organizer, role=Membership.Role.ORGANIZER)
    return group


def test_declining_needs_a_reason_and_changes_nothing_without_one(
    client: Client, organizer: User, outsider: User, approval_group: Group
) -> None:
    request = groups.group_join(user=outsider, group=approval_group)
    client.force_login(organizer)
    url = reverse("forum:membership_decide", args=[approval_group.slug, request.pk])
    response = client.post(url, {"approve": "0", "reason": "  "}, follow=True)
    assert "Give a reason for declining" in response.content.decode()
    request.refresh_from_db()
    assert request.state == Membership.State.PENDING

    client.post(url, {"approve": "0", "reason": "This group is for Oregon licensees."})
    request.refresh_from_db()
    assert request.state == Membership.State.DECLINED
    assert request.decline_reason == "This group is for Oregon licensees."


def test_the_requester_reads_the_reason_and_can_ask_again_only_after_the_wait(
    client: Client, organizer: User, outsider: User, approval_group: Group, settings: object
) -> None:
    settings.FORUM_JOIN_ASK_AGAIN_DAYS = 30  # type: ignore[attr-defined]
    declined = _declined(approval_group, outsider, organizer, "Please add your license first.")
    client.force_login(outsider)
    page = client.get(approval_group.get_absolute_url()).content.decode()
    assert "Please add your license first." in page
    assert "You can ask again from" in page
    assert "Ask to join" not in page

    join = reverse("forum:group_join", args=[approval_group.slug])
    refused = client.post(join, follow=True).content.decode()
    assert "You can ask again from" in refused
    declined.refresh_from_db()
    assert declined.state == Membership.State.DECLINED

    Membership.objects.filter(pk=declined.pk).update(decided_at=timezone.now() - timedelta(days=31))
    page = client.get(approval_group.get_absolute_url()).content.decode()
    assert "Ask to join" in page
    client.post(join)
    declined.refresh_from_db()
    assert declined.state == Membership.State.PENDING
    assert declined.decline_reason == ""
