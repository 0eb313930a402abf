"""The region's letter templates (the office edits them)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import can, staff_rule

from .. import services
from ..letters import PLACEHOLDERS
from ..models import LetterTemplate
from ._shared import _region


def _region_of_office(request: HttpRequest, *args, **kwargs):
    region = _region(request)
    if region is None:
        raise Http404("没有行政区域。")
    return region


@staff_rule("inforequest.templates", get_object=_region_of_office)
def template_list(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    services.letter_templates_seed(region=region)
    templates = LetterTemplate.objects.filter(region=region).order_by("id")
    return render(request, "inforequests/staff/templates.html", {"templates": templates})


def _template(request: HttpRequest, pk: int):
    template = LetterTemplate.objects.select_related("region").filter(pk=pk).first()
    if template is None or not can(request.user, "inforequest.templates", template.region):
        raise Http404("没有找到该模板。")
    return template


@staff_rule("inforequest.templates", get_object=_template)
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = request.gongkai_object
    values = {"title": template.title, "body": template.body}
    status = 200
    if request.method == "POST":
        values = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        try:
            services.letter_template_update(
                template=template, actor=request.user, title=values["title"], body=values["body"]
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, "模板已保存。")
            return redirect("workspace:inforequests:templates")
    context = {"template": template, "values": values, "placeholders": PLACEHOLDERS.items()}
    return render(request, "inforequests/staff/template_edit.html", context, status=status)
