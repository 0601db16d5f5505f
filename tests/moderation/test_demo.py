"""Demo moderation data: open cases of each kind, idempotent."""

from __future__ import annotations

import pytest

from moderation.demo import seed_moderation
from moderation.models import Case, CaseReason, CaseState
from tests.conftest import make_verified_clinician
from tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_demo_cases_fill_the_queue_once(django_capture_on_commit_callbacks):
    people = {h: make_verified_clinician(handle=h) for h in ("lee", "priya", "dana", "sam")}
    people["morgan"] = make_verified_clinician(handle="morgan", is_moderator=True)
    group = GroupFactory(created_by=people["morgan"])
    for user in people.values():
        MembershipFactory(group=group, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        seed_moderation(people)
    with django_capture_on_commit_callbacks(execute=True):
        seed_moderation(people)
    reasons = set(Case.objects.values_list("reason", flat=True))
    assert CaseReason.IDENTIFIERS in reasons
    assert CaseReason.MISSING_WARNING in reasons
    assert Case.objects.filter(state=CaseState.RESOLVED).count() == 1
    assert Case.objects.filter(state=CaseState.OPEN).count() >= 3
