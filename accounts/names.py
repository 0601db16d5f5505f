"""Members' public names: a display name they choose, never anything taken from their email.

A member is shown as their display name, with the credentials suffix they declared
("Dana Reyes, LCSW"). An account without a display name (made before sign-up asked for
one, or by staff in the admin) is shown as "Member <id>": neutral, and nothing of the
email (issue 18, item 12).
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

DISPLAY_NAME_MIN = 2
DISPLAY_NAME_MAX = 60
SUFFIX_MAX = 30
FORMER_MEMBER = "Former member"

# The User columns an author's byline reads (public_name, the avatar and the @handle), for `.only()`
# on querysets that show authors, and for the keys of cached pages that show them.
AUTHOR_FIELDS = ("display_name", "credentials_suffix", "deactivated_at", "avatar", "handle")


def author_fields(prefix: str) -> tuple[str, ...]:
    """AUTHOR_FIELDS through a relation: author_fields("author__")."""
    return tuple(prefix + name for name in AUTHOR_FIELDS)


# Punctuation names and degrees use; everything else must be a letter, digit or mark.
_NAME_PUNCTUATION = frozenset(" .,'’-()&")
_SUFFIX_PUNCTUATION = frozenset(" .,-/()&")
_URL = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|\bwww\.|\b[\w-]+\.(?:com|org|net|info|biz|io|co|us|uk|ca|au|"
    r"de|fr|me|app|dev|health|care|clinic|edu|gov|ly|link|site|online|xyz)\b)",
    re.IGNORECASE,
)
# The fallback names: nobody may pick one and pass for another account.
_RESERVED = re.compile(r"^(?:member\s*#?\s*\d+|former member)$", re.IGNORECASE)


def fallback_name(user_id: int | None) -> str:
    return f"Member {user_id}" if user_id is not None else "Member"


def public_name(
    *, user_id: int | None, display_name: str, credentials_suffix: str, deactivated: bool
) -> str:
    if deactivated:
        return FORMER_MEMBER
    name = display_name or fallback_name(user_id)
    return f"{name}, {credentials_suffix}" if credentials_suffix else name


def _normalise(value: str) -> str:
    # NFKC folds look-alike forms (full-width letters, ligatures) into plain ones.
    return " ".join(unicodedata.normalize("NFKC", value or "").split())


def _allowed(character: str, punctuation: frozenset[str]) -> bool:
    return (
        character.isalnum()
        or character in punctuation
        or unicodedata.category(character).startswith("M")
    )


def _refuse_contact_details(value: str, what: str) -> None:
    if "@" in value:
        raise ValidationError(
            f"Your {what} cannot contain “@”: it must not be an email address or a handle.",
            code="email",
        )
    if _URL.search(value):
        raise ValidationError(
            f"Your {what} cannot contain a web address.",
            code="url",
        )


def _check_length(value: str, maximum: int) -> None:
    if len(value) > maximum:
        raise ValidationError(
            f"Use at most {maximum} characters (this has {len(value)}).", code="max_length"
        )


def _check_characters(value: str, punctuation: frozenset[str]) -> None:
    bad = sorted({c for c in value if not _allowed(c, punctuation)})
    if bad:
        listed = " ".join(sorted(punctuation - {" "}))
        shown = " ".join(repr(c) for c in bad[:5])
        raise ValidationError(
            f"Use letters, digits, spaces and {listed} only (not {shown}).", code="characters"
        )


def clean_display_name(value: str) -> str:
    """The display name as stored: trimmed, single-spaced, or a ValidationError saying why."""
    name = _normalise(value)
    if not name:
        raise ValidationError("Enter the name colleagues will see.", code="required")
    if len(name) < DISPLAY_NAME_MIN:
        raise ValidationError(f"Use at least {DISPLAY_NAME_MIN} characters.", code="min_length")
    _check_length(name, DISPLAY_NAME_MAX)
    _refuse_contact_details(name, "display name")
    if not any(character.isalpha() for character in name):
        raise ValidationError("A display name needs at least one letter.", code="letters")
    _check_characters(name, _NAME_PUNCTUATION)
    if _RESERVED.match(name):
        raise ValidationError(
            "That name is kept for accounts without one; choose your own.", code="reserved"
        )
    return name


def clean_credentials_suffix(value: str) -> str:
    """The optional suffix ("LCSW", "PhD, LP"), trimmed, or a ValidationError."""
    suffix = _normalise(value).strip(" ,")
    if not suffix:
        return ""
    _check_length(suffix, SUFFIX_MAX)
    _refuse_contact_details(suffix, "credentials")
    _check_characters(suffix, _SUFFIX_PUNCTUATION)
    return suffix
