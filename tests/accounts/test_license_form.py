"""Declaring a license through the site: bad input gets a clear message and saves nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.choices import LicenseState
from accounts.evidence import MAX_EVIDENCE_BYTES
from accounts.models import License, LicenseStatusChange
from tests import factories
from tests.accounts import files


@pytest.fixture
def applicant(db: None):  # type: ignore[no-untyped-def]
    return factories.UserFactory(display_name="Jamie Lee")


@pytest.fixture
def signed_in(client: Client, applicant) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(applicant)
    return client


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "license_type": "LPC",
        "jurisdiction": "US-WA",
        "number": "LH60123456",
        "holder_name": "Jamie Lee",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=300)).isoformat(),
        "npi": "",
    }
    data.update(overrides)
    return data


def post(client: Client, **overrides: object):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:license_add"), form_data(**overrides))


def assert_nothing_saved(private_dir) -> None:  # type: ignore[no-untyped-def]
    assert License.objects.count() == 0
    assert LicenseStatusChange.objects.count() == 0
    assert not any(p.is_file() for p in private_dir.rglob("*"))


def test_a_license_with_evidence_is_declared_and_goes_to_review(
    signed_in: Client, applicant
) -> None:  # type: ignore[no-untyped-def]
    response = post(signed_in, evidence=files.pdf_upload())
    assert response.status_code == 302
    license = License.objects.get(user=applicant)
    assert license.state == LicenseState.PENDING
    assert license.evidence_content_type == "application/pdf"
    assert license.evidence.name.startswith("evidence/")
    page = signed_in.get(reverse("accounts:profile"))
    assert "Pending review" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"number": "<script>"}, "number", "letters, digits"),
        ({"number": "AB"}, "number", "too short"),
        ({"number": "ABCDEF"}, "number", "at least one digit"),
        ({"number": ""}, "number", "required"),
        ({"expires_on": "2027-02-30"}, "expires_on", "real date"),
        ({"expires_on": "not a date"}, "expires_on", "real date"),
        ({"expires_on": "2001-01-01"}, "expires_on", "in the past"),
        ({"expires_on": "2199-01-01"}, "expires_on", "too far ahead"),
        ({"npi": "1234567890"}, "npi", "check digit"),
        ({"npi": "12345"}, "npi", "10 digits"),
        ({"npi": "1234567893", "jurisdiction": "CA"}, "npi", "US licenses only"),
        ({"jurisdiction": "XX"}, "jurisdiction", "Select a valid choice"),
        ({"license_type": "OTHER"}, "license_type_other", "Name your license type"),
        ({"holder_name": "   "}, "holder_name", "required"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    signed_in: Client, tmp_path, overrides: dict[str, object], field: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = post(signed_in, **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode() or message in str(errors)
    assert_nothing_saved(tmp_path)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (files.upload("license.pdf", b"MZ\x90\x00 this is an exe"), "not a PDF, PNG or JPEG"),
        (files.upload("license.png", b"<html><script>alert(1)</script>", "image/png"), "not a PDF"),
        (files.upload("license.pdf", b"%PDF-1.4 truncated", "application/pdf"), "incomplete"),
        (files.upload("license.png", files.png_bytes()[:40], "image/png"), "damaged"),
        (files.upload("license.jpg", b"\xff\xd8\xff\xe0garbage", "image/jpeg"), "damaged"),
        (files.upload("license.pdf", b"", "application/pdf"), "empty"),
    ],
)
def test_wrong_spoofed_or_empty_files_are_refused(
    signed_in: Client, tmp_path, upload, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = post(signed_in, evidence=upload)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["evidence"])
    assert_nothing_saved(tmp_path)


def test_an_oversized_file_is_refused(signed_in: Client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = files.PDF_BYTES[:-6] + b"0" * MAX_EVIDENCE_BYTES + b"%%EOF\n"
    response = post(signed_in, evidence=files.upload("license.pdf", big, "application/pdf"))
    assert response.status_code == 200
    assert "10 MB" in " ".join(response.context["form"].errors["evidence"])
    assert_nothing_saved(tmp_path)


def test_the_type_comes_from_the_content_not_the_name(signed_in: Client, applicant) -> None:  # type: ignore[no-untyped-def]
    response = post(
        signed_in, evidence=files.upload("scan.pdf", files.png_bytes(), "application/pdf")
    )
    assert response.status_code == 302
    license = License.objects.get(user=applicant)
    assert license.evidence_content_type == "image/png"
    assert license.evidence.name.endswith(".png")


def test_a_duplicate_license_is_refused(signed_in: Client, applicant, client: Client) -> None:  # type: ignore[no-untyped-def]
    assert post(signed_in).status_code == 302
    response = post(signed_in, number="lh-6012 3456")
    assert "already declared this license" in " ".join(response.context["form"].errors["number"])
    other = factories.UserFactory()
    other_client = Client()
    other_client.force_login(other)
    response = post(other_client)
    assert "another account" in " ".join(response.context["form"].errors["number"])
    assert License.objects.count() == 1


def test_evidence_can_be_added_later_and_sends_the_license_to_review(
    signed_in: Client, applicant
) -> None:  # type: ignore[no-untyped-def]
    post(signed_in)
    license = License.objects.get(user=applicant)
    assert license.state == LicenseState.UNVERIFIED
    response = signed_in.post(
        reverse("accounts:evidence_upload", args=[license.pk]), {"evidence": files.png_upload()}
    )
    assert response.status_code == 302
    license.refresh_from_db()
    assert license.state == LicenseState.PENDING


def test_bad_evidence_added_later_is_refused_with_a_message(signed_in: Client, applicant) -> None:  # type: ignore[no-untyped-def]
    post(signed_in)
    license = License.objects.get(user=applicant)
    response = signed_in.post(
        reverse("accounts:evidence_upload", args=[license.pk]),
        {"evidence": files.upload("x.pdf", b"GIF89a....")},
        follow=True,
    )
    assert "Evidence not uploaded" in response.content.decode()
    license.refresh_from_db()
    assert license.state == LicenseState.UNVERIFIED
    assert not license.evidence


def test_nobody_else_can_add_evidence_to_a_license(
    signed_in: Client, applicant, client: Client
) -> None:  # type: ignore[no-untyped-def]
    post(signed_in)
    license = License.objects.get(user=applicant)
    intruder = Client()
    intruder.force_login(factories.UserFactory())
    response = intruder.post(
        reverse("accounts:evidence_upload", args=[license.pk]), {"evidence": files.png_upload()}
    )
    assert response.status_code == 404
