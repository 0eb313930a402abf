"""Interpretations in the workspace: write one for a document, link an existing one, sign off."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import can, staff_rule

from .. import selectors
from ..forms import InterpretationForm, LinkForm, add_service_error
from ..models import Interpretation
from ..services import interpretations as services
from . import _shared


@staff_rule("library.draft", get_object=_shared.doc)
def interpretation_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = request.gongkai_object
    form = InterpretationForm(request.POST or None, initial={"title": f"《{document.title}》解读"})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.interpretation_create(
                actor=request.user,
                unit=document.unit,
                documents=[document],
                **form.service_kwargs(),
            )
        except GongkaiError as exc:
            add_service_error(form, exc)
        else:
            return _shared.done(
                request,
                "已保存解读草稿，请单位负责人审定。",
                "workspace:library_interpretation",
                item.pk,
            )
    return render(
        request, "library/staff/interpretation_form.html", {"form": form, "document": document}
    )


@staff_rule("library.draft", get_object=_shared.doc)
@require_POST
def interpretation_link(request: HttpRequest, pk: int) -> HttpResponse:
    form = LinkForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _shared.refused(request, GongkaiError(error), "workspace:library_document", pk)
    try:
        item = selectors.access_interpretation_by_id(
            user=request.user, interpretation_id=form.cleaned_data["interpretation"]
        )
        services.interpretation_link(
            actor=request.user, interpretation=item, document=request.gongkai_object
        )
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_document", pk)
    except Exception as exc:  # Http404 from the selector: say it plainly instead
        if exc.__class__.__name__ != "Http404":
            raise
        return _shared.refused(
            request, GongkaiError("没有找到该编号的解读。"), "workspace:library_document", pk
        )
    return _shared.done(request, "已关联解读。", "workspace:library_document", pk)


@staff_rule("library.view", get_object=_shared.interpretation)
def interpretation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = request.gongkai_object
    return render(
        request,
        "library/staff/interpretation_detail.html",
        {
            "item": item,
            "documents": item.documents.select_related("unit"),
            "may_approve": item.status == Interpretation.Status.DRAFT
            and can(request.user, "library.sign_off", item),
        },
    )


@staff_rule("library.sign_off", get_object=_shared.interpretation)
@require_POST
def interpretation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.interpretation_approve(actor=request.user, interpretation=request.gongkai_object)
    except GongkaiError as exc:
        return _shared.refused(request, exc, "workspace:library_interpretation", pk)
    return _shared.done(request, "已审定解读。", "workspace:library_interpretation", pk)
