"""The public website's shell: home, the disclosure columns, search, the senior-friendly mode."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.orgs.policy import public

from .columns import COLUMNS, GUIDE, REQUESTS, column_by_slug

SENIOR_COOKIE = "senior"
SENIOR_MAX_AGE = 365 * 24 * 60 * 60
QUERY_MAX_LENGTH = 100


@public
@require_GET
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "columns": COLUMNS,
            "requests_column": column_by_slug(REQUESTS),
            "guide_column": column_by_slug(GUIDE),
            "latest": [],  # 最新公开: filled by the policy library (issue 3)
        },
    )


@public
@require_GET
def column(request, slug: str):
    col = column_by_slug(slug)
    if col is None:
        raise Http404("没有这个栏目。")
    return render(
        request,
        f"portal/columns/{col.slug}.html" if col.slug == GUIDE else "portal/column.html",
        {"column": col, "current_column": col.slug},
    )


@public
@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    return render(request, "portal/search.html", {"query": query})


@public
@csrf_exempt  # Only sets a display preference in the reader's own browser; nothing is stored.
@require_POST
def senior_mode(request):
    turn_on = request.POST.get("on") == "1"
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = HttpResponseRedirect(target)
    if turn_on:
        response.set_cookie(
            SENIOR_COOKIE,
            "1",
            max_age=SENIOR_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(SENIOR_COOKIE, samesite="Lax")
    return response
