"""Compiling and publishing the 政府公报.

The office compiles an issue (draft): the 行政规范性文件 published in the issue's period, plus any
other published documents it chooses, in order of publication; the PDF is laid out and stored.
A draft may be compiled again (documents added, period changed). Publishing makes the issue and
its PDF public in the archive (《政府信息公开条例》第二十三条: 政府公报 is one of the channels for
proactive disclosure), and is audited; a published issue is not recompiled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.errors import GongkaiError
from gongkai.library.models import Document
from gongkai.library.selectors import documents_public
from gongkai.orgs.policy import require

from .models import GazetteEntry, GazetteIssue
from .render import render_pdf

register_verbs({"gazette.compile": "编印政府公报", "gazette.publish": "发布政府公报"})

MAX_DOCUMENTS = 300


def _check_issue_numbers(year: int, number: int, period_from: dt.date, period_to: dt.date) -> None:
    if not 1949 <= year <= 2099:
        raise GongkaiError("年份应为四位数字，如 2026。", field="year")
    if not 1 <= number <= 99:
        raise GongkaiError("期号应在 1 到 99 之间。", field="number")
    if period_from > period_to:
        raise GongkaiError("收录起始日期不能晚于截止日期。", field="period_from")


def gazette_candidates(*, region: Any, period_from: dt.date, period_to: dt.date):
    """The normative documents published in the period: what an issue carries by default."""
    return (
        documents_public(region, normative=True, published_from=period_from, published_to=period_to)
        .select_related(None)
        .select_related("unit")
        .order_by("published_on", "id")
    )


def _extras(region: Any, index_nos: Sequence[str]) -> list[Document]:
    wanted = [n.strip() for n in index_nos if n and n.strip()]
    if not wanted:
        return []
    found = {d.index_no: d for d in documents_public(region).filter(index_no__in=wanted)}
    missing = [n for n in wanted if n not in found]
    if missing:
        raise GongkaiError(
            f"以下索引号没有对应的已公开文件，不能收入公报：{'、'.join(missing)}。"
            "公报只收录已发布、主动公开的文件。",
            field="extra",
        )
    return [found[n] for n in dict.fromkeys(wanted)]


@transaction.atomic
def gazette_compile(
    *,
    actor: Any,
    region: Any,
    year: int,
    number: int,
    period_from: dt.date,
    period_to: dt.date,
    issued_on: dt.date | None = None,
    extra_index_nos: Sequence[str] = (),
) -> GazetteIssue:
    """Compile (or compile again) a draft issue and lay out its PDF."""
    if actor is not None:
        require(actor, "gazette.manage", region)
    _check_issue_numbers(year, number, period_from, period_to)
    issue = (
        GazetteIssue.objects.select_for_update()
        .filter(region=region, year=year, number=number)
        .first()
    )
    if issue is not None and issue.status == GazetteIssue.Status.PUBLISHED:
        raise GongkaiError(f"{issue.label}已发布，不能重新编印。")
    documents = list(
        gazette_candidates(region=region, period_from=period_from, period_to=period_to)
    )
    have = {d.pk for d in documents}
    documents += [d for d in _extras(region, extra_index_nos) if d.pk not in have]
    if not documents:
        raise GongkaiError(
            f"{period_from} 至 {period_to} 期间没有发布的行政规范性文件。"
            "请调整收录期间，或按索引号添加要收录的其他文件。",
            field="period_from",
        )
    if len(documents) > MAX_DOCUMENTS:
        raise GongkaiError(f"一期公报最多收录 {MAX_DOCUMENTS} 份文件，请缩短收录期间分期编印。")
    documents.sort(key=lambda d: (d.published_on, d.pk))
    now = timezone.now()
    before = None
    if issue is None:
        issue = GazetteIssue(region=region, year=year, number=number, created_by=actor)
    else:
        before = {
            "收录期间": f"{issue.period_from}—{issue.period_to}",
            "文件数": issue.entries.count(),
        }
    issue.period_from, issue.period_to = period_from, period_to
    issue.issued_on = issued_on or timezone.localdate()
    issue.updated_at = now
    issue.save()
    issue.entries.all().delete()
    entries = GazetteEntry.objects.bulk_create(
        [GazetteEntry(issue=issue, document=d, sort=i) for i, d in enumerate(documents, start=1)]
    )
    for entry, document in zip(entries, documents, strict=True):
        entry.document = document
    rendered = render_pdf(issue, entries)
    for entry in entries:
        entry.page = rendered.start_pages.get(entry.document_id)
    GazetteEntry.objects.bulk_update(entries, ["page"])
    old = issue.pdf.name
    issue.pdf.save(
        f"{year}-{number:02d}-{now:%Y%m%d%H%M%S}.pdf", ContentFile(rendered.pdf), save=False
    )
    issue.pages = rendered.pages
    issue.compiled_at = now
    issue.save(update_fields=["pdf", "pages", "compiled_at"])
    if old and old != issue.pdf.name:
        storage = issue.pdf.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_record(
        actor=actor,
        verb="gazette.compile",
        obj=issue,
        before=before,
        after={"收录期间": f"{period_from}—{period_to}", "文件数": len(entries)},
        details={
            "期": issue.label,
            "页数": issue.pages,
            "索引号": [d.index_no for d in documents],
        },
    )
    return issue


@transaction.atomic
def gazette_publish(*, actor: Any, issue: GazetteIssue) -> GazetteIssue:
    """Make a compiled issue public in the gazette archive."""
    if actor is not None:
        require(actor, "gazette.manage", issue)
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == GazetteIssue.Status.PUBLISHED:
        raise GongkaiError(f"{issue.label}已经发布。")
    if not issue.pdf or not issue.entries.exists():
        raise GongkaiError("请先编印本期公报（生成目录和 PDF），再发布。")
    # Only what is still public may go out: a document withdrawn since compiling stops it.
    gone = issue.entries.exclude(
        document__status=Document.Status.PUBLISHED,
        document__disclosure=Document.Disclosure.PROACTIVE,
    ).select_related("document")
    if gone.exists():
        titles = "、".join(f"《{e.document.title}》" for e in gone[:3])
        raise GongkaiError(f"{titles}已不再公开，请重新编印本期公报后再发布。")
    issue.status = GazetteIssue.Status.PUBLISHED
    issue.published_at = issue.updated_at = timezone.now()
    issue.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="gazette.publish",
        obj=issue,
        before={"status": "draft"},
        after={"status": "published"},
        details={"期": issue.label, "文件数": issue.entries.count(), "页数": issue.pages},
    )
    return issue
