"""The gazette as HTML and as PDF (WeasyPrint, CSS paged media, Noto CJK fonts).

One template (library/gazette/print.html) serves both: the PDF is that HTML laid out on A4 pages;
the table of contents gets its page numbers from CSS (`target-counter`), and the page each
document starts on is read back from the laid-out pages (its anchor), so the HTML issue page
shows the same numbers as the printed table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

TEMPLATE = "library/gazette/print.html"


def gazette_name(region: Any) -> str:
    """《示范县人民政府公报》: the county government's name and 公报."""
    return f"{region.name}公报"


def _css_string(text: str) -> str:
    # The running header sits inside a CSS string in <style>: no quotes, backslashes, newlines
    # or angle brackets may break out of it.
    return re.sub(r'["\\<>\n\r]', "", text)


def issue_html(issue: Any, entries: list[Any], *, for_screen: bool = False) -> str:
    region = issue.region
    name = gazette_name(region)
    return render_to_string(
        TEMPLATE,
        {
            "issue": issue,
            "entries": entries,
            "region": region,
            "gazette_name": name,
            "running_header": mark_safe(_css_string(f"{name}　{issue.label}")),  # noqa: S308
            "for_screen": for_screen,
        },
    )


def _url_fetcher(url: str, *args, **kwargs):
    """Only our own media files may be embedded (images in document bodies): no network."""
    from weasyprint import default_url_fetcher

    parsed = urlparse(url)
    media_url = settings.MEDIA_URL
    if parsed.scheme == "file" and media_url in parsed.path:
        relative = unquote(parsed.path.split(media_url, 1)[1])
        root = Path(settings.MEDIA_ROOT).resolve()
        path = (root / relative).resolve()
        if root in path.parents and path.is_file():
            return default_url_fetcher(path.as_uri())
    raise ValueError(f"gazette PDF: refusing to fetch {url}")


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    start_pages: dict[int, int]  # document pk → the page its text starts on


def render_pdf(issue: Any, entries: list[Any]) -> Rendered:
    from weasyprint import HTML

    html = issue_html(issue, entries)
    document = HTML(string=html, base_url="file:///", url_fetcher=_url_fetcher).render()
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            if anchor.startswith("doc-") and anchor[4:].isdigit():
                starts.setdefault(int(anchor[4:]), number)
    return Rendered(pdf=document.write_pdf(), pages=len(document.pages), start_pages=starts)
