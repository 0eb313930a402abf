"""依申请公开 on the portal: the online form, the receipt, the status page, the public archive.

The status page is opened with the tracking code and the phone number or ID number given when
applying; a wrong code and a wrong number give the same answer, and lookups are rate-limited per
address, so codes cannot be enumerated. Once verified, the session remembers the case for 30
minutes (the applicant can then submit a correction online).
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.audit import client_ip
from gongkai.core.errors import GongkaiError
from gongkai.core.ratelimit import rate_limited
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import public

from . import selectors, services
from .models import InfoRequest
from .views_staff import applicant_from_post, form_choices

SUBMIT_LIMIT = (5, 3600)  # 5 requests per address per hour
LOOKUP_LIMIT = (10, 600)  # 10 status lookups per address per 10 minutes
VERIFIED_SECONDS = 1800
SESSION_KEY = "ysqgk_verified"
RECEIPT_KEY = "ysqgk_receipt"


def _units(request: HttpRequest):
    region = getattr(request, "region", None)
    if region is None:
        return region, []
    units = Unit.objects.filter(region=region, is_active=True).order_by("sort", "id")
    return region, list(units)


@public
def apply(request: HttpRequest) -> HttpResponse:
    region, units = _units(request)
    values: dict = {
        "applicant_type": "natural",
        "form_wanted": "electronic",
        "way_wanted": "online",
    }
    status = 200
    if request.method == "POST":
        values = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        if rate_limited(request, "ysqgk:submit", SUBMIT_LIMIT):
            messages.error(
                request,
                "提交过于频繁：同一网络地址每小时最多提交 5 件申请。请稍后再试，"
                "或通过信函、当面等方式提出申请。",
            )
            status = 429
        else:
            unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
            try:
                files = []
                for f in request.FILES.getlist("files"):
                    if f.size > services.MAX_ATTACHMENT_BYTES:
                        raise GongkaiError(f"附件“{f.name}”超过 10 MB，请压缩后再上传。")
                    files.append((f.name, f.read()))
                if region is None:
                    raise GongkaiError("本站尚未设置行政区域，暂不能在线申请。")
                if request.POST.get("confirm") != "1":
                    raise GongkaiError("请勾选确认所填信息真实准确。", field="confirm")
                created = services.info_request_register(
                    region=region,
                    unit=unit,
                    applicant=applicant_from_post(request.POST),
                    channel="online",
                    files=files,
                    actor=None,
                    ip=client_ip(request),
                )
            except GongkaiError as exc:
                messages.error(request, exc.message)
                status = 400
            else:
                request.session[RECEIPT_KEY] = created.pk
                return redirect("portal:ysqgk:receipt")
    context = {"units": units, "values": values, **form_choices()}
    return render(request, "inforequests/public/apply.html", context, status=status)


@public
def receipt(request: HttpRequest) -> HttpResponse:
    pk = request.session.get(RECEIPT_KEY)
    case = InfoRequest.objects.select_related("unit").filter(pk=pk).first() if pk else None
    if case is None:
        return redirect("portal:ysqgk:status")
    view = selectors.clock_view(case)
    return render(request, "inforequests/public/receipt.html", {"case": case, "clock": view.result})


def _verified_case(request: HttpRequest) -> InfoRequest | None:
    data = request.session.get(SESSION_KEY)
    if not data or time.time() - data.get("at", 0) > VERIFIED_SECONDS:
        return None
    return InfoRequest.objects.select_related("unit", "region").filter(pk=data.get("id")).first()


@public
def status(request: HttpRequest) -> HttpResponse:
    code = ""
    http_status = 200
    if request.method == "POST":
        code = (request.POST.get("code") or "").strip()[:40]
        secret = (request.POST.get("secret") or "").strip()[:40]
        if rate_limited(request, "ysqgk:lookup", LOOKUP_LIMIT):
            messages.error(request, "查询过于频繁，请 10 分钟后再试。")
            http_status = 429
        elif not code or not secret:
            messages.error(request, "请填写查询码，以及申请时填写的联系电话或证件号码。")
            http_status = 400
        else:
            case = selectors.access_request_by_code(code=code, secret=secret)
            if case is None:
                messages.error(
                    request,
                    "查询码与联系电话（或证件号码）不匹配。请核对回执上的查询码"
                    "（形如 YSQ-2026-XXXX-XXXX-XXXX）和申请时填写的号码。",
                )
                http_status = 400
            else:
                request.session[SESSION_KEY] = {"id": case.pk, "at": time.time()}
                return redirect("portal:ysqgk:status")
    case = _verified_case(request) if request.method == "GET" else None
    context = {"code": code, "case": case}
    if case is not None:
        view = selectors.clock_view(case)
        context.update(
            {
                "clock": view.result,
                "clock_error": view.error,
                "reply": getattr(case, "reply", None),
                "deliveries": list(case.deliveries.all()),
                "letters": list(case.letters.all()),
                "fee": getattr(case, "fee", None),
                "correction_items": next(
                    (
                        e.event.get("note", "")
                        for e in case.clock.order_by("-seq")
                        if e.event["event"] == "correction_requested"
                    ),
                    "",
                ),
            }
        )
    return render(request, "inforequests/public/status.html", context, status=http_status)


@public
@require_POST
def correct(request: HttpRequest) -> HttpResponse:
    case = _verified_case(request)
    if case is None:
        messages.error(request, "查询已过期，请重新输入查询码和联系电话后再提交补正。")
        return redirect("portal:ysqgk:status")
    try:
        services.info_request_receive_correction(
            request=case,
            actor=None,
            description=request.POST.get("description", ""),
            ip=client_ip(request),
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "补正已提交，答复期限自今日重新计算。")
    return redirect("portal:ysqgk:status")


@public
def letter(request: HttpRequest, letter_pk: int, fmt: str) -> HttpResponse:
    """The applicant downloads a letter of their own case (verified session only)."""
    from .views_staff.files import _send

    case = _verified_case(request)
    letter = case.letters.filter(pk=letter_pk).first() if case is not None else None
    if letter is None or fmt not in ("docx", "pdf"):
        raise Http404("没有找到该文书，请先在查询页输入查询码。")
    field = letter.docx if fmt == "docx" else letter.pdf
    if not field:
        raise Http404("没有该格式的文件。")
    return _send(field, f"{case.tracking_code}-{letter.title}.{fmt}")


@public
def archive(request: HttpRequest) -> HttpResponse:
    region = getattr(request, "region", None)
    cases = selectors.public_archive(region=region) if region is not None else []
    return render(request, "inforequests/public/archive.html", {"cases": cases})


@public
def archive_case(request: HttpRequest, pk: int) -> HttpResponse:
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("没有找到该申请。")
    case = selectors.public_archive_case(region=region, pk=pk)
    return render(request, "inforequests/public/archive_case.html", {"case": case})
