"""Members' @handles: what a mention names (forum/rendering.py finds them in a post).

Every member has one. Sign-up proposes it from the display name (or takes the one the
member typed); settings change it. A handle is stored in lower case, so uniqueness is
case-insensitive. A handle a member gave up stays theirs for HELD_FOR: nobody else may
take it, and a mention of it still reaches them (resolve_mentions), so a colleague who
wrote the old one is not sent to a stranger. Changes are limited to CHANGES_PER_WINDOW in
CHANGE_WINDOW, which keeps handles from churning through the hold (staff changing it in the
admin are not limited).

The history (HandleChange) is written by the database, not here: a trigger on the user
table records every change of a handle, whatever path made it (settings, the admin's user
form, a script), so none can leave an old handle unheld (migration 0012; 0014 on SQLite).
The trigger cannot know who made it: the paths that know say so in the same transaction
(changes_made_by: the member in settings, staff in the admin), and a change no path
claimed stays "unknown". Only the member's own changes count towards their limit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import HandleChange, HandleChangedBy, User
from accounts.signals import byline_changed

HANDLE_MIN = 2
HANDLE_MAX = 30
HELD_FOR = timedelta(days=90)
CHANGE_WINDOW = timedelta(days=30)
CHANGES_PER_WINDOW = 3

# A letter or digit first and last; letters, digits, "_", "." and "-" between. The ends
# matter: forum.rendering.mentioned_handles drops a trailing "." or "-" (end of sentence).
_HANDLE = re.compile(r"^[a-z0-9](?:[a-z0-9_.-]*[a-z0-9])?$")
# Names that read as addressing the site or a whole audience, or as an official account.
RESERVED = frozenset(
    {
        "admin",
        "administrator",
        "admins",
        "all",
        "anyone",
        "everyone",
        "here",
        "help",
        "me",
        "member",
        "members",
        "mod",
        "moderator",
        "moderators",
        "mods",
        "none",
        "null",
        "official",
        "root",
        "security",
        "staff",
        "support",
        "system",
        "team",
        "you",
        "clinician-commons",
        "cliniciancommons",
    }
)


def slug_from_name(name: str) -> str:
    """The handle a display name suggests: "Dana Reyes-Ortiz" -> "dana.reyes-ortiz"
    (accents dropped, other characters gone, at most HANDLE_MAX characters)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", ascii_name.lower())
    slug = ".".join(words)[:HANDLE_MAX].strip("._-")
    return slug


def _held_by_other(handle: str, user: User | None) -> bool:
    changes = HandleChange.objects.filter(
        old_handle=handle, changed_at__gte=timezone.now() - HELD_FOR
    )
    if user is not None and user.pk is not None:
        changes = changes.exclude(user=user)
    return changes.exists()


def _taken(handle: str, user: User | None) -> bool:
    others = User.objects.filter(handle=handle)
    if user is not None and user.pk is not None:
        others = others.exclude(pk=user.pk)
    return others.exists() or _held_by_other(handle, user)


def clean_handle(value: str, *, user: User | None = None) -> str:
    """The handle as stored (trimmed, a leading "@" dropped, lower case), or a
    ValidationError saying why it cannot be used."""
    handle = (value or "").strip().removeprefix("@").lower()
    if not handle:
        raise ValidationError("Enter a handle, e.g. “dana.reyes”.", code="required")
    if len(handle) < HANDLE_MIN or len(handle) > HANDLE_MAX:
        raise ValidationError(
            f"Use {HANDLE_MIN} to {HANDLE_MAX} characters (this has {len(handle)}).",
            code="length",
        )
    if not _HANDLE.match(handle):
        raise ValidationError(
            "Use lower-case letters a-z, digits, “.”, “_” and “-” only, starting and ending "
            "with a letter or digit.",
            code="characters",
        )
    if handle in RESERVED:
        raise ValidationError(
            f"“@{handle}” is kept for the site; choose another handle.", code="reserved"
        )
    if _taken(handle, user):
        raise ValidationError(f"“@{handle}” is taken; choose another handle.", code="taken")
    return handle


def propose_handle(name: str, *, wanted: str = "") -> str:
    """A free handle for a new member: `wanted` when it is valid and free, else one from
    the display name, numbered ("dana.reyes2") when that is taken or reserved."""
    if wanted:
        try:
            return clean_handle(wanted)
        except ValidationError:
            pass
    base = slug_from_name(name)
    if len(base) < HANDLE_MIN:
        base = "member"
    for number in range(1, 10_000):
        suffix = "" if number == 1 else str(number)
        candidate = base[: HANDLE_MAX - len(suffix)].rstrip("._-") + suffix
        try:
            return clean_handle(candidate)
        except ValidationError:
            continue
    raise RuntimeError(f"No free handle for {base!r}")  # pragma: no cover -- 10,000 taken


def assign_new_member_handle(user: User, *, wanted: str = "") -> None:
    """Give a member who is being created (or has none) a handle, saving them. Two sign-ups
    that propose the same handle at once: the second's unique violation picks the next."""
    for _ in range(5):
        user.handle = propose_handle(user.display_name or "", wanted=wanted)
        try:
            with transaction.atomic():
                user.save()
            return
        except IntegrityError:
            if not User.objects.filter(handle=user.handle).exclude(pk=user.pk).exists():
                raise
            wanted = ""
    raise ValidationError("Could not find a free handle; try again.", code="taken")


def changes_left(user: User) -> int:
    """How many more changes the member may make now: their own changes in CHANGE_WINDOW
    count, not those staff made in the admin nor unknown ones (a script)."""
    recent = HandleChange.objects.filter(
        user=user,
        changed_by=HandleChangedBy.MEMBER,
        changed_at__gte=timezone.now() - CHANGE_WINDOW,
    ).count()
    return max(0, CHANGES_PER_WINDOW - recent)


@contextmanager
def changes_made_by(*, user_id: int, changed_by: str, actor: User | None) -> Iterator[None]:
    """The changes of `user_id`'s handle the database records inside this block were made
    by `changed_by` ("member" or "staff"), `actor` the person. The member's row is locked
    first, so no other change of their handle (a script's) falls between and is claimed.
    Call inside the transaction that changes the handle."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user_id).values_list("pk").first()
        before = HandleChange.objects.filter(user_id=user_id).aggregate(last=Max("pk"))["last"]
        yield
        HandleChange.objects.filter(
            user_id=user_id, pk__gt=before or 0, changed_by=HandleChangedBy.UNKNOWN
        ).update(changed_by=changed_by, actor=actor)


def handle_change(*, user: User, handle: str) -> bool:
    """Set the member's handle; True if it changed. The old one is recorded (held for the
    member, and still resolving to them). A ValidationError says why not."""
    new = clean_handle(handle, user=user)
    if new == user.handle:
        return False
    if user.handle and not changes_left(user):
        raise ValidationError(
            f"You changed your handle {CHANGES_PER_WINDOW} times in the last "
            f"{CHANGE_WINDOW.days} days; keep “@{user.handle}” for now.",
            code="rate",
        )
    try:
        with transaction.atomic():
            # Serialised with other writes to this member's row; the update records the old
            # handle (the database's trigger writes the HandleChange), made by the member.
            with changes_made_by(user_id=user.pk, changed_by=HandleChangedBy.MEMBER, actor=user):
                User.objects.filter(pk=user.pk).update(handle=new)
            byline_changed.send(sender=User, user_id=user.pk)
    except IntegrityError as error:
        raise ValidationError(
            f"“@{new}” was taken a moment ago; choose another handle.", code="taken"
        ) from error
    user.handle = new
    return True


def resolve_mentions(handles: set[str]) -> dict[str, User]:
    """The active members that `handles` name: by their current handle, else by one they
    gave up within HELD_FOR (a mention written with the old handle reaches them)."""
    if not handles:
        return {}
    found = {
        user.handle: user
        for user in User.objects.filter(handle__in=handles, is_active=True)
        if user.handle
    }
    missing = handles - found.keys()
    if missing:
        changes = (
            HandleChange.objects.filter(
                old_handle__in=missing,
                changed_at__gte=timezone.now() - HELD_FOR,
                user__is_active=True,
            )
            .select_related("user")
            .order_by("old_handle", "-changed_at", "-pk")
        )
        for change in changes:
            found.setdefault(change.old_handle, change.user)
    return found
