"""The moderation overview tells the truth: decisions counted by the action taken, escalations
apart, every figure scoped to the moderator's groups, charts with a legend and axes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.powers import grant_powers_outside_a_session
from moderation import cases, overview
from moderation.models import ActionKind, Case, ScreeningFailure
from moderation.penalties import penalty_end
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("admin:moderation_case_overview")


def held_case(capture, *, author, group, title: str = "Consultation request") -> Case:
    post = first_post(new_topic(capture, author=author, group=group, body=IDENTIFYING, title=title))
    return Case.objects.get(post=post)


def decide(case: Case, moderator, action: str, **extra) -> None:
    if action in (ActionKind.WARN, ActionKind.SUSPEND, ActionKind.SILENCE):
        extra.setdefault("post_after", "hide")
    cases.resolve_case(
        case_id=case.pk,
        moderator=grant_powers_outside_a_session(moderator, reason="test"),
        action=action,
        reason="Per the group's rules",
        **extra,
    )


def reopen(case: Case) -> None:
    staff = make_verified_clinician(is_staff=True)
    cases.reopen_case(
        case_id=case.pk,
        staff=grant_powers_outside_a_session(staff, reason="test"),
        reason="A complaint: look again",
    )


def legend(chart: dict) -> dict[str, int]:
    return {item["key"]: item["total"] for item in chart["legend"]}


@pytest.fixture
def other_group(organizer):
    group = factories.GroupFactory(created_by=organizer, name="EMDR Practice", slug="emdr")
    return group


@pytest.fixture
def other_author(other_group):
    author = make_verified_clinician(display_name="Elsewhere Author", handle="elsewhere")
    factories.MembershipFactory(group=other_group, user=author)
    return author


def test_decisions_are_counted_by_the_action_taken_and_a_re_decided_case_counts_each(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    reopened = held_case(capture, author=clinician, group=group, title="Reopened one")
    decide(reopened, moderator, ActionKind.REMOVE)
    reopen(reopened)
    decide(reopened, moderator, ActionKind.APPROVE)
    appealed = held_case(capture, author=clinician, group=group, title="Appealed one")
    decide(appealed, moderator, ActionKind.HIDE)
    cases.appeal_case(author=clinician, case_id=appealed.pk, text="It was de-identified.")

    sign_in_with_totp(client, moderator)
    stats = client.get(OVERVIEW).context["stats"]

    # The removal still counts though the case's resolution now says "approve"; the hide
    # counts though the appealed case has no resolution at all.
    outcomes = legend(stats["outcome_chart"])
    assert outcomes[ActionKind.REMOVE] == 1
    assert outcomes[ActionKind.APPROVE] == 1
    assert outcomes[ActionKind.HIDE] == 1
    assert stats["decisions"] == 3 and stats["decided_cases"] == 2
    today = timezone.localdate()
    (row,) = stats["outcome_chart"]["row_values"]
    assert row["day"] == today and row["total"] == 3
    handoffs = legend(stats["handoff_chart"])
    assert handoffs == {ActionKind.ESCALATE: 0, ActionKind.APPEAL: 1, ActionKind.REOPEN: 1}
    # The appealed case waits again; the re-decided one does not.
    assert stats["queue_now"] == 1
    assert stats["queue_chart"]["bars"][-1]["total"] == 1


def test_an_escalation_is_counted_apart_and_is_not_a_decision(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, author=clinician, group=group)
    decide(case, moderator, ActionKind.ESCALATE)

    sign_in_with_totp(client, moderator)
    stats = client.get(OVERVIEW).context["stats"]

    assert stats["decisions"] == 0
    assert sum(legend(stats["outcome_chart"]).values()) == 0
    assert ActionKind.ESCALATE not in legend(stats["outcome_chart"])
    assert legend(stats["handoff_chart"])[ActionKind.ESCALATE] == 1
    assert stats["escalated_open"] == 1 and stats["queue_now"] == 1
    assert stats["median_minutes"] is None and stats["decided_first"] == 0

    staff = make_verified_clinician(is_staff=True, is_moderator=True)
    decide(case, staff, ActionKind.SUSPEND, penalty=penalty_end(2, "days", None))
    stats = client.get(OVERVIEW).context["stats"]
    assert legend(stats["outcome_chart"])[ActionKind.SUSPEND] == 1
    assert legend(stats["handoff_chart"])[ActionKind.ESCALATE] == 1
    assert stats["escalated_open"] == 0 and stats["queue_now"] == 0


def test_the_median_time_to_first_decision_counts_from_opening_to_the_first_decision(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    slow = held_case(capture, author=clinician, group=group, title="Slow")
    quick = held_case(capture, author=clinician, group=group, title="Quick")
    now = timezone.now()
    Case.objects.filter(pk=slow.pk).update(opened_at=now - timedelta(hours=3))
    Case.objects.filter(pk=quick.pk).update(opened_at=now - timedelta(hours=1))
    decide(slow, moderator, ActionKind.ESCALATE)  # not a decision: the clock keeps running
    decide(slow, make_verified_clinician(is_moderator=True), ActionKind.HIDE)
    decide(quick, moderator, ActionKind.APPROVE)

    sign_in_with_totp(client, moderator)
    response = client.get(OVERVIEW)
    stats = response.context["stats"]

    assert stats["decided_first"] == 2
    assert 119 < stats["median_minutes"] < 121  # the median of about 180 and 60 minutes
    assert "median time to first decision (2 cases)" in response.content.decode()


def test_open_cases_are_shown_by_reason(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    held_case(django_capture_on_commit_callbacks, author=clinician, group=group)

    sign_in_with_totp(client, moderator)
    response = client.get(OVERVIEW)

    assert response.context["stats"]["open_by_reason"] == [
        {"reason": "Patient identifiers", "n": 1}
    ]
    assert '<th scope="row">Patient identifiers</th><td>1</td>' in response.content.decode()


def test_a_scoped_moderator_sees_only_their_groups_figures(
    client,
    moderator,
    group,
    clinician,
    other_group,
    other_author,
    django_capture_on_commit_callbacks,
):
    from forum.models import NudgeEvent

    capture = django_capture_on_commit_callbacks
    mine = held_case(capture, author=clinician, group=group, title="Mine")
    theirs = held_case(capture, author=other_author, group=other_group, title="Theirs")
    theirs_too = held_case(capture, author=other_author, group=other_group, title="Theirs too")
    decide(mine, moderator, ActionKind.WARN)
    decide(theirs, moderator, ActionKind.REMOVE)
    decide(theirs_too, moderator, ActionKind.ESCALATE)
    # Posts waiting for screening, and a screening failure, in the other group.
    waiting = first_post(
        new_topic(capture, author=other_author, group=other_group, run_screening=False)
    )
    ScreeningFailure.objects.create(
        revision=waiting.current_revision, attempts=3, error="worker lost"
    )
    NudgeEvent.objects.create(user=clinician, composer="topic", shown=["tone"], outcome="revised")
    scoped = make_verified_clinician(is_moderator=True, display_name="Scoped Mod")
    scoped.moderated_groups.add(group)

    sign_in_with_totp(client, scoped)
    response = client.get(OVERVIEW)
    page = response.content.decode()
    stats = response.context["stats"]

    assert legend(stats["outcome_chart"]) == {
        ActionKind.APPROVE: 0,
        ActionKind.HIDE: 0,
        ActionKind.REMOVE: 0,
        ActionKind.ASK_EDIT: 0,
        ActionKind.WARN: 1,
        ActionKind.SUSPEND: 0,
        ActionKind.SILENCE: 0,
    }
    assert stats["decisions"] == 1 and stats["decided_cases"] == 1
    assert legend(stats["handoff_chart"])[ActionKind.ESCALATE] == 0
    assert stats["queue_now"] == 0 and stats["escalated_open"] == 0
    assert stats["opened"] == 1 and stats["decided_first"] == 1
    assert stats["open_by_reason"] == []
    assert response.context["backlog"]["waiting"] == 0
    assert response.context["backlog"]["failures"] == 0
    assert response.context["nudges"] is None and "nudge-overview" not in page
    assert "Only the groups you moderate." in page

    sign_in_with_totp(client, moderator)
    response = client.get(OVERVIEW)
    stats = response.context["stats"]
    assert stats["decisions"] == 2 and stats["opened"] == 3
    assert legend(stats["handoff_chart"])[ActionKind.ESCALATE] == 1
    assert stats["queue_now"] == 1
    assert response.context["backlog"]["waiting"] == 1
    assert response.context["backlog"]["failures"] == 1
    assert "nudge-overview" in response.content.decode()
    assert "All groups." in response.content.decode()


def test_the_overview_needs_a_totp_passed_session(client, moderator, clinician):
    client.force_login(moderator)  # a password alone
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert "stats" not in (response.context or {})
    client.force_login(clinician)
    assert client.get(OVERVIEW).status_code == 302


def test_the_charts_have_a_legend_labelled_axes_and_a_table(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, author=clinician, group=group)
    decide(case, moderator, ActionKind.ASK_EDIT)

    sign_in_with_totp(client, moderator)
    page = client.get(OVERVIEW).content.decode()

    assert 'class="mod-legend" aria-label="Legend: Decisions taken each day, by action"' in page
    assert "Ask the author to edit: <strong>1</strong>" in page
    assert '<text class="axis-title"' in page and ">Day</text>" in page
    assert ">Decisions (count)</text>" in page and ">Cases (count)</text>" in page
    assert 'role="img" aria-labelledby="chart-outcomes-title chart-outcomes-desc"' in page
    assert "<title>" in page and 'class="s-ask_edit"' in page
    assert "<caption>Decisions taken each day, by action, days with any</caption>" in page


def test_a_stacked_bar_adds_up_and_the_axis_reaches_the_highest_day():
    days, _ = overview.window()
    chart = overview.bar_chart(
        ident="t",
        title="T",
        days=days,
        series=[("approve", "Approve"), ("hide", "Hide")],
        counts={days[-1]: {"approve": 4, "hide": 3}, days[0]: {"hide": 1}},
        y_title="Count",
    )
    last = chart["bars"][-1]
    assert [s["n"] for s in last["segments"]] == [4, 3]
    assert sum(s["height"] for s in last["segments"]) == pytest.approx(
        overview.PLOT_HEIGHT * 7 / chart["y_ticks"][-1]["value"], abs=0.2
    )
    assert chart["y_ticks"][-1]["value"] >= 7
    assert [t["value"] for t in chart["y_ticks"]][:2] == [0, 2]
    # The highest segment's top is inside the plot.
    assert min(s["y"] for s in last["segments"]) >= chart["plot_top"]
    assert chart["x_ticks"][-1]["day"] == days[-1]
    assert chart["legend"] == [
        {"key": "approve", "label": "Approve", "total": 4},
        {"key": "hide", "label": "Hide", "total": 4},
    ]
    assert [row["values"] for row in chart["row_values"]] == [[0, 1], [4, 3]]


def test_the_overview_runs_a_bounded_number_of_queries(
    client,
    moderator,
    group,
    clinician,
    other_group,
    other_author,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    capture = django_capture_on_commit_callbacks
    scoped = make_verified_clinician(is_moderator=True)
    scoped.moderated_groups.add(group)
    sign_in_with_totp(client, scoped)
    client.get(OVERVIEW)
    with django_assert_max_num_queries(20) as few:
        assert client.get(OVERVIEW).status_code == 200
    for i in range(6):
        for author, where in ((clinician, group), (other_author, other_group)):
            case = held_case(capture, author=author, group=where, title=f"Case {i}")
            Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=i))
            decide(case, moderator, (ActionKind.HIDE, ActionKind.ESCALATE)[i % 2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(OVERVIEW).status_code == 200
