"""政策文件库 JSON API (public): the catalog, full-text search, one document by 索引号, and a
changes feed so that an upper-level library (市级、省级政策文件库) can pull what is new or changed.

All read only published, proactively disclosed documents of one region (the site's, or the one
named by ``region``); withdrawn documents appear in the changes feed as tombstones only.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Query, Router, Schema, Status

from gongkai.core.errors import GongkaiError
from gongkai.core.search import EMPTY_MESSAGE
from gongkai.library.models import Document
from gongkai.library.public.pages import document_extras
from gongkai.library.public.query import LibraryParams, clean_index_no, library_search
from gongkai.library.selectors import (
    document_public_by_index_no,
    documents_changed_since,
)
from gongkai.orgs.models import Region

router = Router(tags=["政策文件库"])
PUBLIC = {"x-gongkai-access": "public"}
CHANGES_MAX = 500


class ErrorOut(Schema):
    detail: str


class DocumentSummaryOut(Schema):
    index_no: str
    title: str
    doc_number: str
    unit: str
    unit_code: str
    topic: str
    genre: str
    written_on: dt.date
    published_on: dt.date | None
    validity: str
    validity_label: str
    summary: str
    url: str


class AttachmentOut(Schema):
    name: str
    content_type: str
    size: int
    url: str


class InterpretationRefOut(Schema):
    id: int
    title: str
    forms: list[str]
    url: str


class RelationOut(Schema):
    relation: str
    index_no: str
    title: str
    url: str


class PlacementOut(Schema):
    code: str
    name: str


class DocumentOut(DocumentSummaryOut):
    keywords: str
    is_normative: bool
    disclosure: str
    effective_from: dt.date | None
    effective_until: dt.date | None
    body_html: str
    attachments: list[AttachmentOut]
    interpretations: list[InterpretationRefOut]
    superseded_by: list[RelationOut]
    catalog_columns: list[PlacementOut]  # 法定主动公开内容 and the region's own columns
    standard_areas: list[PlacementOut]  # 基层政务公开标准目录 areas
    updated_at: dt.datetime


class DocumentListOut(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    items: list[DocumentSummaryOut]


class SearchHitOut(DocumentSummaryOut):
    title_html: str
    snippet_html: str
    doc_number_match: bool


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class FacetOut(Schema):
    name: str
    title: str
    values: list[FacetValueOut]


class SearchOut(Schema):
    total: int
    # False: more matches than are counted one by one; `total` is then an estimate (“约”).
    total_exact: bool
    # The query was a 发文字号 and `items` are its documents; the full text was not searched
    # (search the number in double quotes for the documents that cite it).
    by_doc_number: bool
    page: int
    per_page: int
    pages: int
    items: list[SearchHitOut]
    facets: list[FacetOut]


class ChangeOut(Schema):
    index_no: str
    withdrawn: bool
    updated_at: dt.datetime
    document: DocumentOut | None = None


class ChangesOut(Schema):
    since: dt.datetime
    items: list[ChangeOut]
    # Full microseconds (the JSON encoder cuts datetimes to milliseconds): pass both back as is.
    next_since: str | None = None
    next_after_id: int | None = None


class Filters(Schema):
    region: str | None = None
    unit: str | None = None
    topic: str | None = None
    genre: str | None = None
    validity: str | None = None
    interp: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    page: int = 1
    per_page: int = 20


def _region(request: HttpRequest, code: str | None):
    if code and (len(code) > 40 or not code.isprintable()):
        raise GongkaiError("区域代码格式不正确。")
    region = Region.objects.filter(code=code).first() if code else request.region
    if region is None:
        raise GongkaiError(f"没有代码为 {code} 的区域。" if code else "本站尚未设置行政区域。")
    return region


def _url(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(f"portal:library:{name}", kwargs=kwargs))


def _topic(document: Document) -> str:
    topic = document.topic
    if topic is None:
        return ""
    return f"{topic.parent.name}/{topic.name}" if topic.parent_id else topic.name


def summary_of(request: HttpRequest, document: Document) -> dict:
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
        "validity": document.validity,
        "validity_label": document.get_validity_display(),
        "summary": document.summary,
        "url": _url(request, "document", index_no=document.index_no),
    }


def detail_of(request: HttpRequest, document: Document) -> dict:
    extras = document_extras(document)
    return {
        **summary_of(request, document),
        "keywords": document.keywords,
        "is_normative": document.is_normative,
        "disclosure": document.disclosure,
        "effective_from": document.effective_from,
        "effective_until": document.effective_until,
        "body_html": document.body,
        "attachments": [
            {
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "url": _url(request, "attachment", index_no=document.index_no, attachment_id=a.pk),
            }
            for a in extras.attachments
        ],
        "interpretations": [
            {
                "id": i.pk,
                "title": i.title,
                "forms": i.form_labels,
                "url": _url(request, "interpretation", pk=i.pk),
            }
            for i in extras.interpretations
        ],
        "superseded_by": [
            {
                "relation": r.get_kind_display(),
                "index_no": r.source.index_no,
                "title": r.source.title,
                "url": _url(request, "document", index_no=r.source.index_no),
            }
            for r in extras.links_in
        ],
        "catalog_columns": [
            {"code": c.code, "name": c.name} for c in document.catalog_columns.all()
        ],
        "standard_areas": [{"code": a.code, "name": a.name} for a in document.standard_areas.all()],
        "updated_at": document.updated_at,
    }


def _params(filters: Filters, q: str = "", sort: str = "") -> LibraryParams:
    return LibraryParams.from_mapping(
        {
            "q": q,
            "unit": filters.unit,
            "topic": filters.topic,
            "genre": filters.genre,
            "validity": filters.validity,
            "interp": filters.interp,
            "from": filters.date_from,
            "to": filters.date_to,
            "sort": sort,
            "page": filters.page,
        }
    )


@router.get(
    "/documents",
    response={200: DocumentListOut, 400: ErrorOut},
    openapi_extra=PUBLIC,
    summary="文件目录",
)
def document_list(request: HttpRequest, filters: Query[Filters]):
    """公开的文件目录，按发布日期由新到旧；可按发布机构代码、主题分类代码、体裁、有效性、
    是否有解读（interp=1/0）、发布日期范围（date_from、date_to，YYYY-MM-DD）筛选。"""
    outcome = library_search(
        _region(request, filters.region),
        _params(filters),
        per_page=filters.per_page,
        with_facets=False,
    )
    if outcome.error:
        return Status(400, {"detail": outcome.error})
    return {
        "total": outcome.total,
        "page": outcome.page,
        "per_page": outcome.per_page,
        "pages": outcome.pages,
        "items": [summary_of(request, item.document) for item in outcome.items],
    }


@router.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut},
    openapi_extra=PUBLIC,
    summary="全文检索",
)
def document_search(request: HttpRequest, q: str, filters: Query[Filters], sort: str = "relevance"):
    """全文检索：多个词须同时出现，"短语" 精确匹配，-词 排除；发文字号可宽松输入（如
    渠府办2021 54），此时只返回该文号的文件（by_doc_number 为 true）；
    要查找引用该文号的文件，请加双引号检索。返回高亮的标题和摘要（HTML，已转义）及分面计数。"""
    if not q.strip():
        return Status(400, {"detail": EMPTY_MESSAGE})
    outcome = library_search(
        _region(request, filters.region),
        _params(filters, q=q, sort=sort),
        per_page=filters.per_page,
    )
    if outcome.error:
        return Status(400, {"detail": outcome.error})
    return {
        "total": outcome.total,
        "total_exact": outcome.total_exact,
        "by_doc_number": outcome.by_doc_number,
        "page": outcome.page,
        "per_page": outcome.per_page,
        "pages": outcome.pages,
        "items": [
            {
                **summary_of(request, item.document),
                "title_html": str(item.title_html),
                "snippet_html": str(item.snippet_html),
                "doc_number_match": item.by_doc_number,
            }
            for item in outcome.items
        ],
        "facets": [
            {
                "name": f.name,
                "title": f.title,
                "values": [
                    {"value": v.value, "label": v.label, "count": v.count} for v in f.values
                ],
            }
            for f in outcome.facets
        ],
    }


@router.get(
    "/documents/{path:index_no}",
    response={200: DocumentOut, 400: ErrorOut, 404: ErrorOut},
    openapi_extra=PUBLIC,
    summary="按索引号取文件",
)
def document_detail(request: HttpRequest, index_no: str, region: str | None = None):
    """一件公开文件的全部元数据、正文（HTML）、附件、解读和替代/修改它的文件。"""
    try:
        cleaned = clean_index_no(index_no)
        if cleaned is None:
            raise Http404
        document = document_public_by_index_no(_region(request, region), cleaned)
    except Http404:
        return Status(404, {"detail": f"没有索引号为 {index_no} 的公开文件。"})
    return detail_of(request, document)


def _parse_since(text: str) -> dt.datetime:
    text = (text or "").strip()
    if "T" in text:  # a "+08:00" typed into a URL unencoded arrives as " 08:00"
        text = text.replace(" ", "+")
    try:
        value = parse_datetime(text)
        if value is None:
            day = parse_date(text)
            if day is not None:
                value = dt.datetime.combine(day, dt.time())
    except ValueError:  # well formed but impossible, e.g. month 13
        value = None
    if value is None:
        raise GongkaiError(
            f"since“{text}”不是 ISO-8601 时间，请写成如 2026-11-01T00:00:00+08:00 或 2026-11-01。"
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


@router.get(
    "/changes",
    response={200: ChangesOut, 400: ErrorOut},
    openapi_extra=PUBLIC,
    summary="变更流（供上级文件库同步）",
)
def document_changes(
    request: HttpRequest,
    since: str,
    after_id: int | None = None,
    limit: int = 100,
    region: str | None = None,
):
    """since（ISO-8601）以来新发布或有变化的文件，按变化时间由旧到新。已撤回的文件以
    {index_no, withdrawn: true} 的形式给出（请删除副本）。结果未取完时给出 next_since 和
    next_after_id，下次请求原样带上即可续取。"""
    moment = _parse_since(since)
    limit = max(1, min(limit, CHANGES_MAX))
    qs = documents_changed_since(_region(request, region), moment)
    if after_id is not None:
        # Resume exactly after the last row of the previous page (same timestamp, higher id).
        qs = qs.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, id__gt=after_id))
    rows = list(
        qs.select_related("topic__parent").prefetch_related(
            "attachments", "catalog_columns", "standard_areas"
        )[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    items = []
    for document in rows:
        if document.status == Document.Status.WITHDRAWN:
            items.append(
                {
                    "index_no": document.index_no,
                    "withdrawn": True,
                    "updated_at": document.updated_at,
                }
            )
        else:
            items.append(
                {
                    "index_no": document.index_no,
                    "withdrawn": False,
                    "updated_at": document.updated_at,
                    "document": detail_of(request, document),
                }
            )
    last = rows[-1] if rows and more else None
    return {
        "since": moment,
        "items": items,
        "next_since": last.updated_at.isoformat() if last else None,
        "next_after_id": last.pk if last else None,
    }
