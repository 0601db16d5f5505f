"""config.cache.RecentTexts: copies of content-named texts kept in the process."""

from __future__ import annotations

from config.cache import RecentTexts


def test_the_least_recently_used_text_goes_first_once_the_limit_is_passed() -> None:
    recent = RecentTexts(10)
    recent.put("a", "aaaa")
    recent.put("b", "bbbb")
    assert recent.get("a") == "aaaa"  # now the most recently used
    recent.put("c", "cccc")  # 12 characters: "b" goes
    assert recent.get("b") is None
    assert (recent.get("a"), recent.get("c")) == ("aaaa", "cccc")
    assert len(recent) == 2


def test_a_key_stored_again_is_counted_once() -> None:
    recent = RecentTexts(10)
    recent.put("a", "aaaaaa")
    recent.put("a", "aaaaaa")
    recent.put("b", "bbbb")  # 10 characters in all, not 16
    assert (recent.get("a"), recent.get("b")) == ("aaaaaa", "bbbb")


def test_a_text_over_the_limit_or_a_limit_of_zero_keeps_nothing() -> None:
    recent = RecentTexts(5)
    recent.put("long", "x" * 6)
    assert recent.get("long") is None and len(recent) == 0
    limit = [5]
    recent = RecentTexts(lambda: limit[0])  # read on each store
    recent.put("a", "aaa")
    limit[0] = 0
    recent.put("b", "b")
    assert recent.get("a") is None and recent.get("b") is None and len(recent) == 0
    recent.clear()
    assert len(recent) == 0
