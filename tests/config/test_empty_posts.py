"""An empty POST to a form page is refused with a message, not shown as a fresh form.

`Form(request.POST or None)` makes a form *unbound* when nothing was posted (an empty body,
or only unticked boxes), so a submit that sent nothing got the blank form back with no word
about what was wrong. Each form page binds whatever a POST sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from forum.models import Group, Topic

pytestmark = pytest.mark.django_db

REQUIRED = "This field is required."


def _empty_post(client, user: User, url: str, *, status: int = 200) -> str:
    client.force_login(user)
    response = client.post(url, {})
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_an_empty_flag_is_refused_with_a_message(client, topic: Topic, other_clinician: User):
    post = topic.posts.get(number=1)
    page = _empty_post(
        client, other_clinician, reverse("moderation:flag", args=[post.pk]), status=400
    )
    assert REQUIRED in page
    assert not post.flags.exists()


def test_an_empty_group_is_refused_with_a_message(client, organizer: User):
    before = Group.objects.count()
    page = _empty_post(client, organizer, reverse("forum:group_create"))
    assert REQUIRED in page
    assert Group.objects.count() == before


def test_an_empty_license_declaration_is_refused_with_a_message(client, unverified_user: User):
    before = unverified_user.licenses.count()
    page = _empty_post(client, unverified_user, reverse("accounts:license_add"))
    assert REQUIRED in page
    assert unverified_user.licenses.count() == before
