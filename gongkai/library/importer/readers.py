"""Reading the metadata file: .xlsx, .csv or JSON Lines → (row number, {column: value}).

Row numbers are what the person sees: the spreadsheet's own row number (the header is row 1 or
wherever it is), the line number of a CSV or JSON Lines file. Every reader streams, so a file of
a million rows is never held in memory; a reader can be opened again for the second pass.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.core.errors import GongkaiError

from .columns import COLUMNS, REQUIRED_HEADERS, header_name

FORMATS = ("xlsx", "csv", "jsonl")


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    problem: str = ""  # the row could not be read at all (bad JSON, …)


@dataclass
class Source:
    path: Path
    format: str
    headers: list[str] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)


def detect_format(path: Path, format: str | None = None) -> str:
    if format:
        if format not in FORMATS:
            raise GongkaiError(f"不支持“{format}”格式；可用的格式：xlsx、csv、jsonl。")
        return format
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in ("xlsx", "csv"):
        return suffix
    if suffix == "xls":
        raise GongkaiError(
            "这是旧版 Excel（.xls）文件，无法直接读取。请在 Excel 或 WPS 中“另存为”.xlsx 后再导入。"
        )
    raise GongkaiError(
        f"无法判断文件“{path.name}”的格式：请使用 .xlsx、.csv 或 .jsonl 文件，或用 --format 指定。"
    )


def open_source(path: Path, format: str | None = None) -> Source:
    """Check the file exists and its header names the required columns."""
    path = Path(path)
    if not path.is_file():
        raise GongkaiError(f"找不到文件 {path}。")
    source = Source(path=path, format=detect_format(path, format))
    if source.format != "jsonl":
        headers = _headers(source)
        missing = [c for c in REQUIRED_HEADERS if c not in headers]
        if missing:
            raise GongkaiError(
                f"文件“{path.name}”的表头缺少必填列：{'、'.join(missing)}。"
                f"表头应在第一行，列名如：{'、'.join(list(COLUMNS)[:14])}。"
            )
        source.headers = headers
        source.unknown_headers = [h for h in headers if h and h not in COLUMNS]
    return source


def rows(source: Source) -> Iterator[Row]:
    if source.format == "xlsx":
        yield from _xlsx_rows(source.path)
    elif source.format == "csv":
        yield from _csv_rows(source.path)
    else:
        yield from _jsonl_rows(source.path)


def _headers(source: Source) -> list[str]:
    for row in _raw_tables(source):
        return row
    raise GongkaiError(f"文件“{source.path.name}”是空的。")


def _raw_tables(source: Source) -> Iterator[list[str]]:
    """Only the header: the first non-empty row."""
    if source.format == "xlsx":
        for _, cells in _xlsx_cells(source.path):
            if any(c not in (None, "") for c in cells):
                yield [header_name(c) for c in cells]
                return
    else:
        for _, cells in _csv_cells(source.path):
            if any(c.strip() for c in cells):
                yield [header_name(c) for c in cells]
                return


def _xlsx_cells(path: Path) -> Iterator[tuple[int, tuple]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise GongkaiError(
            f"无法打开“{path.name}”：文件可能已损坏或不是 .xlsx 格式。"
            "请用 Excel 或 WPS 另存为 .xlsx。"
        ) from None
    try:
        sheet = book.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        book.close()


def _records(numbered: Iterator[tuple[int, Any]], empty) -> Iterator[Row]:
    headers: list[str] | None = None
    for number, cells in numbered:
        if headers is None:
            if not empty(cells):
                headers = [header_name(c) for c in cells]
            continue
        if empty(cells):
            continue
        values = {}
        for name, value in zip(headers, cells, strict=False):
            if name and name in COLUMNS:
                values[name] = value
        yield Row(number, values)


def _xlsx_rows(path: Path) -> Iterator[Row]:
    yield from _records(
        _xlsx_cells(path), lambda cells: all(c is None or str(c).strip() == "" for c in cells)
    )


def _decode(path: Path) -> io.TextIOBase:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return io.StringIO(data.decode(encoding), newline="")
        except UnicodeDecodeError:
            continue
    raise GongkaiError(f"无法识别“{path.name}”的文字编码，请另存为 UTF-8 编码的 CSV 文件。")


def _csv_cells(path: Path) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(_decode(path))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise GongkaiError(f"“{path.name}”第 {reader.line_num} 行不是有效的 CSV：{exc}") from None


def _csv_rows(path: Path) -> Iterator[Row]:
    yield from _records(_csv_cells(path), lambda cells: not any(c.strip() for c in cells))


def _jsonl_rows(path: Path) -> Iterator[Row]:
    names: dict[str, str] = {}  # a file uses a handful of keys: read each spelling once
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Row(number, {}, problem=f"不是有效的 JSON（{exc.__class__.__name__}）")
                continue
            if not isinstance(data, dict):
                yield Row(number, {}, problem="每行应为一个 JSON 对象（{…}）")
                continue
            values = {}
            for key, value in data.items():
                name = names.get(key)
                if name is None:
                    name = header_name(key)
                    if len(names) < 1000:
                        names[key] = name
                if name in COLUMNS:
                    values[name] = value
            yield Row(number, values)
