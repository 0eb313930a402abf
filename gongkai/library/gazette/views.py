"""政府公报 pages: the office's compile/publish pages (staff) and the public archive."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import public, staff_rule

from . import selectors
from .render import gazette_name, issue_html
from .services import gazette_compile, gazette_publish

RULE = "gazette.manage"


def _region(request: HttpRequest, *args, **kwargs):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("没有找到区域。")
    return region


def _issue(request: HttpRequest, pk: int, *args, **kwargs):
    return selectors.gazette_issue_for_staff(_region(request), pk)


def _pdf_response(issue, *, inline: bool = True) -> HttpResponse:
    if not issue.pdf:
        raise Http404("本期公报还没有 PDF。")
    try:
        handle = issue.pdf.open("rb")
    except FileNotFoundError:
        raise Http404("PDF 文件不存在，请重新编印。") from None
    name = f"{gazette_name(issue.region)}{issue.year}年第{issue.number}期.pdf"
    return FileResponse(
        handle, content_type="application/pdf", as_attachment=not inline, filename=name
    )


# --- staff ---------------------------------------------------------------------------------


class CompileForm(forms.Form):
    year = forms.IntegerField(
        label="年份",
        min_value=1949,
        max_value=2099,
        error_messages={"required": "请填写年份。", "invalid": "年份应为四位数字。"},
    )
    number = forms.IntegerField(
        label="期号",
        min_value=1,
        max_value=99,
        error_messages={
            "required": "请填写期号。",
            "invalid": "期号应为数字。",
            "min_value": "期号应在 1 到 99 之间。",
            "max_value": "期号应在 1 到 99 之间。",
        },
    )
    period_from = forms.DateField(
        label="收录起始日期",
        help_text="收录这段期间内发布的行政规范性文件。",
        error_messages={"required": "请填写收录起始日期。", "invalid": "日期格式应为 2026-03-01。"},
    )
    period_to = forms.DateField(
        label="收录截止日期",
        error_messages={"required": "请填写收录截止日期。", "invalid": "日期格式应为 2026-03-31。"},
    )
    issued_on = forms.DateField(
        label="出版日期",
        required=False,
        help_text="印在封面上；不填则为今天。",
        error_messages={"invalid": "日期格式应为 2026-04-10。"},
    )
    extra = forms.CharField(
        label="另外收录的文件（索引号，每行一个，可选）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="非规范性文件如需收入本期公报，在此填写其索引号。",
    )


@staff_rule(RULE, get_object=_region)
def gazette_list(request: HttpRequest) -> HttpResponse:
    issues = selectors.issues_for_staff(request.gongkai_object)
    return render(request, "library/gazette/staff_list.html", {"issues": issues})


@staff_rule(RULE, get_object=_region)
def gazette_new(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    errors: list[str] = []
    if request.method == "POST":
        form = CompileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                issue = gazette_compile(
                    actor=request.user,
                    region=region,
                    year=data["year"],
                    number=data["number"],
                    period_from=data["period_from"],
                    period_to=data["period_to"],
                    issued_on=data["issued_on"],
                    extra_index_nos=data["extra"].split(),
                )
            except GongkaiError as exc:
                errors = [exc.message]
            else:
                messages.success(request, f"{issue.label}已编印：{issue.pages} 页。请核对后发布。")
                return redirect("workspace:gazette_issue", pk=issue.pk)
    else:
        today = timezone.localdate()
        last = selectors.issues_for_staff(region).filter(year=today.year).first()
        month_start = today.replace(day=1)
        prev_end = month_start - dt.timedelta(days=1)
        form = CompileForm(
            initial={
                "year": today.year,
                "number": (last.number + 1) if last else 1,
                "period_from": prev_end.replace(day=1),
                "period_to": prev_end,
                "issued_on": today,
            }
        )
    return render(
        request,
        "library/gazette/staff_new.html",
        {"form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@staff_rule(RULE, get_object=_issue)
def gazette_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = request.gongkai_object
    entries = selectors.issue_entries(issue)
    form = CompileForm(
        initial={
            "year": issue.year,
            "number": issue.number,
            "period_from": issue.period_from,
            "period_to": issue.period_to,
            "issued_on": issue.issued_on,
        }
    )
    return render(
        request,
        "library/gazette/staff_issue.html",
        {"issue": issue, "entries": entries, "form": form},
    )


@staff_rule(RULE, get_object=_issue)
def gazette_issue_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(request.gongkai_object)


@staff_rule(RULE, get_object=_issue)
@require_POST
def gazette_issue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        issue = gazette_publish(actor=request.user, issue=request.gongkai_object)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{issue.label}已发布，公众可在政府公报栏目查阅和下载。")
    return redirect("workspace:gazette_issue", pk=pk)


# --- public --------------------------------------------------------------------------------


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and 1949 <= int(value) <= 2099 else None


@public
def archive(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    year = _year(request.GET.get("year", ""))
    q = " ".join(request.GET.get("q", "").split())[:50]
    issues = selectors.issues_public(region, year=year, q=q)
    try:
        search_url = reverse("portal:library:list")
    except Exception:  # the library pages are not mounted
        search_url = reverse("portal:search")
    return render(
        request,
        "library/gazette/archive.html",
        {
            "gazette_name": gazette_name(region),
            "years": selectors.years_public(region),
            "issues": issues,
            "year": year,
            "q": q,
            "search_url": search_url,
        },
    )


@public
def issue_page(request: HttpRequest, year: int, number: int) -> HttpResponse:
    region = _region(request)
    issue = selectors.issue_public(region, year, number)
    return render(
        request,
        "library/gazette/issue.html",
        {
            "issue": issue,
            "entries": selectors.issue_entries(issue),
            "gazette_name": gazette_name(region),
        },
    )


@public
def issue_html_edition(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """The whole issue as one HTML page (the same layout the PDF is printed from)."""
    region = _region(request)
    issue = selectors.issue_public(region, year, number)
    entries = [e for e in selectors.issue_entries(issue) if e.is_public]
    return HttpResponse(issue_html(issue, entries, for_screen=True))


@public
def issue_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    region = _region(request)
    return _pdf_response(selectors.issue_public(region, year, number))
