"""The report as PDF: WeasyPrint draws the print page (report_print.html) with Noto CJK fonts."""

from __future__ import annotations

from typing import Any

from gongkai.core.errors import GongkaiError

from .html import report_print_html

PDF_UNAVAILABLE = (
    "无法生成 PDF：服务器缺少 PDF 排版组件（Pango）或中文字体（Noto Serif CJK SC）。"
    "请下载 Word 版本打印，并请系统管理员安装 fonts-noto-cjk 和 libpango。"
)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    # The page embeds nothing: refuse every URL rather than reach the network or the disk.
    raise ValueError(f"annual report PDF: refusing to fetch {url}")


def report_pdf(data: dict[str, Any]) -> bytes:
    """The report as an A4 PDF with page numbers."""
    page = report_print_html(data)  # bad input raises GongkaiError here, before WeasyPrint
    try:
        from weasyprint import HTML

        return HTML(string=page, url_fetcher=_no_fetch).write_pdf()
    except Exception:  # OSError (no Pango), ImportError, font errors: all mean "not here"
        raise GongkaiError(PDF_UNAVAILABLE, code="pdf_unavailable") from None
