"""Demo moderation cases for `seed_demo`: idempotent, built through the domain functions.

Call `seed_moderation(people)` after forum.demo.seed_forum(people). It leaves an
open case for each kind of signal (identifiers held, incivility, a missing
content warning, a member flag) and one resolved case, so the queue, the
triage page, the author's history and the overview all have something to show.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.powers import grant_powers_outside_a_session
from forum import posting
from forum.choices import Disclaimer, TopicPurpose, TriggerWarning
from forum.models import Group, Membership, Post, Topic
from moderation import cases, revision_screening
from moderation.models import ActionKind, Case, FlagReason

DEMO_TOPICS = [
    (
        "lee",
        "Intake question: older adult with new-onset anxiety",
        "Seen 3/14 for intake, DOB 04/02/1961, MRN 448812. Her daughter Keisha drove her in "
        "and asked whether anxiety this late in life is usual. Where would you start?",
        [TriggerWarning.NONE],
    ),
    (
        "priya",
        "Still teaching EMDR without the full protocol?",
        "Frankly, anyone who still teaches that shortcut has no business holding a license. "
        "Do your homework before you hurt someone, or I will report you to the board.",
        [TriggerWarning.NONE],
    ),
    (
        "dana",
        "Safety planning after a disclosure",
        "My client disclosed suicidal ideation with a plan last week. I want to think through "
        "the safety plan and how often to check in between sessions.",
        [TriggerWarning.NONE],
    ),
    (
        "sam",
        "Workbook recommendation for panic",
        "I have used the new panic workbook with three clients and it has gone well. Happy to "
        "share how I pace the interoceptive exposures.",
        [TriggerWarning.NONE],
    ),
]


def _group_for(people: dict[str, User]) -> Group | None:
    authors = {people[handle].pk for handle in ("lee", "priya", "dana", "sam") if handle in people}
    if len(authors) < 4:
        return None
    for group in Group.objects.order_by("pk"):
        members = set(
            group.memberships.filter(state=Membership.State.ACTIVE).values_list(
                "user_id", flat=True
            )
        )
        if authors <= members:
            return group
    return None


def seed_moderation(people: dict[str, User]) -> list[Case]:
    group = _group_for(people)
    if group is None:
        return []
    posts: list[Post] = []
    for handle, title, body, warnings in DEMO_TOPICS:
        topic = Topic.objects.filter(title=title).first()
        if topic is None:
            topic = posting.topic_create(
                author=people[handle],
                group=group,
                title=title,
                purpose=TopicPurpose.CASE_CONSULTATION,
                content=posting.PostContent(
                    body=body,
                    disclaimer=Disclaimer.NOT_CLINICAL_ADVICE,
                    trigger_warnings=warnings,
                ),
            )
        post = topic.posts.get(number=1)
        # Screen now (a no-op if the after-commit task already did), so cases exist even
        # when a real worker would screen later.
        revision_screening.screen_revision(revision_id=post.current_revision_id)
        posts.append(post)
    uncivil = posts[1]
    if not uncivil.flags.filter(member=people["sam"]).exists():
        cases.flag_post(member=people["sam"], post=uncivil, reason=FlagReason.INCIVILITY)
    flagged = posts[3]
    if not flagged.flags.filter(member=people["dana"]).exists():
        cases.flag_post(
            member=people["dana"],
            post=flagged,
            reason=FlagReason.PROMOTION,
            text="Reads like promotion of a product the author sells.",
        )
    moderator = people.get("morgan")
    flag_case = Case.objects.filter(post=flagged).order_by("-pk").first()
    if moderator is not None and flag_case is not None and flag_case.is_active:
        with transaction.atomic():
            cases.resolve_case(
                case_id=flag_case.pk,
                moderator=grant_powers_outside_a_session(moderator, reason="seed_demo"),
                action=ActionKind.APPROVE,
                reason="A clinical experience report with no financial interest; fine as posted.",
            )
    return list(Case.objects.filter(post__in=posts))
