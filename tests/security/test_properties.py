"""Property tests (Hypothesis) for the three pieces that take arbitrary member text.

The plain "any text" properties live next to their modules
(`tests/forum/test_rendering.py`: no executable markup, every diff line accounted
for; `tests/moderation/test_identifiers.py`: well-formed spans for any text). Here
the inputs are biased towards what an attacker would type, and the properties are
the ones those files do not state: determinism, escaping where the diff is shown,
and identifier detection that does not depend on the text around it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.identifiers import find_identifiers
from forum.diffing import diff_lines, diff_summary
from forum.rendering import plain_text, render_markdown
from tests.html_safety import executable_markup
from tests.moderation.test_identifiers import assert_well_formed

PROPERTY = settings(max_examples=150, deadline=None)

# Pieces an attacker combines: raw tags, handlers, URL schemes in every Markdown
# link form, entity-encoded and whitespace-split schemes, and Markdown syntax.
_HOSTILE_PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<ScRiPt src=//x>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "![i](javascript:alert(1))",
        '[x](https://ok.example "t\\" onmouseover=alert(1) x=\\"")',
        "[ref]: javascript:alert(1)\n\n[ref]",
        '" onmouseover="alert(1)',
        "` <script> `",
        "```\n<script>\n```",
        "> <b onclick=alert(1)>",
        "| a | b |\n| - | - |\n| <script> | x |",
        "**",
        "_",
        "[",
        "](",
        ")",
        "\n",
        "\n\n",
        "    ",
        "<",
        ">",
        "&",
        '"',
        "'",
        "\x00",
        "\u202e",
        "é",
        "text ",
    ]
)
hostile_markdown = st.one_of(
    st.lists(_HOSTILE_PIECES, max_size=20).map("".join),
    st.lists(st.one_of(_HOSTILE_PIECES, st.text(max_size=12)), max_size=12).map("".join),
)


class _Attributes(HTMLParser):
    """Every attribute of every real tag (text that only looks like a tag is skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((name, value or "") for name, value in attrs)


def _attributes(html: str) -> list[tuple[str, str]]:
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser.attributes


# --- Markdown sanitizer and renderer ---------------------------------------


@PROPERTY
@given(hostile_markdown)
def test_hostile_markdown_renders_no_script_handler_or_script_url(body: str) -> None:
    html = render_markdown(body)
    assert executable_markup(html) == []
    assert "<script" not in html.lower()
    for name, value in _attributes(html):
        assert not name.lower().startswith("on"), (name, value)
        if name == "href":
            scheme = "".join(value.split()).split(":", 1)[0].lower() if ":" in value else ""
            assert scheme in {"", "http", "https", "mailto"}, value


@PROPERTY
@given(st.one_of(hostile_markdown, st.text(max_size=300)))
def test_rendering_is_deterministic(body: str) -> None:
    assert render_markdown(body) == render_markdown(body)
    assert plain_text(body) == plain_text(body)


@PROPERTY
@given(hostile_markdown)
def test_search_snippets_of_plain_text_hold_no_tags(body: str) -> None:
    # Plain text is what the reader reads (it may say "<script>"); shown as a snippet,
    # with every word marked, it is escaped text and <mark> only.
    from forum.search import _terms, snippet_html

    text = _terms(body).sub(lambda m: f"\ue000{m.group(0)}\ue001", plain_text(body))
    html = snippet_html(text, limit=100_000)
    assert executable_markup(html) == []
    assert "<script" not in html.lower()
    assert set(re.findall(r"<(/?\w+)", html)) <= {"mark", "/mark"}


@PROPERTY
@given(hostile_markdown)
def test_rendering_sanitized_output_again_stays_safe(body: str) -> None:
    # A quoted reply re-renders text a member copied out of a rendered post.
    twice = render_markdown(render_markdown(body))
    assert executable_markup(twice) == []


# --- Diff ----------------------------------------------------------------------

lines_text = st.lists(st.one_of(_HOSTILE_PIECES, st.text(max_size=20)), max_size=12).map("\n".join)


@PROPERTY
@given(lines_text, lines_text)
def test_a_diff_rebuilds_both_revisions_and_counts_its_changes(old: str, new: str) -> None:
    lines = diff_lines(old, new)
    assert [line.text for line in lines if line.op != "insert"] == old.splitlines()
    assert [line.text for line in lines if line.op != "delete"] == new.splitlines()
    added, removed = diff_summary(old, new)
    assert added == sum(line.op == "insert" for line in lines)
    assert removed == sum(line.op == "delete" for line in lines)
    assert {line.op for line in lines} <= {"equal", "insert", "delete"}


@PROPERTY
@given(lines_text)
def test_a_diff_of_a_revision_with_itself_has_no_changes(text: str) -> None:
    assert diff_summary(text, text) == (0, 0)
    assert all(line.op == "equal" for line in diff_lines(text, text))


_DIFF_TEMPLATE = Template(
    '{% for line in lines %}<div class="{{ line.op }}">{{ line.text }}</div>{% endfor %}'
)


@PROPERTY
@given(lines_text, lines_text)
def test_a_diff_shown_in_a_page_is_escaped(old: str, new: str) -> None:
    # The triage page prints `line.text` with autoescape on, as here; the history page
    # prints its word segments through forum/_diff.html.
    from django.template.loader import render_to_string

    lines = diff_lines(old, new)
    for html in (
        _DIFF_TEMPLATE.render(Context({"lines": lines})),
        render_to_string("forum/_diff.html", {"lines": lines}),
    ):
        assert executable_markup(html) == []
        assert "<script" not in html.lower()


@PROPERTY
@given(lines_text, lines_text)
def test_word_marks_rebuild_each_changed_line(old: str, new: str) -> None:
    for line in diff_lines(old, new):
        assert "".join(part.text for part in line.parts) == line.text
        if line.op == "equal":
            assert not any(part.changed for part in line.parts)


# --- Identifier spans ------------------------------------------------------------

_NEUTRAL = st.sampled_from(
    [
        "",
        "Thanks for reading. ",
        "Any thoughts on pacing?\n\n",
        "I have used CBT for years. ",
        "<script>x</script> ",
        "**bold** and `code` ",
        "Résumé, naïve café. ",
        "\n",
    ]
)
_IDENTIFIERS = st.sampled_from(
    [
        ("email", "jordan.blake.home@example.com"),
        ("phone", "503-555-0187"),
        ("record_number", "MRN 4481273"),
    ]
)


@PROPERTY
@given(hostile_markdown)
def test_spans_in_hostile_text_are_within_bounds_sorted_and_match_the_text(text: str) -> None:
    assert_well_formed(text, find_identifiers(text))


@PROPERTY
@given(_NEUTRAL, _IDENTIFIERS, _NEUTRAL)
def test_an_identifier_is_found_at_its_place_whatever_surrounds_it(
    before: str, identifier: tuple[str, str], after: str
) -> None:
    kind, value = identifier
    sentence = f"The client's details: {value} (shared by mistake). "
    text = before + sentence + after
    spans = find_identifiers(text)
    assert_well_formed(text, spans)
    start = len(before) + sentence.index(value)
    covering = [s for s in spans if s.start <= start + 4 and s.end >= start + len(value) - 1]
    assert covering, f"{kind} {value!r} not found in {text!r}: {spans}"
    assert any(s.kind == kind for s in covering)


@PROPERTY
@given(st.text(max_size=200))
def test_detection_is_deterministic(text: str) -> None:
    assert find_identifiers(text) == find_identifiers(text)
