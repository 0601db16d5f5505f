"""The personas of the authorization matrix and the world they act in.

The sample group is private, so a persona outside it must be refused its content.
Moderators and staff get a TOTP authenticator (grant_verified_license enrolls them), as
the MFA middleware requires before the admin and moderation pages. Each of them appears
twice: signed in with a password and a TOTP code (`moderator`), and with the password
alone (`moderator_pw`), whose session must give no more than a member's view.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.test import Client

from accounts.models import License, User
from forum.models import Group, Membership, Post, Topic
from moderation import cases
from moderation.models import Case, FlagReason
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician

PERSONAS = (
    "anonymous",
    "unverified",
    "member",
    "other_member",
    "other_organizer",
    "scoped_moderator",
    "moderator",
    "staff",
    "scoped_moderator_pw",
    "moderator_pw",
    "staff_pw",
)
# The same people as their TOTP-passed personas, in a session that passed no TOTP.
PASSWORD_ONLY = {
    "scoped_moderator_pw": "scoped_moderator",
    "moderator_pw": "moderator",
    "staff_pw": "staff",
}
TOTP_PASSED = frozenset(PASSWORD_ONLY.values())

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    group: Group  # private; `member` wrote `topic` in it
    other_group: Group  # private; other_member, other_organizer and scoped_moderator's
    topic: Topic
    post: Post
    license: License  # the member's, with an evidence file
    case: Case  # a case on the member's post, opened by a flag from a fellow member
    membership: Membership  # the member's membership of the sample group
    users: dict[str, User | None] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        client = Client()
        user = self.users[persona]
        if persona in TOTP_PASSED:
            assert user is not None
            sign_in_with_totp(client, user)
        elif user is not None:
            client.force_login(user)
        return client

    def clients(self) -> Iterator[tuple[str, Client]]:
        for persona in PERSONAS:
            yield persona, self.client(persona)


def build_world(
    *, group: Group, topic: Topic, member: User, fellow: User, organizer: User, moderator: User
) -> World:
    """`group`, `topic`, `member` (its author) etc. are the suite's conftest fixtures."""
    group.is_private = True
    group.save(update_fields=["is_private"])
    other_group = factories.GroupFactory(
        created_by=organizer, name="EMDR Circle", slug="emdr-circle", is_private=True
    )
    other_member = make_verified_clinician(display_name="Omar Other", handle="omar")
    other_organizer = make_verified_clinician(
        display_name="Orla Organizer", handle="orla", is_organizer=True
    )
    factories.MembershipFactory(group=other_group, user=other_member)
    factories.MembershipFactory(
        group=other_group, user=other_organizer, role=Membership.Role.ORGANIZER
    )
    scoped = make_verified_clinician(display_name="Sasha Scoped", handle="sasha", is_moderator=True)
    scoped.moderated_groups.add(other_group)
    staff = make_verified_clinician(display_name="Stella Staff", handle="stella", is_staff=True)
    unverified = factories.UserFactory(
        verified_email=False, display_name="Uma Unverified", handle="uma"
    )

    license = License.objects.filter(user=member).get()
    license.evidence.save("scan.pdf", ContentFile(PDF), save=False)
    license.evidence_content_type = "application/pdf"
    license.save(update_fields=["evidence", "evidence_content_type"])

    post = topic.posts.get(number=1)
    flag = cases.flag_post(member=fellow, post=post, reason=FlagReason.MISINFORMATION)
    return World(
        group=group,
        other_group=other_group,
        topic=topic,
        post=post,
        license=license,
        case=flag.case,
        membership=Membership.objects.get(group=group, user=member),
        users={
            "anonymous": None,
            "unverified": unverified,
            "member": member,
            "other_member": other_member,
            "other_organizer": other_organizer,
            "scoped_moderator": scoped,
            "moderator": moderator,
            "staff": staff,
            "scoped_moderator_pw": scoped,
            "moderator_pw": moderator,
            "staff_pw": staff,
        },
    )
