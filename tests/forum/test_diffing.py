"""Word-level diffs on the history page (#22.13)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from forum.diffing import Segment, diff_lines, word_segments
from forum.posting import post_edit
from tests import factories


def test_a_changed_line_marks_only_the_words_that_changed():
    lines = diff_lines(
        "Sleep diaries come back.\nI ask for seven nights a week.",
        "Sleep diaries come back.\nI ask for three nights a week, at most.",
    )
    assert [line.op for line in lines] == ["equal", "delete", "insert"]
    assert lines[1].parts == (
        Segment(False, "I ask for "),
        Segment(True, "seven"),
        Segment(False, " nights a week."),
    )
    assert lines[2].parts == (
        Segment(False, "I ask for "),
        Segment(True, "three"),
        Segment(False, " nights a week"),
        Segment(True, ", at most"),
        Segment(False, "."),
    )


def test_lines_with_little_in_common_are_marked_whole():
    assert word_segments("Completely different words here", "Nothing alike at all") == ((), ())
    [removed, added] = diff_lines("Completely different words here", "Nothing alike at all")
    assert removed.parts == (Segment(True, "Completely different words here"),)
    assert added.parts == (Segment(True, "Nothing alike at all"),)


def test_added_and_removed_lines_are_paired_in_order_and_extras_marked_whole():
    lines = diff_lines("one two\nthree four", "one two!\nthree five\nsix")
    assert [(line.op, line.text) for line in lines] == [
        ("delete", "one two"),
        ("delete", "three four"),
        ("insert", "one two!"),
        ("insert", "three five"),
        ("insert", "six"),
    ]
    assert lines[0].segments and lines[2].segments and not lines[4].segments


def test_the_diff_html_has_no_blank_gaps_and_marks_words():
    html = render_to_string(
        "forum/_diff.html", {"lines": diff_lines("a <b>seven</b>\n\nend", "a <b>three</b>\n\nend")}
    )
    assert "<pre" not in html and "</div>\n<div" not in html
    assert "<del>seven</del>" in html and "<ins>three</ins>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.count('class="diff-line diff-equal"') == 2


@pytest.mark.django_db
def test_the_history_page_shows_word_marks_and_a_table_that_folds_on_phones(
    client, clinician, topic
):
    first = topic.posts.get(number=1)
    post_edit(
        editor=clinician,
        post=first,
        content=factories.content(
            "A question about pacing exposure work with an anxious teenager."
        ),
        reason="Clearer",
    )
    client.force_login(clinician)
    html = client.get(reverse("forum:post_history", args=[first.pk])).content.decode()
    assert "<del>adolescent</del>" in html and "<ins>teenager</ins>" in html
    assert 'class="table history-table"' in html
    for label in ("Version", "Editor", "When", "Reason", "Compare"):
        assert f'data-label="{label}"' in html
