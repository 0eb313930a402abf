"""政策文件库 for citizens: list and search, document, print, attachment, interpretation, 清理结果,
feeds, sitemap and export. Every view is public and reads only published, proactively disclosed
documents of the request's region (through the library's selectors)."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.pagecache import cached_page
from gongkai.orgs.policy import public

from ..selectors import (
    cleanup_campaigns_public,
    cleanup_results,
    document_public_by_index_no,
    documents_interpreted_by,
)
from . import export, feeds, pages, sitemaps
from .query import LibraryParams, clean_index_no, library_search


def _region(request):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("本站尚未设置行政区域。")
    return region


def _public_document(request, index_no: str):
    cleaned = clean_index_no(index_no)
    if cleaned is None:
        raise Http404("没有找到该文件。")
    return document_public_by_index_no(_region(request), cleaned)


@public
@require_GET
def library_list(request):
    params = LibraryParams.from_mapping(request.GET)
    outcome = library_search(request.region, params)
    return render(
        request,
        "library/public/list.html",
        {**pages.list_context(request.region, outcome), "query": params.q},
    )


@public
@require_GET
@cached_page
def document_detail(request, index_no: str):
    document = _public_document(request, index_no)
    return render(request, "library/public/document.html", _document_context(document))


@public
@require_GET
@cached_page
def document_print(request, index_no: str):
    document = _public_document(request, index_no)
    return render(request, "library/public/print.html", _document_context(document))


def _document_context(document):
    extras = pages.document_extras(document)
    return {
        "document": document,
        "attachments": extras.attachments,
        "interpretations": extras.interpretations,
        "supersedes": extras.links_out,
        "banner": pages.validity_banner(document, extras.links_in),
    }


@public
@require_GET
def attachment_download(request, index_no: str, attachment_id: int):
    # The document must be public in this region: a draft's or withdrawn document's file is
    # never served, whatever id is typed.
    document = _public_document(request, index_no)
    attachment = document.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("没有找到该附件。")
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404("附件文件暂时无法读取，请联系发布机构。") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public
@require_GET
def interpretation_list(request):
    region = getattr(request, "region", None)
    page = pages.interpretations_page(region, request.GET.get("page"))
    return render(request, "library/public/interpretations.html", {"page": page})


@public
@require_GET
@cached_page
def interpretation_detail(request, pk: int):
    interpretation = pages.interpretation_public(_region(request), pk)
    return render(
        request,
        "library/public/interpretation.html",
        {
            "interpretation": interpretation,
            "documents": list(documents_interpreted_by(interpretation)),
        },
    )


@public
@require_GET
def cleanup_list(request):
    region = getattr(request, "region", None)
    campaigns = list(cleanup_campaigns_public(region)) if region is not None else []
    return render(request, "library/public/cleanup_list.html", {"campaigns": campaigns})


@public
@require_GET
def cleanup_detail(request, pk: int):
    campaign = cleanup_campaigns_public(_region(request)).filter(pk=pk).first()
    if campaign is None:
        raise Http404("没有找到该清理工作。")
    closed = campaign.status == campaign.Status.CLOSED
    rows = list(cleanup_results(campaign)) if closed else []
    return render(
        request,
        "library/public/cleanup_detail.html",
        {
            "campaign": campaign,
            "closed": closed,
            "rows": rows,
            "counts": pages.decision_counts(rows),
        },
    )


@public
@require_GET
def catalog_column(request, code: str):
    """One 法定主动公开内容 category (条例第二十条、第二十一条): its documents, newest first."""
    column = pages.column_public(_region(request), code)
    page = pages.column_page(request.region, column, request.GET.get("page"))
    return render(
        request,
        "library/public/catalog_column.html",
        {"column": column, "page": page, "current_column": "fdzdgknr"},
    )


# --- feeds (RSS 2.0 and Atom 1.0) ---------------------------------------------------------------


@public
@require_GET
def feed_all(request, kind: str):
    return feeds.feed_response(request, kind)


@public
@require_GET
def feed_column(request, kind: str, code: str):
    return feeds.feed_response(request, kind, column=code)


@public
@require_GET
def feed_unit(request, kind: str, code: str):
    return feeds.feed_response(request, kind, unit=code)


# --- sitemap ------------------------------------------------------------------------------------


@public
@require_GET
def sitemap_index(request):
    return sitemap_views.index(
        request,
        sitemaps=sitemaps.for_region(getattr(request, "region", None)),
        sitemap_url_name="portal:library:sitemap_section",
    )


@public
@require_GET
def sitemap_section(request, section: str):
    region = getattr(request, "region", None)
    if section not in sitemaps.SECTIONS:
        raise Http404("没有这个站点地图。")
    try:
        return sitemap_views.sitemap(request, sitemaps=sitemaps.for_region(region), section=section)
    except Http404:
        raise Http404("站点地图没有这一页。") from None


# --- bulk export --------------------------------------------------------------------------------


@public
@require_GET
def export_jsonl(request):
    return export.jsonl_response(request)


@public
@require_GET
def export_xlsx(request):
    return export.xlsx_response(request)
