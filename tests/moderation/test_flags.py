"""Member flags: one per member per post, rate-limited, merged into the post's one case."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from config import ratelimit
from moderation import cases
from moderation.models import Case, CaseReason, Flag, FlagReason
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import UNWARNED, first_post, new_topic

pytestmark = pytest.mark.django_db

# The hourly flag limit (MODERATION_FLAG_RATE_LIMIT, "10/h").
FLAGS_PER_HOUR = ratelimit.parse(settings.MODERATION_FLAG_RATE_LIMIT)[0].count


@pytest.fixture
def post(group, clinician, django_capture_on_commit_callbacks):
    return first_post(new_topic(django_capture_on_commit_callbacks, author=clinician, group=group))


def test_a_member_flags_a_post_through_the_form(client, post, other_clinician):
    client.force_login(other_clinician)
    url = reverse("moderation:flag", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": FlagReason.INCIVILITY})
    assert response.status_code == 302
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.FLAG_INCIVILITY
    assert case.flag_count == 1
    assert Flag.objects.get(post=post).case == case


def test_flags_and_screening_merge_into_one_case(
    group, clinician, other_clinician, organizer, django_capture_on_commit_callbacks
):
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=UNWARNED)
    )
    cases.flag_post(member=other_clinician, post=post, reason=FlagReason.PRIVACY)
    cases.flag_post(member=organizer, post=post, reason=FlagReason.OTHER, text="Off topic")
    case = Case.objects.get(post=post)
    assert case.flag_count == 2
    assert case.reason == CaseReason.FLAG_PRIVACY  # outranks the missing warning
    codes = {cases.reason_code(r) for r in case.reasons}
    assert codes == {"missing_warning", "flag_privacy", "flag_other"}


def test_more_flags_raise_the_priority(post, other_clinician, organizer):
    cases.flag_post(member=other_clinician, post=post, reason=FlagReason.INCIVILITY)
    first = Case.objects.get(post=post).priority
    cases.flag_post(member=organizer, post=post, reason=FlagReason.INCIVILITY)
    assert Case.objects.get(post=post).priority > first


def test_one_flag_per_member_per_post(client, post, other_clinician):
    cases.flag_post(member=other_clinician, post=post, reason=FlagReason.INCIVILITY)
    with pytest.raises(ValidationError, match="already flagged"):
        cases.flag_post(member=other_clinician, post=post, reason=FlagReason.PRIVACY)
    client.force_login(other_clinician)
    response = client.post(reverse("moderation:flag", args=[post.pk]), {"reason": "privacy"})
    assert response.status_code == 400
    assert "already flagged" in response.content.decode()


def test_other_needs_text(post, other_clinician):
    with pytest.raises(ValidationError):
        cases.flag_post(member=other_clinician, post=post, reason=FlagReason.OTHER)


def test_flags_are_rate_limited(
    group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    posts = [
        first_post(
            new_topic(
                django_capture_on_commit_callbacks, author=clinician, group=group, title=f"T{i}"
            )
        )
        for i in range(FLAGS_PER_HOUR + 1)
    ]
    for post in posts[:-1]:
        cases.flag_post(member=other_clinician, post=post, reason=FlagReason.MISINFORMATION)
    with pytest.raises(ValidationError, match=f"the limit of {FLAGS_PER_HOUR} flags per hour"):
        cases.flag_post(member=other_clinician, post=posts[-1], reason=FlagReason.MISINFORMATION)


@pytest.mark.django_db(transaction=True)
def test_flags_sent_at_once_stop_at_the_hourly_limit(
    require_postgres, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    """Twice the limit of flags from one member, released together from their own
    connections: each is counted by one atomic increment, so the flags past the limit are
    refused (and rolled back) instead of passing the count together."""
    posts = [
        first_post(
            new_topic(
                django_capture_on_commit_callbacks, author=clinician, group=group, title=f"T{i}"
            )
        )
        for i in range(2 * FLAGS_PER_HOUR)
    ]
    start = threading.Barrier(len(posts))
    accepted: list[int] = []
    refused: list[str] = []

    def flag(post) -> None:
        try:
            start.wait(timeout=30)
            cases.flag_post(member=other_clinician, post=post, reason=FlagReason.MISINFORMATION)
            accepted.append(post.pk)
        except ValidationError as exc:
            refused.extend(exc.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=flag, args=(post,)) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(accepted) == FLAGS_PER_HOUR
    assert len(refused) == len(posts) - FLAGS_PER_HOUR
    assert all("the limit of" in message for message in refused)
    stored = Flag.objects.filter(member=other_clinician).values_list("post_id", flat=True)
    assert sorted(stored) == sorted(accepted)


def test_an_author_cannot_flag_their_own_post(post, clinician):
    with pytest.raises(ValidationError):
        cases.flag_post(member=clinician, post=post, reason=FlagReason.INCIVILITY)


def test_a_reader_who_cannot_see_the_post_cannot_flag_it(client, post):
    stranger = make_verified_clinician()
    post.topic.group.is_private = True
    post.topic.group.save()
    client.force_login(stranger)
    response = client.post(reverse("moderation:flag", args=[post.pk]), {"reason": "privacy"})
    assert response.status_code in (403, 404)
    assert not Flag.objects.exists()


def test_an_account_without_a_current_license_cannot_flag(client, post, unverified_user):
    from accounts.models import License

    lapsed = make_verified_clinician(display_name="Lapsed Member", handle="lapsed")
    License.objects.filter(user=lapsed).update(state="revoked")
    for member in (lapsed, unverified_user):
        with pytest.raises(ValidationError, match="cannot flag"):
            cases.flag_post(member=member, post=post, reason=FlagReason.PRIVACY)
    client.force_login(lapsed)
    response = client.post(reverse("moderation:flag", args=[post.pk]), {"reason": "privacy"})
    # Without a current license the post itself is not theirs to read (issue 22 item 2):
    # the answer says why, and how to fix the license.
    assert response.status_code == 403
    assert "could not be verified or was revoked" in response.content.decode()
    assert not Flag.objects.filter(post=post).exists()
    assert not Case.objects.filter(post=post).exists()


def test_a_suspended_member_cannot_flag(post, other_clinician, moderator):
    from datetime import timedelta

    from django.utils import timezone

    from accounts import standing

    standing.suspend(
        user=other_clinician, ends_at=timezone.now() + timedelta(days=1), reason="x", by=moderator
    )
    with pytest.raises(ValidationError, match="suspended"):
        cases.flag_post(member=other_clinician, post=post, reason=FlagReason.INCIVILITY)


def test_flags_of_a_member_whose_license_lapsed_since_do_not_rank(post, other_clinician, organizer):
    from accounts.models import License

    cases.flag_post(member=other_clinician, post=post, reason=FlagReason.PRIVACY)
    License.objects.filter(user=other_clinician).update(state="revoked")
    cases.flag_post(member=organizer, post=post, reason=FlagReason.INCIVILITY)
    case = Case.objects.get(post=post)
    assert case.flag_count == 1  # the organizer's; the lapsed member's privacy flag not
    assert case.reason == CaseReason.FLAG_INCIVILITY
    alone = cases.priority_for(has_identifiers=False, incivility=case.incivility, flag_count=1)
    assert case.priority == alone


def _privacy_flag_priority(post, member) -> tuple[int, str]:
    cases.flag_post(member=member, post=post, reason=FlagReason.PRIVACY)
    case = Case.objects.get(post=post)
    return case.priority, case.reason


def test_a_flag_stops_ranking_when_its_authors_license_expires(
    post, other_clinician, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from accounts import verification
    from accounts.models import License

    before, reason = _privacy_flag_priority(post, other_clinician)
    assert reason == CaseReason.FLAG_PRIVACY
    License.objects.filter(user=other_clinician).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert verification.expire_licenses() == 1
    case = Case.objects.get(post=post)
    assert case.flag_count == 0
    assert case.priority < before
    assert case.priority == cases.priority_for(
        has_identifiers=False, incivility=case.incivility, flag_count=0
    )
    assert case.reason == CaseReason.FLAG_OTHER


def test_a_flag_stops_ranking_when_its_author_leaves(
    post, other_clinician, django_capture_on_commit_callbacks
):
    from accounts.lifecycle import deactivate_account

    before, _ = _privacy_flag_priority(post, other_clinician)
    with django_capture_on_commit_callbacks(execute=True):
        deactivate_account(user=other_clinician)
    case = Case.objects.get(post=post)
    assert case.flag_count == 0
    assert case.priority < before


def test_a_flag_stops_ranking_while_its_author_is_silenced_and_counts_again_after(
    post, other_clinician, moderator, django_capture_on_commit_callbacks
):
    # A silenced or suspended member may not flag (posting standing); the flags they gave
    # before stop naming and raising the case while the restriction is in force.
    from django.utils import timezone

    from accounts import standing
    from accounts.models import Suspension, SuspensionKind
    from accounts.signals import send_standing_changed

    before, reason = _privacy_flag_priority(post, other_clinician)
    assert reason == CaseReason.FLAG_PRIVACY
    with django_capture_on_commit_callbacks(execute=True):
        standing.suspend(
            user=other_clinician,
            ends_at=None,
            reason="Flags sent in bulk at one colleague",
            by=moderator,
            kind=SuspensionKind.SILENCE,
        )
    case = Case.objects.get(post=post)
    assert case.flag_count == 0
    assert case.priority < before
    assert case.reason == CaseReason.FLAG_OTHER

    Suspension.objects.filter(user=other_clinician).update(lifted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        send_standing_changed(other_clinician.pk)
    case = Case.objects.get(post=post)
    assert case.flag_count == 1
    assert case.priority == before


# Standing that changes by the clock alone: nobody acts when a restriction reaches its end
# or a license its expiry date, so beat's announce_standing_lapses tells the apps above.


def test_a_flag_counts_again_once_its_authors_suspension_ends_at_its_time(
    post, other_clinician, moderator, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from accounts import standing, tasks
    from accounts.models import Suspension

    before, _ = _privacy_flag_priority(post, other_clinician)
    with django_capture_on_commit_callbacks(execute=True):
        suspension = standing.suspend(
            user=other_clinician,
            ends_at=timezone.now() + datetime.timedelta(days=3),
            reason="Flags sent in bulk at one colleague",
            by=moderator,
        )
    assert Case.objects.get(post=post).flag_count == 0
    # Three days on, the suspension has ended by itself: no action, no signal.
    Suspension.objects.filter(pk=suspension.pk).update(
        ends_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert Case.objects.get(post=post).priority < before

    assert tasks.announce_standing_lapses() == 1
    case = Case.objects.get(post=post)
    assert case.flag_count == 1
    assert case.priority == before
    assert case.reason == CaseReason.FLAG_PRIVACY


def test_a_flag_stops_counting_once_its_authors_license_date_passes(post, other_clinician):
    import datetime

    from accounts import tasks
    from accounts.choices import LicenseState
    from accounts.models import License
    from accounts.timezones import site_today

    before, reason = _privacy_flag_priority(post, other_clinician)
    assert reason == CaseReason.FLAG_PRIVACY
    # The expiry date passed at midnight; the daily expire_licenses has not run yet.
    License.objects.filter(user=other_clinician).update(
        expires_on=site_today() - datetime.timedelta(days=1)
    )
    assert Case.objects.get(post=post).flag_count == 1

    assert tasks.announce_standing_lapses() == 1
    case = Case.objects.get(post=post)
    assert case.flag_count == 0
    assert case.priority < before
    assert case.reason == CaseReason.FLAG_OTHER
    assert License.objects.get(user=other_clinician).state == LicenseState.VERIFIED


def test_the_standing_sweep_reads_only_what_lapsed_since_its_last_run(
    other_clinician, outsider, moderator, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    from accounts import tasks
    from accounts.models import License, StandingSweep, Suspension
    from accounts.signals import standing_changed
    from accounts.timezones import site_today

    now = timezone.now()
    StandingSweep.objects.create(
        pk=1, restrictions_until=now - datetime.timedelta(hours=1), licenses_before=site_today()
    )
    # Lapsed before the last run (which told of them): not read again.
    Suspension.objects.create(
        user=other_clinician,
        ends_at=now - datetime.timedelta(hours=2),
        reason="Ended before the last run",
        created_by=moderator,
    )
    License.objects.filter(user=other_clinician).update(
        expires_on=site_today() - datetime.timedelta(days=1)
    )
    # Ended since.
    recent = Suspension.objects.create(
        user=outsider,
        ends_at=now - datetime.timedelta(minutes=30),
        reason="Ended since the last run",
        created_by=moderator,
    )
    told: list[int] = []

    def listen(*, user_id: int, **_: object) -> None:
        told.append(user_id)

    standing_changed.connect(listen, dispatch_uid="test-standing-sweep")
    try:
        assert tasks.announce_standing_lapses() == 1
        assert told == [outsider.pk]
        # Told once: a second run finds nothing new, in a fixed number of queries.
        with django_assert_max_num_queries(5):
            assert tasks.announce_standing_lapses() == 0
        assert told == [outsider.pk]
    finally:
        standing_changed.disconnect(dispatch_uid="test-standing-sweep")
    sweep = StandingSweep.objects.get()
    assert sweep.restrictions_until > recent.ends_at
    assert sweep.licenses_before == site_today()


def test_beat_announces_standing_lapses_every_minute_on_the_default_queue():
    from config.celery import app as celery_app

    entry = celery_app.conf.beat_schedule["announce-standing-lapses"]
    assert entry["task"] == "accounts.tasks.announce_standing_lapses"
    assert entry["schedule"].total_seconds() == 60
    route = celery_app.amqp.router.route({}, entry["task"])
    assert route["queue"].name == "default"
