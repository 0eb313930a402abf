"""Comparisons over the years (issue 6 item 6): the series of published reports, the office's
table of units for a year, the public pages (table + chart data) and the staff page's access.

Reports are made through the services: earlier years imported (2021 and 2019 formats), the
latest generated from requests registered through the request services and published.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace

import pytest
from django.urls import URLResolver, include, path, reverse

import config.urls
from gongkai.inforequests import services as ir
from gongkai.inforequests.outcomes import (
    GROUP_DISCLOSED,
    GROUP_OTHER,
    GROUP_PARTIAL,
    GROUP_REJECTED,
    GROUP_UNAVAILABLE,
    GROUP_WITHHELD,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)
from gongkai.inforequests.tests.helpers import register, resident_id
from gongkai.orgs.models import Unit
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, staff
from gongkai.reports import form
from gongkai.reports.comparisons import (
    chart_data,
    publication_timing,
    region_unit_table,
    report_series,
)
from gongkai.reports.models import AnnualReport
from gongkai.reports.services import (
    report_approve,
    report_create,
    report_import,
    report_set_prose,
    report_submit,
)

D = dt.date.fromisoformat

# --- URLs: the lead includes ours under the portal and the workspace; until then (or if the
# project's URLconf lacks them) this module serves as the test URLconf with them added. ---------


def _includes(resolver: URLResolver, module: str) -> bool:
    return any(
        isinstance(p, URLResolver) and getattr(p.urlconf_module, "__name__", "") == module
        for p in resolver.url_patterns
    )


def _with_ours(resolver: URLResolver) -> URLResolver:
    extra = {
        "portal": ("nb/compare/", "gongkai.reports.urls_compare"),
        "workspace": ("reports/units/", "gongkai.reports.urls_compare_staff"),
    }.get(resolver.app_name)
    if extra is None or _includes(resolver, extra[1]):
        return resolver
    patterns = [*resolver.url_patterns, path(extra[0], include(extra[1]))]
    return path(
        str(resolver.pattern),
        include((patterns, resolver.app_name), namespace=resolver.namespace),
    )


urlpatterns = [_with_ours(p) if isinstance(p, URLResolver) else p for p in config.urls.urlpatterns]
pytestmark = pytest.mark.urls(__name__)


# --- building reports --------------------------------------------------------------------------

COL = "自然人"


def tables(
    fmt: str = "2021",
    *,
    carried_in: int = 0,
    outcomes: dict[tuple[str, ...], int],
    carried_out: int = 0,
    appeals: tuple[int, int, int] = (0, 0, 0),
    normative: tuple[int, int, int] = (0, 0, 0),
) -> dict:
    """Tables of one report, every request from natural persons; 一 is derived so that
    一 + 二 = 三（七）+ 四 holds, as on a correct form."""
    t = form.empty_tables(fmt)
    decided = sum(outcomes.values())
    new = decided + carried_out - carried_in
    for row, n in ((ROW_NEW, new), (ROW_CARRIED_IN, carried_in), (ROW_CARRIED_OUT, carried_out)):
        form.set_cell(t, ("section3", row, COL), n)
        form.set_cell(t, ("section3", row, "总计"), n)
    for place, n in outcomes.items():
        for column in (COL, "总计"):
            form.set_cell(t, ("section3", ROW_RESULTS, *place, column), n)
    for column in (COL, "总计"):
        form.set_cell(t, ("section3", ROW_RESULTS, ROW_TOTAL, column), decided)
    for block, n in zip(form.S4_BLOCKS, appeals, strict=True):
        form.set_cell(t, ("section4", *block, "结果维持"), n)
        form.set_cell(t, ("section4", *block, "总计"), n)
    if fmt == "2019":
        row = ("section2", "第二十条第（一）项", "规范性文件")
        columns = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
    else:
        row = ("section2", "第二十条第（一）项", "行政规范性文件")
        columns = ("本年制发件数", "本年废止件数", "现行有效件数")
    for column, n in zip(columns, normative, strict=True):
        form.set_cell(t, (*row, column), n)
    return t


def import_report(region, unit, year, fmt, sections):
    parsed = SimpleNamespace(
        format=fmt,
        year=year,
        title="",
        sections={**sections, "section1": "总体情况", "section5": "", "section6": ""},
        findings=[],
    )
    return report_import(actor=None, region=region, unit=unit, parsed=parsed)


@pytest.fixture
def pinned(monkeypatch):
    """Today for the request services and the report workflow (published_on)."""

    class Clock:
        def set(self, day: str) -> dt.date:
            value = D(day)
            monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: value)
            return value

    clock = Clock()
    clock.set("2026-01-20")
    return clock


@pytest.fixture
def clerks(unit_a, unit_b):
    return {
        unit_a.pk: staff(unit_a, Role.CLERK, username="cmp_clerk_a"),
        unit_b.pk: staff(unit_b, Role.CLERK, username="cmp_clerk_b"),
    }


@pytest.fixture
def make_request(clerks):
    """Register a request of a natural person (each applicant and text different: no repeat
    flags) and, if asked, reply with an outcome on a date."""
    n = iter(range(1000))

    def make(unit, received, outcome=None, replied=None):
        i = next(n)
        clerk = clerks[unit.pk]
        request = register(
            unit,
            actor=clerk,
            received_on=received,
            name=f"申请人{i}",
            id_number=resident_id(f"11010519900101{i:03d}"),
            phone=f"139{i:08d}",
            description=f"第{i}号申请所需信息",
        )
        if outcome:
            ir.info_request_reply(
                request=request,
                actor=clerk,
                outcome=outcome,
                reply_type={"disclosed": "provided", "withheld_third_party": "withheld"}[outcome],
                date=replied,
                facts="答复内容",
            )
        return request

    return make


def publish_generated(region, unit, year):
    """Generate the report from the records and take it through review to publication."""
    report = report_create(actor=None, region=region, year=year, unit=unit)
    report_set_prose(
        actor=None, report=report, section1="总体情况。", section5="存在的问题。", section6="无。"
    )
    report_submit(actor=None, report=report)
    report = AnnualReport.objects.get(pk=report.pk)
    while report.status != AnnualReport.Status.PUBLISHED:
        report = report_approve(actor=None, report=report)
    return report


@pytest.fixture
def history(region, unit_a, unit_b, pinned, make_request):
    """unit_a: 2022 (2019 format) and 2023, 2024 imported; 2025 generated from its requests
    and published on 2026-01-20. Also a region report (2024) and unit_b's 2024 report, which
    unit_a's series must not show, and unit_a's 2026 draft, which is not published."""
    import_report(
        region,
        unit_a,
        2022,
        "2019",
        tables(
            "2019",
            outcomes={(GROUP_DISCLOSED,): 4, (GROUP_OTHER,): 1},
            carried_out=2,
            appeals=(1, 0, 0),
            normative=(3, 2, 40),
        ),
    )
    import_report(
        region,
        unit_a,
        2023,
        "2021",
        tables(
            carried_in=2,
            outcomes={
                (GROUP_DISCLOSED,): 6,
                (GROUP_PARTIAL,): 2,
                (GROUP_WITHHELD, "属于国家秘密"): 1,
                (GROUP_WITHHELD, "保护第三方合法权益"): 2,
                (GROUP_UNAVAILABLE, "本机关不掌握相关政府信息"): 3,
                (GROUP_REJECTED, "重复申请"): 1,
                (GROUP_OTHER, "其他"): 1,
            },
            carried_out=1,
            appeals=(2, 1, 1),
            normative=(5, 1, 44),
        ),
    )
    import_report(
        region,
        unit_a,
        2024,
        "2021",
        tables(
            carried_in=1,
            outcomes={(GROUP_DISCLOSED,): 9, (GROUP_WITHHELD, "属于四类过程性信息"): 1},
            appeals=(0, 0, 2),
            normative=(2, 0, 46),
        ),
    )
    import_report(
        region, unit_b, 2024, "2021", tables(outcomes={(GROUP_DISCLOSED,): 50}, carried_out=0)
    )
    UnitFactory(region=region, kind=Unit.Kind.OFFICE, name=region.office_name, code="000001")
    import_report(region, None, 2024, "2021", tables(outcomes={(GROUP_DISCLOSED,): 70}))

    unit_a.review_levels = 1
    unit_a.save(update_fields=["review_levels"])
    pinned.set("2026-01-20")
    make_request(unit_a, "2025-03-03", "disclosed", "2025-03-10")  # on time
    make_request(unit_a, "2025-03-03", "withheld_third_party", "2025-05-20")  # late
    make_request(unit_a, "2025-12-22")  # still open at the end of the year
    make_request(unit_b, "2025-06-02", "disclosed", "2025-06-03")
    publish_generated(region, unit_a, 2025)
    report_create(actor=None, region=region, year=2026, unit=unit_a)
    return unit_a


# --- report_series -----------------------------------------------------------------------------


def test_series_has_one_entry_per_published_year_with_the_figures_of_each_report(region, history):
    series = report_series(region=region, unit=history)
    assert [e["year"] for e in series] == [2022, 2023, 2024, 2025]
    keys = [
        "new",
        "carried_in",
        "decided",
        "disclosed",
        "partial",
        "withheld",
        "unavailable",
        "rejected",
        "other",
        "carried_out",
        "reconsideration",
        "litigation",
        "normative_made",
        "normative_repealed",
        "normative_in_force",
    ]
    expected = {
        # 2019 format: 规范性文件 本年新制作数量 → 制发, 对外公开总数量 → 现行有效, no 废止.
        2022: (7, 0, 5, 4, 0, 0, 0, 0, 1, 2, 1, 0, 3, None, 40),
        2023: (15, 2, 16, 6, 2, 3, 3, 1, 1, 1, 2, 2, 5, 1, 44),
        2024: (9, 1, 10, 9, 0, 1, 0, 0, 0, 0, 0, 2, 2, 0, 46),
        # Generated from unit_a's 2025 requests: one disclosed, one withheld, one still open.
        2025: (3, 0, 2, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
    }
    for entry in series:
        assert tuple(entry[k] for k in keys) == expected[entry["year"]], entry["year"]


def test_series_tells_when_each_report_was_published(region, history):
    by_year = {e["year"]: e for e in report_series(region=region, unit=history)}
    assert by_year[2025]["published_on"] == D("2026-01-20")
    assert by_year[2025]["on_time"] is True  # by 31 January (条例第四十九条)
    # An imported report was published elsewhere: Gongkai does not know when.
    assert by_year[2024]["published_on"] is None
    assert by_year[2024]["on_time"] is None


def test_region_series_shows_only_the_regions_own_reports(region, history, unit_b):
    assert [(e["year"], e["disclosed"]) for e in report_series(region=region)] == [(2024, 70)]
    assert [(e["year"], e["disclosed"]) for e in report_series(region=region, unit=unit_b)] == [
        (2024, 50)
    ]


def test_chart_data_lists_years_and_a_series_per_figure(region, history):
    data = chart_data(report_series(region=region, unit=history))
    assert data["years"] == ["2022", "2023", "2024", "2025"]
    charts = {c["id"]: c for c in data["charts"]}
    new = next(s for s in charts["requests"]["series"] if s["name"] == "新收申请")
    assert new["data"] == [7, 15, 9, 3]
    repealed = next(s for s in charts["normative"]["series"] if s["name"] == "废止")
    assert repealed["data"] == [None, 1, 0, 0]  # the 2019 format has no such figure


# --- region_unit_table -------------------------------------------------------------------------


def _deadline_report(status, published_on):
    return AnnualReport(year=2025, scope="unit", status=status, published_on=published_on)


@pytest.mark.parametrize(
    ("status", "published_on", "today", "expected"),
    [
        ("published", "2026-01-31", "2026-03-01", "on_time"),  # on the deadline day
        ("published", "2026-02-01", "2026-03-01", "late"),
        ("published", None, "2026-03-01", "imported"),
        ("draft", None, "2026-01-31", "pending"),
        ("review1", None, "2026-02-01", "overdue"),
        (None, None, "2026-02-01", "overdue"),  # no report at all
        (None, None, "2026-01-10", "pending"),
    ],
)
def test_publication_timing_against_the_deadline(status, published_on, today, expected):
    report = None
    if status:
        report = _deadline_report(status, D(published_on) if published_on else None)
    assert publication_timing(report, D("2026-01-31"), D(today)) == expected


def test_units_table_marks_missing_reports_and_counts_late_replies(
    region, unit_a, unit_b, pinned, make_request
):
    pinned.set("2026-03-01")
    make_request(unit_a, "2025-03-03", "disclosed", "2025-03-10")
    make_request(unit_a, "2025-03-03", "withheld_third_party", "2025-05-20")  # 20 days passed
    make_request(unit_a, "2025-12-22")
    make_request(unit_a, "2024-05-06", "disclosed", "2024-05-08")  # another year
    make_request(unit_b, "2025-06-02", "disclosed", "2025-06-03")
    import_report(region, unit_a, 2025, "2021", tables(outcomes={(GROUP_DISCLOSED,): 1}))

    rows = region_unit_table(region=region, year=2025, today=D("2026-03-01"))
    by_name = {r["name"]: r for r in rows}
    assert rows[0]["is_region"] and rows[0]["name"] == "示范县人民政府（本级）"
    assert [r["name"] for r in rows[1:]] == [unit_a.name, unit_b.name]

    a, b, own = by_name[unit_a.name], by_name[unit_b.name], rows[0]
    assert (a["status"], a["timing"]) == ("已发布", "imported")
    assert (a["new"], a["decided"], a["replied_on_time"], a["replied_late"]) == (3, 2, 1, 1)
    assert a["outcomes"] == [1, 0, 1, 0, 0, 0]
    assert (b["status"], b["timing"], b["timing_label"]) == ("未编制", "overdue", "逾期未发布")
    assert b["deadline"] == D("2026-01-31")
    assert (b["new"], b["decided"], b["replied_late"]) == (1, 1, 0)
    # The county's report is due by 31 March: not yet overdue on 1 March.
    assert (own["status"], own["timing"], own["deadline"]) == ("未编制", "pending", D("2026-03-31"))


# --- the public pages --------------------------------------------------------------------------


def test_unit_page_shows_the_years_in_a_table_and_the_chart_data(client, history):
    response = client.get(reverse("portal:reports_compare:unit", args=[history.code]))
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    for year in ("2022年", "2023年", "2024年", "2025年"):
        assert year in table
    row = re.search(r"<th scope=\"row\">新收申请</th>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r">(\d+)<", row) == ["7", "15", "9", "3"]
    assert "2026-01-20" in table  # the 2025 report's publication date
    assert "2019 年试行格式" in html
    data = re.search(
        r'<script id="report-chart-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert json.loads(data.group(1))["years"] == ["2022", "2023", "2024", "2025"]
    assert "vendor/echarts.min.js" in html and "js/report-charts.js" in html
    assert "cdn" not in html.lower()


def test_region_page_shows_its_own_reports_and_links_every_unit(client, history, unit_b):
    response = client.get(reverse("portal:reports_compare:region"))
    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index("<table") : html.index("</table>")]
    assert "2024年" in table and "2023年" not in table
    assert reverse("portal:reports_compare:unit", args=[unit_b.code]) in html


def test_page_without_published_reports_says_so_and_loads_no_chart(client, unit_b):
    html = client.get(reverse("portal:reports_compare:unit", args=[unit_b.code])).content.decode()
    assert "暂无已发布的年度报告" in html
    assert "report-chart-data" not in html and "echarts" not in html


def test_unknown_unit_or_a_unit_of_another_region_is_not_found(client, region, unit_a):
    other = RegionFactory(code="zz-other", name="别的县人民政府", short_name="别的县")
    UnitFactory(region=other, code="009009")
    assert client.get(reverse("portal:reports_compare:unit", args=["nope"])).status_code == 404
    assert client.get(reverse("portal:reports_compare:unit", args=["009009"])).status_code == 404
    assert client.get(reverse("portal:reports_compare:unit", args=[unit_a.code])).status_code == 200


# --- the office's table of units ---------------------------------------------------------------


def test_units_table_is_for_the_office_only(client, region, unit_a, unit_b):
    url = reverse("workspace:report_units") + "?year=2025"
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(staff(unit_a, Role.CLERK, username="cmp_clerk_only"))
    assert client.get(url).status_code == 403
    client.force_login(staff(unit_a, Role.OFFICE_ADMIN, username="cmp_office"))
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2025年度各单位年度报告" in html
    assert unit_a.name in html and unit_b.name in html and "未编制" in html


@pytest.mark.parametrize("year", ["abc", "1999", "2100", "２０２５"])
def test_units_table_explains_a_bad_year(client, unit_a, year):
    client.force_login(staff(unit_a, Role.OFFICE_ADMIN, username="cmp_office2"))
    response = client.get(reverse("workspace:report_units"), {"year": year})
    assert response.status_code == 400
    assert "年度应为 2008 年至" in response.content.decode()
