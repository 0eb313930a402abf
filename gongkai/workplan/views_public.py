"""The public progress page of a plan (工作要点落实情况), when the office chooses to publish it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.orgs.policy import public

from . import selectors


@public
def progress_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.public_plans(region=getattr(request, "region", None))
    return render(request, "workplan/public_list.html", {"plans": plans})


@public
def progress_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.public_plans(region=getattr(request, "region", None)).filter(pk=pk).first()
    if plan is None:
        raise Http404("没有找到该工作要点的落实情况。")
    states = selectors.task_states(plan=plan)
    done = sum(1 for s in states if s.status in ("done", "ongoing"))
    return render(
        request,
        "workplan/public_detail.html",
        {"plan": plan, "states": states, "done": done, "total": len(states)},
    )
