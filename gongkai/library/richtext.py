"""Rich text of documents and interpretations: sanitise what clerks paste, and read it as text.

What survives `sanitise` is what a government document needs (GB/T 9704 layouts: headings,
paragraphs, lists, tables with merged cells, emphasis, links) and nothing that runs code: no
script/style, no event attributes, no javascript:/data: URLs, images only from our own media.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3
from django.conf import settings

TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "br",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "img",
    "sub",
    "sup",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "img": {"src", "alt", "width", "height"},
}
_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if _LINK.match(value.strip()) else None
    if tag == "img" and attribute == "src":
        # Our own media only: an outside image would track readers and may vanish.
        media = settings.MEDIA_URL
        ok = value.startswith(media) and ".." not in value and "//" not in value[len(media) :]
        return value if ok else None
    if attribute in ("colspan", "rowspan", "width", "height"):
        return value if value.isdigit() and 0 < int(value) <= 1000 else None
    return value


def sanitise(raw: str) -> str:
    """Safe HTML. Plain text (no tags) becomes one paragraph per line."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    if "<" not in raw:
        paragraphs = [line.strip() for line in raw.splitlines() if line.strip()]
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return nh3.clean(
        raw,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


_BLOCKS = {"p", "h2", "h3", "h4", "li", "tr", "blockquote", "caption", "table", "ul", "ol"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th") and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def to_text(safe_html: str) -> str:
    """Plain text of sanitised HTML: one line per paragraph, table cells tab-separated."""
    if not safe_html:
        return ""
    parser = _Text()
    parser.feed(safe_html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)
    return text.strip()


def paragraphs_html(text: str) -> str:
    """HTML for generated plain text (one paragraph per line), without a sanitiser pass."""
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n") if p)
