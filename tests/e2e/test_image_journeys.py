"""Images in posts (issue 22 item 12), in Chromium: an author attaches a picture with a
description in the composer (the rest of the draft kept), posts, and a colleague sees the
picture once screening has published the post; each page checked with axe-core, and one
run at a 375 x 812 phone."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from forum.choices import PostStatus, TopicPurpose
from forum.models import Post, PostImage, RevisionImage
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, sign_in_moderator, totp_moderator, wait_for_status

pytestmark = pytest.mark.e2e

DESCRIPTION = "A whiteboard with the three columns of a thought record"


def _photo_with_location(path: Path) -> Path:
    """A JPEG as a phone writes it: camera model, time and GPS position in its EXIF."""
    image = Image.new("RGB", (900, 600), (245, 243, 235))
    for column in range(3):
        image.paste((30, 90 + 50 * column, 140), (40 + 290 * column, 60, 280 + 290 * column, 540))
    exif = Image.Exif()
    exif[0x0110] = "Pocket Camera 3000"
    exif[0x9003] = "2026:11:28 09:14:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (45.0, 31.0, 12.5), "W", (122.0, 40.0, 55.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_described_picture_is_seen_once_published(
    require_tesseract: str, journey: Journey, viewport: dict[str, int] | None, tmp_path: Path
) -> None:
    # Screening reads the picture's text with Tesseract before it publishes the post.
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    reader = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    cbt_group(organizer, author, reader)
    photo = _photo_with_location(tmp_path / "IMG_2041.jpg")
    assert b"Pocket Camera 3000" in photo.read_bytes()

    page = journey.new_page(author, viewport=viewport)
    page.goto("/groups/cbt/new-topic/")
    page.get_by_label("Title", exact=True).fill("A thought record on the whiteboard")
    page.get_by_label("Purpose", exact=True).select_option(TopicPurpose.RESOURCE)
    body = page.get_by_label("Body", exact=True)
    body.fill("This is how I lay out a thought record with clients in session.")
    page.get_by_label("None", exact=True).check()
    page.get_by_label("Picture", exact=True).set_input_files(str(photo))
    page.get_by_label("Description (what the picture shows)").fill(DESCRIPTION)
    assert_accessible(journey, page, "composer with a picture chosen")
    journey.shoot(page, "a picture chosen and described")

    page.get_by_role("button", name="Attach image").click()
    expect(page.get_by_text("The picture is attached")).to_be_visible()
    image = PostImage.objects.get(uploader=author)
    markdown = f"![{DESCRIPTION}](/images/{image.key}/)"
    expect(body).to_have_value(
        f"This is how I lay out a thought record with clients in session.\n\n{markdown}\n"
    )
    # The rest of the draft is kept.
    expect(page.get_by_label("Title", exact=True)).to_have_value(
        "A thought record on the whiteboard"
    )
    expect(page.get_by_label("None", exact=True)).to_be_checked()
    with image.file.open("rb") as stored:
        data = stored.read()
    assert b"Pocket Camera" not in data and b"Exif" not in data
    assert_accessible(journey, page, "composer with the picture attached")
    journey.shoot(page, "the picture attached, its Markdown in the body")

    page.get_by_role("button", name="Post the topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A thought record on the whiteboard")
    post = Post.objects.get(topic__title="A thought record on the whiteboard")
    assert RevisionImage.objects.filter(revision=post.current_revision, image=image).exists()
    wait_for_status(post.pk, PostStatus.PUBLISHED)

    reading = journey.new_page(reader, viewport=viewport)
    reading.goto(f"/topics/{post.topic_id}/")
    picture = reading.get_by_role("img", name=DESCRIPTION)
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("loading", "lazy")
    loaded = picture.evaluate("img => img.complete && img.naturalWidth")
    assert loaded == 900
    # Never wider than the post on a phone.
    box, body_box = picture.bounding_box(), reading.locator(".post .body").first.bounding_box()
    assert box is not None and body_box is not None and box["width"] <= body_box["width"] + 1
    response = reading.request.get(f"/images/{image.key}/")
    assert response.status == 200
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert_accessible(journey, reading, "thread with a picture")
    journey.shoot(reading, "a colleague sees the published picture")


def _chart(path: Path) -> Path:
    """A screenshot of a record: a client's name, birth date and record number in words."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.load_default(size=40)
    image = Image.new("RGB", (1400, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "Patient: Maria Alvarez", font=font, fill="black")
    draw.text((40, 120), "DOB 03/14/1961  MRN 4488120", font=font, fill="black")
    image.save(path, format="PNG")
    return path


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_picture_of_a_record_is_held_and_its_case_shows_what_the_picture_says(
    require_tesseract: str, journey: Journey, viewport: dict[str, int] | None, tmp_path: Path
) -> None:
    from moderation.models import Case, CaseReason

    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    reader = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    totp_moderator("Morgan Reed")
    cbt_group(organizer, author, reader)
    chart = _chart(tmp_path / "screenshot.png")

    page = journey.new_page(author, viewport=viewport)
    page.goto("/groups/cbt/new-topic/")
    page.get_by_label("Title", exact=True).fill("How I lay out an intake summary")
    page.get_by_label("Purpose", exact=True).select_option(TopicPurpose.RESOURCE)
    page.get_by_label("Body", exact=True).fill("The layout our clinic uses for intake summaries.")
    page.get_by_label("None", exact=True).check()
    page.get_by_label("Picture", exact=True).set_input_files(str(chart))
    page.get_by_label("Description (what the picture shows)").fill("Our intake summary layout")
    page.get_by_role("button", name="Attach image").click()
    expect(page.get_by_text("The picture is attached")).to_be_visible()
    page.get_by_role("button", name="Post the topic").click()
    post = Post.objects.get(topic__title="How I lay out an intake summary")
    wait_for_status(post.pk, PostStatus.HELD)

    # The author is told why, and that it was the picture; nobody else sees the post.
    page.goto(f"/topics/{post.topic_id}/")
    expect(page.get_by_text("Awaiting review").first).to_be_visible()
    page.goto("/notifications/")
    expect(page.get_by_text("a picture in it may show patient identifiers")).to_be_visible()
    assert_accessible(journey, page, "the author is told the picture holds the post")
    journey.shoot(page, "the author is told the picture holds the post")
    reading = journey.new_page(reader, viewport=viewport)
    response = reading.goto(f"/topics/{post.topic_id}/")
    assert "Maria Alvarez" not in reading.content()
    assert response is not None

    # The moderator sees the text read from the picture, and which picture a finding is in.
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.IDENTIFIERS
    moderating = journey.new_page(viewport=viewport)
    sign_in_moderator(moderating)
    moderating.goto(f"/admin/moderation/case/{case.pk}/change/")
    expect(
        moderating.get_by_role("heading", name=re.compile("Text read from the picture"))
    ).to_be_visible()
    expect(moderating.get_by_text("Maria Alvarez").first).to_be_visible()
    expect(moderating.get_by_text("in the picture").first).to_be_visible()
    assert_accessible(journey, moderating, "case page with the text read from the picture")
    journey.shoot(moderating, "the case shows what the picture says")
