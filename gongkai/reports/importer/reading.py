"""A report file as text: Word (tables as tab-separated rows), plain text or a saved web page."""

from __future__ import annotations

import html
import re
from pathlib import Path

from gongkai.core.errors import GongkaiError
from gongkai.core.files import MAX_BYTES, decode_text, extract

DOCUMENT_SUFFIXES = (".docx", ".doc", ".pdf")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", "")
NOT_A_REPORT = "未能识别为政府信息公开工作年度报告："

_HTML = re.compile(r"<\s*(?:table|tr|td|th|p|div|br|span|h[1-6])\b", re.IGNORECASE)


def read_path(path: str | Path) -> str:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES + TEXT_SUFFIXES:
        raise GongkaiError(
            f"不支持“{suffix}”类型的文件。请上传 Word（.docx）文件，"
            "或把网页上的年度报告全文复制后保存为 .txt 文本文件再导入。",
            code="unsupported",
        )
    if suffix in DOCUMENT_SUFFIXES:
        try:
            # Word tables come back as tab-separated rows, a merged cell's text where it begins:
            # the same layout as a table copied from a web page.
            return extract(path).text
        except GongkaiError as exc:
            if exc.code == "empty":
                raise GongkaiError(NOT_A_REPORT + exc.message, code="empty") from None
            raise
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise GongkaiError(f"找不到文件 {path}，请检查文件路径。", code="not_found") from None
    if size > MAX_BYTES:
        raise GongkaiError(
            f"文件太大（{size / 1024 / 1024:.1f} MB），年度报告正文不会超过 "
            f"{MAX_BYTES // 1024 // 1024} MB，请检查是否选错了文件。",
            code="too_big",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GongkaiError(f"无法读取文件 {path}：{exc.strerror}", code="unreadable") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GongkaiError(
            f"文件 {path.name} 不是文本文件。请上传 Word（.docx）文件，"
            "或把年度报告全文保存为 .txt 文本文件。",
            code="unsupported",
        )
    return decode_text(data)


def html_to_text(text: str) -> str:
    """A saved web page as the browser would copy it: block elements on their own lines, table
    cells separated by tabs."""
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", text)
    text = re.sub(r"(?s)<!--.*?-->", "", text)
    text = re.sub(r"\s+", " ", text)  # in HTML, line breaks in the source are spaces
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(
        r"(?i)</?(?:p|div|tr|table|h[1-6]|li|ul|ol|caption|section|article)\b[^>]*>", "\n", text
    )
    text = re.sub(r"(?i)</t[dh]\s*>", "\t", text)
    text = re.sub(r"<[^>]*>", "", text)
    text = html.unescape(text)
    lines = []
    for line in text.split("\n"):
        line = line.strip(" ")
        # Every cell ends with a tab; the last one of a row is not a separator.
        lines.append(line[:-1] if line.endswith("\t") else line)
    return "\n".join(lines)


def looks_like_html(text: str) -> bool:
    return len(_HTML.findall(text[:20000])) >= 3
