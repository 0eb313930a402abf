"""Bulk export of the public catalog (政府信息公开目录): JSON Lines and .xlsx, streamed.

The rows are the catalog's metadata (索引号, 标题, 发文字号, 发布机构, 主题分类, 体裁, 成文日期,
发布日期, 有效性, 主题词, 内容概述) and the page address; the same filters as the library list
apply (unit, topic, genre, validity, interpretation, published date range).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from gongkai.core.errors import GongkaiError

from ..models import Document
from .query import LibraryParams, _catalog_queryset, _resolve

# (key in JSON Lines, column header in .xlsx)
COLUMNS: list[tuple[str, str]] = [
    ("index_no", "索引号"),
    ("title", "标题"),
    ("doc_number", "发文字号"),
    ("unit", "发布机构"),
    ("unit_code", "机构代码"),
    ("topic", "主题分类"),
    ("genre", "体裁"),
    ("written_on", "成文日期"),
    ("published_on", "发布日期"),
    ("validity", "有效性"),
    ("effective_from", "施行日期"),
    ("effective_until", "有效期至"),
    ("keywords", "主题词"),
    ("summary", "内容概述"),
    ("is_normative", "行政规范性文件"),
    ("url", "链接"),
]
XLSX_MAX_ROWS = 1_048_575  # the format's limit, less the header row
CHUNK = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def catalog_rows(region: Any, params: LibraryParams, base_url: str) -> Iterator[dict]:
    """The catalog rows for ``params`` (no full-text query: the catalog in date order)."""
    found = _resolve(region, params)
    qs = _catalog_queryset(region, params, found)
    for document in qs.iterator(chunk_size=CHUNK):
        yield row_for(document, base_url)


def _topic(document: Document) -> str:
    topic = document.topic
    if topic is None:
        return ""
    return f"{topic.parent.name}/{topic.name}" if topic.parent_id else topic.name


def row_for(document: Document, base_url: str) -> dict:
    path = reverse("portal:library:document", kwargs={"index_no": document.index_no})
    return {
        "index_no": document.index_no,
        "title": document.title,
        "doc_number": document.doc_number,
        "unit": document.unit.name,
        "unit_code": document.unit.code,
        "topic": _topic(document),
        "genre": document.genre,
        "written_on": document.written_on,
        "published_on": document.published_on,
        "validity": document.get_validity_display(),
        "effective_from": document.effective_from,
        "effective_until": document.effective_until,
        "keywords": document.keywords,
        "summary": document.summary,
        "is_normative": document.is_normative,
        "url": base_url + path,
    }


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value))


def _filename(region: Any, ext: str) -> str:
    code = region.code if region else "gongkai"
    return f"{code}-政府信息公开目录-{timezone.localdate():%Y%m%d}.{ext}"


def _disposition(name: str) -> str:
    ascii_name = f"catalog.{name.rsplit('.', 1)[-1]}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _prepare(request):
    region = getattr(request, "region", None)
    params = LibraryParams.from_mapping(request.GET)
    if region is None:
        return None, None, _bad_request("本站尚未设置行政区域，没有可导出的目录。")
    try:
        _resolve(region, params)
    except GongkaiError as exc:
        return None, None, _bad_request(exc.message)
    return region, params, None


def jsonl_response(request):
    """The public catalog as JSON Lines in the importer's own format (Chinese keys, body
    included), so that an upper-level library or another county imports it as it is; each
    line also carries the document's address (链接, ignored on import)."""
    from gongkai.library.importer.records import document_record

    region, params, error = _prepare(request)
    if error is not None:
        return error
    base = request.build_absolute_uri("/").rstrip("/")

    def lines():
        found = _resolve(region, params)
        qs = _catalog_queryset(region, params, found).select_related("topic__parent")
        for document in qs.iterator(chunk_size=CHUNK):
            path = reverse("portal:library:document", kwargs={"index_no": document.index_no})
            row = {**document_record(document), "链接": base + path}
            yield json.dumps(row, ensure_ascii=False) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = _disposition(_filename(region, "jsonl"))
    return response


def write_xlsx(rows: Iterator[dict], target) -> int:
    """Write the rows to ``target`` (a binary file) as one sheet; returns the number written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("政府信息公开目录")
    sheet.freeze_panes = "A2"
    widths = {"A": 26, "B": 60, "C": 22, "D": 28, "F": 24, "N": 50, "P": 60}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.append([header for _, header in COLUMNS])
    count = 0
    for row in rows:
        if count >= XLSX_MAX_ROWS:
            break
        cells = []
        for key, _ in COLUMNS:
            value = row[key]
            if isinstance(value, bool):
                value = "是" if value else "否"
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the title begins with
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count


def xlsx_response(request):
    region, params, error = _prepare(request)
    if error is not None:
        return error
    base = request.build_absolute_uri("/").rstrip("/")
    # The sheet is written to a temporary file row by row (openpyxl's write-only mode keeps no
    # rows in memory), then streamed from disk in blocks.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — FileResponse closes it
    write_xlsx(catalog_rows(region, params, base), handle)
    handle.seek(0)
    response = FileResponse(handle, content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(_filename(region, "xlsx"))
    return response
