"""Letters to the applicant: the region's templates, the values filled in, and generating the
.docx/.pdf (rendering itself is gongkai.inforequests.letters)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.orgs.models import Region
from gongkai.orgs.policy import can

from .. import letters
from ..models import FeeNotice, InfoRequest, Letter, LetterTemplate
from ._common import S, _clean, _lock, _require, _today
from .clocking import events_of


def letter_templates_seed(*, region: Region) -> int:
    """Create the default templates the region does not have yet; returns how many."""
    created = 0
    for key, (title, body) in letters.DEFAULT_TEMPLATES.items():
        _, made = LetterTemplate.objects.get_or_create(
            region=region, key=key, defaults={"title": title, "body": body}
        )
        created += made
    return created


@transaction.atomic
def letter_template_update(
    *, template: LetterTemplate, actor: Any, title: str, body: str
) -> LetterTemplate:
    if actor is None or not can(actor, "inforequest.templates", template.region):
        raise PermissionDenied("只有公开办可以修改文书模板。")
    title = _clean(title, label="标题", field="title", max_length=100)
    body = (body or "").replace("\r\n", "\n")
    letters.check_template(body)
    if len(body) > 10000:
        raise GongkaiError("模板正文不能超过 10000 个字。", field="body")
    before = {"title": template.title, "body": template.body}
    template.title, template.body, template.updated_by = title, body, actor
    template.save(update_fields=["title", "body", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        verb="inforequest.template_update",
        obj=template,
        before=before,
        after={"title": title, "body": body},
        region=template.region,
    )
    return template


def letter_values(request: InfoRequest, *, key: str) -> dict[str, Any]:
    from ..selectors import clock_view

    reply = getattr(request, "reply", None)
    values: dict[str, Any] = {
        "申请人": request.name,
        "查询码": request.tracking_code,
        "收到日期": letters.chinese_date(request.received_on),
        "申请内容": request.description,
        "单位": request.unit.name,
        "救济途径": letters.APPEAL_ROUTES,
        "公开办": request.region.office_name or f"{request.region.name}政府信息公开工作机构",
    }
    if reply is not None:
        info = reply.outcome_info
        values.update(
            {
                "答复日期": letters.chinese_date(reply.replied_on),
                "办理结果": info.label if info.number else info.short_group,
                "答复类型": reply.get_reply_type_display(),
                "事实与理由": reply.facts,
                "不予公开部分": "\n".join(
                    f"{i}. {row['part']}：{row['reason']}"
                    for i, row in enumerate(reply.withheld, 1)
                ),
                "负责机关": f"负责公开该信息的机关：{reply.other_agency}"
                if reply.other_agency
                else "",
            }
        )
    view = clock_view(request)
    result = view.result
    if result is not None:
        if result.deadlines.correction_due:
            values["补正期限"] = letters.chinese_date(result.deadlines.correction_due)
        if result.extension_workdays:
            values["延期天数"] = result.extension_workdays
        if result.due:
            values["答复期限"] = letters.chinese_date(result.due)
    for entry in request.clock.order_by("seq"):
        if entry.event["event"] == "correction_requested":
            values["补正事项"] = entry.event.get("note", "")
    fee = FeeNotice.objects.filter(request=request).first()
    if fee is not None:
        values["收费说明"] = "\n".join(fee.explanation)
        if result is not None and result.deadlines.fee_payment_due:
            values["缴费期限"] = letters.chinese_date(result.deadlines.fee_payment_due)
    return values


def letter_key_for(request: InfoRequest) -> str:
    reply = getattr(request, "reply", None)
    if reply is not None:
        return reply.outcome_info.letter
    if request.status == S.CORRECTION:
        return "correction"
    if request.status == S.AWAITING_FEE:
        return "fee"
    if any(e["event"] == "extended" for e in events_of(request)):
        return "extension"
    raise GongkaiError("该申请尚未答复，也没有需要告知的补正、延期或收费事项，暂不能生成告知书。")


@transaction.atomic
def letter_generate(*, request: InfoRequest, actor: Any, key: str | None = None) -> Letter:
    """Render the region's template for the case and store the .docx (and .pdf when possible)."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    key = key or letter_key_for(request)
    if key not in LetterTemplate.Key.values:
        raise GongkaiError("请选择文书类型。", field="key")
    letter_templates_seed(region=request.region)
    template = LetterTemplate.objects.get(region=request.region, key=key)
    values = letter_values(request, key=key)
    body = letters.render(template.body, values)
    reply = getattr(request, "reply", None)
    day = reply.replied_on if reply is not None and reply.outcome_info.letter == key else _today()
    date_text = letters.chinese_date(day)
    docx_bytes = letters.to_docx(
        title=template.title, body=body, unit_name=request.unit.name, date_text=date_text
    )
    letter = Letter(request=request, key=key, title=template.title, body=body, created_by=actor)
    letter.docx.save(f"{request.tracking_code}-{key}.docx", ContentFile(docx_bytes), save=False)
    try:
        pdf_bytes = letters.to_pdf(
            title=template.title, body=body, unit_name=request.unit.name, date_text=date_text
        )
        letter.pdf.save(f"{request.tracking_code}-{key}.pdf", ContentFile(pdf_bytes), save=False)
    except GongkaiError as exc:
        letter.pdf_error = exc.message[:300]
    letter.save()
    audit_record(
        actor=actor,
        verb="inforequest.letter",
        obj=request,
        after={"letter": template.title, "pdf": bool(letter.pdf)},
    )
    return letter
