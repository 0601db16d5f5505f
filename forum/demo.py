"""Demo data for `make run` and `seed_demo`: idempotent, built through the domain functions."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from forum import groups as group_actions
from forum import posting
from forum.choices import Disclaimer, GroupKind, MembershipPolicy, Modality, TopicPurpose
from forum.models import Group, Membership, Post, Topic
from forum.posting import PostContent


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    handle: str
    role: str = "member"
    credentials: str = ""
    time_zone: str = "America/Los_Angeles"


PEOPLE = [
    DemoPerson(
        "staff@demo.clinician-commons.org", "Staff Admin", "staff.admin", "staff", "", "UTC"
    ),
    DemoPerson(
        "moderator@demo.clinician-commons.org", "Morgan Reed", "morgan", "moderator", "LCSW"
    ),
    DemoPerson(
        "organizer@demo.clinician-commons.org", "Olivia Park", "olivia", "organizer", "LMFT"
    ),
    DemoPerson("dana@demo.clinician-commons.org", "Dana Whitfield", "dana", credentials="LPC"),
    DemoPerson(
        "sam@demo.clinician-commons.org",
        "Sam Okafor",
        "sam",
        credentials="PsyD",
        time_zone="America/Chicago",
    ),
    DemoPerson(
        "priya@demo.clinician-commons.org",
        "Priya Natarajan",
        "priya",
        credentials="MD",
        time_zone="America/New_York",
    ),
    DemoPerson("lee@demo.clinician-commons.org", "Lee Alvarez", "lee", credentials="LCSW"),
]

GROUPS = [
    dict(
        name="Oregon Clinicians",
        kind=GroupKind.REGIONAL,
        region="US-OR",
        purpose="Oregon-licensed clinicians following state regulation, board news, "
        "and referrals across the state.",
        rules="Be kind. De-identify every case. No solicitation outside promotion topics.",
    ),
    dict(
        name="California Therapists Network",
        kind=GroupKind.REGIONAL,
        region="US-CA",
        purpose="Referrals, BBS updates and peer consultation for California clinicians.",
        membership_policy=MembershipPolicy.APPROVAL,
    ),
    dict(
        name="DBT Practitioners",
        kind=GroupKind.MODALITY,
        modality=Modality.DBT,
        purpose="Skills groups, consultation teams and adherence questions in DBT.",
    ),
    dict(
        name="EMDR Consultation Circle",
        kind=GroupKind.MODALITY,
        modality=Modality.EMDR,
        purpose="Case consultation and training news for EMDR clinicians.",
    ),
]

TOPICS = [
    dict(
        group="Oregon Clinicians",
        author="dana",
        title="Board rule change on telehealth across state lines",
        purpose=TopicPurpose.REGULATION,
        body="The board published a draft rule on **telehealth** for clients who travel "
        "out of state. Comments are open for 30 days. Has anyone read section 4 closely?",
        disclaimer=Disclaimer.NOT_CLINICAL_ADVICE,
        warnings=["none"],
        edit=(
            "The board published a draft rule on **telehealth** for clients who travel out "
            "of state. Comments are open for 30 days.\n\nSection 4 covers temporary practice: "
            "up to 30 days a year. Has anyone read it closely?",
            "Added what section 4 covers",
        ),
        replies=[
            ("sam", "I read it: the 30-day allowance matches the compact language.", "none"),
            ("lee", "Thanks for flagging. I'll write a comment about rural clients.", "none"),
        ],
    ),
    dict(
        group="DBT Practitioners",
        author="priya",
        title="Chain analysis with a client who self-harms after family calls",
        purpose=TopicPurpose.CASE_CONSULTATION,
        body="A client in her 30s reports cutting after weekly calls with a parent. We have "
        "a safety plan in place. How do others structure the chain analysis when the "
        "prompting event is predictable?",
        disclaimer=Disclaimer.DEIDENTIFIED,
        warnings=["suicide_self_harm"],
        edit=None,
        replies=[
            (
                "dana",
                "I'd look at vulnerability factors the day before the call; sleep often shows up.",
                "suicide_self_harm",
            ),
        ],
    ),
    dict(
        group="EMDR Consultation Circle",
        author="sam",
        title="Resourcing before processing a grief memory",
        purpose=TopicPurpose.PEER_SUPPORT,
        body="How long do you spend on resourcing with a client whose spouse died last "
        "spring before moving to processing?",
        disclaimer=Disclaimer.NOT_CLINICAL_ADVICE,
        warnings=["death_grief"],
        edit=(
            "How long do you spend on resourcing with a client whose spouse died last spring "
            "before moving to processing? I usually take three sessions.",
            "Added my usual practice",
        ),
        replies=[("priya", "It depends on the window of tolerance; often longer.", "none")],
    ),
    dict(
        group="Oregon Clinicians",
        author="lee",
        title="New sliding-scale DBT skills group in Portland",
        purpose=TopicPurpose.PROMOTION,
        body="I'm starting an adolescent DBT skills group in Portland on Tuesdays. Referrals "
        "welcome; sliding scale available.",
        disclaimer=Disclaimer.FINANCIAL_INTEREST,
        warnings=["none"],
        edit=None,
        replies=[],
    ),
]


def _person(person: DemoPerson) -> User:
    user, created = User.objects.get_or_create(
        email=person.email,
        defaults={
            "username": person.email,
            "display_name": person.name,
            "credentials_suffix": person.credentials,
            "time_zone": person.time_zone,
            "handle": person.handle,
            "is_staff": person.role == "staff",
            "is_superuser": person.role == "staff",
            "is_moderator": person.role == "moderator",
            "is_organizer": person.role in {"organizer", "staff"},
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    return user


def _content(body: str, disclaimer: str, warnings: list[str] | str) -> PostContent:
    if isinstance(warnings, str):
        warnings = [warnings]
    return PostContent(body=body, disclaimer=disclaimer, trigger_warnings=warnings)


@transaction.atomic
def seed_people() -> dict[str, User]:
    return {person.handle: _person(person) for person in PEOPLE}


def seed_forum(people: dict[str, User]) -> None:
    organizer = people["olivia"]
    for spec in GROUPS:
        group = Group.objects.filter(name=spec["name"]).first()
        if group is None:
            group = group_actions.group_create(organizer=organizer, **spec)  # type: ignore[arg-type]
        for handle in ("dana", "sam", "priya", "lee", "morgan"):
            Membership.objects.get_or_create(
                group=group,
                user=people[handle],
                defaults={"state": Membership.State.ACTIVE},
            )
        group.member_count = group.memberships.filter(state=Membership.State.ACTIVE).count()
        group.save(update_fields=["member_count"])
    for spec in TOPICS:
        if Topic.objects.filter(title=spec["title"]).exists():
            continue
        group = Group.objects.get(name=spec["group"])
        author = people[spec["author"]]
        topic = posting.topic_create(
            author=author,
            group=group,
            title=spec["title"],
            purpose=spec["purpose"],
            content=_content(spec["body"], spec["disclaimer"], spec["warnings"]),
        )
        first = topic.posts.get(number=1)
        replies = list(spec["replies"])
        # The first reply answers the original; the edit comes after it, so the
        # reply shows that it answered an earlier version.
        if replies:
            handle, body, warning = replies.pop(0)
            posting.reply_create(
                author=people[handle],
                topic=topic,
                content=_content(body, Disclaimer.NOT_CLINICAL_ADVICE, warning),
                reply_to=first,
            )
        if spec["edit"]:
            new_body, reason = spec["edit"]
            first = Post.objects.get(pk=first.pk)
            posting.post_edit(
                editor=author,
                post=first,
                content=_content(new_body, spec["disclaimer"], spec["warnings"]),
                reason=reason,
            )
        for handle, body, warning in replies:
            posting.reply_create(
                author=people[handle],
                topic=topic,
                content=_content(body, Disclaimer.NOT_CLINICAL_ADVICE, warning),
            )
