"""Text inside pictures is screened like the post's words (issue 22 item 12): Tesseract reads
each picture a revision shows, in the screening worker; identifiers there hold the post
and the case names the picture; the words never reach readers; a picture that cannot be
read holds the post for a moderator and the author is told.

Tests marked with `require_tesseract` run the real Tesseract (`make ocr`): under CI=true a
missing one fails them, elsewhere they are skipped with the reason."""

from __future__ import annotations

import io
import json
import stat
from collections.abc import Iterator

import pytest
from django.contrib.admin import helpers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from accounts.models import PrivateStorage
from forum import images, picture_text
from forum.choices import PostStatus, TopicPurpose
from forum.models import PictureTextStatus, Post, PostImage
from forum.posting import topic_create
from forum.search import search_results
from moderation import revision_screening as screening
from moderation.models import Case, CaseReason, ScreeningResult
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.moderation.helpers import IDENTIFYING, new_topic

pytestmark = pytest.mark.django_db

CHART = ("Patient: Maria Alvarez", "DOB 03/14/1961  MRN 4488120")
PLAIN = ("Session plan", "Breathing practice first", "Then the exposure ladder")


@pytest.fixture(autouse=True)
def image_storage(tmp_path, monkeypatch) -> Iterator[PrivateStorage]:
    storage = PrivateStorage(location=tmp_path / "private")
    monkeypatch.setattr(PostImage._meta.get_field("file"), "storage", storage)
    yield storage


def _picture(lines: tuple[str, ...], *, size: int = 40) -> bytes:
    """A PNG of black words on white, in a large font (Pillow's bundled FreeType font)."""
    font = ImageFont.load_default(size=size)
    image = Image.new("RGB", (1400, 80 + 70 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((40, 40 + 70 * n), line, font=font, fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _upload(user, data: bytes, alt: str) -> PostImage:
    upload = SimpleUploadedFile("picture.png", data, content_type="image/png")
    return images.image_upload(uploader=user, upload=upload, alt=alt)


def _post_picture(author, group, capture, data: bytes, alt: str, title="Planning a session"):
    image = _upload(author, data, alt)
    with capture(execute=True):
        topic = topic_create(
            author=author,
            group=group,
            title=title,
            purpose=TopicPurpose.OTHER,
            content=factories.content(f"What I drew up.\n\n{images.image_markdown(image)}"),
        )
    image.refresh_from_db()
    return image, topic.posts.get()


def _fake_tesseract(tmp_path, script: str) -> str:
    path = tmp_path / "tesseract"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_photographed_chart_with_identifiers_is_held_and_its_case_names_the_picture(
    require_tesseract, client, clinician, moderator, group, django_capture_on_commit_callbacks
):
    image, post = _post_picture(
        clinician,
        group,
        django_capture_on_commit_callbacks,
        _picture(CHART),
        "A printed intake form",
    )
    assert image.text_status == PictureTextStatus.READ
    assert "Maria Alvarez" in image.text and "4488120" in image.text
    assert post.status == PostStatus.HELD
    result = ScreeningResult.objects.get(revision=post.current_revision)
    assert result.decision == "hold"
    in_picture = [row for row in result.identifiers if row.get("picture") == str(image.key)]
    assert {row["kind"] for row in in_picture} >= {"name", "date"}
    assert any(
        reason.startswith("identifiers: in the text read from the picture “A printed intake form”")
        for reason in result.reasons
    )
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.IDENTIFIERS and case.has_identifiers
    notice = Notification.objects.filter(recipient=clinician).latest("pk")
    assert "a picture in it may show patient identifiers" in notice.message
    # The case page shows where the finding came from, and what the picture said.
    sign_in_with_totp(client, moderator)
    page = client.get(reverse("admin:moderation_case_change", args=[case.pk])).content.decode()
    assert "Text read from the picture “A printed intake form”" in page
    assert "in the picture</strong> “A printed intake form”" in page
    assert "Maria Alvarez" in page


def test_a_picture_of_plain_words_publishes_and_its_words_reach_no_reader(
    require_tesseract, client, clinician, other_clinician, group, django_capture_on_commit_callbacks
):
    image, post = _post_picture(
        clinician,
        group,
        django_capture_on_commit_callbacks,
        _picture(PLAIN),
        "My whiteboard",
    )
    assert image.text_status == PictureTextStatus.READ
    assert "exposure ladder" in image.text.lower()
    assert post.status == PostStatus.PUBLISHED
    # Not in the post's text, its rendering, its search text or a search result.
    revision = post.current_revision
    assert "ladder" not in revision.body.lower() and "ladder" not in revision.body_html.lower()
    client.force_login(other_clinician)
    page = client.get(post.get_absolute_url()).content.decode().lower()
    assert "ladder" not in page and "breathing practice" not in page
    post.refresh_from_db()
    assert "ladder" not in (post.search_text or "").lower()
    assert search_results(user=other_clinician, query="ladder") == []
    # The uploader's data export carries what was read; another member's does not.
    client.force_login(clinician)
    mine = json.loads(client.get(reverse("accounts:export")).content)
    (exported,) = mine["pictures"]
    assert exported["key"] == str(image.key) and "ladder" in exported["text_read"].lower()
    client.force_login(other_clinician)
    theirs = json.loads(client.get(reverse("accounts:export")).content)
    assert theirs["pictures"] == [] and "ladder" not in json.dumps(theirs).lower()


def test_without_tesseract_a_picture_post_waits_for_a_moderator_and_the_author_is_told(
    clinician, group, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(picture_text, "TESSERACT", "/nonexistent/tesseract")
    image, post = _post_picture(
        clinician, group, django_capture_on_commit_callbacks, _picture(PLAIN), "My whiteboard"
    )
    assert image.text_status == PictureTextStatus.FAILED
    assert image.text_error == "Tesseract is not installed"
    assert post.status == PostStatus.HELD
    result = ScreeningResult.objects.get(revision=post.current_revision)
    assert result.reasons == [
        "picture_unread: the picture could not be read automatically (“My whiteboard”)"
    ]
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.PICTURE_UNREAD
    notice = Notification.objects.filter(recipient=clinician).latest("pk")
    assert "the picture could not be read automatically" in notice.message


@pytest.mark.parametrize(
    ("script", "error"),
    [
        ("sleep 5", "Tesseract timed out"),
        ("echo 'Error opening data file eng.traineddata' >&2; exit 1", "Tesseract failed (exit 1)"),
    ],
)
def test_a_reading_that_fails_or_times_out_holds_the_post(
    clinician, group, monkeypatch, tmp_path, django_capture_on_commit_callbacks, script, error
):
    monkeypatch.setattr(picture_text, "TESSERACT", _fake_tesseract(tmp_path, script))
    monkeypatch.setattr(picture_text, "READ_TIMEOUT_SECONDS", 0.5)
    image, post = _post_picture(
        clinician, group, django_capture_on_commit_callbacks, _picture(PLAIN), "My whiteboard"
    )
    assert image.text_status == PictureTextStatus.FAILED
    assert image.text_error.startswith(error)
    assert post.status == PostStatus.HELD
    assert Case.objects.get(post=post).reason == CaseReason.PICTURE_UNREAD


def test_a_picture_is_read_once_and_a_post_without_one_runs_no_reader(
    clinician, group, topic, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    calls = tmp_path / "calls"
    monkeypatch.setattr(
        picture_text, "TESSERACT", _fake_tesseract(tmp_path, f"echo run >> {calls}; echo Hello")
    )
    # The topic fixture's post shows no picture: Tesseract never ran for it.
    assert topic.posts.get().status == PostStatus.PUBLISHED and not calls.exists()
    image, post = _post_picture(
        clinician, group, django_capture_on_commit_callbacks, _picture(PLAIN), "My whiteboard"
    )
    assert post.status == PostStatus.PUBLISHED and image.text == "Hello"
    # Screening the revision again (a redelivered task) reads nothing again.
    ScreeningResult.objects.filter(revision=post.current_revision).delete()
    screening.screen_revision(revision_id=post.current_revision_id)
    assert calls.read_text().count("run") == 1


def test_a_batch_reads_its_own_revisions_pictures_and_defers_a_neighbours_past_the_budget(
    clinician, group, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(picture_text, "TESSERACT", _fake_tesseract(tmp_path, "echo Hello"))
    monkeypatch.setattr(picture_text, "BATCH_BUDGET_SECONDS", 0.0)
    posts = []
    for n in range(2):
        image = _upload(clinician, _picture(PLAIN), f"Whiteboard {n}")
        with django_capture_on_commit_callbacks(execute=False):
            topic = topic_create(
                author=clinician,
                group=group,
                title=f"Plan {n}",
                purpose=TopicPurpose.OTHER,
                content=factories.content(f"Plan.\n\n{images.image_markdown(image)}"),
            )
        posts.append(topic.posts.get())
    own, neighbour = (post.current_revision_id for post in posts)
    outcomes = screening.screen_revisions([neighbour, own], own=own)
    assert outcomes == {own: "publish", neighbour: "deferred"}
    # Its own task reads it then.
    assert screening.screen_revisions([neighbour], own=neighbour) == {neighbour: "publish"}


def test_a_large_picture_is_shrunk_and_grayed_before_tesseract_reads_it():
    data = io.BytesIO()
    Image.new("RGB", (3000, 2000), "white").save(data, format="PNG")
    png = picture_text._prepared_png(data.getvalue())
    prepared = Image.open(io.BytesIO(png))
    assert prepared.mode == "L"
    assert prepared.width * prepared.height <= picture_text.MAX_PIXELS


def test_a_picture_left_unread_when_the_task_runs_out_of_time_holds_the_post(
    clinician, group, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(picture_text, "TESSERACT", _fake_tesseract(tmp_path, "echo Hello"))
    monkeypatch.setattr(picture_text, "TASK_BUDGET_SECONDS", 0.0)
    image, post = _post_picture(
        clinician, group, django_capture_on_commit_callbacks, _picture(PLAIN), "My whiteboard"
    )
    assert image.text_status == PictureTextStatus.UNREAD
    assert post.status == PostStatus.HELD
    assert Case.objects.get(post=post).reason == CaseReason.PICTURE_UNREAD


# -- reading again (manage.py reread_pictures) --------------------------------------------


def test_posts_held_for_an_unread_picture_are_read_again_once_tesseract_is_installed(
    require_tesseract,
    client,
    clinician,
    other_clinician,
    group,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(picture_text, "TESSERACT", "/nonexistent/tesseract")
    capture = django_capture_on_commit_callbacks
    plain_image, plain = _post_picture(clinician, group, capture, _picture(PLAIN), "My whiteboard")
    chart_image, chart = _post_picture(
        clinician, group, capture, _picture(CHART), "A printed intake form", title="Intake"
    )
    assert plain.status == chart.status == PostStatus.HELD
    # Without Tesseract the command says so and changes nothing; a dry run lists the posts.
    with pytest.raises(CommandError, match="Tesseract is not installed"):
        call_command("reread_pictures", stdout=io.StringIO())
    plain_image.refresh_from_db()
    assert plain_image.text_status == PictureTextStatus.FAILED
    out = io.StringIO()
    call_command("reread_pictures", "--dry-run", stdout=out)
    assert f"post {plain.pk} " in out.getvalue() and f"post {chart.pk} " in out.getvalue()
    assert "2 post(s) would be screened again." in out.getvalue()

    monkeypatch.setattr(picture_text, "TESSERACT", require_tesseract)
    out = io.StringIO()
    with capture(execute=True):
        call_command("reread_pictures", stdout=out)
    assert "2 post(s) screened again: " in out.getvalue()
    plain.refresh_from_db()
    chart.refresh_from_db()
    plain_image.refresh_from_db()
    # The whiteboard: read, screened like a new post, published; the first result stays.
    assert plain_image.text_status == PictureTextStatus.READ
    assert "exposure ladder" in plain_image.text.lower()
    assert plain.status == PostStatus.PUBLISHED
    results = ScreeningResult.objects.filter(revision=plain.current_revision).order_by("reread")
    assert [(r.reread, r.decision) for r in results] == [(0, "hold"), (1, "publish")]
    plain_case = Case.objects.get(post=plain)
    assert plain_case.is_active and plain_case.screening_result == results[1]
    assert any(r.startswith("pictures_read: ") and "published" in r for r in plain_case.reasons)
    # Its words reach no reader: not in the page, the post's search text or a search.
    client.force_login(other_clinician)
    page = client.get(plain.get_absolute_url()).content.decode().lower()
    assert "ladder" not in page and "breathing practice" not in page
    assert "ladder" not in (plain.search_text or "").lower()
    assert search_results(user=other_clinician, query="ladder") == []
    # The chart: read, and held now for the identifiers in it; the case names the picture.
    assert chart.status == PostStatus.HELD
    chart_case = Case.objects.get(post=chart)
    assert chart_case.reason == CaseReason.IDENTIFIERS and chart_case.has_identifiers
    assert chart_case.screening_result.reread == 1
    assert any(
        r.startswith("identifiers: in the text read from the picture “A printed intake form”")
        for r in chart_case.reasons
    )
    # A second run finds nothing left to read.
    stored = ScreeningResult.objects.count()
    out = io.StringIO()
    call_command("reread_pictures", stdout=out)
    assert out.getvalue().strip() == "0 post(s) screened again."
    assert ScreeningResult.objects.count() == stored


def test_rereading_leaves_claimed_cases_and_posts_held_for_more_and_says_when_it_fails_again(
    clinician, moderator, group, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    monkeypatch.setattr(picture_text, "TESSERACT", "/nonexistent/tesseract")
    _image, claimed = _post_picture(clinician, group, capture, _picture(PLAIN), "Claimed one")
    _image, failing = _post_picture(clinician, group, capture, _picture(PLAIN), "Failing one")
    group.queue_first_posts = 10
    group.save(update_fields=["queue_first_posts"])
    _image, first = _post_picture(clinician, group, capture, _picture(PLAIN), "A first post")
    group.queue_first_posts = 0
    group.save(update_fields=["queue_first_posts"])
    assert {p.status for p in (claimed, failing, first)} == {PostStatus.HELD}
    Case.objects.filter(post=claimed).update(claimed_by=moderator, claimed_at=timezone.now())
    # Tesseract is there now, but fails on every picture.
    monkeypatch.setattr(
        picture_text, "TESSERACT", _fake_tesseract(tmp_path, "echo broken >&2; exit 1")
    )
    out = io.StringIO()
    with capture(execute=True):
        call_command("reread_pictures", stdout=out)
    said = out.getvalue()
    assert f"post {claimed.pk} (case " in said and "claimed by a moderator" in said
    assert f"post {failing.pk} " in said and "again could not be read" in said
    assert f"post {first.pk} " not in said  # held for the group's first-post rule as well
    assert "1 post(s) screened again" in said
    failing_case = Case.objects.get(post=failing)
    assert failing_case.reason == CaseReason.PICTURE_UNREAD
    assert "pictures_read: the pictures were tried again and still could not be read" in (
        failing_case.reasons
    )
    assert ScreeningResult.objects.filter(revision=claimed.current_revision).count() == 1
    assert ScreeningResult.objects.filter(revision=first.current_revision).count() == 1
    assert {p.status for p in Post.objects.filter(pk__in=[claimed.pk, failing.pk, first.pk])} == {
        PostStatus.HELD
    }


def test_a_moderator_has_the_chosen_cases_pictures_read_again_from_the_queue(
    client, clinician, moderator, group, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    monkeypatch.setattr(picture_text, "TESSERACT", "/nonexistent/tesseract")
    image, post = _post_picture(clinician, group, capture, _picture(PLAIN), "My whiteboard")
    case = Case.objects.get(post=post)
    other = Case.objects.get(
        post=new_topic(
            capture, author=clinician, group=group, body=IDENTIFYING, title="Chart"
        ).posts.get()
    )
    monkeypatch.setattr(picture_text, "TESSERACT", _fake_tesseract(tmp_path, "echo Hello"))
    sign_in_with_totp(client, moderator)
    queue = client.get(reverse("admin:moderation_case_changelist")).content.decode()
    assert 'value="reread_pictures"' in queue
    with capture(execute=True):
        response = client.post(
            reverse("admin:moderation_case_changelist"),
            {
                "action": "reread_pictures",
                "index": "0",
                helpers.ACTION_CHECKBOX_NAME: [str(case.pk), str(other.pk)],
            },
            follow=True,
        )
    page = response.content.decode()
    assert f"1 case sent to have their pictures read again: #{case.pk}." in page
    assert f"Case #{other.pk} skipped: its post is not held for an unreadable picture" in page
    image.refresh_from_db()
    post.refresh_from_db()
    assert image.text_status == PictureTextStatus.READ and image.text == "Hello"
    assert post.status == PostStatus.PUBLISHED
    assert Case.objects.get(pk=case.pk).screening_result.reread == 1
    assert Post.objects.get(pk=other.post_id).status == PostStatus.HELD
