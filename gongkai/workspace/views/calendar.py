"""工作日历: the openness office enters each year's State Council holiday arrangement.

The arrangement is one for the whole country, so any region's office admin (or a system admin)
may enter it for the deployment: rule ``calendar.manage``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from gongkai.core.errors import GongkaiError
from gongkai.core.workdays.models import CalendarYear
from gongkai.core.workdays.parsing import parse_holiday_lines, parse_makeup_lines
from gongkai.core.workdays.selectors import (
    calendar_year_get,
    calendar_years_overview,
    coverage,
    special_days,
    year_months,
)
from gongkai.core.workdays.services import (
    YEAR_MAX,
    YEAR_MIN,
    CalendarInvalid,
    calendar_year_import_csv,
    calendar_year_problems,
    calendar_year_set,
)
from gongkai.orgs.policy import staff_rule

RULE = "calendar.manage"
CSV_MAX_BYTES = 64 * 1024


def _notice_field() -> forms.CharField:
    return forms.CharField(
        label="依据",
        max_length=200,
        required=False,
        help_text="国务院办公厅通知的名称和文号，如：国务院办公厅关于2027年部分节假日安排的通知。",
        error_messages={"max_length": "依据不能超过200个字。"},
    )


class YearForm(forms.Form):
    notice = _notice_field()
    holidays = forms.CharField(
        label="放假日",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=(
            "每行一天：日期 节日名称，如“2027-10-01 国庆节”。假期中的星期六、星期日也要逐日写上。"
        ),
    )
    makeup = forms.CharField(
        label="调休上班日",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text="每行一天，只写日期，如“2027-09-26”。调休上班日只能是星期六或星期日。",
    )


class ImportForm(forms.Form):
    year = forms.IntegerField(
        label="年份",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": "请填写年份。",
            "invalid": "年份应为四位数字。",
            "min_value": f"年份不能早于{YEAR_MIN}年。",
            "max_value": f"年份不能晚于{YEAR_MAX}年。",
        },
    )
    file = forms.FileField(
        label="CSV 文件",
        help_text=(
            "第一行为表头 date,kind,name；kind 写 holiday（或 休、假）表示放假，"
            "写 workday（或 班）表示调休上班。UTF-8 或 GBK 编码均可。"
        ),
        error_messages={"required": "请选择要导入的 CSV 文件。", "empty": "上传的文件是空的。"},
    )
    notice = _notice_field()


def _check_year(year: int) -> None:
    if not (YEAR_MIN <= year <= YEAR_MAX):
        raise Http404(f"年份应在{YEAR_MIN}至{YEAR_MAX}年之间。")


def _saved_message(request: HttpRequest, saved, year: int, how: str) -> None:
    if not saved.changed:
        messages.info(request, f"{year}年的节假日安排没有变化。")
        return
    messages.success(
        request,
        f"已{how}{year}年节假日安排：放假{saved.holidays}天，调休上班{saved.workdays}天；"
        f"重新计算了{saved.recomputed}项未办结事项的截止日。",
    )


@staff_rule(RULE)
def calendar_list(request: HttpRequest) -> HttpResponse:
    info = coverage(timezone.localdate())
    years = list(calendar_years_overview())
    return render(
        request,
        "workspace/calendar/list.html",
        {"years": years, "coverage": info, "next_year": info["next_year"]},
    )


@staff_rule(RULE)
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    calendar_year = calendar_year_get(year)
    days = special_days(year) if calendar_year else []
    return render(
        request,
        "workspace/calendar/year.html",
        {
            "year": year,
            "calendar_year": calendar_year,
            "holidays": [d for d in days if d.kind == "holiday"],
            "makeup_days": [d for d in days if d.kind == "workday"],
            "months": year_months(year, days) if calendar_year else [],
        },
        status=200 if calendar_year else 404,
    )


@staff_rule(RULE)
def calendar_edit(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    existing = calendar_year_get(year)
    errors: list[str] = []
    if request.method == "POST":
        form = YearForm(request.POST)
        if form.is_valid():
            holidays, errors_h = parse_holiday_lines(form.cleaned_data["holidays"])
            makeup, errors_m = parse_makeup_lines(form.cleaned_data["makeup"])
            errors = errors_h + errors_m
            if errors and (holidays or makeup):
                errors += calendar_year_problems(
                    year=year,
                    holidays=holidays,
                    makeup_workdays=makeup,
                    notice=form.cleaned_data["notice"],
                    complete=False,
                )
            if not errors:
                try:
                    saved = calendar_year_set(
                        year=year,
                        holidays=holidays,
                        makeup_workdays=makeup,
                        notice=form.cleaned_data["notice"],
                        source=CalendarYear.Source.MANUAL,
                        actor=request.user,
                    )
                except CalendarInvalid as exc:
                    errors = exc.errors
                except GongkaiError as exc:
                    errors = [exc.message]
                else:
                    _saved_message(request, saved, year, "保存")
                    return redirect("workspace:calendar_year", year=year)
    else:
        days = special_days(year) if existing else []
        form = YearForm(
            initial={
                "notice": existing.notice if existing else "",
                "holidays": "\n".join(
                    f"{d.date.isoformat()} {d.name}".strip() for d in days if d.kind == "holiday"
                ),
                "makeup": "\n".join(d.date.isoformat() for d in days if d.kind == "workday"),
            }
        )
    return render(
        request,
        "workspace/calendar/edit.html",
        {"year": year, "existing": existing, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


def _decode(data: bytes) -> str | None:
    # Spreadsheets in China often save CSV as GBK; accept it alongside UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


@staff_rule(RULE)
def calendar_import(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            year = form.cleaned_data["year"]
            text = None
            if upload.size > CSV_MAX_BYTES:
                errors = [f"文件过大（超过{CSV_MAX_BYTES // 1024}KB）：一年的安排通常只有几十行。"]
            else:
                text = _decode(upload.read())
                if text is None:
                    errors = ["无法识别文件编码，请另存为 UTF-8 编码的 CSV 后再上传。"]
            if text is not None:
                try:
                    saved = calendar_year_import_csv(
                        year=year,
                        text=text,
                        actor=request.user,
                        notice=form.cleaned_data["notice"],
                    )
                except CalendarInvalid as exc:
                    errors = exc.errors
                except GongkaiError as exc:
                    errors = [exc.message]
                else:
                    _saved_message(request, saved, year, "导入")
                    return redirect("workspace:calendar_year", year=year)
    else:
        form = ImportForm(initial={"year": coverage(timezone.localdate())["next_year"]})
    return render(
        request,
        "workspace/calendar/import.html",
        {"form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("", calendar_list, name="calendar"),
    path("import/", calendar_import, name="calendar_import"),
    path("<int:year>/", calendar_year, name="calendar_year"),
    path("<int:year>/edit/", calendar_edit, name="calendar_edit"),
]
