"""factory_boy factories for the suite."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from forum.choices import Disclaimer, GroupKind, Modality, TopicPurpose, TriggerWarning
from forum.models import Group, Membership
from forum.posting import PostContent


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"clinician{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    display_name = factory.Sequence(lambda n: f"Clinician {n}")
    handle = factory.Sequence(lambda n: f"clinician{n}")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Modality group {n}")
    slug = factory.Sequence(lambda n: f"modality-group-{n}")
    kind = GroupKind.MODALITY
    modality = Modality.CBT
    region = ""
    purpose = "Peer consultation on CBT practice."
    created_by = factory.SubFactory(UserFactory)


class RegionalGroupFactory(GroupFactory):
    name = factory.Sequence(lambda n: f"Regional group {n}")
    slug = factory.Sequence(lambda n: f"regional-group-{n}")
    kind = GroupKind.REGIONAL
    modality = ""
    region = "US-OR"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    state = Membership.State.ACTIVE
    role = Membership.Role.MEMBER
    decided_at = factory.LazyFunction(timezone.now)


def content(
    body: str = "A question about pacing exposure work with an anxious adolescent.",
    *,
    disclaimer: str = Disclaimer.NOT_CLINICAL_ADVICE,
    warnings: list[str] | None = None,
    disclaimer_text: str = "",
) -> PostContent:
    return PostContent(
        body=body,
        disclaimer=disclaimer,
        trigger_warnings=warnings or [TriggerWarning.NONE],
        disclaimer_text=disclaimer_text,
    )


DEFAULT_PURPOSE = TopicPurpose.CASE_CONSULTATION
