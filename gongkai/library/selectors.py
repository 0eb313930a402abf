"""Reads of the policy library: the public side's selectors and the workspace's access helpers.

Public selectors (portal, API, search, feeds) show only what is published and proactively
disclosed; staff selectors go through gongkai.orgs.policy and answer 404 for what the person may
not see, so ids reveal nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gongkai.orgs import policy
from gongkai.orgs.roles import Role

from .models import (
    Attachment,
    CatalogColumn,
    CleanupCampaign,
    CleanupReview,
    Document,
    DocumentRelation,
    Finding,
    Interpretation,
    LibrarySettings,
)

S = Document.Status


# --- public ------------------------------------------------------------------------------------


def documents_public(
    region: Any,
    *,
    unit: Any | None = None,
    topic: Any | None = None,
    genre: str | None = None,
    validity: str | None = None,
    column: Any | None = None,
    area: Any | None = None,
    normative: bool | None = None,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> QuerySet[Document]:
    """Published, proactively disclosed documents of ``region`` (not withdrawn), newest first.

    ``topic`` matches a class and its sub-classes.
    """
    qs = Document.objects.filter(
        region=region, status=S.PUBLISHED, disclosure=Document.Disclosure.PROACTIVE
    )
    if unit is not None:
        qs = qs.filter(unit=unit)
    if topic is not None:
        qs = qs.filter(Q(topic=topic) | Q(topic__parent=topic))
    if genre:
        qs = qs.filter(genre=genre)
    if validity:
        qs = qs.filter(validity=validity)
    if column is not None:
        qs = qs.filter(catalog_columns=column)
    if area is not None:
        qs = qs.filter(standard_areas=area)
    if normative is not None:
        qs = qs.filter(is_normative=normative)
    if published_from:
        qs = qs.filter(published_on__gte=published_from)
    if published_to:
        qs = qs.filter(published_on__lte=published_to)
    return qs.select_related("unit", "topic", "topic__parent").order_by("-published_on", "-id")


def document_public_by_index_no(region: Any, index_no: str) -> Document:
    """One public document by its 索引号, with what its header shows; Http404 otherwise. What else
    its page shows (attachments, interpretations, related documents) is read by the page, where
    `document_parts` says there is any."""
    # No ORDER BY … LIMIT (what .first() adds): with it PostgreSQL may walk the publication-date
    # index of a million documents looking for this one (seconds) instead of using the unique
    # (region, 索引号) index. 索引号 is unique within a region, so there is one row at most.
    found = list(documents_public(region).filter(index_no=index_no).order_by())
    if not found:
        raise Http404("没有找到该文件。")
    return found[0]


@dataclass(frozen=True)
class DocumentParts:
    """Which of a document page's optional parts the document has any of."""

    attachments: bool
    interpretations: bool  # published ones
    links_in: bool  # documents that amend or replace it (published or not)
    links_out: bool  # documents it amends or replaces


def document_parts(document: Document) -> DocumentParts:
    """One query, a few hundredths of a millisecond: most documents have no interpretation and
    no related document, and many no attachment, and asking the ORM for each part costs about
    half a millisecond of Python even when it finds nothing — most of what a page built from
    the database costs (docs/benchmarks.md). A part said present is then read with its own
    filters; one said absent has nothing to read."""
    attachment = Attachment._meta.db_table
    explained = Interpretation.documents.through._meta.db_table
    interpretation = Interpretation._meta.db_table
    relation = DocumentRelation._meta.db_table
    # Table names come from the models; every value is a parameter.
    sql = (
        f"SELECT EXISTS (SELECT 1 FROM {attachment} WHERE document_id = %s),"  # noqa: S608
        f" EXISTS (SELECT 1 FROM {explained} x JOIN {interpretation} i"
        f" ON i.id = x.interpretation_id WHERE x.document_id = %s AND i.status = %s),"
        f" EXISTS (SELECT 1 FROM {relation} WHERE target_id = %s),"
        f" EXISTS (SELECT 1 FROM {relation} WHERE source_id = %s)"
    )
    pk = document.pk
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, pk, Interpretation.Status.PUBLISHED, pk, pk])
        row = cursor.fetchone()
    return DocumentParts(*(bool(v) for v in row))


def interpretations_for(document: Document) -> QuerySet[Interpretation]:
    """Published interpretations of a document (the document page links to each)."""
    return document.interpretations.filter(status=Interpretation.Status.PUBLISHED).order_by(
        "-published_at"
    )


def documents_interpreted_by(interpretation: Interpretation) -> QuerySet[Document]:
    """The public documents an interpretation explains (its page links back to each)."""
    return interpretation.documents.filter(
        status=S.PUBLISHED, disclosure=Document.Disclosure.PROACTIVE
    ).select_related("unit")


def documents_changed_since(region: Any, since: dt.datetime) -> QuerySet[Document]:
    """For the changes feed: documents whose public state changed at or after ``since``, oldest
    first. Withdrawn ones are included as tombstones (status "withdrawn": remove your copy)."""
    return (
        Document.objects.filter(
            region=region,
            status__in=[S.PUBLISHED, S.WITHDRAWN],
            disclosure=Document.Disclosure.PROACTIVE,
            updated_at__gte=since,
        )
        .select_related("unit", "topic")
        .order_by("updated_at", "id")
    )


def document_relations(document: Document) -> dict[str, list[DocumentRelation]]:
    """What amends or replaces this document (the banner), and what this one amends/replaces."""
    return {
        "superseded_by": list(
            document.relations_in.select_related("source").filter(source__status=S.PUBLISHED)
        ),
        "supersedes": list(document.relations_out.select_related("target")),
    }


def cleanup_results(campaign: CleanupCampaign) -> QuerySet[CleanupReview]:
    """The published list of a campaign's results (unit, document, decision, note)."""
    return campaign.reviews.select_related("document", "document__unit").order_by(
        "document__unit__sort", "document__unit_id", "document__written_on"
    )


def cleanup_campaigns_public(region: Any) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(region=region).order_by("-opened_at")


def catalog_columns_for(region: Any) -> QuerySet[CatalogColumn]:
    """The region's own 法定主动公开内容 columns if it has any, else the national defaults."""
    own = CatalogColumn.objects.filter(region=region, is_active=True)
    if own.exists():
        return own
    return CatalogColumn.objects.filter(region__isnull=True, is_active=True)


# --- 三同步 compliance -------------------------------------------------------------------------


def interpretation_compliance(document: Document) -> dict[str, Any]:
    """Forms of interpretation the document has (approved or published) against its target."""
    settings = LibrarySettings.objects.filter(region_id=document.region_id).first() or (
        LibrarySettings(region_id=document.region_id)
    )
    forms: list[str] = []
    for interpretation in document.interpretations.filter(
        status__in=[Interpretation.Status.APPROVED, Interpretation.Status.PUBLISHED]
    ):
        forms.extend(f for f in interpretation.forms if f not in forms)
    target = settings.form_target_for(document.unit.kind)
    labels = dict(Interpretation.Form.choices)
    return {
        "forms": [labels.get(f, f) for f in forms],
        "count": len(forms),
        "target": target,
        "met": len(forms) >= target,
        "required": document.is_normative or document.needs_interpretation,
    }


def interpretation_compliance_report(
    region: Any, *, year: int | None = None
) -> list[dict[str, Any]]:
    """Per published document that needs an interpretation: forms count vs target (reports)."""
    qs = documents_public(region).filter(Q(is_normative=True) | Q(needs_interpretation=True))
    if year:
        qs = qs.filter(published_on__year=year)
    rows = []
    for document in qs.prefetch_related("interpretations"):
        row = interpretation_compliance(document)
        rows.append({"document": document, **row})
    return rows


# --- staff -------------------------------------------------------------------------------------


def access_document_by_id(*, user: Any, document_id: int, rule: str = "library.view") -> Document:
    document = (
        Document.objects.select_related("unit", "region", "topic", "submitted_by")
        .filter(pk=document_id)
        .first()
    )
    if document is None or not policy.can(user, rule, document):
        raise Http404("没有找到该文件。")
    return document


def access_interpretation_by_id(*, user: Any, interpretation_id: int) -> Interpretation:
    found = Interpretation.objects.select_related("unit").filter(pk=interpretation_id).first()
    if found is None or not policy.can(user, "library.view", found):
        raise Http404("没有找到该解读。")
    return found


def access_attachment_by_id(*, user: Any, attachment_id: int) -> Attachment:
    found = Attachment.objects.select_related("document__unit").filter(pk=attachment_id).first()
    if found is None or not policy.can(user, "library.view", found.document):
        raise Http404("没有找到该附件。")
    return found


def access_finding_by_id(*, user: Any, finding_id: int) -> Finding:
    found = Finding.objects.select_related("document__unit").filter(pk=finding_id).first()
    if found is None or not policy.can(user, "library.view", found.document):
        raise Http404("没有找到该项。")
    return found


def access_campaign_by_id(*, user: Any, campaign_id: int) -> CleanupCampaign:
    """Campaigns are region-wide: any staff member of the region may see one."""
    found = CleanupCampaign.objects.select_related("region").filter(pk=campaign_id).first()
    if found is None or not (
        policy.is_office_for(user, found.region_id)
        or any(a.region_id == found.region_id for a in policy.roles_of(user))
    ):
        raise Http404("没有找到该清理工作。")
    return found


def visible_unit_ids(user: Any, region: Any) -> set[int] | None:
    """Units whose documents the person sees in the workspace; None means the whole region."""
    if region is not None and policy.is_office_for(user, region.pk):
        return None
    return policy.unit_ids(user)


def documents_for_staff(
    *, user: Any, region: Any, status: str = "", unit_id: int | None = None
) -> QuerySet[Document]:
    qs = Document.objects.filter(region=region).select_related("unit", "topic")
    units = visible_unit_ids(user, region)
    if units is not None:
        qs = qs.filter(unit_id__in=units)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status == "review":
        qs = qs.filter(status__in=[S.REVIEW1, S.REVIEW2, S.REVIEW3])
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id")


def clerk_units(user: Any) -> list[Any]:
    """Units in which the person may draft documents."""
    return [a.unit for a in policy.roles_of(user) if a.role == Role.CLERK and a.unit_id]


def cleanup_worklist(*, campaign: CleanupCampaign, user: Any) -> list[dict[str, Any]]:
    """For each of the person's units in the campaign: its candidates and decisions so far."""
    from .services.cleanup import cleanup_candidates

    decided = {r.document_id: r for r in campaign.reviews.select_related("by")}
    units = policy.unit_ids(user, Role.HEAD, Role.CLERK)
    docs = cleanup_candidates(region=campaign.region).filter(unit_id__in=units)
    reviewed = Document.objects.filter(pk__in=decided, unit_id__in=units)
    rows = []
    for document in (
        (docs | reviewed).distinct().select_related("unit").order_by("unit__sort", "written_on")
    ):
        rows.append({"document": document, "review": decided.get(document.pk)})
    return rows


# --- the annual report -------------------------------------------------------------------------


def report_figures(*, unit_ids: list[int], year: int) -> dict[str, Any]:
    """What the annual report reads from the library for some units and a year.

    Section 二, 第二十条第（一）项, row 行政规范性文件: made this year (成文日期 in the year,
    published), repealed this year (已废止 or 失效 with 有效期至 in the year), and in force at the
    year's end. Also the figures the drafted prose of section 一 cites.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    docs = Document.objects.filter(unit_id__in=unit_ids)
    normative = docs.filter(is_normative=True, status=S.PUBLISHED)
    V = Document.Validity
    in_force = normative.filter(written_on__lte=end).filter(
        Q(effective_until__isnull=True, validity__in=[V.VALID, V.AMENDED])
        | Q(effective_until__gt=end)
    )
    published = docs.filter(
        status=S.PUBLISHED,
        disclosure=Document.Disclosure.PROACTIVE,
        published_on__gte=start,
        published_on__lte=end,
    )
    interpretations = Interpretation.objects.filter(
        unit_id__in=unit_ids,
        status=Interpretation.Status.PUBLISHED,
        published_at__date__gte=start,
        published_at__date__lte=end,
    )
    forms: dict[str, int] = {}
    labels = dict(Interpretation.Form.choices)
    for form_list in interpretations.values_list("forms", flat=True):
        for form in form_list:
            forms[labels.get(form, form)] = forms.get(labels.get(form, form), 0) + 1
    reviews = CleanupReview.objects.filter(
        document__unit_id__in=unit_ids, at__date__gte=start, at__date__lte=end
    )
    decisions = dict(CleanupReview.Decision.choices)
    cleanup = {
        decisions[d]: n
        for d, n in reviews.values_list("decision").annotate(n=Count("id")).order_by()
    }
    return {
        "normative_made": normative.filter(written_on__gte=start, written_on__lte=end).count(),
        "normative_repealed": normative.filter(
            validity__in=[V.REPEALED, V.EXPIRED],
            effective_until__gte=start,
            effective_until__lte=end,
        ).count(),
        "normative_in_force": in_force.count(),
        "published": published.count(),
        "published_normative": published.filter(is_normative=True).count(),
        "interpretations": interpretations.count(),
        "interpretation_forms": forms,
        "cleanup": cleanup,
    }
