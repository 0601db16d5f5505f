"""The screenshot folder of each browser journey is its own (no browser needed)."""

from __future__ import annotations

import re

from tests.e2e.conftest import _slug, journey_dir_name

LONG = "test_an_uncivil_reply_is_slept_on_cancelled_posted_anyway_and_returns_after_an_edit"


def test_a_short_name_is_its_slug() -> None:
    assert journey_dir_name("test_hide_a_post[desktop]") == "test-hide-a-post-desktop"
    assert journey_dir_name("test_hide_a_post") == "test-hide-a-post"


def test_the_desktop_and_phone_runs_of_a_long_named_journey_get_folders_of_their_own() -> None:
    desktop, phone = f"{LONG}[desktop]", f"{LONG}[phone-375]"
    # Cut at 60 characters, both runs used to write into one folder.
    assert _slug(desktop) == _slug(phone)
    names = journey_dir_name(desktop), journey_dir_name(phone)
    assert names[0] != names[1]
    for name, variant in zip(names, ("desktop", "phone-375"), strict=True):
        assert len(name) <= 60
        assert re.fullmatch(rf"test-an-uncivil-reply-[a-z0-9-]+-{variant}-[0-9a-f]{{8}}", name)
    # The same test always gets the same folder (each run replaces its own screenshots).
    assert journey_dir_name(desktop) == names[0]


def test_long_names_that_differ_only_past_the_cut_differ() -> None:
    first, second = journey_dir_name(f"{LONG}_once"), journey_dir_name(f"{LONG}_twice")
    assert first != second and len(first) <= 60 and len(second) <= 60
    assert first.startswith("test-an-uncivil-reply-is-slept-on")


def test_a_long_parameter_id_still_leaves_room_for_the_test_name() -> None:
    name = journey_dir_name(f"{LONG}[{'x' * 80}-{'y' * 80}]")
    assert len(name) <= 60 and name.startswith("test-an-uncivil-reply")
    assert all(c.isalnum() or c == "-" for c in name) and "--" not in name
