"""清理 in the workspace: the office opens and closes campaigns; units record their decisions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import can, staff_rule

from .. import selectors
from ..forms import CampaignForm, DecisionForm
from ..models import CleanupCampaign, Document
from ..services import cleanup as services
from . import _shared


@staff_rule("workspace.enter")
def campaign_list(request: HttpRequest) -> HttpResponse:
    region = request.region
    return render(
        request,
        "library/staff/cleanup_list.html",
        {
            "campaigns": CleanupCampaign.objects.filter(region=region).order_by("-opened_at"),
            "manage": can(request.user, "library.cleanup.manage", region),
            "form": CampaignForm(),
        },
    )


@staff_rule("library.cleanup.manage", get_object=_shared.region)
@require_POST
def campaign_open(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _shared.refused(request, GongkaiError(error), "workspace:library_cleanups")
    try:
        campaign = services.cleanup_open(
            actor=request.user, region=request.region, **form.cleaned_data
        )
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_cleanups")
    return _shared.done(
        request, "已启动文件清理，各单位已收到待办。", "workspace:library_cleanup", campaign.pk
    )


@staff_rule("workspace.enter", get_object=_shared.campaign)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = request.gongkai_object
    return render(
        request,
        "library/staff/cleanup_detail.html",
        {
            "campaign": campaign,
            "worklist": selectors.cleanup_worklist(campaign=campaign, user=request.user),
            "results": selectors.cleanup_results(campaign),
            "manage": can(request.user, "library.cleanup.manage", campaign.region),
            "decisions": DecisionForm.base_fields["decision"].choices,
        },
    )


@staff_rule("workspace.enter", get_object=_shared.campaign)
@require_POST
def campaign_decide(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = request.gongkai_object
    form = DecisionForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _shared.refused(request, GongkaiError(error), "workspace:library_cleanup", pk)
    data = form.cleaned_data
    try:
        document = selectors.access_document_by_id(user=request.user, document_id=data["document"])
        amended_by = None
        if data["amended_by"]:
            amended_by = Document.objects.filter(
                region=campaign.region, index_no=data["amended_by"].strip()
            ).first()
            if amended_by is None:
                raise GongkaiError(f"没有找到索引号为“{data['amended_by']}”的文件。")
        services.cleanup_decide(
            actor=request.user,
            campaign=campaign,
            document=document,
            decision=data["decision"],
            note=data["note"],
            amended_by=amended_by,
        )
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_cleanup", pk)
    return _shared.done(request, "已记录清理结果。", "workspace:library_cleanup", pk)


@staff_rule("library.cleanup.manage", get_object=_shared.campaign_region)
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign_by_id(user=request.user, campaign_id=pk)
    try:
        services.cleanup_close(actor=request.user, campaign=campaign)
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_cleanup", pk)
    return _shared.done(request, "已结束文件清理。", "workspace:library_cleanup", pk)
