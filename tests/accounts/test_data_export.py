"""The member's data export asks each app for its own part: everything the member
declared and wrote, and nothing of anyone else's."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse

from config import member_data
from detectors.identifiers import span_key
from forum.choices import Disclaimer, TriggerWarning
from forum.posting import PostContent, post_edit
from moderation import cases
from moderation.models import ActionKind, Case, FlagReason
from tests import factories
from tests.accounts.helpers import with_powers
from tests.moderation.helpers import CLEAN, IDENTIFYING, first_post, new_topic


def _export(client: Client, user) -> dict:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_app_gives_its_part_of_the_export(client: Client, clinician) -> None:  # type: ignore[no-untyped-def]
    parts = {
        "profile",
        "licenses",
        "memberships",
        "posts",
        "pictures",
        "reading_positions",
        "flags",
        "appeals",
        "notifications",
    }
    assert set(member_data.sections()) == parts
    data = _export(client, clinician)
    assert set(data) == {"format", "exported_at", *parts}
    assert data["format"] == member_data.FORMAT


def test_the_export_holds_the_members_flags_appeals_and_notifications(
    client: Client, group, clinician, other_clinician, moderator, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    held = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    case = Case.objects.get(post=held)
    with django_capture_on_commit_callbacks(execute=True):
        cases.resolve_case(
            case_id=case.pk,
            moderator=with_powers(moderator),
            action=ActionKind.HIDE,
            reason="Identifiers",
        )
        cases.appeal_case(author=clinician, case_id=case.pk, text="They are invented details.")
    theirs = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=other_clinician,
            group=group,
            body=CLEAN,
            title="Another topic",
        )
    )
    cases.flag_post(
        member=clinician, post=theirs, reason=FlagReason.OTHER, text="Off topic for the group"
    )
    cases.flag_post(
        member=other_clinician, post=first_post(held.topic), reason=FlagReason.OTHER, text="X9"
    )

    data = _export(client, clinician)
    assert data["flags"] == [
        {
            "post": theirs.pk,
            "reason": "other",
            "text": "Off topic for the group",
            "created_at": data["flags"][0]["created_at"],
        }
    ]
    (appeal,) = data["appeals"]
    assert appeal["text"] == "They are invented details."
    assert appeal["post"] == held.pk and appeal["decision_appealed"] == ActionKind.HIDE
    messages = [notice["message"] for notice in data["notifications"]]
    assert any("awaiting review" in message for message in messages)
    assert any("Moderators hid your post" in message for message in messages)
    # Another member's flag on the member's post, and the moderators' reasons, are not theirs.
    text = json.dumps(data)
    assert "X9" not in text and "Identifiers" not in text
    assert other_clinician.email not in text


def test_a_post_in_the_export_holds_the_revisions_its_author_wrote(
    client: Client, topic, clinician
) -> None:  # type: ignore[no-untyped-def]
    post = topic.posts.get(number=1)
    post_edit(
        editor=clinician, post=post, content=factories.content("a clearer question"), reason="fix"
    )
    (exported,) = _export(client, clinician)["posts"]
    assert [r["number"] for r in exported["revisions"]] == [1, 2]
    assert exported["revisions"][1]["body"] == "a clearer question"
    assert exported["revisions"][1]["reason"] == "fix"


def test_the_export_holds_the_authors_answers_about_flagged_names(
    client: Client, topic, clinician
) -> None:  # type: ignore[no-untyped-def]
    post = topic.posts.get(number=1)
    answers = {span_key("name", "Priya"): "colleague"}
    edited = PostContent(
        body="Priya suggested a longer block.",
        disclaimer=Disclaimer.NOT_CLINICAL_ADVICE,
        trigger_warnings=[TriggerWarning.NONE],
        identifier_answers=answers,
    )
    post_edit(editor=clinician, post=post, content=edited, reason="credit")
    (exported,) = _export(client, clinician)["posts"]
    assert exported["revisions"][0]["identifier_answers"] == {}
    assert exported["revisions"][1]["identifier_answers"] == answers
