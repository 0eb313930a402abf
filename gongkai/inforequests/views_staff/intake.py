"""Registering a request received on paper, by letter, in person (条例第三十一条); the applicant
form's fields are shared with the public form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import can, staff_rule

from .. import selectors, services
from ..clock import Channel
from ..models import InfoRequest
from ..outcomes import ApplicantKind
from ._shared import _region

APPLICANT_FIELDS = [
    "applicant_kind",
    "name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "form_wanted",
    "way_wanted",
]


def _files(request: HttpRequest) -> list[tuple[str, bytes]]:
    out = []
    for f in request.FILES.getlist("files"):
        if f.size > services.MAX_ATTACHMENT_BYTES:
            raise GongkaiError(
                f"附件“{f.name}”超过 10 MB，请压缩后再上传。",
                field="files",
            )
        out.append((f.name, f.read()))
    return out


def applicant_from_post(post) -> dict[str, Any]:
    data = {name: post.get(name, "") for name in APPLICANT_FIELDS}
    if post.get("applicant_type") == "natural":
        data["applicant_kind"] = ApplicantKind.NATURAL
    elif post.get("applicant_type") == "org" and data["applicant_kind"] == ApplicantKind.NATURAL:
        data["applicant_kind"] = ""
    return data


def form_choices() -> dict[str, Any]:
    return {
        "org_kinds": [(k.value, k.label) for k in ApplicantKind if k != ApplicantKind.NATURAL],
        "id_types": InfoRequest.IdType.choices,
        "forms_wanted": InfoRequest.FormWanted.choices,
        "ways_wanted": InfoRequest.WayWanted.choices,
    }


@staff_rule("inforequest.list")
def request_register(request: HttpRequest) -> HttpResponse:
    units = [
        u
        for u in selectors.visible_units(user=request.user, region=_region(request))
        if can(request.user, "inforequest.register", u)
    ]
    if not units:
        raise Http404("您没有可以登记申请的单位。")
    values: dict[str, Any] = {"channel": "in_person", "received_on": services.today().isoformat()}
    error = None
    if request.method == "POST":
        values = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
        try:
            created = services.info_request_register(
                region=unit.region if unit else units[0].region,
                unit=unit,
                applicant=applicant_from_post(request.POST),
                channel=request.POST.get("channel", ""),
                received_on=request.POST.get("received_on") or None,
                submitted_on=request.POST.get("submitted_on") or None,
                receipt_note=request.POST.get("receipt_note", ""),
                files=_files(request),
                actor=request.user,
            )
        except GongkaiError as exc:
            error = exc
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已登记，查询码 {created.tracking_code}。")
            return redirect("workspace:inforequests:case", pk=created.pk)
    context = {
        "units": units,
        "values": values,
        "error": error,
        "channels": [(c.value, c.label, c.receipt_rule) for c in Channel],
        **form_choices(),
    }
    return render(
        request, "inforequests/staff/register.html", context, status=400 if error else 200
    )
