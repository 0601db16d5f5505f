"""Images in posts: uploaded from the composer, re-encoded, served only where the text is.

An upload is decoded by Pillow only if its content is a PNG, JPEG, WebP or GIF (the first
frame), at most MAX_IMAGE_BYTES and MAX_SOURCE_PIXELS (a decompression-bomb guard, checked
before decoding). It is turned upright by its EXIF orientation, shrunk to MAX_SIDE at most
and written again from its pixels alone, so nothing of the original file survives: no EXIF
(camera, GPS position, time), XMP, ICC profile, comment or PNG text chunk. Pictures with
transparency or from PNG/GIF are stored as PNG, the rest as JPEG, in private storage under
a random name.

Every image needs a short description (alt text). The composer inserts
`![description](/images/<key>/)` into the body, so the description is part of the post's
text: the privacy, tone and warning checks and screening read it like any other words.
The text inside the picture is screened too: the screening worker reads it with Tesseract
(forum/picture_text.py, which says why there and not here, at upload) and screens it with
the post, so a photographed chart or a screenshot with a client's name holds the post like
the name typed would; a picture that cannot be read holds the post for a moderator. That
text is kept on the PostImage for screening, moderators and the uploader's export only:
never rendered, indexed or quoted. Nothing else in the pixels (a face, a scene) is looked
at by a model. What protects readers there is that an image reaches nobody but its
uploader (and the group's moderators in a TOTP-passed session) until screening publishes a
revision that shows it, and that a moderator can redact that revision, which takes its
images out of view too.

image_for_viewer decides who may see one: its uploader; otherwise someone who may read a
post whose published, unredacted revision references it (the one readers see now: an edit
that takes a picture out hides it once published, though older versions in the history
showed it) (RevisionImage, written with the
revision: only images the revision's editor uploaded), or who moderates that post's group.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.access import AnyUser, is_active_member
from accounts.models import User
from forum import access
from forum.choices import PostStatus
from forum.models import PostImage, Revision, RevisionImage, RevisionRedaction
from forum.rendering import images_in

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# A small file can claim to be a huge picture (a decompression bomb): refused before decoding.
MAX_SOURCE_PIXELS = 40_000_000
# Stored pictures are at most this wide or tall; larger ones are shrunk.
MAX_SIDE = 2048
ALT_MAX = 300
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
IMAGE_DIRECTORY = "post-images"
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg"}


def _refuse(message: str) -> ValidationError:
    return ValidationError({"image": [message]}, code="image")


@dataclass(frozen=True)
class Encoded:
    data: bytes
    content_type: str
    width: int
    height: int


def _decode(data: bytes) -> tuple[Image.Image, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                source_format = probe.format or ""
                if source_format not in ACCEPTED_FORMATS:
                    raise _refuse("Attach a PNG, JPEG, WebP or GIF picture.")
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
        raise _refuse(
            "That file is not a picture we can read: attach a PNG, JPEG, WebP or GIF."
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _refuse("That file is damaged or incomplete; we could not read the picture.") from exc
    return image, source_format


def reencode(data: bytes) -> Encoded:
    """The picture in `data` written again from its pixels alone, or a ValidationError
    (on "image") saying what is wrong with it."""
    if len(data) > MAX_IMAGE_BYTES:
        raise _refuse("The picture is larger than 5 MB.")
    if not data:
        raise _refuse("The file is empty; choose a picture to attach.")
    image, source_format = _decode(data)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    lossless = has_alpha or source_format in ("PNG", "GIF")
    mode = "RGBA" if has_alpha else "RGB"
    image = image.convert(mode)
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image carries no info: saving it writes no EXIF, XMP, ICC profile, comment
    # or text chunk, whatever the original had.
    clean = Image.new(mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    if lossless:
        clean.save(out, format="PNG", optimize=True)
        content_type = "image/png"
    else:
        clean.save(out, format="JPEG", quality=85, optimize=True)
        content_type = "image/jpeg"
    return Encoded(out.getvalue(), content_type, clean.width, clean.height)


def clean_alt(alt: str) -> str:
    """The description for Markdown's square brackets: one line, no brackets."""
    alt = " ".join(alt.replace("[", "(").replace("]", ")").split())
    if not alt:
        raise ValidationError(
            {"image_alt": ["Describe the picture in a few words for readers who cannot see it."]}
        )
    if len(alt) > ALT_MAX:
        raise ValidationError({"image_alt": [f"Keep the description under {ALT_MAX} characters."]})
    return alt


def image_upload(*, uploader: User, upload: UploadedFile | None, alt: str) -> PostImage:
    """Store a picture attached in the composer; the caller inserts image_markdown()."""
    errors: dict[str, list[str]] = {}
    try:
        alt = clean_alt(alt)
    except ValidationError as error:
        errors.update(error.message_dict)
    if upload is None:
        errors["image"] = ["Choose a picture to attach."]
    if errors:
        raise ValidationError(errors)
    assert upload is not None
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise _refuse("The picture is larger than 5 MB.")
    encoded = reencode(upload.read(MAX_IMAGE_BYTES + 1))
    key = uuid.uuid4()
    storage = PostImage._meta.get_field("file").storage
    name = storage.save(
        f"{IMAGE_DIRECTORY}/{key.hex}.{_EXTENSIONS[encoded.content_type]}",
        ContentFile(encoded.data),
    )
    try:
        with transaction.atomic():
            return PostImage.objects.create(
                key=key,
                uploader=uploader,
                file=name,
                content_type=encoded.content_type,
                width=encoded.width,
                height=encoded.height,
                size=len(encoded.data),
                alt_text=alt,
            )
    except Exception:
        storage.delete(name)
        raise


def image_markdown(image: PostImage) -> str:
    return f"![{image.alt_text}]({image.get_absolute_url()})"


def validate_body_images(*, author: User, body: str) -> None:
    """Every image of ours in `body` has a description and was uploaded by `author`."""
    ours = [(key, alt) for key, _url, alt in images_in(body) if key is not None]
    if not ours:
        return
    errors = []
    if any(not alt for _key, alt in ours):
        errors.append(
            "Describe every picture: write what it shows between the square brackets, "
            "as in ![a whiteboard with the session plan](...)."
        )
    keys = {key for key, _alt in ours}
    owned = {
        str(key)
        for key in PostImage.objects.filter(key__in=keys, uploader=author).values_list(
            "key", flat=True
        )
    }
    if keys - owned:
        errors.append("The post shows a picture you did not attach here; attach your own.")
    if errors:
        raise ValidationError({"body": errors})


def link_revision_images(revision: Revision) -> None:
    """Record the images `revision` shows that its editor uploaded (with the revision)."""
    keys = {key for key, _url, _alt in images_in(revision.body) if key is not None}
    if not keys:
        return
    images = PostImage.objects.filter(key__in=keys, uploader_id=revision.editor_id)
    RevisionImage.objects.bulk_create(
        [RevisionImage(revision=revision, image=image) for image in images],
        ignore_conflicts=True,
    )


def image_for_viewer(user: AnyUser, key: uuid.UUID) -> PostImage:
    """The image, if `user` may see it; otherwise 404 (whether or not it exists)."""
    if not is_active_member(user):
        raise Http404("No such image.")
    image = PostImage.objects.filter(key=key).first()
    if image is None:
        raise Http404("No such image.")
    if image.uploader_id == user.pk:
        return image
    uses = RevisionImage.objects.filter(image=image).select_related("revision")
    for use in uses:
        try:
            post = access.post_for_reader(user, use.revision.post_id)
        except (Http404, PermissionDenied):
            continue
        if access.sees_unpublished_revisions(user, post):
            return image
        if (
            post.status == PostStatus.PUBLISHED
            and post.published_revision_id == use.revision_id
            and not RevisionRedaction.objects.filter(revision_id=use.revision_id).exists()
        ):
            return image
    raise Http404("No such image.")
