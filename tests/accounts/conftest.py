from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.accounts.fake_nppes import FakeRegistry, running_fake_registry


@pytest.fixture
def fake_registry(settings: pytest.FixtureRequest) -> Iterator[FakeRegistry]:
    with running_fake_registry() as registry:
        settings.NPPES_API_URL = registry.base_url
        settings.NPPES_TIMEOUT_SECONDS = 0.5
        yield registry


@pytest.fixture(autouse=True)
def private_media(settings: pytest.FixtureRequest, tmp_path: object) -> None:
    """Evidence files go to a temporary private directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.MEDIA_ROOT = tmp_path
