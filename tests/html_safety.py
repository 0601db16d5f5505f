"""A tag-aware check that HTML holds nothing executable (for rendered user content)."""

from __future__ import annotations

from html.parser import HTMLParser

EXECUTABLE_TAGS = {
    "script", "iframe", "object", "embed", "style", "svg", "math", "form", "input",
    "img", "link", "meta", "base", "frame", "frameset", "applet", "video", "audio",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EXECUTABLE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "style":
                self.problems.append(f"{tag}[style]")
            if name in URL_ATTRIBUTES and value is not None:
                compact = "".join(value.split()).lower()
                if compact.startswith(BAD_SCHEMES):
                    self.problems.append(f"{tag}[{name}={value!r}]")

    handle_startendtag = handle_starttag


def executable_markup(html: str, *, allow_tags: set[str] | None = None) -> list[str]:
    """What in `html` could run script; empty when the HTML is safe."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    allowed = allow_tags or set()
    return [p for p in collector.problems if p.strip("<>") not in allowed]
