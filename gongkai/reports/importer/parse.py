"""report_parse: a past report's text → the form's structure, checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.core.errors import GongkaiError

from ..checks import Finding, check_tables
from ..form import PROSE_SECTIONS, SECTION_TITLES, cell_paths, get_cell, path_label, set_cell
from . import layout, tables
from .reading import NOT_A_REPORT, html_to_text, looks_like_html, read_path
from .tokens import tokenize


@dataclass
class ParsedReport:
    format: str  # "2021" | "2019"
    year: int | None  # the year reported on
    title: str
    sections: dict[str, Any]  # section1 … section6: prose as str, tables as the form's dicts
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "year": self.year,
            "title": self.title,
            **self.sections,
            "checks": {"ok": self.ok, "findings": [f.as_json() for f in self.findings]},
        }


def report_parse(*, text: str | None = None, path: str | Path | None = None) -> ParsedReport:
    """Read an annual report pasted as text or stored in a file (.docx, .txt, .md, .html).

    Nothing is saved. The tables are checked with the form's invariants; cells that could not
    be read are reported as missing (or, when they held text, as not a number).
    """
    if (text is None) == (path is None):
        raise GongkaiError("请提供年度报告的文本或文件（二者选一）。", code="invalid")
    if path is not None:
        text = read_path(path)
    assert text is not None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise GongkaiError(
            NOT_A_REPORT
            + "内容是空的。请粘贴年度报告全文，或选择 Word（.docx）、文本（.txt）文件。",
            code="empty",
        )
    return _parse(text)


def _parse(text: str) -> ParsedReport:
    lines = [layout.clean_line(line) for line in text.split("\n")]
    found = layout.find_headings(lines)
    spans = layout.section_spans(found, len(lines))

    def body(name: str) -> list[str]:
        start, end = spans[name]
        return lines[start:end]

    fmt = layout.detect_format("\n".join(body("section2")), "\n".join(body("section3")))
    reading = tables.TableReading(fmt)
    tables.read_rows(
        tokenize(body("section2"), spans["section2"][0]), tables.section2_rows(fmt), reading
    )
    s3_found_before = reading.rows_found
    tables.read_rows(
        tokenize(body("section3"), spans["section3"][0]), tables.section3_rows(fmt), reading
    )
    s3_rows = reading.rows_found - s3_found_before
    tables.read_section4(tokenize(body("section4"), spans["section4"][0]), reading)

    if len(found) < 3 and s3_rows < 5:
        raise GongkaiError(
            NOT_A_REPORT + "没有找到“一、总体情况”“三、收到和处理政府信息公开申请情况”等栏目，"
            "也没有找到政府信息公开申请情况统计表。请粘贴或上传完整的年度报告正文。",
            code="not_a_report",
        )

    first = min((h.line for h in found.values()), default=len(lines))
    title = layout.find_title(lines[:first])
    year = layout.find_year(title, "\n".join(lines[: spans["section2"][0]]))

    # Every cell in the form's order, whatever order the rows were read in.
    table_data: dict[str, Any] = {}
    for cell in cell_paths(fmt):
        set_cell(table_data, cell, get_cell(reading.tables, cell))

    sections: dict[str, Any] = {}
    for name in SECTION_TITLES:
        if name in PROSE_SECTIONS:
            heading = found.get(name)
            sections[name] = layout.prose(body(name), heading.rest) if heading else ""
        else:
            sections[name] = table_data.get(name, {})

    findings = [
        Finding("missing", title_, None, None)
        for name, title_ in SECTION_TITLES.items()
        if name not in found
    ]
    unreadable = {path_label(cell): raw for cell, raw in reading.unreadable.items()}
    for finding in check_tables(table_data, fmt):
        if finding.check == "missing" and finding.place in unreadable:
            finding = Finding("not_number", finding.place, None, unreadable[finding.place])
        findings.append(finding)
    return ParsedReport(format=fmt, year=year, title=title, sections=sections, findings=findings)
