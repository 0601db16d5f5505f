"""Images in posts (issue 22 item 12): uploaded from the composer, stripped of metadata,
described in words the checks read, and shown to others only where the text is."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from accounts.models import PrivateStorage
from forum import images
from forum.choices import PostStatus, TopicPurpose
from forum.models import Group, Post, PostImage, RevisionImage
from forum.posting import post_edit, reply_create, revision_redact, topic_create
from forum.rendering import images_in, plain_text, render_markdown
from moderation.revision_screening import screen_revision, screened_text
from tests import factories
from tests.accounts.helpers import give_license_in_standing, sign_in_with_totp, with_powers
from tests.conftest import make_verified_clinician

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def image_storage(tmp_path, monkeypatch) -> Iterator[PrivateStorage]:
    """Pictures go to this test's own directory (the field's storage is built at import)."""
    storage = PrivateStorage(location=tmp_path)
    monkeypatch.setattr(PostImage._meta.get_field("file"), "storage", storage)
    yield storage


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Pocket Camera 3000"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to view
    exif[0x9003] = "2026:11:28 09:14:00"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (45.0, 31.0, 12.5)  # GPSLatitude
    gps[3] = "W"
    gps[4] = (122.0, 40.0, 55.0)
    return exif


def _photo(*, size=(640, 480), image_format="JPEG", **save) -> bytes:
    image = Image.new("RGB", size, (30, 120, 90))
    image.paste((200, 40, 40), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save)
    return buffer.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "session notes for client J.D.")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>Portland clinic</x:xmpmeta>")
    image = Image.new("RGBA", (120, 80), (10, 20, 200, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def _upload(user, data: bytes | None = None, alt="A whiteboard with the session plan"):
    upload = SimpleUploadedFile("photo.jpg", data or _photo(), content_type="image/jpeg")
    return images.image_upload(uploader=user, upload=upload, alt=alt)


def _stored(image: PostImage) -> bytes:
    with image.file.open("rb") as handle:
        return handle.read()


# Stripping metadata


def test_a_photo_with_gps_exif_is_stored_upright_with_no_metadata(clinician):
    data = _photo(exif=_gps_exif().tobytes(), comment=b"client: J.D.")
    assert b"Pocket Camera 3000" in data and b"client: J.D." in data
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    image = _upload(clinician, data)
    stored = _stored(image)
    opened = Image.open(io.BytesIO(stored))
    assert opened.format == "JPEG" and image.content_type == "image/jpeg"
    assert not opened.getexif() and not opened.getexif().get_ifd(0x8825)
    assert "exif" not in opened.info and "comment" not in opened.info
    assert "icc_profile" not in opened.info
    for trace in (b"Pocket Camera", b"PhoneMaker", b"J.D.", b"2026:11:28", b"Exif"):
        assert trace not in stored
    # Turned upright by the EXIF orientation before it was dropped: 480 x 640, red on top.
    assert opened.size == (480, 640) == (image.width, image.height)
    top, bottom = opened.getpixel((240, 20)), opened.getpixel((240, 620))
    assert top[0] > 150 and bottom[1] > 90


def test_a_png_text_chunk_and_xmp_are_gone_and_transparency_stays_png(clinician):
    data = _png_with_text()
    assert b"J.D." in data
    image = _upload(clinician, data)
    stored = _stored(image)
    opened = Image.open(io.BytesIO(stored))
    assert opened.format == "PNG" and image.content_type == "image/png"
    assert not getattr(opened, "text", {}) and not opened.info.get("XML:com.adobe.xmp")
    assert b"J.D." not in stored and b"Portland" not in stored and b"tEXt" not in stored
    assert b"iTXt" not in stored


def test_an_animated_gif_keeps_its_first_frame_and_a_large_picture_is_shrunk(clinician):
    frames = [Image.new("RGB", (60, 40), colour) for colour in ((250, 0, 0), (0, 0, 250))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    gif = _upload(clinician, buffer.getvalue())
    opened = Image.open(io.BytesIO(_stored(gif)))
    assert opened.format == "PNG" and opened.getpixel((5, 5))[0] > 200
    assert getattr(opened, "n_frames", 1) == 1
    big = _upload(clinician, _photo(size=(4000, 1000)))
    assert (big.width, big.height) == (images.MAX_SIDE, 512)


def test_a_webp_is_accepted(clinician):
    image = _upload(clinician, _photo(image_format="WEBP"))
    assert Image.open(io.BytesIO(_stored(image))).format == "JPEG"


# Bad input: refused with a message, never stored


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a picture", "not a picture we can read"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "not a picture",
        ),
        (_photo(image_format="BMP"), "PNG, JPEG, WebP or GIF"),
        (_photo(image_format="TIFF"), "PNG, JPEG, WebP or GIF"),
        (_photo(size=(800, 600))[:2000], "damaged or incomplete"),
        (b"\x00" * 10, "not a picture we can read"),
    ],
    ids=["pdf", "svg", "bmp", "tiff", "truncated-jpeg", "zeros"],
)
def test_what_is_not_an_accepted_picture_is_refused_with_a_reason(clinician, data, message):
    with pytest.raises(images.ValidationError) as raised:
        _upload(clinician, data)
    assert message in " ".join(raised.value.message_dict["image"])
    assert not PostImage.objects.exists()


def test_too_large_and_too_many_pixels_are_refused(clinician, monkeypatch):
    bomb = _photo(size=(7000, 7000), image_format="PNG")
    assert len(bomb) < images.MAX_IMAGE_BYTES
    with pytest.raises(images.ValidationError, match="too many pixels"):
        _upload(clinician, bomb)
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 1000)
    with pytest.raises(images.ValidationError, match="larger than 5 MB"):
        _upload(clinician, _photo())
    assert not PostImage.objects.exists()


def test_a_picture_needs_a_description(clinician):
    with pytest.raises(images.ValidationError) as raised:
        _upload(clinician, alt="   ")
    assert "Describe the picture" in raised.value.message_dict["image_alt"][0]


# Rendering and the text the checks read


def test_rendering_shows_only_our_own_images_and_refuses_outside_urls():
    key = "0b8e2b2c-1a2b-4c3d-8e9f-0123456789ab"
    html = render_markdown(
        f"![a calm room](/images/{key}/) ![tracker](https://evil.example/pixel.png) "
        "![rel](/images/../../etc/passwd) ![data](data:image/png;base64,AAAA)"
    )
    assert html.count("<img") == 1
    assert f'<img src="/images/{key}/" alt="a calm room" loading="lazy" class="post-image">' in html
    assert "evil.example" not in html and "data:" not in html and "passwd" not in html
    assert "[image not shown: tracker]" in html


def test_the_description_is_part_of_the_text_search_and_screening_read(clinician, group):
    image = _upload(clinician, alt="Dr Holloway's clinic sign on Elm Street")
    body = f"Our waiting room.\n\n{images.image_markdown(image)}\n"
    assert "Dr Holloway's clinic sign on Elm Street" in plain_text(body)
    assert images_in(body) == [
        (str(image.key), f"/images/{image.key}/", "Dr Holloway's clinic sign on Elm Street")
    ]
    topic = topic_create(
        author=clinician,
        group=group,
        title="Waiting rooms",
        purpose=TopicPurpose.OTHER,
        content=factories.content(body),
    )
    revision = topic.posts.get().current_revision
    text = screened_text(revision, topic.title)
    assert "Dr Holloway's clinic sign on Elm Street" in text
    # The random key is blanked (its digits are no phone number), offsets unchanged.
    assert str(image.key) not in text and len(text) == len(topic.title) + 2 + len(body)
    assert "Dr Holloway" in topic.posts.get().search_text


def test_a_post_may_show_only_described_pictures_its_author_attached(
    clinician, other_clinician, group, topic
):
    theirs = _upload(other_clinician)
    mine = _upload(clinician)
    with pytest.raises(images.ValidationError, match="did not attach"):
        reply_create(
            author=clinician,
            topic=topic,
            content=factories.content(images.image_markdown(theirs)),
        )
    with pytest.raises(images.ValidationError, match="Describe every picture"):
        reply_create(
            author=clinician,
            topic=topic,
            content=factories.content(f"![]({mine.get_absolute_url()})"),
        )


# Who sees an image


def _post_with_image(author, group, capture, *, alt="A whiteboard with the session plan"):
    image = _upload(author, alt=alt)
    with capture(execute=True):
        topic = topic_create(
            author=author,
            group=group,
            title="Planning the first session",
            purpose=TopicPurpose.OTHER,
            content=factories.content(f"Here is my plan.\n\n{images.image_markdown(image)}"),
        )
    return image, topic.posts.get()


def _status(client, user, image) -> int:
    client.force_login(user)
    return client.get(image.get_absolute_url()).status_code


def test_a_member_without_a_current_license_gets_404_for_a_published_image(
    require_tesseract, client, clinician, group, django_capture_on_commit_callbacks
):
    image, post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    assert post.status == PostStatus.PUBLISHED
    lapsed = factories.UserFactory(display_name="Lee Lapsed")
    give_license_in_standing(lapsed, "lapsed")
    factories.MembershipFactory(group=group, user=lapsed)
    assert _status(client, lapsed, image) == 404


def test_a_held_posts_image_is_404_for_others_and_shown_to_its_author(
    client, clinician, other_clinician, group, django_capture_on_commit_callbacks
):
    Group.objects.filter(pk=group.pk).update(queue_first_posts=3)
    image, post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    assert post.status == PostStatus.HELD
    assert RevisionImage.objects.filter(image=image, revision=post.current_revision).exists()
    assert _status(client, other_clinician, image) == 404
    client.force_login(clinician)
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert re.fullmatch(
        r'inline; filename="image-[0-9a-f]{12}\.jpg"', response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content) == _stored(image)


def test_a_moderator_sees_a_held_image_only_after_the_authenticator_step(
    client, clinician, moderator, group, django_capture_on_commit_callbacks
):
    Group.objects.filter(pk=group.pk).update(queue_first_posts=3)
    image, _post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    assert _status(client, moderator, image) == 404
    sign_in_with_totp(client, moderator)
    assert client.get(image.get_absolute_url()).status_code == 200


def test_a_published_image_is_seen_by_readers_of_a_public_group_and_not_outsiders_of_a_private(
    require_tesseract,
    client,
    clinician,
    other_clinician,
    outsider,
    group,
    django_capture_on_commit_callbacks,
):
    image, post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    assert post.status == PostStatus.PUBLISHED
    assert _status(client, other_clinician, image) == 200
    assert _status(client, outsider, image) == 200  # a public group: any clinician reads it
    page = client.get(post.topic.get_absolute_url()).content.decode()
    assert f'src="/images/{image.key}/"' in page
    client.logout()
    assert client.get(image.get_absolute_url()).status_code == 404
    Group.objects.filter(pk=group.pk).update(is_private=True)
    assert _status(client, outsider, image) == 404
    assert _status(client, other_clinician, image) == 200  # a member still does


def test_an_image_added_by_an_unpublished_edit_is_not_shown_to_others(
    client, clinician, other_clinician, group, topic, django_capture_on_commit_callbacks
):
    post = topic.posts.get()
    assert post.status == PostStatus.PUBLISHED
    image = _upload(clinician)
    # The edit is written but not yet screened (its after-commit callback does not run).
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician,
            post=post,
            content=factories.content(f"Updated.\n\n{images.image_markdown(image)}"),
            reason="Added the plan",
        )
    post.refresh_from_db()
    assert post.has_edit_in_screening
    assert _status(client, other_clinician, image) == 404
    assert _status(client, clinician, image) == 200


def test_redacting_a_revision_hides_its_images(
    require_tesseract,
    client,
    clinician,
    other_clinician,
    moderator,
    group,
    django_capture_on_commit_callbacks,
):
    image, post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    assert _status(client, other_clinician, image) == 200
    revision_redact(
        moderator=with_powers(moderator),
        revision=post.published_revision,
        reason="Shows a client's name",
    )
    assert _status(client, other_clinician, image) == 404


def test_an_image_nobody_posted_is_its_uploaders_alone_and_a_missing_key_is_404(
    client, clinician, other_clinician
):
    image = _upload(clinician)
    assert _status(client, other_clinician, image) == 404
    assert _status(client, clinician, image) == 200
    missing = reverse("forum:image", args=["0b8e2b2c-1a2b-4c3d-8e9f-0123456789ab"])
    assert client.get(missing).status_code == 404
    assert client.get("/images/not-a-key/").status_code == 404


# The composer's no-JS "Attach image"


def _topic_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Planning the first session",
        "purpose": TopicPurpose.OTHER,
        "body": "Here is my plan for a first session.",
        "trigger_warnings": ["none"],
        "disclaimer": "not_clinical_advice",
        "disclaimer_text": "",
    }
    data.update(overrides)
    return data


def test_attach_image_keeps_the_draft_and_adds_the_markdown(client, clinician, group):
    client.force_login(clinician)
    url = reverse("forum:topic_create", args=[group.slug])
    photo = SimpleUploadedFile("p.jpg", _photo(exif=_gps_exif().tobytes()), "image/jpeg")
    response = client.post(
        url,
        _topic_form(image=photo, image_alt="A whiteboard [plan]", attach_image="1"),
    )
    assert response.status_code == 200
    image = PostImage.objects.get(uploader=clinician)
    page = response.content.decode()
    assert "Planning the first session" in page and "Here is my plan for a first session." in page
    assert f"![A whiteboard (plan)](/images/{image.key}/)" in page
    assert not Post.objects.exists()
    body = f"Here is my plan for a first session.\n\n![A whiteboard (plan)](/images/{image.key}/)\n"
    response = client.post(url, _topic_form(body=body))
    assert response.status_code == 302
    post = Post.objects.get()
    assert RevisionImage.objects.filter(revision=post.current_revision, image=image).exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"image_alt": "A plan"}, "Choose a picture to attach."),
        (
            {"image": SimpleUploadedFile("x.svg", b"<svg/>", "image/svg+xml"), "image_alt": "x"},
            "not a picture we can read",
        ),
        (
            {"image": SimpleUploadedFile("p.jpg", _photo(), "image/jpeg"), "image_alt": " "},
            "Describe the picture in a few words",
        ),
    ],
    ids=["no-file", "svg", "no-description"],
)
def test_attach_image_refuses_bad_input_with_a_message_and_keeps_the_draft(
    client, clinician, group, extra, message
):
    client.force_login(clinician)
    response = client.post(
        reverse("forum:topic_create", args=[group.slug]),
        _topic_form(body="My draft, unfinished", attach_image="1", **extra),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "My draft, unfinished" in page
    assert not PostImage.objects.exists() and not Post.objects.exists()


def test_an_unverified_member_cannot_attach(client, unverified_user, group):
    client.force_login(unverified_user)
    response = client.post(
        reverse("forum:topic_create", args=[group.slug]),
        _topic_form(
            image=SimpleUploadedFile("p.jpg", _photo(), "image/jpeg"),
            image_alt="A plan",
            attach_image="1",
        ),
    )
    assert response.status_code == 400
    assert not PostImage.objects.exists()


def test_another_member_of_the_group_can_see_a_reply_image_after_publication(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    image = _upload(other_clinician, alt="A chart of weekly mood ratings")
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(
            author=other_clinician,
            topic=topic,
            content=factories.content(f"Like this:\n\n{images.image_markdown(image)}"),
        )
    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED
    assert _status(client, clinician, image) == 200
    make_verified_clinician(display_name="Not Here")  # unrelated member, nothing changes
    assert _status(client, clinician, image) == 200


def test_an_edit_that_removes_a_picture_takes_it_out_of_view_once_published(
    client, clinician, other_clinician, group, django_capture_on_commit_callbacks
):
    image, post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    assert _status(client, other_clinician, image) == 200
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician,
            post=post,
            content=factories.content("Here is my plan, without the photo."),
            reason="Took the photo out",
        )
    # Until screening publishes the edit, readers still read the version with the picture.
    assert _status(client, other_clinician, image) == 200
    with django_capture_on_commit_callbacks(execute=True):
        post.refresh_from_db()
        screen_revision(revision_id=post.current_revision_id)
    post.refresh_from_db()
    assert not post.has_edit_in_screening
    assert _status(client, other_clinician, image) == 404
    assert _status(client, clinician, image) == 200


def test_quoting_a_post_with_a_picture_quotes_its_description_and_the_reply_posts(
    client, clinician, other_clinician, group, django_capture_on_commit_callbacks
):
    image, post = _post_with_image(clinician, group, django_capture_on_commit_callbacks)
    client.force_login(other_clinician)
    url = reverse("forum:reply", args=[post.topic_id])
    page = client.get(url, {"quote": post.pk}).content.decode()
    assert "[picture: A whiteboard with the session plan]" in page
    assert f"](/images/{image.key}/)" not in page  # the post above shows the picture itself
    body = "> [picture: A whiteboard with the session plan]\n\nI use the same layout too."
    response = client.post(
        url,
        {
            "body": body,
            "trigger_warnings": ["none"],
            "disclaimer": "not_clinical_advice",
            "reply_to": post.pk,
        },
    )
    assert response.status_code == 302
    assert Post.objects.filter(topic_id=post.topic_id, number=2).exists()
