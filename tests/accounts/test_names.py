"""Public names: chosen at sign-up and in settings, never taken from the email (#22.7, #18.12)."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.names import clean_credentials_suffix, clean_display_name
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "jamie.lee@example.org",
    "display_name": "  Jamie   Lee ",
    "credentials_suffix": "LMFT",
    "time_zone": "America/Chicago",
    "password1": "a long calm passphrase 42",
    "password2": "a long calm passphrase 42",
}


def test_an_account_without_a_display_name_shows_no_part_of_its_email():
    user = factories.UserFactory(email="jane.doe.lcsw@example.org", display_name="")
    assert user.public_name == f"Member {user.pk}"
    assert "jane" not in user.public_name.lower() and "@" not in user.public_name
    assert str(user) == user.public_name


def test_the_credentials_suffix_follows_the_name_and_a_former_member_has_neither():
    user = factories.UserFactory(display_name="Dana Reyes", credentials_suffix="LCSW")
    assert user.public_name == "Dana Reyes, LCSW"
    user.deactivated_at = user.date_joined
    assert user.public_name == "Former member"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Dana   Reyes ", "Dana Reyes"),
        ("José Núñez-O'Brien", "José Núñez-O'Brien"),
        ("Nguyễn Thị Minh", "Nguyễn Thị Minh"),
        ("Dr. A. Smith (she/her)".replace("/", " "), "Dr. A. Smith (she her)"),
        ("Ｄａｎａ", "Dana"),  # full-width letters fold to plain ones
    ],
)
def test_display_names_are_trimmed_and_keep_names_of_every_script(typed, stored):
    assert clean_display_name(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("D", "min_length"),
        ("x" * 61, "max_length"),
        ("dana.reyes@example.org", "email"),
        ("Dana @dana", "email"),
        ("Dana (see https://example.org)", "url"),
        ("Dana at www.reyes-therapy", "url"),
        ("reyestherapy.com", "url"),
        ("12345", "letters"),
        ("Dana <b>Reyes</b>", "characters"),
        ("Dana\u200bReyes", "characters"),
        ("Member 12", "reserved"),
        ("former member", "reserved"),
    ],
)
def test_display_names_that_are_contact_details_or_markup_are_refused(typed, code):
    with pytest.raises(ValidationError) as raised:
        clean_display_name(typed)
    assert raised.value.code == code


def test_credentials_suffixes_are_optional_and_checked():
    assert clean_credentials_suffix("  PhD,  LP ,") == "PhD, LP"
    assert clean_credentials_suffix("") == ""
    assert clean_credentials_suffix("PMHNP-BC") == "PMHNP-BC"
    for bad in ("me@example.org", "see www.example", "x" * 31, "LCSW <script>"):
        with pytest.raises(ValidationError):
            clean_credentials_suffix(bad)


def test_the_migration_names_existing_members_without_their_email_and_resets_bad_zones():
    migration = importlib.import_module("accounts.migrations.0005_member_names_time_zones_avatars")
    unnamed = factories.UserFactory(email="old.timer@example.org", display_name="")
    named = factories.UserFactory(display_name="Sam Ortiz")
    User.objects.filter(pk=unnamed.pk).update(time_zone="Mars/Olympus_Mons")
    migration.name_and_zone_existing_members(apps, None)
    unnamed.refresh_from_db()
    named.refresh_from_db()
    assert unnamed.display_name == f"Member {unnamed.pk}"
    assert unnamed.time_zone == "UTC"
    assert named.display_name == "Sam Ortiz" and named.time_zone == "UTC"


# --- sign-up --------------------------------------------------------------------------


def test_sign_up_stores_the_display_name_suffix_and_browser_time_zone(client: Client):
    response = client.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get(email="jamie.lee@example.org")
    assert (user.display_name, user.credentials_suffix, user.time_zone) == (
        "Jamie Lee",
        "LMFT",
        "America/Chicago",
    )
    assert user.public_name == "Jamie Lee, LMFT"


@pytest.mark.parametrize("guess", ["", "Mars/Olympus_Mons", "localtime", "x" * 500])
def test_a_missing_or_unknown_browser_time_zone_starts_the_member_on_utc(client, guess):
    response = client.post(reverse("account_signup"), {**SIGN_UP, "time_zone": guess})
    assert response.status_code == 302
    assert User.objects.get(email=SIGN_UP["email"]).time_zone == "UTC"


def test_sign_up_asks_for_a_name_and_ties_the_error_to_its_input(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in page and 'name="credentials_suffix"' in page
    assert "data-browser-time-zone" in page
    response = client.post(
        reverse("account_signup"), {**SIGN_UP, "display_name": "jamie.lee@example.org"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email=SIGN_UP["email"]).exists()
    page = response.content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_display_name"' in summary and "cannot contain “@”" in summary
    display_input = re.search(r"<input[^>]*name=\"display_name\"[^>]*>", page).group(0)
    assert 'aria-invalid="true"' in display_input
    assert "id_display_name_error" in display_input
    assert 'id="id_display_name_error"' in page


def test_a_sign_up_never_shows_its_email_as_the_name(client):
    client.post(reverse("account_signup"), {**SIGN_UP, "email": "unique.handle.77@example.org"})
    user = User.objects.get(email="unique.handle.77@example.org")
    assert "unique.handle" not in user.public_name
