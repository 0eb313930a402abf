"""The unit's documents: list, draft and edit, the document page with its workflow actions."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can, staff_rule

from .. import selectors
from ..forms import AttachmentForm, DocumentForm, ReasonForm, add_service_error
from ..models import Document, Finding
from ..services import documents as doc_services
from ..services import findings as finding_services
from ..services import interpretations as interp_services
from ..services import workflow
from . import _shared

STATUS_FILTERS = [
    ("", "全部"),
    ("draft", "草稿"),
    ("review", "审核中"),
    ("scheduled", "待定时发布"),
    ("published", "已发布"),
    ("withdrawn", "已撤回"),
]


@staff_rule("workspace.enter")
def document_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""
    unit_id = request.GET.get("unit", "")
    qs = selectors.documents_for_staff(
        user=request.user,
        region=request.region,
        status=status,
        unit_id=int(unit_id) if unit_id.isdigit() else None,
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "library/staff/list.html",
        {
            "page": page,
            "status": status,
            "filters": STATUS_FILTERS,
            "can_draft": bool(selectors.clerk_units(request.user)),
        },
    )


def _draft_unit(request: HttpRequest, **kwargs) -> Unit | None:
    units = selectors.clerk_units(request.user)
    wanted = request.POST.get("unit") or request.GET.get("unit")
    for unit in units:
        if str(unit.pk) == wanted:
            return unit
    return units[0] if units else None


@staff_rule("library.draft", get_object=_draft_unit)
def document_create(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.filter(pk__in=[u.pk for u in selectors.clerk_units(request.user)])
    form = DocumentForm(
        request.POST or None,
        region=request.region,
        units=units,
        initial={"unit": request.gongkai_object.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = doc_services.document_create(
                actor=request.user, unit=form.cleaned_data["unit"], **form.service_kwargs()
            )
        except GongkaiError as exc:
            add_service_error(form, exc)
        else:
            return _shared.done(
                request,
                f"已保存草稿，索引号 {document.index_no}。",
                "workspace:library_document",
                document.pk,
            )
    return render(request, "library/staff/form.html", {"form": form, "document": None})


@staff_rule("library.draft", get_object=_shared.doc)
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = request.gongkai_object
    initial = {f: getattr(document, f) for f in doc_services.EDITABLE}
    initial["catalog_columns"] = list(document.catalog_columns.all())
    initial["standard_areas"] = list(document.standard_areas.all())
    form = DocumentForm(request.POST or None, region=document.region, initial=initial)
    if document.status != Document.Status.DRAFT:
        return _shared.refused(
            request, GongkaiError("只有草稿可以修改。"), "workspace:library_document", pk
        )
    if request.method == "POST" and form.is_valid():
        try:
            doc_services.document_update(
                actor=request.user, document=document, **form.service_kwargs()
            )
        except GongkaiError as exc:
            add_service_error(form, exc)
        else:
            return _shared.done(request, "已保存修改。", "workspace:library_document", pk)
    return render(request, "library/staff/form.html", {"form": form, "document": document})


@staff_rule("library.view", get_object=_shared.doc)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = request.gongkai_object
    user = request.user
    findings = list(
        document.findings.exclude(status=Finding.Status.FIXED).select_related(
            "attachment", "released_by"
        )
    )
    attachments = list(document.attachments.all())
    by_attachment = {}
    for f in findings:
        if f.attachment_id:
            by_attachment.setdefault(f.attachment_id, []).append(
                (f, _shared.excerpt(f.attachment.extracted_text, f))
            )
    level = document.review_level_pending
    from gongkai.orgs.policy import reviewer_levels

    context = {
        "document": document,
        "attachments": attachments,
        "findings": findings,
        "open_findings": [f for f in findings if f.status == Finding.Status.OPEN],
        "title_marked": _shared.highlight(
            document.title, [f for f in findings if f.source == "title"]
        ),
        "body_marked": _shared.highlight(
            document.body_text, [f for f in findings if f.source == "body"]
        ),
        "attachment_findings": [
            (a, by_attachment[a.pk]) for a in attachments if a.pk in by_attachment
        ],
        "interpretations": list(document.interpretations.all()),
        "compliance": selectors.interpretation_compliance(document),
        "exemption": getattr(document, "interpretation_exemption", None),
        "relations": selectors.document_relations(document),
        "may": {
            "edit": document.status == Document.Status.DRAFT
            and can(user, "library.draft", document),
            "submit": document.status == Document.Status.DRAFT
            and can(user, "library.draft", document),
            "review": level is not None
            and level in reviewer_levels(user, document.unit_id)
            and document.submitted_by_id != user.pk,
            "release": can(user, "library.secrecy", document),
            "publish": document.status == Document.Status.SCHEDULED
            and can(user, "library.sign_off", document),
            "withdraw": document.status in (Document.Status.PUBLISHED, Document.Status.SCHEDULED)
            and can(user, "library.withdraw", document),
            "exempt": interp_services.needs_interpretation(document)
            and can(user, "library.exempt", document),
            "interpret": can(user, "library.draft", document),
        },
        "attachment_form": AttachmentForm(),
        "reason_form": ReasonForm(),
    }
    return render(request, "library/staff/detail.html", context)


ACTIONS = {
    "submit": (
        "已提交审核。",
        lambda r, d, reason: workflow.document_submit(actor=r.user, document=d),
    ),
    "approve": (
        "已审核通过。",
        lambda r, d, reason: workflow.document_approve(actor=r.user, document=d, note=reason),
    ),
    "return": (
        "已退回经办人修改。",
        lambda r, d, reason: workflow.document_return(actor=r.user, document=d, reason=reason),
    ),
    "publish": (
        "已发布。",
        lambda r, d, reason: workflow.document_publish(actor=r.user, document=d),
    ),
    "withdraw": (
        "已撤回。",
        lambda r, d, reason: workflow.document_withdraw(actor=r.user, document=d, reason=reason),
    ),
    "exempt": (
        "已记录免于解读的理由。",
        lambda r, d, reason: interp_services.document_exempt(
            actor=r.user, document=d, reason=reason
        ),
    ),
}


@staff_rule("library.view", get_object=_shared.doc)
@require_POST
def document_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        return _shared.refused(
            request, GongkaiError("未知的操作。"), "workspace:library_document", pk
        )
    message, run = ACTIONS[action]
    try:
        run(request, request.gongkai_object, request.POST.get("reason", ""))
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_document", pk)
    return _shared.done(request, message, "workspace:library_document", pk)


@staff_rule("library.draft", get_object=_shared.doc)
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _shared.refused(request, GongkaiError(error), "workspace:library_document", pk)
    upload = form.cleaned_data["file"]
    limit = doc_services.files.max_bytes()
    try:
        if upload.size > limit:  # refuse before reading a huge upload into memory
            doc_services.files.read_upload(name=upload.name, data=b"\0" * (limit + 1))
        doc_services.attachment_add(
            actor=request.user,
            document=request.gongkai_object,
            name=upload.name,
            data=upload.read(),
        )
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_document", pk)
    return _shared.done(request, f"已上传附件“{upload.name}”。", "workspace:library_document", pk)


@staff_rule("library.view", get_object=_shared.attachment_doc)
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.access_attachment_by_id(user=request.user, attachment_id=pk)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@staff_rule("library.draft", get_object=_shared.attachment_doc)
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.access_attachment_by_id(user=request.user, attachment_id=pk)
    try:
        doc_services.attachment_remove(actor=request.user, attachment=item)
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_document", item.document_id)
    return _shared.done(request, "已删除附件。", "workspace:library_document", item.document_id)


@staff_rule("library.secrecy", get_object=_shared.finding_doc)
@require_POST
def finding_release(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.access_finding_by_id(user=request.user, finding_id=pk)
    try:
        finding_services.finding_release(
            actor=request.user, finding=finding, reason=request.POST.get("reason", "")
        )
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_document", finding.document_id)
    return _shared.done(
        request, "已确认该项可以公开。", "workspace:library_document", finding.document_id
    )
