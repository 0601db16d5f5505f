"""Markdown to safe HTML, rendered once per revision.

markdown-it-py renders CommonMark with raw HTML disabled; nh3 then cleans the
output against an allowlist, so no script, event handler, style or
`javascript:` URL survives whatever the input is.

Images: a Markdown image renders as <img> only when its URL is one of our own image
views (`/images/<uuid>/`, forum/images.py), which checks who may see it; any other image
(an outside URL) renders as its description in brackets, so a post never makes a reader's
browser fetch from elsewhere. nh3 refuses any other <img> source too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_OPTIONS = {"html": False, "linkify": False, "typographer": False}
_markdown = MarkdownIt("commonmark", _OPTIONS)
_markdown.enable(["table", "strikethrough"])
# The same Markdown for plain text: an image is its description (search and screening read it).
_plain_markdown = MarkdownIt("commonmark", _OPTIONS)
_plain_markdown.enable(["table", "strikethrough"])

IMAGE_URL = re.compile(r"/images/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/")


def image_key(url: str) -> str | None:
    """The key of one of our image views' URL, or None for any other URL."""
    match = IMAGE_URL.fullmatch(url or "")
    return match.group(1) if match else None


def _image_alt(renderer: Any, token: Token, options: Any, env: Any) -> str:
    return str(renderer.renderInlineAsText(token.children or [], options, env)).strip()


def _render_image(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    alt = _image_alt(renderer, token, options, env)
    src = str(token.attrGet("src") or "")
    if image_key(src) is None:
        return html.escape(f"[image not shown: {alt}]" if alt else "[image not shown]")
    return (
        f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" loading="lazy" class="post-image">'
    )


def _render_image_as_text(
    renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any
) -> str:
    return html.escape(_image_alt(renderer, tokens[idx], options, env))


_markdown.add_render_rule("image", _render_image)
_plain_markdown.add_render_rule("image", _render_image_as_text)

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
    "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "img": {"src", "alt", "loading", "class"},
}
_IMAGE_ATTRIBUTE_VALUES = {"loading": "lazy", "class": "post-image"}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """<img> keeps only a source that is our own image view, lazy loading and our class."""
    if tag != "img":
        return value
    if attribute == "src":
        return value if image_key(value) is not None else None
    if attribute in _IMAGE_ATTRIBUTE_VALUES:
        return value if value == _IMAGE_ATTRIBUTE_VALUES[attribute] else None
    return value


ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9][A-Za-z0-9_.-]{1,39})")


def render_markdown(body: str) -> str:
    html = _markdown.render(body)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def plain_text(body: str) -> str:
    """The text a reader sees, for search and screening: markup removed, and characters
    as they read them ("a < b", not "a &lt; b"). It is text, not HTML: whatever shows it
    escapes it (forum.search.snippet_html)."""
    return html.unescape(nh3.clean(_plain_markdown.render(body), tags=set()))


def images_in(body: str) -> list[tuple[str | None, str, str]]:
    """Each Markdown image of `body`, in order: (our image key or None, its URL, its
    description)."""
    found: list[tuple[str | None, str, str]] = []
    for block in _markdown.parse(body):
        for token in block.children or []:
            if token.type == "image":
                src = str(token.attrGet("src") or "")
                alt = _markdown.renderer.renderInlineAsText(
                    token.children or [], _markdown.options, {}
                )
                found.append((image_key(src), src, alt.strip()))
    return found


_OUR_IMAGE_MARKDOWN = re.compile(r"!\[([^\[\]]*)\]\(\s*" + IMAGE_URL.pattern + r"\s*\)")


def images_as_descriptions(body: str) -> str:
    """`body` with each of our Markdown images written as "[picture: description]": what a
    quote carries, since a post may show only pictures its own author attached."""
    return _OUR_IMAGE_MARKDOWN.sub(
        lambda match: f"[picture: {match.group(1).strip()}]" if match.group(1).strip() else "",
        body,
    )


def mask_image_urls(text: str) -> str:
    """`text` with our image URLs blanked to spaces of the same length: the privacy check
    reads the description, not the random key (whose digits could look like a number), and
    offsets into the text stay those of the body."""
    return IMAGE_URL.sub(lambda match: " " * len(match.group(0)), text)


def mentioned_handles(body: str) -> set[str]:
    return {match.rstrip(".-").lower() for match in _MENTION.findall(body)}
