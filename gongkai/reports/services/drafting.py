"""Making a report: open it (with its deadline duty), refresh the computed numbers, enter
figures, type over a number with a reason, edit the prose, import an earlier year's report."""

from __future__ import annotations

import math
import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.duties.services import duty_open
from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.policy import can

from ..compute import REPORTING_KINDS, compute_tables, gather_facts
from ..form import FORMAT_2021, cell_paths, get_cell, is_money, key_path, path_key, path_label
from ..models import AnnualReport
from ..prose import draft_sections
from ..selectors import is_entered
from ._common import check, locked, staff_url, touch
from .workflow import mark_imported

PROSE_LIMIT = 20000
DUTY_KIND = "reports.publish"


def region_report_unit(region: Region) -> Unit:
    """The unit that drafts the region's own report: its openness office (by the region's
    office name), else the government's office, else the government itself."""
    units = Unit.objects.filter(region=region, is_active=True)
    for qs in (
        units.filter(kind=Unit.Kind.OFFICE, name=region.office_name),
        units.filter(kind=Unit.Kind.OFFICE),
        units.filter(kind=Unit.Kind.GOVERNMENT),
    ):
        unit = qs.order_by("sort", "pk").first()
        if unit is not None:
            return unit
    raise GongkaiError(f"{region.name}没有政府办公室或政务公开办单位，无法编制本级政府年度报告。")


def _check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not 2008 <= year <= this_year:
        raise GongkaiError(
            f"报告年度须在 2008 年至 {this_year} 年之间，收到“{year}”。", field="year"
        )


def _title(scope_name: str, year: int) -> str:
    return f"{scope_name}{year}年政府信息公开工作年度报告"


def _can_create(actor: Any, region: Region, unit: Unit) -> bool:
    return can(actor, "reports.manage", region) or can(actor, "reports.draft", unit)


@transaction.atomic
def report_create(
    *,
    actor: Any,
    region: Region,
    year: int,
    unit: Unit | None = None,
    aggregate_all: bool = False,
) -> AnnualReport:
    """Open the report of ``unit`` (or of the region) for ``year``: numbers computed, prose
    drafted, and the publication deadline a duty in the drafting unit's inbox."""
    _check_year(year)
    if unit is not None:
        if unit.region_id != region.pk:
            raise GongkaiError("该单位不属于本地区。")
        if unit.kind not in REPORTING_KINDS:
            raise GongkaiError(
                f"{unit.name}不单独编制年度报告（政府及其办公室的情况列入本级政府年度报告）。"
            )
        scope, owner = AnnualReport.Scope.UNIT, unit
        exists = AnnualReport.objects.filter(unit=unit, year=year, scope=scope).exists()
    else:
        scope, owner = AnnualReport.Scope.REGION, region_report_unit(region)
        exists = AnnualReport.objects.filter(region=region, year=year, scope=scope).exists()
    if actor is not None and not _can_create(actor, region, owner):
        check(actor, "reports.manage", region)
    if exists:
        raise GongkaiError(f"{year}年度的报告已经存在，请在报告列表中打开它。", code="exists")
    report = AnnualReport(
        region=region,
        unit=owner,
        scope=scope,
        year=year,
        aggregate_all=aggregate_all if scope == AnnualReport.Scope.REGION else False,
        format=FORMAT_2021,
        created_by=actor,
    )
    report.title = _title(report.scope_name, year)
    _compute(report)
    report.__dict__.update(draft_sections(report, report.facts))
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        verb="report.create",
        obj=report,
        after={"status": report.status, "year": year, "scope": scope},
        unit=owner,
        region=region,
    )
    _open_deadline_duty(report, actor)
    return report


def _open_deadline_duty(report: AnnualReport, actor: Any) -> None:
    # 条例第四十九条: the departments' reports by 31 January, the county's by 31 March.
    duty_open(
        kind=DUTY_KIND,
        title=f"发布{report.title}（{report.deadline:%m月%d日}前）",
        unit=report.unit,
        subject=report,
        url=staff_url(report.pk),
        fixed_due=report.deadline,
        actor=actor,
    )


def _compute(report: AnnualReport) -> None:
    report.computed = compute_tables(report)
    report.facts = gather_facts(report)
    report.computed_at = timezone.now()


def reports_open_year(*, actor: Any, region: Region, year: int) -> list[AnnualReport]:
    """Open the year's report for every reporting unit and for the region (skipping those
    already open). Each in its own transaction: one unit's problem does not stop the rest."""
    check(actor, "reports.manage", region)
    _check_year(year)
    made = []
    have = set(
        AnnualReport.objects.filter(region=region, year=year, scope="unit").values_list(
            "unit_id", flat=True
        )
    )
    units = Unit.objects.filter(region=region, is_active=True, kind__in=REPORTING_KINDS)
    for unit in units.order_by("sort", "pk"):
        if unit.pk not in have:
            made.append(report_create(actor=actor, region=region, year=year, unit=unit))
    if not AnnualReport.objects.filter(region=region, year=year, scope="region").exists():
        made.append(report_create(actor=actor, region=region, year=year))
    return made


def _editable(report: AnnualReport) -> None:
    if report.source == AnnualReport.Source.IMPORTED:
        raise GongkaiError("导入的往年报告不能修改；如有错误，请重新导入。")
    if report.status != AnnualReport.Status.DRAFT:
        raise GongkaiError(
            f"报告当前为“{report.stage_label}”，只有草稿可以修改。", code="bad_transition"
        )


@transaction.atomic
def report_refresh(*, actor: Any, report: AnnualReport, redraft: bool = False) -> AnnualReport:
    """Recompute the numbers from the records (and, if asked, redraft the prose)."""
    check(actor, "reports.draft", report)
    report = locked(report)
    _editable(report)
    before = report.computed
    _compute(report)
    fields = ["computed", "facts", "computed_at"]
    if redraft:
        report.__dict__.update(draft_sections(report, report.facts))
        fields += ["section1", "section5", "section6"]
    changed = [
        path_label(p)
        for p in cell_paths(report.format)
        if get_cell(before, p) != get_cell(report.computed, p)
    ]
    touch(report, fields)
    audit_record(
        actor=actor,
        verb="report.refresh",
        obj=report,
        details={"变化的单元格": changed[:50], "重新起草": redraft},
    )
    return report


@transaction.atomic
def report_set_aggregate(*, actor: Any, report: AnnualReport, aggregate_all: bool) -> AnnualReport:
    """The region's report: the county's own organs only, or every unit added up. The numbers
    are computed again and the prose redrafted (its figures change with the scope)."""
    check(actor, "reports.draft", report)
    report = locked(report)
    _editable(report)
    if not report.is_region:
        raise GongkaiError("只有本级政府的年度报告可以汇总全县各单位数据。")
    if report.aggregate_all == aggregate_all:
        return report
    report.aggregate_all = aggregate_all
    _compute(report)
    report.__dict__.update(draft_sections(report, report.facts))
    touch(
        report,
        ["aggregate_all", "computed", "facts", "computed_at", "section1", "section5", "section6"],
    )
    audit_record(
        actor=actor,
        verb="report.scope",
        obj=report,
        before={"aggregate_all": not aggregate_all},
        after={"aggregate_all": aggregate_all},
    )
    return report


_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def parse_cell(raw: Any, path: tuple[str, ...], fmt: str = FORMAT_2021) -> int | float:
    """A number a person typed: a non-negative whole number, or 万元 with up to 4 decimals."""
    text = str(raw if raw is not None else "").strip().translate(_FULLWIDTH).replace(",", "")
    place = path_label(path)
    if not text:
        raise GongkaiError(f"“{place}”不能为空，没有请填 0。", field=path_key(path))
    if not _NUMBER.match(text):
        raise GongkaiError(f"“{place}”应为非负数，收到“{raw}”。", field=path_key(path))
    if is_money(path, fmt):
        value = float(text)
        if "." in text and len(text.split(".")[1]) > 4:
            raise GongkaiError(f"“{place}”以万元为单位，最多保留 4 位小数。", field=path_key(path))
        if not math.isfinite(value) or value > 10**8:
            raise GongkaiError(f"“{place}”数额过大，请核对单位（万元）。", field=path_key(path))
        return value
    if "." in text:
        raise GongkaiError(f"“{place}”应为整数，收到“{raw}”。", field=path_key(path))
    value = int(text)
    if value > 10**7:
        raise GongkaiError(f"“{place}”数值过大，请核对。", field=path_key(path))
    return value


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


@transaction.atomic
def report_enter(*, actor: Any, report: AnnualReport, values: dict[str, Any]) -> AnnualReport:
    """Figures Gongkai does not hold (licensing, penalties, enforcement, fees, 规章): all or
    nothing — one bad value and nothing is saved."""
    check(actor, "reports.draft", report)
    report = locked(report)
    _editable(report)
    entered = dict(report.entered or {})
    changes = {}
    for key, raw in values.items():
        path = key_path(key)
        if not is_entered(path):
            raise GongkaiError(
                f"“{path_label(path)}”由系统统计，不能直接填报；如需改填请说明理由。"
            )
        value = parse_cell(raw, path, report.format)
        if entered.get(key, 0) != value:
            changes[path_label(path)] = [entered.get(key, 0), value]
        entered[key] = value
    if not changes:
        return report
    report.entered = entered
    touch(report, ["entered"])
    audit_record(actor=actor, verb="report.enter", obj=report, details={"填报": changes})
    return report


@transaction.atomic
def report_override(
    *, actor: Any, report: AnnualReport, key: str, value: Any, reason: str
) -> AnnualReport:
    """Type a number over a computed one. Allowed only with a reason, shown to the reviewer;
    typing the computed number back removes the override."""
    check(actor, "reports.draft", report)
    report = locked(report)
    _editable(report)
    path = key_path(key)
    if path not in set(cell_paths(report.format)):
        raise GongkaiError("没有这个单元格，请从表中选择。")
    if is_entered(path):
        raise GongkaiError(f"“{path_label(path)}”是填报数，直接填写即可，无需说明理由。")
    number = parse_cell(value, path, report.format)
    computed = get_cell(report.computed, path)
    overrides = dict(report.overrides or {})
    before = overrides.get(key, {}).get("value", computed)
    if number == computed:
        overrides.pop(key, None)
        verb = "report.override_clear"
    else:
        reason = " ".join((reason or "").split())
        if len(reason) < 4:
            raise GongkaiError(
                f"改填“{path_label(path)}”须说明理由（至少 4 个字），审核人会看到。",
                field="reason",
            )
        overrides[key] = {
            "value": number,
            "reason": reason[:300],
            "by": actor.get_username() if actor is not None else "系统",
            "at": timezone.now().isoformat(timespec="seconds"),
        }
        verb = "report.override"
    report.overrides = overrides
    touch(report, ["overrides"])
    audit_record(
        actor=actor,
        verb=verb,
        obj=report,
        before={"value": before},
        after={"value": number},
        details={"单元格": path_label(path), "系统统计数": computed, "理由": reason or ""},
    )
    return report


@transaction.atomic
def report_set_prose(
    *, actor: Any, report: AnnualReport, section1: str, section5: str, section6: str
) -> AnnualReport:
    check(actor, "reports.draft", report)
    report = locked(report)
    _editable(report)
    texts = {"section1": section1, "section5": section5, "section6": section6}
    changed = []
    for key, text in texts.items():
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > PROSE_LIMIT:
            raise GongkaiError(f"{key[-1]}节文字过长（最多 {PROSE_LIMIT} 字）。", field=key)
        if getattr(report, key) != text:
            setattr(report, key, text)
            changed.append(key)
    if not changed:
        return report
    touch(report, changed)
    audit_record(actor=actor, verb="report.edit", obj=report, details={"修改的部分": changed})
    return report


@transaction.atomic
def report_import(
    *,
    actor: Any,
    region: Region,
    parsed: Any,
    unit: Unit | None = None,
    year: int | None = None,
    replace: bool = False,
) -> AnnualReport:
    """Keep an earlier year's report (parsed by reports.importer) so that carried-over numbers
    and comparisons work from the first year of use. Its numbers are kept as published, with
    the discrepancies the checks found."""
    check(actor, "reports.manage", region)
    year = year or parsed.year
    if not year:
        raise GongkaiError("未能从报告中识别年度，请指定报告年度。", field="year")
    _check_year(year)
    if unit is not None and unit.region_id != region.pk:
        raise GongkaiError("该单位不属于本地区。")
    scope = AnnualReport.Scope.UNIT if unit is not None else AnnualReport.Scope.REGION
    owner = unit or region_report_unit(region)
    existing = AnnualReport.objects.filter(region=region, year=year, scope=scope)
    if unit is not None:
        existing = existing.filter(unit=unit)
    found = existing.select_for_update().first()
    if found is not None:
        if found.source == AnnualReport.Source.GENERATED:
            raise GongkaiError(f"{year}年度报告已在本系统中编制，不能用导入的报告覆盖。")
        if not replace:
            raise GongkaiError(
                f"{year}年度报告已导入过；如需重新导入，请勾选“覆盖”。", code="exists"
            )
    report = found or AnnualReport(region=region, unit=owner, scope=scope, year=year)
    report.source = AnnualReport.Source.IMPORTED
    report.format = parsed.format
    report.title = parsed.title or _title(report.scope_name, year)
    report.computed = {}
    report.overrides = {}
    report.entered = {
        path_key(p): get_cell(parsed.sections, p)
        for p in cell_paths(parsed.format)
        if get_cell(parsed.sections, p) is not None
    }
    for key in ("section1", "section5", "section6"):
        setattr(report, key, parsed.sections.get(key, "") or "")
    report.facts = {"import_findings": [f.as_json() for f in parsed.findings]}
    report.created_by = report.created_by or actor
    report.updated_at = timezone.now()
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        verb="report.import",
        obj=report,
        after={"year": year, "format": parsed.format},
        details={"发现的问题": len(parsed.findings), "覆盖": bool(found)},
        unit=owner,
        region=region,
    )
    mark_imported(report, actor=actor)
    return report


def report_build(
    *, region: Region, year: int, unit: Unit | None = None, aggregate_all: bool = False
) -> AnnualReport:
    """The saved report of that scope and year, else a fresh draft computed now (not saved)."""
    _check_year(year)
    if unit is not None:
        found = AnnualReport.objects.filter(unit=unit, year=year, scope="unit").first()
        if found is None and unit.kind not in REPORTING_KINDS:
            raise GongkaiError(f"{unit.name}不单独编制年度报告，请用 --region 生成本级政府报告。")
        owner, scope = unit, AnnualReport.Scope.UNIT
    else:
        found = AnnualReport.objects.filter(region=region, year=year, scope="region").first()
        owner, scope = region_report_unit(region), AnnualReport.Scope.REGION
    if found is not None:
        return found
    report = AnnualReport(
        region=region, unit=owner, scope=scope, year=year, aggregate_all=aggregate_all
    )
    report.title = _title(report.scope_name, year)
    _compute(report)
    report.__dict__.update(draft_sections(report, report.facts))
    return report
