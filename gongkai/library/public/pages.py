"""What the public pages need besides the search: page contexts and small public reads that the
library's selectors do not (yet) have. Reads only public data of one region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404

from gongkai.orgs.models import Unit

from ..models import (
    Attachment,
    CatalogColumn,
    CleanupReview,
    Document,
    DocumentRelation,
    Interpretation,
    Topic,
)
from ..selectors import (
    catalog_columns_for,
    document_parts,
    documents_public,
    interpretations_for,
)
from .query import SORTS, Outcome, facet_param

PER_PAGE = 20
V = Document.Validity


def list_context(region: Any, outcome: Outcome) -> dict:
    params = outcome.params
    facets = []
    for facet in outcome.facets:
        param = facet_param(facet.name)
        values = [
            {
                "value": v,
                "url": params.querystring(**{_field(param): "" if v.selected else v.value}),
            }
            for v in facet.values
        ]
        facets.append({"facet": facet, "values": values})
    pages_nav = []
    if outcome.pages > 1:
        pages_nav = [
            {"number": n, "url": params.querystring(page=n), "current": n == outcome.page}
            for n in _window(outcome.page, outcome.pages)
        ]
    return {
        "outcome": outcome,
        "params": params,
        "facets": facets,
        "pages_nav": pages_nav,
        "previous_url": (
            params.querystring(page=min(outcome.page - 1, outcome.pages))
            if outcome.has_previous
            else ""
        ),
        "next_url": params.querystring(page=outcome.page + 1) if outcome.has_next else "",
        "units": _units(region),
        "topics": _topics(),
        "genres": Document.Genre.choices,
        "validities": Document.Validity.choices,
        "sorts": SORTS.items(),
        "effective_sort": params.effective_sort,
        "export_query": _export_query(outcome),
    }


def _export_query(outcome: Outcome) -> str:
    query = outcome.params.querystring(q="", sort="")
    return "" if query == "?" else query


def _field(param: str) -> str:
    return {"from": "date_from", "to": "date_to"}.get(param, param)


def _window(page: int, pages: int, width: int = 2) -> list[int]:
    numbers = {1, pages, *range(max(1, page - width), min(pages, page + width) + 1)}
    return sorted(numbers)


def _units(region: Any) -> list[Unit]:
    if region is None:
        return []
    return list(Unit.objects.filter(region=region, is_active=True).order_by("sort", "id"))


def _topics() -> list[Topic]:
    return list(Topic.objects.filter(parent__isnull=True).prefetch_related("children"))


@dataclass(frozen=True)
class DocumentExtras:
    """What a public document's page and its API detail show besides the document itself."""

    attachments: list[Attachment]
    interpretations: list[Interpretation]  # published ones
    links_in: list[DocumentRelation]  # public documents that amend or replace it (the banner)
    links_out: list[DocumentRelation]  # public documents of its region it amends or replaces


def document_extras(document: Document) -> DocumentExtras:
    """Each part read only where `document_parts` (one query) says the document has any."""
    parts = document_parts(document)
    links_out = []
    if parts.links_out:
        links_out = [
            r
            for r in _public_links(document.relations_out, "target", "created_at")
            if r.target.region_id == document.region_id
        ]
    return DocumentExtras(
        attachments=list(document.attachments.all()) if parts.attachments else [],
        interpretations=list(interpretations_for(document)) if parts.interpretations else [],
        links_in=(
            _public_links(document.relations_in, "source", "-source__published_on")
            if parts.links_in
            else []
        ),
        links_out=links_out,
    )


def _public_links(relations: Any, side: str, order: str) -> list[DocumentRelation]:
    """The relations whose document on ``side`` the public may open, read with only what a link
    to it shows (not its body)."""
    shown = ("index_no", "title", "doc_number", "status", "disclosure", "region_id")
    fields = ["kind", "created_at", *(f"{side}__{name}" for name in shown)]
    return [
        r
        for r in relations.select_related(side).only(*fields).order_by(order)
        if getattr(r, side).is_public
    ]


def validity_banner(document: Document, links_in: list[DocumentRelation]) -> dict | None:
    """The notice over a document no longer (fully) in force, and where to read what is
    (``links_in``: DocumentExtras.links_in)."""
    if document.validity == V.REPEALED:
        text = "本文件已废止"
    elif document.validity == V.AMENDED:
        text = "本文件已修改"
    elif document.validity == V.EXPIRED:
        text = "本文件已失效"
    elif links_in:
        text = "本文件已有修改或替代文件"
    else:
        return None
    if document.effective_until and document.validity in (V.REPEALED, V.EXPIRED):
        text += f"（有效期至 {document.effective_until:%Y年%-m月%-d日}）"
    return {"text": text + "。", "relations": links_in}


def interpretation_public(region: Any, pk: int) -> Interpretation:
    found = (
        Interpretation.objects.select_related("unit")
        .filter(region=region, pk=pk, status=Interpretation.Status.PUBLISHED)
        .first()
    )
    if found is None:
        raise Http404("没有找到该解读。")
    return found


def interpretations_page(region: Any, number: Any) -> Page:
    qs = (
        Interpretation.objects.filter(region=region, status=Interpretation.Status.PUBLISHED)
        .select_related("unit")
        .order_by("-published_at", "-id")
        if region is not None
        else Interpretation.objects.none()
    )
    return Paginator(qs, PER_PAGE).get_page(number)


def column_public(region: Any, code: str) -> CatalogColumn:
    column = catalog_columns_for(region).filter(code=code).first()
    if column is None:
        raise Http404("没有这个栏目。")
    return column


def column_page(region: Any, column: CatalogColumn, number: Any) -> Page:
    return Paginator(documents_public(region, column=column), PER_PAGE).get_page(number)


def catalog_overview(region: Any, *, latest: int = 5) -> list[dict]:
    """法定主动公开内容: each category with its count and latest documents (the column page)."""
    if region is None:
        return []
    rows = []
    for column in catalog_columns_for(region):
        qs = documents_public(region, column=column)
        rows.append({"column": column, "count": qs.count(), "latest": list(qs[:latest])})
    return rows


def policy_documents(region: Any, *, limit: int = 20) -> list[Document]:
    """政府信息公开制度: the region's documents classified 综合政务 / 政务公开."""
    if region is None:
        return []
    topic = Topic.objects.filter(name="政务公开", parent__name="综合政务").first()
    if topic is None:
        return []
    return list(documents_public(region, topic=topic)[:limit])


def latest_documents(region: Any, *, limit: int = 8) -> list[Document]:
    if region is None:
        return []
    return list(documents_public(region)[:limit])


def decision_counts(rows: list[CleanupReview]) -> list[tuple[str, int]]:
    counts = {label: 0 for _, label in CleanupReview.Decision.choices}
    for row in rows:
        counts[row.get_decision_display()] += 1
    return list(counts.items())
