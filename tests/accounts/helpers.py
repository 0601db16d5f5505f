"""Helpers for tests across the suite: make a user a verified clinician."""

from __future__ import annotations

import datetime
import itertools
import time

from django.test import Client
from django.utils import timezone

from accounts.choices import LicenseState, LicenseType, VerificationMethod
from accounts.models import License, LicenseStatusChange, User

_numbers = itertools.count(1000)


def grant_verified_license(
    user: User,
    *,
    license_type: str = LicenseType.LCSW,
    jurisdiction: str = "US-OR",
    expires_on: datetime.date | None = None,
) -> License:
    """A verified, current license (with its history), as a moderator would leave it.

    Moderators and staff personas also get a TOTP authenticator, because the
    product requires MFA before they reach the admin and moderation pages.
    """
    now = timezone.now()
    license = License.objects.create(
        user=user,
        license_type=license_type,
        jurisdiction=jurisdiction,
        number=f"T{next(_numbers)}",
        holder_name=user.display_name or user.email,
        expires_on=expires_on or (timezone.localdate() + datetime.timedelta(days=365)),
        state=LicenseState.VERIFIED,
        verification_method=VerificationMethod.MANUAL,
        verified_at=now,
    )
    LicenseStatusChange.objects.create(
        license=license,
        from_state=LicenseState.PENDING,
        to_state=LicenseState.VERIFIED,
        method=VerificationMethod.MANUAL,
        reason="Granted by a test fixture.",
    )
    if user.is_staff or user.is_superuser or user.is_moderator:
        enroll_totp(user)
    return license


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 -- test-only secret


def enroll_totp(user: User, secret: str = TEST_TOTP_SECRET) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


def current_totp_code(secret: str = TEST_TOTP_SECRET, *, margin: float = 4.0) -> str:
    """The code of the current 30-second window, with at least `margin` seconds of the
    window left: a code read just before the window turns is refused by the time a loaded
    machine handles the request (allauth accepts only the current window), so near the end
    of a window this waits for the next one."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.05)
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


def with_powers(user: User) -> User:
    """The user as a domain function sees a moderator or staff member acting in a session
    that passed TOTP (accounts.access); plain Users loaded outside a request have none."""
    from accounts.powers import grant_powers_outside_a_session

    return grant_powers_outside_a_session(user, reason="test")


def sign_in_with_totp(client: Client, user: User) -> Client:
    """Sign `client` in as allauth's sign-in with a TOTP code leaves it: signed in, with the
    password and the TOTP pass in the session's authentication records (written by allauth's
    own record_authentication). `client.force_login` alone is a password-only session."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.test import RequestFactory

    enroll_totp(user)
    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
    session.save()
    return client


# A license in each standing that does not let its holder read topics (issue 22 item 2),
# by the persona's name: none at all, awaiting review, past its expiry date (before and
# after the nightly job marks it expired), rejected, revoked.
UNLICENSED_STANDINGS = ("no_license", "pending", "lapsed", "expired", "rejected", "revoked")


def give_license_in_standing(user: User, standing: str) -> License | None:
    """`user` holding a license in `standing` (one of UNLICENSED_STANDINGS), or none."""
    if standing == "no_license":
        return None
    today = timezone.localdate()
    state, expires_on, verified_at = {
        "pending": (LicenseState.PENDING, today + datetime.timedelta(days=300), None),
        # Verified, and its date passed today: the nightly job has not marked it yet.
        "lapsed": (LicenseState.VERIFIED, today - datetime.timedelta(days=1), timezone.now()),
        "expired": (LicenseState.EXPIRED, today - datetime.timedelta(days=3), timezone.now()),
        "rejected": (LicenseState.REJECTED, today + datetime.timedelta(days=300), None),
        "revoked": (LicenseState.REVOKED, today + datetime.timedelta(days=300), timezone.now()),
    }[standing]
    return License.objects.create(
        user=user,
        license_type=LicenseType.LCSW,
        jurisdiction="US-OR",
        number=f"S{next(_numbers)}",
        holder_name=user.display_name or user.email,
        expires_on=expires_on,
        state=state,
        verification_method=VerificationMethod.MANUAL,
        verified_at=verified_at,
    )


def form_fields(html: str, form_id: str) -> dict[str, str | list[str]]:
    """What a browser would submit from the form `form_id` in `html` as it stands: text,
    hidden and other inputs, checked boxes, selected options (a list for a multiple select)
    and text areas. Disabled fields and buttons are left out."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.inside = False
            self.fields: dict[str, str | list[str]] = {}
            self.select: tuple[str, bool] | None = None
            self.textarea: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {key: value or "" for key, value in attrs}
            if tag == "form":
                self.inside = a.get("id") == form_id
            if not self.inside or "disabled" in a:
                return
            name = a.get("name", "")
            if tag == "input" and name:
                kind = a.get("type", "text")
                if kind in ("submit", "button", "image", "file"):
                    return
                if kind in ("checkbox", "radio") and "checked" not in a:
                    return
                self.fields[name] = a.get("value", "on" if kind == "checkbox" else "")
            elif tag == "select" and name:
                self.select = (name, "multiple" in a)
                self.fields[name] = [] if "multiple" in a else ""
            elif tag == "option" and self.select is not None and "selected" in a:
                name, multiple = self.select
                value = a.get("value", "")
                if multiple:
                    self.fields[name].append(value)  # type: ignore[union-attr]
                else:
                    self.fields[name] = value
            elif tag == "textarea" and name:
                self.textarea = name
                self.fields[name] = ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "form":
                self.inside = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data: str) -> None:
            if self.textarea is not None:
                self.fields[self.textarea] += data.removeprefix("\n")  # type: ignore[operator]

    reader = Reader()
    reader.feed(html)
    if not reader.fields:
        raise AssertionError(f"no form {form_id!r} with fields in the page")
    return reader.fields
