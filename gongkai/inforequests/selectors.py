"""Reads of information requests. Everything that depends on who asks goes through the policy."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.core.errors import GongkaiError
from gongkai.core.text import pii
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.policy import can, office_region_ids, unit_ids

from . import services
from .clock import ClockResult
from .codes import normalize_code
from .models import Appeal, DisclosureProposal, InfoRequest, ReleasedFile
from .services import clock_result, id_key, phone_key

# --- access helpers ------------------------------------------------------------------------


def access_request_by_id(
    *, user: Any, request_id: int, rule: str = "inforequest.view"
) -> InfoRequest:
    """The case if ``rule`` lets the person see it; 404 otherwise (ids reveal nothing)."""
    request = InfoRequest.objects.select_related("unit", "region").filter(pk=request_id).first()
    if request is None or not can(user, rule, request):
        raise Http404("没有找到该申请。")
    return request


def access_released_file_by_id(*, user: Any, request: InfoRequest, file_id: int) -> ReleasedFile:
    released = ReleasedFile.objects.filter(pk=file_id, request=request).first()
    if released is None:
        raise Http404("没有找到该文件。")
    return released


def access_appeal_by_id(*, user: Any, request: InfoRequest, appeal_id: int) -> Appeal:
    appeal = Appeal.objects.filter(pk=appeal_id, request=request).first()
    if appeal is None:
        raise Http404("没有找到该记录。")
    return appeal


# A constant placeholder compared when the code does not exist, so that a wrong code and a wrong
# phone number take the same time and give the same answer (no enumeration of codes).
_DUMMY = "0" * 18


def access_request_by_code(*, code: str, secret: str) -> InfoRequest | None:
    """The request the applicant may follow: tracking code + the phone number or ID number given
    when applying. None for any mismatch, with no hint which part was wrong."""
    normalized = normalize_code(code or "")
    request = None
    if normalized is not None:
        request = (
            InfoRequest.objects.select_related("unit", "region")
            .filter(tracking_code=normalized)
            .first()
        )
    given_phone = phone_key(secret or "")
    given_id = id_key(secret or "")
    want_phone = request.phone_key if request is not None else _DUMMY
    want_id = request.id_key if request is not None else _DUMMY
    phone_ok = hmac.compare_digest(given_phone.encode(), want_phone.encode())
    id_ok = hmac.compare_digest(given_id.encode(), want_id.encode())
    if request is None or not ((phone_ok and len(given_phone) >= 7) or (id_ok and given_id)):
        return None
    return request


# --- the clock, for pages ------------------------------------------------------------------


@dataclass
class ClockView:
    result: ClockResult | None
    error: str = ""


def clock_view(request: InfoRequest, *, today: dt.date | None = None) -> ClockView:
    """The clock's derivation for the case page and the status page (never raises)."""
    try:
        return ClockView(clock_result(request, today=today or services.today()))
    except GongkaiError as exc:
        return ClockView(None, exc.message)


# --- lists ----------------------------------------------------------------------------------


def visible_units(*, user: Any, region: Region | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.filter(is_active=True).order_by("region", "sort", "id")
    if user.is_superuser:
        return qs.filter(region=region) if region is not None else qs
    regions = office_region_ids(user)
    return (qs.filter(region_id__in=regions) | qs.filter(pk__in=unit_ids(user))).distinct()


def requests_for(
    *,
    user: Any,
    region: Region | None = None,
    unit_id: int | None = None,
    status: str = "open",
    query: str = "",
) -> QuerySet[InfoRequest]:
    """Requests the person may list — their units' (unit staff) or the region's (office) — the
    open ones sorted by due date (index (unit, status, due_on))."""
    qs = InfoRequest.objects.select_related("unit")
    if not user.is_superuser:
        regions = office_region_ids(user)
        own = unit_ids(user)
        qs = qs.filter(region_id__in=regions) | qs.filter(unit_id__in=own)
    elif region is not None:
        qs = qs.filter(region=region)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status == "open":
        qs = qs.filter(status__in=InfoRequest.OPEN_STATUSES).order_by("due_on", "id")
    elif status in InfoRequest.Status.values:
        qs = qs.filter(status=status).order_by("-received_on", "-id")
    else:
        qs = qs.order_by("-received_on", "-id")
    code = normalize_code(query) if query else None
    if code:
        qs = qs.filter(tracking_code=code)
    return qs


def open_requests_of_unit(*, unit_id: int, limit: int = 50) -> list[InfoRequest]:
    """The benchmark's query: one unit's open requests by due date (index-backed)."""
    return list(
        InfoRequest.objects.filter(unit_id=unit_id, status__in=InfoRequest.OPEN_STATUSES)
        .order_by("due_on", "id")
        .only("id", "tracking_code", "status", "due_on", "received_on", "clock_status", "unit_id")[
            :limit
        ]
    )


# --- the public archive ---------------------------------------------------------------------


def _scrub(text: str, request: InfoRequest) -> str:
    """Personal data out: the scanner's numbers redacted, the applicant's names removed."""
    text = pii.redact(text or "")
    for name in {request.name, request.contact_person}:
        if name and len(name.strip()) >= 2:
            text = text.replace(name.strip(), "申请人")
    for value in {request.phone, request.id_number, request.email, request.address}:
        if value and len(value.strip()) >= 4:
            text = text.replace(value.strip(), "＊＊＊")
    return text


@dataclass
class ArchivedCase:
    pk: int
    unit: str
    received_on: dt.date
    decided_on: dt.date | None
    outcome: str
    description: str
    facts: str
    withheld: list[dict]


def public_archive(*, region: Region, limit: int = 200) -> list[ArchivedCase]:
    """Closed requests the office chose to show, with the applicant's consent, scrubbed."""
    rows = (
        InfoRequest.objects.filter(region=region, status="archived", public_archive=True)
        .filter(applicant_consent=True)
        .select_related("unit", "reply")
        .order_by("-decided_on", "-id")[:limit]
    )
    return [_archived(r) for r in rows]


def public_archive_case(*, region: Region, pk: int) -> ArchivedCase:
    request = (
        InfoRequest.objects.filter(
            region=region, pk=pk, status="archived", public_archive=True, applicant_consent=True
        )
        .select_related("unit", "reply")
        .first()
    )
    if request is None:
        raise Http404("没有找到该申请。")
    return _archived(request)


def _archived(request: InfoRequest) -> ArchivedCase:
    reply = getattr(request, "reply", None)
    return ArchivedCase(
        pk=request.pk,
        unit=request.unit.name,
        received_on=request.received_on,
        decided_on=request.decided_on,
        outcome=request.outcome_info.full_label if request.outcome_info else "",
        description=_scrub(request.description, request),
        facts=_scrub(reply.facts if reply else "", request),
        withheld=[
            {"part": _scrub(w["part"], request), "reason": _scrub(w["reason"], request)}
            for w in (reply.withheld if reply else [])
        ],
    )


def disclosure_proposals(*, region: Region, status: str = "open") -> QuerySet[DisclosureProposal]:
    """条例第四十四条 proposals for the library to pick up."""
    return DisclosureProposal.objects.filter(region=region, status=status).select_related(
        "unit", "released_file"
    )
