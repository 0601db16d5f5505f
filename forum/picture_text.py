"""The text inside pictures posted, read with Tesseract so screening reads it like words.

A photographed chart or a screenshot of a record carries a client's name in its pixels,
which the description never says. Each picture a revision shows (RevisionImage) is read
once, by Debian's `tesseract` (packages tesseract-ocr and tesseract-ocr-eng, installed by
`make ocr`; nothing is downloaded at run time), and the words are kept on its PostImage
(`text`, `text_status`). moderation.revision_screening appends them to the text the
detectors read (identifiers, incivility, content warnings), and a case shows moderators
which picture a finding came from. The words never reach readers: they are not in the
body, so they are not rendered, indexed for search or quoted in snippets, notices or
digests; the member's data export gives them to the uploader only.

Where it runs: in the screening worker, when a revision showing the picture is screened,
not in the upload request. Reading takes a second or more of a CPU per picture (up to
READ_TIMEOUT_SECONDS): in the web process that would hold a gunicorn worker (two or three
per machine) for every upload, and a member uploading many pictures would slow every
page; the worker already stands between writing a post and anyone reading it, and a
failure there becomes a hold in the same step. The batch path pays for it: a task reads
the pictures of its own revision always, and those of the neighbours it takes from the
pending set only within BATCH_BUDGET_SECONDS; a neighbour left with an unread picture is
"deferred" to its own task message; a task stops reading after TASK_BUDGET_SECONDS, and
a picture of its own revision left unread then holds the revision like a failed one. A
picture is read once, whichever revision gets there first (an edit that keeps the picture
reuses the reading), and each reading is kept at once, so a retried task goes on from there.

Bounds: the stored picture (at most 2048 px a side, forum/images.py) is turned to
grayscale and shrunk to at most MAX_PIXELS before Tesseract sees it, Tesseract runs with
one thread and is killed after READ_TIMEOUT_SECONDS, and at most MAX_TEXT_CHARS of what it
printed is kept.

Fail safe: when Tesseract is not installed, fails, or times out, the picture is marked
FAILED with the reason, and screening holds the revision for a moderator ("the picture
could not be read automatically") and tells the author. A failed reading is not retried
automatically: the moderator looks at the picture itself, or, once Tesseract works,
`manage.py reread_pictures` (moderation/picture_rereading.py) reads it again and screens
the posts held for that alone again. So a machine without Tesseract
(`make run` on a laptop) still works; posts with pictures wait for a moderator there.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess  # nosec B404 - a fixed argument list, no shell, our own file on stdin
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from PIL import Image

from forum.models import PictureTextStatus, PostImage, Revision, RevisionImage
from forum.rendering import IMAGE_URL, images_in

logger = logging.getLogger(__name__)

# The command; a deployment can point at another path (TESSERACT_COMMAND).
TESSERACT = os.environ.get("TESSERACT_COMMAND", "tesseract")
READ_TIMEOUT_SECONDS = 20.0
# Grayscale pixels handed to Tesseract at most (about 2000 x 1500): enough for text a
# person can read in the stored picture, bounded in time and memory.
MAX_PIXELS = 3_000_000
MAX_TEXT_CHARS = 5000
# What a screening task spends reading its neighbours' pictures, and at most in all: the
# broker redelivers a task still unacknowledged after 300 s (visibility_timeout).
BATCH_BUDGET_SECONDS = 10.0
TASK_BUDGET_SECONDS = 120.0

UNREADABLE = "the picture could not be read automatically"


@dataclass(frozen=True)
class Reading:
    status: str  # PictureTextStatus.READ or FAILED
    text: str = ""
    error: str = ""


def tesseract_path() -> str | None:
    """The Tesseract binary, or None when it is not installed."""
    return shutil.which(TESSERACT)


def _prepared_png(data: bytes) -> bytes:
    """The picture in grayscale, at most MAX_PIXELS, as PNG for Tesseract's stdin."""
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        image = opened.convert("L")
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        scale = (MAX_PIXELS / pixels) ** 0.5
        size = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _clean(raw: bytes) -> str:
    lines = [" ".join(line.split()) for line in raw.decode("utf-8", "replace").splitlines()]
    text = "\n".join(line for line in lines if line)
    return text[:MAX_TEXT_CHARS]


def read_bytes(data: bytes, *, timeout: float | None = None) -> Reading:
    """The text Tesseract reads in the picture `data`; never raises."""
    binary = tesseract_path()
    if binary is None:
        return Reading(PictureTextStatus.FAILED, error="Tesseract is not installed")
    try:
        png = _prepared_png(data)
    except Exception as exc:  # a stored file we wrote ourselves; still, never raise
        return Reading(PictureTextStatus.FAILED, error=f"could not open the picture: {exc}"[:200])
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments, no shell
            [binary, "stdin", "stdout", "-l", "eng", "--psm", "3"],
            input=png,
            capture_output=True,
            timeout=READ_TIMEOUT_SECONDS if timeout is None else timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Reading(PictureTextStatus.FAILED, error="Tesseract timed out")
    except OSError as exc:
        return Reading(PictureTextStatus.FAILED, error=f"Tesseract did not start: {exc}"[:200])
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:120]
        return Reading(
            PictureTextStatus.FAILED,
            error=f"Tesseract failed (exit {done.returncode}): {detail}"[:200],
        )
    return Reading(PictureTextStatus.READ, text=_clean(done.stdout))


def read_image(image: PostImage) -> PostImage:
    """Read one stored picture unless it was read already, and keep the reading (a
    conditional update: a concurrent reader's result stands)."""
    if image.text_status != PictureTextStatus.UNREAD:
        return image
    started = time.perf_counter()
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        reading = Reading(PictureTextStatus.FAILED, error=f"the stored file is missing: {exc}")
    else:
        reading = read_bytes(data)
    if reading.status == PictureTextStatus.FAILED:
        logger.warning("picture %s could not be read: %s", image.pk, reading.error)
    else:
        logger.info(
            "picture %s read in %.2f s (%d characters)",
            image.pk,
            time.perf_counter() - started,
            len(reading.text),
        )
    now = timezone.now()
    PostImage.objects.filter(pk=image.pk, text_status=PictureTextStatus.UNREAD).update(
        text_status=reading.status,
        text=reading.text,
        text_error=reading.error[:200],
        text_read_at=now,
    )
    image.refresh_from_db(fields=["text_status", "text", "text_error", "text_read_at"])
    return image


@dataclass(frozen=True)
class Shown:
    """A picture as a revision shows it: the stored image and the description the body
    gives it (between the square brackets)."""

    image: PostImage
    description: str


def pictures_of(revisions: Iterable[Revision]) -> dict[int, list[Shown]]:
    """The pictures each revision shows (its RevisionImage rows), in the order of the body;
    one query for all, none when no body shows one of our pictures."""
    revisions = [r for r in revisions if IMAGE_URL.search(r.body)]
    if not revisions:
        return {}
    found: dict[int, dict[str, PostImage]] = {}
    # One instance per picture, shared by the revisions that show it: read once.
    instances: dict[int, PostImage] = {}
    for use in RevisionImage.objects.filter(
        revision_id__in=[r.pk for r in revisions]
    ).select_related("image"):
        image = instances.setdefault(use.image_id, use.image)
        found.setdefault(use.revision_id, {})[str(image.key)] = image
    ordered: dict[int, list[Shown]] = {}
    for revision in revisions:
        mine = found.get(revision.pk)
        if not mine:
            continue
        shown: dict[str, Shown] = {}
        for key, _url, alt in images_in(revision.body):
            if key in mine and key not in shown:
                shown[key] = Shown(mine[key], alt or mine[key].alt_text)
        ordered[revision.pk] = list(shown.values())
    return ordered


def unread(pictures: Sequence[Shown]) -> list[Shown]:
    return [p for p in pictures if p.image.text_status == PictureTextStatus.UNREAD]


def not_read(pictures: Sequence[Shown]) -> list[Shown]:
    """The pictures whose text screening does not have: failed, or left unread when the
    task ran out of time. Either holds the revision for a moderator."""
    return [p for p in pictures if p.image.text_status != PictureTextStatus.READ]


def with_text(pictures: Sequence[Shown]) -> list[Shown]:
    """The pictures whose reading found words: what screening appends to the text."""
    return [
        p
        for p in pictures
        if p.image.text_status == PictureTextStatus.READ and p.image.text.strip()
    ]
