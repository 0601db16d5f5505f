"""Members' pictures: uploaded ones re-encoded, generated initials otherwise.

An upload is decoded by Pillow (a picture only: JPEG, PNG, GIF or WebP, at most
MAX_AVATAR_BYTES and MAX_SOURCE_PIXELS), turned upright, cropped square, shrunk to
AVATAR_SIZE and written again as a new JPEG. Nothing of the original file survives: no
EXIF (camera, GPS position, time), no ICC profile, no comments, no second frame. It is
stored in private storage under a random name, which changes with every upload, so the
name stands for the picture in URLs and in the keys of cached pages that show it.
accounts.views.avatar serves it to those who may read the forum.

Without an upload a member is shown with their initials on a colour picked from their id
(CSS classes, no picture and no outside service).
"""

from __future__ import annotations

import io
import logging
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.models import User
from accounts.signals import byline_changed

logger = logging.getLogger(__name__)

MAX_AVATAR_BYTES = 5 * 1024 * 1024
# A 5 MB file can still claim to be a 100,000 x 100,000 picture (a decompression bomb):
# refuse before decoding it.
MAX_SOURCE_PIXELS = 40_000_000
AVATAR_SIZE = 256
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
CONTENT_TYPE = "image/jpeg"
AVATAR_DIRECTORY = "avatars"
HUES = 8


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="avatar")


def reencode(data: bytes) -> bytes:
    """The picture in `data` as a square AVATAR_SIZE JPEG with no metadata, or a
    ValidationError saying what is wrong with it."""
    if len(data) > MAX_AVATAR_BYTES:
        raise _refuse("The picture is larger than 5 MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise _refuse("Upload a JPEG, PNG, GIF or WebP picture.")
                width, height = probe.size
                if width * height > MAX_SOURCE_PIXELS:
                    raise _refuse("The picture has too many pixels; use a smaller one.")
                probe.seek(0)  # the first frame of an animation
                image = ImageOps.exif_transpose(probe)
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse("The picture has too many pixels; use a smaller one.") from None
    except UnidentifiedImageError:
        raise _refuse("That file is not a picture we can read.") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _refuse("That file is not a picture we can read.") from exc
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    else:
        image = image.convert("RGB")
    image = ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # A fresh image carries no info: saving it writes no EXIF, ICC profile or comment.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def _stored_name() -> str:
    return f"{AVATAR_DIRECTORY}/{uuid.uuid4().hex}.jpg"


def avatar_set(*, user: User, upload: UploadedFile) -> User:
    """Store a new picture for `user` (re-encoded) and drop the previous one."""
    if upload.size is not None and upload.size > MAX_AVATAR_BYTES:
        raise _refuse("The picture is larger than 5 MB.")
    data = reencode(upload.read(MAX_AVATAR_BYTES + 1))
    field = User._meta.get_field("avatar")
    storage = field.storage
    name = storage.save(_stored_name(), ContentFile(data))
    previous = user.avatar.name
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(avatar=name)
        transaction.on_commit(lambda: _delete_quietly(previous))
        byline_changed.send(sender=User, user_id=user.pk)
    user.avatar.name = name
    return user


def avatar_remove(*, user: User) -> User:
    previous = user.avatar.name
    if not previous:
        return user
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(avatar="")
        transaction.on_commit(lambda: _delete_quietly(previous))
        byline_changed.send(sender=User, user_id=user.pk)
    user.avatar.name = ""
    return user


def _delete_quietly(name: str) -> None:
    if not name:
        return
    storage = User._meta.get_field("avatar").storage
    try:
        storage.delete(name)
    except OSError:
        logger.warning("could not delete the replaced avatar %s", name)


def is_avatar_name(name: str) -> bool:
    """A name avatar_set could have made (what the serving view accepts)."""
    stem, _, extension = name.partition(".")
    return (
        extension == "jpg"
        and len(stem) == 32
        and all(character in "0123456789abcdef" for character in stem)
    )


def avatar_key(user: User) -> str:
    """The file's key for URLs: its random stem, or "" for no picture."""
    name = user.avatar.name or ""
    return name.rsplit("/", 1)[-1].removesuffix(".jpg") if name else ""


def avatar_url(user: User) -> str:
    """Where the member's uploaded picture is served, or "" for none."""
    key = avatar_key(user)
    return reverse("members:avatar", args=[user.pk, key]) if key else ""


def initials(name: str) -> str:
    """Up to two initials of a public name ("Dana Reyes, LCSW" -> "DR"); "?" for none."""
    words = [word for word in name.split(",", 1)[0].split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def hue(user_id: int | None) -> int:
    return (user_id or 0) % HUES
