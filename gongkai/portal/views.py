"""The public website's shell: home, the disclosure columns, search, the senior-friendly mode."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.library.public.pages import latest_documents, list_context
from gongkai.library.public.query import LibraryParams, library_search
from gongkai.orgs.policy import public

from .columns import COLUMNS, GUIDE, REQUESTS, column_by_slug, column_context, column_template

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
            "latest": latest_documents(getattr(request, "region", None)),  # 最新公开
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
        column_template(col),
        {
            "column": col,
            "current_column": col.slug,
            **column_context(col, getattr(request, "region", None)),
        },
    )


@public
@require_GET
def search(request):
    """The site's search box: the policy library's full-text search (政策文件库)."""
    params = LibraryParams.from_mapping(request.GET)
    if not params.q:
        return render(request, "portal/search.html", {"query": ""})
    outcome = library_search(getattr(request, "region", None), params)
    context = list_context(getattr(request, "region", None), outcome)
    return render(request, "portal/search.html", {**context, "query": params.q})


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
