"""Journeys through accounts: sign-up to a verified license, and a moderator with MFA."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from forum.models import Membership
from tests import factories
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, assert_accessible
from tests.e2e.helpers import expect, sign_in

pytestmark = pytest.mark.e2e


def _confirmation_link(mail: str) -> str:
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail)
    assert match, f"no confirmation link in:\n{mail}"
    return match.group(0)


def _sign_up_and_declare(journey: Journey, page: Any) -> None:
    """Journey 1: sign up, verify the email, declare a license, see posting blocked."""
    page.goto("/")
    page.get_by_role("link", name="Join with your license").click()
    journey.shoot(page, "sign-up page")
    assert_accessible(journey, page, "sign-up")
    page.get_by_label(re.compile(r"^Email:?$")).fill("jamie.lee@example.org")
    page.get_by_label(re.compile(r"^Display name:?$")).fill("Jamie Lee")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long calm passphrase 42")
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill("a long calm passphrase 42")
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("verify", re.I))
    journey.shoot(page, "asked to verify the email")

    mail = next(m for m in reversed(journey.stack.mails()) if "jamie.lee@example.org" in m)
    link = _confirmation_link(mail)
    page.goto(link.replace(re.match(r"https?://[^/]+", link).group(0), journey.stack.base_url))
    page.locator("form button[type=submit]").last.click()
    if page.get_by_label(re.compile(r"^Password:?$")).count():
        sign_in(page, "jamie.lee@example.org", password="a long calm passphrase 42")
    journey.shoot(page, "email verified")

    page.goto("/")
    expect(page.locator(".notice").first).to_contain_text(re.compile("license", re.I))
    page.goto("/me/licenses/new/")
    assert_accessible(journey, page, "license page")
    page.locator("select[name=license_type]").select_option("LMFT")
    page.locator("select[name=jurisdiction]").select_option("US-OR")
    page.get_by_label(re.compile("^License number")).fill("T98765")
    page.get_by_label(re.compile("^Your name as on the license")).fill("Jamie Lee")
    expires = timezone.localdate() + datetime.timedelta(days=400)
    page.get_by_label(re.compile("^Expiry date")).fill(expires.isoformat())
    from tests.accounts.files import png_bytes

    page.get_by_label(re.compile("^Evidence")).set_input_files(
        {"name": "license.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    journey.shoot(page, "license declared")
    page.get_by_role("button", name="Declare").click()
    journey.shoot(page, "after declaring")

    page.goto("/")
    block = page.locator(".notice").first
    expect(block).to_contain_text(re.compile("license", re.I))
    expect(block).to_contain_text(re.compile("review|pending|verif", re.I))
    journey.shoot(page, "posting blocked with an explanation")


def test_a_newcomer_signs_up_and_is_verified_by_a_moderator_with_mfa(journey: Journey) -> None:
    from tests.accounts.helpers import TEST_TOTP_SECRET

    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    oregon = factories.RegionalGroupFactory(
        created_by=organizer,
        name="Oregon Clinicians",
        slug="oregon",
        region="US-OR",
        requires_regional_license=True,
        purpose="Oregon-licensed clinicians following board news and referrals.",
    )
    dbt = factories.GroupFactory(
        created_by=organizer,
        name="DBT Practitioners",
        slug="dbt",
        modality="dbt",
        purpose="Skills groups, consultation teams and adherence questions in DBT.",
    )
    moderator = make_verified_clinician(
        display_name="Morgan Reed, LCSW",
        handle="morgan",
        email="morgan@example.org",
        is_moderator=True,
    )

    newcomer = journey.new_page()
    _sign_up_and_declare(journey, newcomer)
    member = User.objects.get(email="jamie.lee@example.org")
    newcomer.goto("/groups/oregon/")
    expect(newcomer.get_by_role("button", name="Join")).to_have_count(0)

    # Journey 2: the moderator signs in with a TOTP code and verifies the license.
    admin = journey.new_page()
    sign_in(admin, "morgan@example.org", totp_secret=TEST_TOTP_SECRET)
    journey.shoot(admin, "moderator signed in with a TOTP code")
    admin.goto("/admin/accounts/license/")
    admin.locator("tr", has_text="Jamie Lee").get_by_role("link", name="Review").click()
    journey.shoot(admin, "moderator reviews the license")
    admin.get_by_label(re.compile("Approve")).check()
    admin.get_by_label("Reason").fill("Matches the Oregon board's public lookup.")
    admin.get_by_role("button", name="Record decision").click()
    journey.shoot(admin, "license verified")
    assert member.licenses.filter(state="verified").exists()

    newcomer.goto("/")
    expect(newcomer.get_by_text("Before you can post")).to_have_count(0)
    for slug in ("oregon", "dbt"):
        newcomer.goto(f"/groups/{slug}/")
        newcomer.get_by_role("button", name="Join").click()
        expect(newcomer.get_by_text("You are a member")).to_be_visible()
    journey.shoot(newcomer, "joined both groups")
    assert set(
        Membership.objects.filter(user=member, state="active").values_list("group", flat=True)
    ) == {oregon.pk, dbt.pk}
    assert moderator.is_moderator
