"""Back-office import pages: upload → check → confirm, with progress polled by htmx."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import staff_rule

from .columns import COLUMNS
from .models import ImportRun
from .progress import read_progress
from .runs import MAX_SOURCE_MB, MAX_ZIP_MB, import_run_confirm, import_run_create

RULE = "library.import"


def _region(request: HttpRequest, *args, **kwargs):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("没有找到区域。")
    return region


def _run(request: HttpRequest, pk: int, *args, **kwargs) -> ImportRun:
    region = _region(request)
    run = ImportRun.objects.filter(pk=pk, region=region).select_related("created_by").first()
    if run is None:
        raise Http404("没有找到该导入记录。")
    return run


class UploadForm(forms.Form):
    source = forms.FileField(
        label="元数据表",
        help_text=f"Excel（.xlsx）、CSV 或 JSON Lines（.jsonl），不超过 {MAX_SOURCE_MB} MB。"
        "第一行为表头。",
        error_messages={"required": "请选择元数据表。", "empty": "上传的文件是空的。"},
    )
    bodies = forms.FileField(
        label="正文文件（.zip 压缩包，可选）",
        required=False,
        help_text=f"把“正文文件”列中写到的 .docx/.pdf/.txt 文件打包成一个 .zip，"
        f"不超过 {MAX_ZIP_MB} MB。",
    )


@staff_rule(RULE, get_object=_region)
def import_upload(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    errors: list[str] = []
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        bodies = form.cleaned_data.get("bodies")
        try:
            run = import_run_create(
                actor=request.user,
                region=region,
                source_name=source.name,
                source_data=source.read(),
                bodies_name=bodies.name if bodies else "",
                bodies_data=bodies.read() if bodies else None,
                dry_run=request.POST.get("action") != "import",
            )
        except GongkaiError as exc:
            errors = [exc.message]
        else:
            return redirect("workspace:library_import_run", pk=run.pk)
    runs = ImportRun.objects.filter(region=region).select_related("created_by")[:20]
    return render(
        request,
        "library/importer/upload.html",
        {"form": form, "errors": errors, "runs": runs, "columns": COLUMNS},
        status=400 if request.method == "POST" else 200,
    )


def _status_context(run: ImportRun) -> dict:
    finished = run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED)
    return {
        "run": run,
        "finished": finished,
        "progress": None if finished else read_progress(run.pk),
    }


@staff_rule(RULE, get_object=_run)
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "library/importer/run.html", _status_context(request.gongkai_object))


@staff_rule(RULE, get_object=_run)
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status box alone (htmx polls it every second until the run is finished)."""
    return render(request, "library/importer/_status.html", _status_context(request.gongkai_object))


@staff_rule(RULE, get_object=_run)
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        new = import_run_confirm(actor=request.user, run=request.gongkai_object)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("workspace:library_import_run", pk=pk)
    return redirect("workspace:library_import_run", pk=new.pk)
