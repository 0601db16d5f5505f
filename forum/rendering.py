"""Markdown to safe HTML, rendered once per revision.

markdown-it-py renders CommonMark with raw HTML disabled; nh3 then cleans the
output against an allowlist, so no script, event handler, style or
`javascript:` URL survives whatever the input is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["table", "strikethrough"])

_ALIGNMENTS = {"left", "center", "right"}


def _cell_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A table cell's alignment (`|:-:|`) as an `align` attribute: markdown-it writes a
    `style`, which the allowlist drops (no style survives), so the column lost it."""
    token = tokens[idx]
    style = str(token.attrs.pop("style", "") or "")
    align = style.removeprefix("text-align:")
    if align in _ALIGNMENTS:
        token.attrSet("align", align)
    return renderer.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("th_open", _cell_open)
_markdown.add_render_rule("td_open", _cell_open)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9][A-Za-z0-9_.-]{1,39})")


def render_markdown(body: str) -> str:
    html = _markdown.render(body)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def plain_text(body: str) -> str:
    """The text a reader sees, for search and screening: markup removed, and characters
    as they read them ("a < b", not "a &lt; b"). It is text, not HTML: whatever shows it
    escapes it (forum.search.snippet_html)."""
    return html.unescape(nh3.clean(_markdown.render(body), tags=set()))


def mentioned_handles(body: str) -> set[str]:
    return {match.rstrip(".-").lower() for match in _MENTION.findall(body)}
