"""The staff pages of the annual report: the list, one report (tables, checks, prose, figures,
reviews), downloads, and the office's import of earlier years' reports."""

from __future__ import annotations

import json
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError
from gongkai.orgs import policy
from gongkai.orgs.models import Unit
from gongkai.orgs.reviews import review_stage_name

from . import selectors, services
from .checks import Finding
from .form import SECTION_TITLES, path_label
from .models import AnnualReport
from .outputs import report_html, report_output

S = AnnualReport.Status


def _region(request: HttpRequest, *args, **kwargs):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("没有找到区域。")
    return region


def _report(request: HttpRequest, pk: int, *args, **kwargs) -> AnnualReport:
    report = selectors.access_report_by_id(user=request.user, report_id=pk)
    if report.region_id != _region(request).pk:
        raise Http404
    return report


def _year(value: str, default: int) -> tuple[int, str]:
    value = (value or "").strip()
    if not value:
        return default, ""
    if value.isdigit() and 2008 <= int(value) <= default + 1:
        return int(value), ""
    return default, f"年度“{value[:10]}”无效，已显示{default}年度。"


def _last_year() -> int:
    return timezone.localdate().year - 1


# --- list --------------------------------------------------------------------------------------


@policy.staff_rule("workspace.enter", get_object=_region)
def report_list(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    year, problem = _year(request.GET.get("year", ""), _last_year())
    if problem:
        messages.warning(request, problem)
    reports = list(selectors.reports_for_staff(user=request.user, region=region, year=year))
    is_office = policy.is_office_for(request.user, region.pk)
    have = {r.unit_id for r in reports if not r.is_region}
    can_open = [
        u
        for u in selectors.report_unit_choices(region)
        if u.pk not in have and policy.can(request.user, "reports.draft", u)
    ]
    return render(
        request,
        "reports/staff/list.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, 2018, -1),
            "reports": reports,
            "is_office": is_office,
            "can_open": can_open,
            "today": timezone.localdate(),
        },
    )


@policy.staff_rule("workspace.enter", get_object=_region)
@require_POST
def report_open(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    year, problem = _year(request.POST.get("year", ""), _last_year())
    if problem:
        messages.error(request, problem)
        return redirect("workspace:reports")
    try:
        if request.POST.get("unit") == "all":
            made = services.reports_open_year(actor=request.user, region=region, year=year)
            messages.success(request, f"已为 {len(made)} 个报告主体编制{year}年度报告草稿。")
        else:
            unit = Unit.objects.filter(region=region, pk=request.POST.get("unit") or 0).first()
            if unit is None:
                raise GongkaiError("请选择要编制报告的单位。")
            report = services.report_create(actor=request.user, region=region, year=year, unit=unit)
            messages.success(request, f"已编制{report.title}草稿，请核对数据并补充文字。")
            return redirect("workspace:report", pk=report.pk)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('workspace:reports')}?year={year}")


# --- one report --------------------------------------------------------------------------------


class ProseForm(forms.Form):
    section1 = forms.CharField(
        label=SECTION_TITLES["section1"], required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    section5 = forms.CharField(
        label=SECTION_TITLES["section5"], required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    section6 = forms.CharField(
        label=SECTION_TITLES["section6"], required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


def _context(request: HttpRequest, report: AnnualReport, **extra) -> dict:
    user = request.user
    data = selectors.report_json(report)
    level = report.review_level_pending
    can_draft = policy.can(user, "reports.draft", report) and report.editable
    rows = selectors.cell_rows(report)
    duty = (
        Duty.objects.filter(
            subject_type=report._meta.label_lower, subject_id=str(report.pk), kind="reports.publish"
        )
        .order_by("-id")
        .first()
    )
    return {
        "report": report,
        "data": data,
        "body": report_html(data),
        "findings": selectors.report_findings(report),
        "overrides": selectors.overridden_cells(report),
        "import_findings": (report.facts or {}).get("import_findings", []),
        "entered_rows": [r for r in rows if r["source"] == "entered"] if report.editable else [],
        "override_choices": [
            (r["key"], path_label(r["path"]), r["value"]) for r in rows if r["source"] != "entered"
        ],
        "prose_form": extra.pop("prose_form", None)
        or ProseForm(initial={k: getattr(report, k) for k in ("section1", "section5", "section6")}),
        "can_draft": can_draft,
        "can_review": level is not None
        and policy.can(user, "reports.review", report)
        and level in policy.reviewer_levels(user, report.unit_id),
        "review_stage": review_stage_name(level, report.unit.review_levels) if level else "",
        "can_reopen": report.status == S.PUBLISHED
        and report.source == AnnualReport.Source.GENERATED
        and policy.can(user, "reports.manage", report),
        "duty": duty,
        "history_url": _history_url(report),
        "today": timezone.localdate(),
        **extra,
    }


def _history_url(report: AnnualReport) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("workspace:history", args=[report._meta.label_lower, report.pk])
    except NoReverseMatch:
        return ""


@policy.staff_rule("reports.view", get_object=_report)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = request.gongkai_object
    return render(request, "reports/staff/report.html", _context(request, report))


def _act(request: HttpRequest, pk: int, action) -> HttpResponse:
    report = request.gongkai_object
    try:
        done = action(report)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        if done:
            messages.success(request, done)
    return redirect("workspace:report", pk=pk)


@policy.staff_rule("reports.draft", get_object=_report)
@require_POST
def report_prose(request: HttpRequest, pk: int) -> HttpResponse:
    report = request.gongkai_object
    form = ProseForm(request.POST)
    if not form.is_valid():  # pragma: no cover — every field is optional text
        return render(request, "reports/staff/report.html", _context(request, report), status=400)
    data = form.cleaned_data

    def save(r):
        services.report_set_prose(actor=request.user, report=r, **data)
        return "报告文字已保存。"

    return _act(request, pk, save)


@policy.staff_rule("reports.draft", get_object=_report)
@require_POST
def report_enter(request: HttpRequest, pk: int) -> HttpResponse:
    values = {k[5:]: v for k, v in request.POST.items() if k.startswith("cell:")}

    def save(r):
        services.report_enter(actor=request.user, report=r, values=values)
        return "填报数据已保存。"

    return _act(request, pk, save)


@policy.staff_rule("reports.draft", get_object=_report)
@require_POST
def report_override(request: HttpRequest, pk: int) -> HttpResponse:
    def save(r):
        services.report_override(
            actor=request.user,
            report=r,
            key=request.POST.get("key", ""),
            value=request.POST.get("value", ""),
            reason=request.POST.get("reason", ""),
        )
        return "已改填，理由会显示给审核人。"

    return _act(request, pk, save)


@policy.staff_rule("reports.draft", get_object=_report)
@require_POST
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    redraft = request.POST.get("redraft") == "1"

    def refresh(r):
        services.report_refresh(actor=request.user, report=r, redraft=redraft)
        return "已按最新数据重新统计" + ("并重新起草文字。" if redraft else "。")

    return _act(request, pk, refresh)


@policy.staff_rule("reports.draft", get_object=_report)
@require_POST
def report_scope(request: HttpRequest, pk: int) -> HttpResponse:
    aggregate = request.POST.get("aggregate_all") == "1"

    def scope(r):
        services.report_set_aggregate(actor=request.user, report=r, aggregate_all=aggregate)
        return (
            "已汇总全县各单位数据并重新起草文字。"
            if aggregate
            else "已改为只统计本级政府及其办公室。"
        )

    return _act(request, pk, scope)


@policy.staff_rule("reports.draft", get_object=_report)
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    def submit(r):
        services.report_submit(actor=request.user, report=r)
        return "已提交审核。"

    return _act(request, pk, submit)


@policy.staff_rule("reports.review", get_object=_report)
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    decision = request.POST.get("decision")
    note = request.POST.get("note", "")

    def review(r):
        if decision == "approve":
            r = services.report_approve(actor=request.user, report=r, note=note)
            return "审核通过，报告已发布。" if r.status == S.PUBLISHED else "审核通过。"
        if decision == "return":
            services.report_return(actor=request.user, report=r, reason=note)
            return "已退回经办人修改。"
        raise GongkaiError("请选择“通过”或“退回”。")

    return _act(request, pk, review)


@policy.staff_rule("reports.manage", get_object=_report)
@require_POST
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def reopen(r):
        services.report_reopen(actor=request.user, report=r, reason=request.POST.get("reason", ""))
        return "报告已重新打开为草稿，已从门户网站撤下，修改后须重新审核发布。"

    return _act(request, pk, reopen)


@policy.staff_rule("reports.view", get_object=_report)
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = request.gongkai_object
    try:
        content, content_type, ext = report_output(selectors.report_json(report), fmt)
    except GongkaiError as exc:
        raise Http404(exc.message) from None
    response = HttpResponse(content, content_type=content_type)
    if ext in ("docx", "pdf"):
        from django.utils.http import content_disposition_header

        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{report.title}.{ext}"
        )
    return response


# --- import ------------------------------------------------------------------------------------

IMPORT_SESSION_KEY = "reports.import"


class ImportForm(forms.Form):
    text = forms.CharField(
        label="粘贴报告全文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="从政府网站复制整篇报告（含表格）粘贴到这里；或上传 .docx / .txt 文件。",
    )
    file = forms.FileField(label="或上传文件", required=False)
    unit = forms.ChoiceField(label="报告主体", required=False)
    year = forms.IntegerField(
        label="报告年度",
        required=False,
        min_value=2008,
        max_value=2100,
        help_text="不填则从标题识别。",
        error_messages={"invalid": "年度应为四位数字。", "min_value": "年度不早于2008年。"},
    )
    replace = forms.BooleanField(label="覆盖已导入的同年度报告", required=False)

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(region=region, is_active=True).order_by("sort", "pk")
        self.fields["unit"].choices = [("", f"{region.name}（本级政府）")] + [
            (str(u.pk), u.name) for u in units
        ]


def _parse_upload(form: ImportForm):
    from .importer import report_parse

    upload = form.cleaned_data.get("file")
    text = form.cleaned_data.get("text") or ""
    if upload is not None:
        if upload.size > 10 * 1024 * 1024:
            raise GongkaiError("文件过大（超过 10 MB），请只上传年度报告本身。")
        import tempfile
        from pathlib import Path

        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"report{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            return report_parse(path=path)
    if not text.strip():
        raise GongkaiError("请粘贴报告全文或上传文件。")
    return report_parse(text=text)


@policy.staff_rule("reports.manage", get_object=_region)
def report_import(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    preview = None
    error = ""
    if request.method == "POST" and request.POST.get("action") == "save":
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored:
            messages.error(request, "请先解析报告，核对后再保存。")
            return redirect("workspace:report_import")
        parsed = SimpleNamespace(
            format=stored["format"],
            year=stored["year"],
            title=stored["title"],
            sections={k: stored[k] for k in SECTION_TITLES},
            findings=[
                Finding(f["check"], f["place"], f["expected"], f["actual"])
                for f in stored["checks"]["findings"]
            ],
        )
        unit = Unit.objects.filter(region=region, pk=stored.get("_unit") or 0).first()
        try:
            report = services.report_import(
                actor=request.user,
                region=region,
                parsed=parsed,
                unit=unit,
                year=stored.get("_year"),
                replace=bool(stored.get("_replace")),
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
            return redirect("workspace:report_import")
        del request.session[IMPORT_SESSION_KEY]
        messages.success(request, f"已导入：{report.title}。")
        return redirect("workspace:report", pk=report.pk)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, region=region)
        if form.is_valid():
            try:
                parsed = _parse_upload(form)
            except GongkaiError as exc:
                error = exc.message
            else:
                preview = parsed.as_json()
                request.session[IMPORT_SESSION_KEY] = json.loads(
                    json.dumps(
                        {
                            **preview,
                            "_unit": form.cleaned_data["unit"],
                            "_year": form.cleaned_data["year"],
                            "_replace": form.cleaned_data["replace"],
                        },
                        default=str,
                    )
                )
    else:
        form = ImportForm(region=region)
    return render(
        request,
        "reports/staff/import.html",
        {
            "form": form,
            "preview": preview,
            "preview_html": report_html(_preview_data(preview)) if preview else "",
            "error": error,
        },
        status=400 if error or (request.method == "POST" and not form.is_valid()) else 200,
    )


def _preview_data(preview: dict) -> dict:
    return {
        **preview,
        "scope": {"kind": "unit", "name": "", "unit_code": "", "region_code": ""},
        "status": "preview",
        "source": "imported",
        "overrides": [],
    }
