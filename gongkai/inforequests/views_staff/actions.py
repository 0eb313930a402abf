"""The case page's actions: one POST view per verb, each calling one service; its error comes
back as a Chinese message."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import staff_rule

from .. import selectors, services
from ..models import InfoRequest
from ..outcomes import AppealResult
from ._shared import _case, _int


def _withheld(post) -> list[dict[str, str]]:
    parts = post.getlist("withheld_part")
    reasons = post.getlist("withheld_reason")
    return [{"part": p, "reason": r} for p, r in zip(parts, reasons, strict=False)]


def _released(request: HttpRequest, case: InfoRequest):
    file_id = _int(request.POST.get("file"))
    if file_id is None:
        raise GongkaiError("请选择文件。")
    return selectors.access_released_file_by_id(user=request.user, request=case, file_id=file_id)


def _appeal(request: HttpRequest, case: InfoRequest):
    appeal_id = _int(request.POST.get("appeal"))
    if appeal_id is None:
        raise GongkaiError("请选择记录。")
    return selectors.access_appeal_by_id(user=request.user, request=case, appeal_id=appeal_id)


def _upload(request: HttpRequest) -> tuple[str, bytes]:
    f = request.FILES.get("file")
    if f is None:
        raise GongkaiError("请选择要上传的文件。", field="file")
    if f.size > services.MAX_ATTACHMENT_BYTES:
        raise GongkaiError("文件超过 10 MB，请压缩后再上传。", field="file")
    return f.name, f.read()


def _release(request: HttpRequest, case: InfoRequest) -> str:
    name, content = _upload(request)
    released = services.info_request_release_file(
        request=case, actor=request.user, name=name, content=content
    )
    if released.findings:
        return (
            f"已上传“{released.name}”；发现 {len(released.findings)} 处疑似个人信息或密级标志，"
            "须删除后重新上传或经保密审查员审查通过，才能答复。"
        )
    return f"已上传“{released.name}”，未发现个人信息或密级标志。"


def _transfer_unit(request: HttpRequest, case: InfoRequest):
    unit_id = _int(request.POST.get("unit"))
    return Unit.objects.filter(pk=unit_id, region_id=case.region_id).first() if unit_id else None


ActionFn = Callable[[HttpRequest, InfoRequest], str]
P = lambda r, name: r.POST.get(name, "")  # noqa: E731

ACTIONS: dict[str, tuple[str, ActionFn]] = {
    "accept": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_accept(request=c, actor=r.user, note=P(r, "note"))
            and "已审核，转入办理。"
        ),
    ),
    "request_correction": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_request_correction(
                request=c,
                actor=r.user,
                date=P(r, "date"),
                items=P(r, "items"),
                period_workdays=_int(P(r, "period_workdays")) if P(r, "period_workdays") else None,
            )
            and "已记录补正通知，答复期限暂停，待申请人补正。"
        ),
    ),
    "receive_correction": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_receive_correction(
                request=c, actor=r.user, date=P(r, "date"), description=P(r, "description")
            )
            and "已记录收到补正，答复期限自收到补正之日重新计算。"
        ),
    ),
    "start_consultation": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_start_consultation(
                request=c, actor=r.user, date=P(r, "date"), kind=P(r, "kind"), party=P(r, "party")
            )
            and "已记录征求意见，征求意见期间不计入答复期限。"
        ),
    ),
    "end_consultation": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_end_consultation(
                request=c, actor=r.user, date=P(r, "date"), opinion=P(r, "opinion")
            )
            and "已记录征求意见结束。"
        ),
    ),
    "extend": (
        "inforequest.extend",
        lambda r, c: (
            services.info_request_extend(
                request=c,
                actor=r.user,
                date=P(r, "date"),
                workdays=_int(P(r, "workdays"))
                if _int(P(r, "workdays")) is not None
                else P(r, "workdays"),
                reason=P(r, "reason"),
            )
            and "已延长答复期限。"
        ),
    ),
    "send_fee_notice": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_send_fee_notice(
                request=c,
                actor=r.user,
                method=P(r, "method"),
                sent_on=P(r, "sent_on"),
                pages=_int(P(r, "pages")),
                received_on=P(r, "received_on") or None,
            )
            and "已发出收费通知，缴费前答复期限暂停。"
        ),
    ),
    "record_payment": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_record_payment(request=c, actor=r.user, date=P(r, "date"))
            and "已记录缴费。"
        ),
    ),
    "release_file": ("inforequest.handle", lambda r, c: _release(r, c)),
    "clear_file": (
        "inforequest.clear_finding",
        lambda r, c: (
            services.info_request_clear_file(
                released=_released(r, c), actor=r.user, note=P(r, "note")
            )
            and "已审查通过该文件。"
        ),
    ),
    "remove_file": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_remove_file(released=_released(r, c), actor=r.user)
            or "已删除该文件。"
        ),
    ),
    "reply": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_reply(
                request=c,
                actor=r.user,
                outcome=P(r, "outcome"),
                reply_type=P(r, "reply_type"),
                date=P(r, "date"),
                facts=P(r, "facts"),
                withheld=_withheld(r.POST),
                other_agency=P(r, "other_agency"),
            )
            and "已作出答复。请生成告知书并记录送达。"
        ),
    ),
    "close_abandoned": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_close_abandoned(
                request=c, actor=r.user, date=P(r, "date") or None
            )
            and "已终止办理（视为放弃申请）。"
        ),
    ),
    "withdraw": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_withdraw(
                request=c, actor=r.user, date=P(r, "date"), note=P(r, "note")
            )
            and "已记录申请人撤回。"
        ),
    ),
    "transfer": (
        "inforequest.transfer",
        lambda r, c: (
            services.info_request_transfer(
                request=c, actor=r.user, unit=_transfer_unit(r, c), reason=P(r, "reason")
            )
            and "已转办，答复期限不变。"
        ),
    ),
    "deliver": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_deliver(
                request=c,
                actor=r.user,
                method=P(r, "method"),
                date=P(r, "date"),
                tracking_no=P(r, "tracking_no"),
                note=P(r, "note"),
            )
            and "已记录送达。"
        ),
    ),
    "archive": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_archive(
                request=c,
                actor=r.user,
                public=P(r, "public") == "1",
                consent=P(r, "consent") == "1",
            )
            and "已归档。"
        ),
    ),
    "letter": (
        "inforequest.handle",
        lambda r, c: (
            lambda letter: (
                f"已生成《{letter.title}》。"
                + (f"（{letter.pdf_error}）" if letter.pdf_error else "")
            )
        )(services.letter_generate(request=c, actor=r.user, key=P(r, "key") or None)),
    ),
    "appeal": (
        "inforequest.handle",
        lambda r, c: (
            services.appeal_record(
                request=c,
                actor=r.user,
                kind=P(r, "kind"),
                body=P(r, "body"),
                filed_on=P(r, "filed_on"),
                result=P(r, "result") or AppealResult.PENDING,
                decided_on=P(r, "decided_on") or None,
                note=P(r, "note"),
            )
            and "已登记。"
        ),
    ),
    "appeal_update": (
        "inforequest.handle",
        lambda r, c: (
            services.appeal_update(
                appeal=_appeal(r, c),
                actor=r.user,
                result=P(r, "result"),
                decided_on=P(r, "decided_on") or None,
                note=P(r, "note"),
            )
            and "已更新结果。"
        ),
    ),
}


def _make_action(name: str, rule: str, fn: ActionFn):
    @staff_rule(rule, get_object=_case)
    @require_POST
    def action(request: HttpRequest, pk: int) -> HttpResponse:
        case = request.gongkai_object
        try:
            text = fn(request, case)
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, text)
        return redirect("workspace:inforequests:case", pk=case.pk)

    action.__name__ = f"case_{name}"
    return action


ACTION_VIEWS = {name: _make_action(name, rule, fn) for name, (rule, fn) in ACTIONS.items()}
