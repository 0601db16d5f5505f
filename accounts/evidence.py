"""License evidence: PDF, PNG or JPEG up to 10 MB, with the type read from the content."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class EvidenceKind:
    content_type: str
    extension: str


PDF = EvidenceKind("application/pdf", "pdf")
PNG = EvidenceKind("image/png", "png")
JPEG = EvidenceKind("image/jpeg", "jpg")
KINDS_BY_TYPE = {kind.content_type: kind for kind in (PDF, PNG, JPEG)}


def _read_all(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = upload.read(MAX_EVIDENCE_BYTES + 1)
    upload.seek(0)
    return data


def _image_is_sound(data: bytes, expected_format: str) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def validate_evidence(upload: UploadedFile) -> EvidenceKind:
    """The file's real kind, or a ValidationError that says what is wrong with it."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError("The file is empty. Upload a PDF, PNG or JPEG of your license.")
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is 10 MB. "
            "A photo or scan at a lower resolution is fine."
        )
    data = _read_all(upload)
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError("The file is larger than 10 MB.")
    if not data:
        raise ValidationError("The file is empty. Upload a PDF, PNG or JPEG of your license.")
    if data.startswith(PDF_MAGIC):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError("This PDF is incomplete or damaged (it has no end marker).")
        return PDF
    if data.startswith(PNG_MAGIC):
        if not _image_is_sound(data, "PNG"):
            raise ValidationError("This PNG image is damaged and cannot be opened.")
        return PNG
    if data.startswith(JPEG_MAGIC):
        if not _image_is_sound(data, "JPEG"):
            raise ValidationError("This JPEG image is damaged and cannot be opened.")
        return JPEG
    raise ValidationError(
        "This file is not a PDF, PNG or JPEG (its content says otherwise, whatever its name). "
        "Upload a scan or photo of your license in one of those formats."
    )
