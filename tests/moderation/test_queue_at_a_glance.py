"""The moderation queue at a glance (issue 21 item 1): priority in words and colour, hidden
now or already public per row, the filters, sorting, and search over the posts' text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum.choices import PostStatus
from forum.models import Group, Post
from moderation.cases import priority_for
from moderation.models import Case, CaseReason, CaseState
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import first_post, new_topic

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:moderation_case_changelist")


@pytest.fixture(autouse=True)
def _thresholds(settings) -> None:
    # Fixed (queue, hold) incivility thresholds, whatever the model artifact says.
    settings.MODERATION_QUEUE_THRESHOLD = 0.5
    settings.MODERATION_HOLD_THRESHOLD = 0.9


def make_case(
    capture,
    *,
    author: User,
    group: Group,
    body: str,
    title: str = "Consultation request",
    status: str = PostStatus.HELD,
    reason: str = CaseReason.FLAG_OTHER,
    has_identifiers: bool = False,
    incivility: float = 0.0,
    flag_count: int = 0,
    claimed_by: User | None = None,
    age: timedelta | None = None,
) -> Case:
    """A case on a new post in `status` (screening not run: the case's signals are set
    here, its priority computed as moderation.cases does)."""
    post = first_post(
        new_topic(capture, author=author, group=group, body=body, title=title, run_screening=False)
    )
    published = post.current_revision_id if status == PostStatus.PUBLISHED else None
    Post.objects.filter(pk=post.pk).update(status=status, published_revision_id=published)
    case = Case.objects.create(
        post=post,
        group=group,
        reason=reason,
        has_identifiers=has_identifiers,
        incivility=incivility,
        flag_count=flag_count,
        priority=priority_for(
            has_identifiers=has_identifiers, incivility=incivility, flag_count=flag_count
        ),
        claimed_by=claimed_by,
        # As moderation.cases.claim_case does: a claim without its time counts as lapsed.
        claimed_at=timezone.now() if claimed_by else None,
        state=CaseState.CLAIMED if claimed_by else CaseState.OPEN,
    )
    if age is not None:
        Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - age)
    return case


def row_ids(response) -> list[int]:
    return [case.pk for case in response.context["cl"].result_list]


@pytest.fixture
def signed_in(client, moderator):
    return sign_in_with_totp(client, moderator)


def test_priority_reads_as_words_on_a_colour_not_as_the_raw_number(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    cases = [
        make_case(capture, **kw, reason=CaseReason.IDENTIFIERS, has_identifiers=True, flag_count=1),
        make_case(capture, **kw, reason=CaseReason.INCIVILITY, incivility=0.95),
        make_case(capture, **kw, reason=CaseReason.INCIVILITY, incivility=0.82),
        make_case(capture, **kw, reason=CaseReason.FLAG_MISINFORMATION, flag_count=3),
        # Queued, not held: the post is published (a held one ranks high: readers wait).
        make_case(
            capture,
            **kw,
            reason=CaseReason.MISSING_WARNING,
            incivility=0.04,
            status=PostStatus.PUBLISHED,
        ),
    ]
    page = signed_in.get(QUEUE).content.decode()
    for words, tone in [
        ("Patient identifiers", "urgent"),
        ("Threat or abuse 0.95", "urgent"),
        ("Incivility 0.82", "high"),
        ("3 flags", "high"),
        ("Missing content warning", "low"),
    ]:
        assert f'<span class="mod-badge priority-{tone}">{words}</span>' in page, words
    assert '<small class="mod-badge-detail">1 flag</small>' in page
    assert '<small class="mod-badge-detail">Flag: clinically unsound</small>' in page
    for case in cases:
        assert f">{case.priority}<" not in page, case.priority
    assert cases[0].priority == 1_000_150  # the number the column used to show
    # Still ordered by priority, identifiers first.
    assert row_ids(signed_in.get(QUEUE)) == [case.pk for case in cases]


def test_each_row_says_whether_the_post_is_hidden_now_or_already_public(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    held = make_case(capture, **kw, status=PostStatus.HELD)
    public = make_case(capture, **kw, status=PostStatus.PUBLISHED, flag_count=1)
    hidden = make_case(capture, **kw, status=PostStatus.HIDDEN)
    response = signed_in.get(QUEUE)
    page = response.content.decode()

    def row(case: Case) -> str:
        start = page.index(f"/{case.pk}/change/")
        return page[start : page.index("</tr>", start)]

    assert "Hidden now" in row(held) and "held for review" in row(held)
    assert "seen-held" in row(held)
    assert "Already public" in row(public) and "seen-public" in row(public)
    assert "Hidden now" in row(hidden) and "hidden by a moderator" in row(hidden)


def test_a_public_post_with_an_edit_held_says_so(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    from forum.posting import post_edit

    case = make_case(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        body="Session notes on pacing.",
        status=PostStatus.PUBLISHED,
    )
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician,
            post=case.post,
            content=factories.content("Session notes on pacing, revised."),
            reason="Clarified",
        )
    page = signed_in.get(QUEUE).content.decode()
    assert "Already public" in page and "an edit is held" in page


def test_the_minimum_score_filter_keeps_cases_at_or_above_it(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    low = make_case(capture, **kw, incivility=0.3)
    mid = make_case(capture, **kw, incivility=0.7)
    high = make_case(capture, **kw, incivility=0.93)
    assert set(row_ids(signed_in.get(QUEUE + "?score=0.5"))) == {mid.pk, high.pk}
    assert set(row_ids(signed_in.get(QUEUE + "?score=0.7"))) == {mid.pk, high.pk}
    assert set(row_ids(signed_in.get(QUEUE + "?score=0.9"))) == {high.pk}
    for nonsense in ("abc", "2", "-1", "0.9%00"):
        response = signed_in.get(QUEUE, {"score": nonsense})
        assert response.status_code == 200, nonsense
        assert set(row_ids(response)) == {low.pk, mid.pk, high.pk}, nonsense


def test_the_claim_filter_tells_mine_from_unclaimed_and_others(
    signed_in, moderator, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    other = make_verified_clinician(display_name="Ola Other", is_moderator=True)
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    mine = make_case(capture, **kw, claimed_by=moderator)
    theirs = make_case(capture, **kw, claimed_by=other)
    nobodys = make_case(capture, **kw)
    assert row_ids(signed_in.get(QUEUE + "?claim=mine")) == [mine.pk]
    assert row_ids(signed_in.get(QUEUE + "?claim=unclaimed")) == [nobodys.pk]
    assert row_ids(signed_in.get(QUEUE + "?claim=others")) == [theirs.pk]
    response = signed_in.get(QUEUE + "?claim=everyone")
    assert response.status_code == 200 and len(row_ids(response)) == 3
    page = signed_in.get(QUEUE).content.decode()
    assert "Claimed by me" in page and "Unclaimed" in page and "minimum score" in page


def test_the_queue_sorts_by_score_and_by_age(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    old_mild = make_case(capture, **kw, incivility=0.55, age=timedelta(days=3))
    new_harsh = make_case(capture, **kw, incivility=0.85, age=timedelta(hours=2))
    mid = make_case(capture, **kw, incivility=0.7, age=timedelta(days=1))
    columns = signed_in.get(QUEUE).context["cl"].list_display
    score = columns.index("incivility_display")
    age = columns.index("age")
    by_score = row_ids(signed_in.get(QUEUE + f"?o=-{score}"))
    assert by_score == [new_harsh.pk, mid.pk, old_mild.pk]
    assert row_ids(signed_in.get(QUEUE + f"?o={score}")) == by_score[::-1]
    assert row_ids(signed_in.get(QUEUE + f"?o={age}")) == [old_mild.pk, mid.pk, new_harsh.pk]


def test_search_finds_words_of_held_post_text(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    held = make_case(
        capture,
        author=clinician,
        group=group,
        body="She keeps prescribing herself melatonin before every session.",
        status=PostStatus.HELD,
    )
    make_case(capture, author=clinician, group=group, body="Notes on exposure hierarchies.")
    assert row_ids(signed_in.get(QUEUE, {"q": "melatonin"})) == [held.pk]
    assert row_ids(signed_in.get(QUEUE, {"q": "melatonin session"})) == [held.pk]
    assert row_ids(signed_in.get(QUEUE, {"q": "MELATONIN"})) == [held.pk]
    assert row_ids(signed_in.get(QUEUE, {"q": "ghrelin"})) == []
    # The admin's own fields (the title) still match.
    assert len(row_ids(signed_in.get(QUEUE, {"q": "Consultation request"}))) == 2


def test_search_matches_word_forms_on_postgres(
    require_postgres, signed_in, group, clinician, django_capture_on_commit_callbacks
):
    held = make_case(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        body="She keeps prescribing herself melatonin before every session.",
    )
    assert row_ids(signed_in.get(QUEUE, {"q": "prescribed"})) == [held.pk]


def test_search_never_returns_cases_outside_the_moderators_groups(
    client, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    elsewhere = factories.GroupFactory(name="DBT skills", slug="dbt")
    factories.MembershipFactory(group=elsewhere, user=clinician)
    body = "Her MRN 448812 was in the referral letter about melatonin."
    here = make_case(capture, author=clinician, group=group, body=body)
    there = make_case(capture, author=clinician, group=elsewhere, body=body, title="Elsewhere")
    scoped = make_verified_clinician(display_name="Sam Scoped", is_moderator=True)
    scoped.moderated_groups.add(group)
    sign_in_with_totp(client, scoped)
    for query in ("melatonin", "448812", "Elsewhere", "referral letter"):
        response = client.get(QUEUE, {"q": query, "queue": "all"})
        assert there.pk not in row_ids(response), query
        assert f"/{there.pk}/change/" not in response.content.decode(), query
    assert row_ids(client.get(QUEUE, {"q": "melatonin"})) == [here.pk]


def test_a_password_only_session_gets_no_queue(client, moderator):
    client.force_login(moderator)
    response = client.get(QUEUE, {"q": "melatonin"})
    assert response.status_code in (302, 403)


def test_the_queue_costs_the_same_queries_for_3_cases_as_for_12(
    signed_in, group, clinician, moderator, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kw = {"author": clinician, "group": group, "body": "Melatonin and sleep diaries."}

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(url).status_code == 200
        return len(queries)

    for n in range(3):
        make_case(capture, **kw, incivility=0.6 + n / 100, flag_count=n, claimed_by=None)
    score = signed_in.get(QUEUE).context["cl"].list_display.index("incivility_display")
    urls = [QUEUE, QUEUE + f"?q=melatonin&score=0.5&claim=unclaimed&o=-{score}"]
    small = [count(url) for url in urls]
    for n in range(9):
        make_case(
            capture,
            **kw,
            status=PostStatus.PUBLISHED if n % 2 else PostStatus.HELD,
            has_identifiers=n == 4,
            incivility=0.6 + n / 50,
            flag_count=n,
            claimed_by=moderator if n == 3 else None,
        )
    assert [count(url) for url in urls] == small


def test_the_case_page_says_the_priority_in_words_too(
    signed_in, group, clinician, django_capture_on_commit_callbacks
):
    case = make_case(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        body="Session notes on pacing.",
        reason=CaseReason.IDENTIFIERS,
        has_identifiers=True,
        flag_count=2,
    )
    page = signed_in.get(reverse("admin:moderation_case_change", args=[case.pk])).content.decode()
    assert '<span class="mod-badge priority-urgent">Patient identifiers</span> (2 flags)' in page
    assert '<span class="mod-badge seen-held">Hidden now</span> (held for review)' in page
    assert str(case.priority) not in page


def test_the_filters_count_their_cases_when_asked(
    signed_in, moderator, group, clinician, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    make_case(capture, **kw, incivility=0.95, claimed_by=moderator)
    make_case(capture, **kw, incivility=0.6)
    response = signed_in.get(QUEUE, {"_facets": "True", "q": "pacing"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "≥ 0.9 (1)" in page and "≥ 0.5 (2)" in page
    assert "Claimed by me (1)" in page and "Unclaimed (1)" in page


def test_a_first_post_held_for_approval_ranks_above_cases_on_posts_readers_see(
    signed_in, group, clinician, other_clinician, organizer, django_capture_on_commit_callbacks
):
    from moderation import cases
    from moderation.models import FlagReason

    capture = django_capture_on_commit_callbacks
    # A post readers see, flagged by three members, waits in the queue.
    public = first_post(new_topic(capture, author=clinician, group=group, title="Pacing"))
    third = make_verified_clinician(display_name="Tess Third")
    for member in (other_clinician, organizer, third):
        cases.flag_post(member=member, post=public, reason=FlagReason.INCIVILITY)
    flagged = Case.objects.get(post=public)
    # A newcomer's first post in a group that pre-approves them: nobody reads it until a
    # moderator decides.
    group.queue_first_posts = 1
    group.save()
    newcomer = make_verified_clinician(display_name="Nia Newcomer")
    factories.MembershipFactory(group=group, user=newcomer)
    held_post = first_post(new_topic(capture, author=newcomer, group=group, title="Hello"))
    assert held_post.status == PostStatus.HELD
    held = Case.objects.get(post=held_post)
    assert held.reason == CaseReason.FIRST_POST

    assert row_ids(signed_in.get(QUEUE)) == [held.pk, flagged.pk]
    page = signed_in.get(QUEUE).content.decode()
    assert '<span class="mod-badge priority-high">New member&#x27;s first posts</span>' in page
    # Above any case on a post readers see short of a threat; identifiers and threats
    # (held or an edit of a public post) stay above it.
    assert held.priority > priority_for(has_identifiers=False, incivility=0.89, flag_count=10)
    assert held.priority < priority_for(has_identifiers=False, incivility=0.9, flag_count=0)
    assert held.priority < priority_for(has_identifiers=True, incivility=0.0, flag_count=0)


def test_the_migration_ranks_open_held_cases_in_their_tier(
    group, clinician, django_capture_on_commit_callbacks
):
    import importlib

    from django.apps import apps

    from moderation.cases import HELD_TIER

    migration = importlib.import_module(
        "moderation.migrations.0011_held_posts_and_threats_rank_in_tiers"
    )
    kw = {"author": clinician, "group": group, "body": "Session notes on pacing."}
    capture = django_capture_on_commit_callbacks
    held = make_case(capture, **kw, reason=CaseReason.FIRST_POST, incivility=0.05)
    public = make_case(capture, **kw, flag_count=2, status=PostStatus.PUBLISHED)
    before = {case.pk: case.priority for case in (held, public)}
    migration.rank_in_tiers(apps, None)
    held.refresh_from_db()
    public.refresh_from_db()
    assert held.priority == before[held.pk] + HELD_TIER
    assert public.priority == before[public.pk]
    assert held.priority == priority_for(
        has_identifiers=False, incivility=0.05, flag_count=0, held=True
    )
