"""Members' pictures (#22.11): re-encoded, metadata stripped, private, served to readers."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts import avatars
from accounts.models import PrivateStorage, User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def avatar_storage(tmp_path, monkeypatch) -> Iterator[PrivateStorage]:
    """Pictures go to this test's own directory (the field's storage is built at import)."""
    storage = PrivateStorage(location=tmp_path)
    monkeypatch.setattr(User._meta.get_field("avatar"), "storage", storage)
    yield storage


def _photo(*, size=(640, 480), image_format="JPEG", **save) -> bytes:
    image = Image.new("RGB", size, (30, 120, 90))
    image.paste((200, 40, 40), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save)
    return buffer.getvalue()


def _camera_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0110] = "Pocket Camera 3000"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to view
    exif[0x9003] = "2026:11:28 09:14:00"  # DateTimeOriginal
    return exif


def test_an_upload_is_reencoded_square_upright_and_without_metadata():
    data = _photo(exif=_camera_exif().tobytes(), comment=b"client: J.D.")
    assert b"Pocket Camera 3000" in data and b"client: J.D." in data
    clean = avatars.reencode(data)
    image = Image.open(io.BytesIO(clean))
    assert image.format == "JPEG" and image.size == (avatars.AVATAR_SIZE, avatars.AVATAR_SIZE)
    assert not image.getexif() and "comment" not in image.info and "icc_profile" not in image.info
    assert b"Pocket Camera" not in clean and b"J.D." not in clean and b"2026:11:28" not in clean
    # Turned upright: the red left half of the photo is on top once rotated.
    top, bottom = image.getpixel((128, 20)), image.getpixel((128, 235))
    assert top[0] > 150 and bottom[1] > 90


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a picture", "not a picture we can read"),
        (b"GIF89a" + b"\x00" * 20, "not a picture we can read"),
        (b"", "not a picture we can read"),
        (_photo(image_format="BMP"), "JPEG, PNG, GIF or WebP"),
        (_photo(image_format="TIFF"), "JPEG, PNG, GIF or WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a picture we can read"),
    ],
)
def test_what_is_not_an_accepted_picture_is_refused_with_a_reason(data, message):
    with pytest.raises(ValidationError) as raised:
        avatars.reencode(data)
    assert message in raised.value.messages[0]


def test_a_picture_claiming_too_many_pixels_is_refused_before_decoding():
    bomb = _photo(size=(7000, 7000), image_format="PNG")
    assert len(bomb) < avatars.MAX_AVATAR_BYTES
    with pytest.raises(ValidationError, match="too many pixels"):
        avatars.reencode(bomb)


def test_transparent_and_animated_pictures_become_one_flat_frame():
    frames = [Image.new("RGBA", (64, 64), (0, 0, 255, 0)), Image.new("RGBA", (64, 64), "red")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    image = Image.open(io.BytesIO(avatars.reencode(buffer.getvalue())))
    assert image.mode == "RGB" and getattr(image, "n_frames", 1) == 1


def _upload(client, data: bytes, name: str = "me.jpg"):
    return client.post(
        reverse("accounts:avatar_upload"),
        {"avatar": SimpleUploadedFile(name, data, content_type="image/jpeg")},
    )


def test_a_member_uploads_a_picture_colleagues_can_load(client, clinician, other_clinician):
    client.force_login(clinician)
    assert _upload(client, _photo(exif=_camera_exif().tobytes())).status_code == 302
    clinician.refresh_from_db()
    name = clinician.avatar.name
    assert name.startswith("avatars/") and name.endswith(".jpg") and "me" not in name
    url = avatars.avatar_url(clinician)
    client.force_login(other_clinician)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert b"Pocket Camera" not in body and Image.open(io.BytesIO(body)).size == (256, 256)


def test_a_new_picture_gets_a_new_address_and_the_old_one_is_gone(
    client, clinician, avatar_storage, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    _upload(client, _photo())
    clinician.refresh_from_db()
    first_url, first_name = avatars.avatar_url(clinician), clinician.avatar.name
    with django_capture_on_commit_callbacks(execute=True):  # the old file goes after commit
        _upload(client, _photo(size=(300, 300)))
    clinician.refresh_from_db()
    assert avatars.avatar_url(clinician) != first_url
    assert client.get(first_url).status_code == 404
    assert not avatar_storage.exists(first_name)
    client.post(reverse("accounts:avatar_delete"))
    clinician.refresh_from_db()
    assert not clinician.avatar and avatars.avatar_url(clinician) == ""


def test_pictures_are_for_readers_of_the_forum_only(client, clinician, unverified_user):
    client.force_login(clinician)
    _upload(client, _photo())
    clinician.refresh_from_db()
    url = avatars.avatar_url(clinician)
    client.logout()
    assert client.get(url).status_code == 404
    deactivated = factories.UserFactory(deactivated_at=clinician.date_joined, is_active=False)
    User.objects.filter(pk=deactivated.pk).update(avatar=clinician.avatar.name)
    client.force_login(clinician)
    assert client.get(url.replace(f"/{clinician.pk}/", f"/{deactivated.pk}/")).status_code == 404
    for bad in ("../../etc/passwd", "a" * 32, "0" * 31, "Z" * 32):
        assert client.get(f"/members/{clinician.pk}/picture/{bad}.jpg").status_code == 404


def test_a_bad_upload_is_shown_on_the_settings_page_tied_to_its_input(client, clinician):
    client.force_login(clinician)
    response = _upload(client, b"%PDF-1.4 a license, not a face", name="face.jpg")
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a picture we can read" in page
    assert 'href="#id_avatar"' in page and 'aria-invalid="true"' in page
    empty = client.post(reverse("accounts:avatar_upload"), {})
    assert "Choose a picture to upload." in empty.content.decode()
    clinician.refresh_from_db()
    assert not clinician.avatar


def test_without_a_picture_a_member_shows_initials():
    assert avatars.initials("Dana Reyes, LCSW") == "DR"
    assert avatars.initials("Nguyễn Thị Minh") == "NM"
    assert avatars.initials("Cher") == "C"
    assert avatars.initials("(—)") == "?"
