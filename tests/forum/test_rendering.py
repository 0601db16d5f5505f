from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from forum.diffing import diff_lines
from forum.rendering import render_markdown
from tests.html_safety import executable_markup

NAUGHTY = Path(settings.BASE_DIR).parent / "shared" / "data" / "naughty-strings" / "blns.txt"


def naughty_strings() -> list[str]:
    if not NAUGHTY.exists():
        pytest.skip(f"{NAUGHTY} is not present")
    # Split on \n only: some strings hold U+2028 and friends (see the data README).
    lines = NAUGHTY.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("#")]


def attack_strings() -> list[str]:
    return [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<div style="background:url(javascript:alert(1))">x</div>',
        "![x](javascript:alert(1))",
        '<svg onload="alert(1)">',
        "<iframe src=https://evil.example></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="&#106;avascript:alert(1)">x</a>',
        "<<script>script>alert(1)<</script>/script>",
        "```\n<script>alert(1)</script>\n```",
    ]


def test_hostile_markdown_renders_nothing_executable():
    for text in attack_strings():
        html = render_markdown(text)
        assert executable_markup(html) == [], (text, html)


def test_every_naughty_string_renders_safely():
    strings = naughty_strings()
    assert len(strings) > 400
    for text in strings:
        html = render_markdown(text)
        assert executable_markup(html) == [], (text, html)


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("**bold** and [a link](https://example.org) and `code`")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html
    assert "<code>code</code>" in html


@given(st.text(max_size=400))
def test_any_text_renders_without_executable_markup(text):
    assert executable_markup(render_markdown(text)) == []


@given(st.text(max_size=200), st.text(max_size=200))
def test_a_diff_accounts_for_every_line(old, new):
    lines = diff_lines(old, new)
    kept_old = [line.text for line in lines if line.op in ("equal", "delete")]
    kept_new = [line.text for line in lines if line.op in ("equal", "insert")]
    assert kept_old == old.splitlines()
    assert kept_new == new.splitlines()


@pytest.mark.django_db
def test_naughty_strings_are_stored_as_given_and_shown_escaped(
    client, clinician, group, django_capture_on_commit_callbacks
):
    from forum.models import Topic
    from forum.posting import topic_create
    from tests import factories

    strings = naughty_strings()[::25]
    client.force_login(clinician)
    for index, text in enumerate(strings):
        title = f"{index} {text}"[:200] or "x"
        with django_capture_on_commit_callbacks(execute=True):
            topic = topic_create(
                author=clinician,
                group=group,
                title=title,
                purpose="other",
                content=factories.content(text or "empty"),
            )
        assert Topic.objects.get(pk=topic.pk).title == title.strip()
        response = client.get(topic.get_absolute_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert "<script>alert" not in page


def test_the_safety_check_itself_catches_executable_markup():
    assert executable_markup('<img src=x onerror="alert(1)">') == ["<img>", "img[onerror]"]
    assert executable_markup('<a href=" javascript:alert(1)">x</a>') != []
    assert executable_markup("<p>&lt;script&gt; onerror= is text here</p>") == []
