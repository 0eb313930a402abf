"""`gongkai report annual|import|open` as an office would script them."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.test_importer import FIXTURES

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_annual_json_of_a_unit_is_computed_without_saving(county):
    data = json.loads(run("annual", "--year", "2025", "--unit", county.code, "--format", "json"))
    assert data["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 29
    assert data["section3"]["三、本年度办理结果"]["（三）不予公开"]["属于国家秘密"]["自然人"] == 1
    assert data["section4"]["行政复议"]["总计"] == 3
    assert data["checks"]["ok"] is True
    assert not AnnualReport.objects.exists()


def test_annual_for_the_region_defaults_to_the_first_region(county, office_unit):
    data = json.loads(run("annual", "--year", "2025", "--aggregate"))
    assert data["scope"]["kind"] == "region"
    assert data["title"] == "示范县人民政府2025年政府信息公开工作年度报告"
    assert data["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 30


@pytest.mark.parametrize("fmt, magic", [("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOC")])
def test_annual_writes_documents(county, tmp_path, fmt, magic):
    out = tmp_path / f"report.{fmt}"
    run("annual", "--year", "2025", "--unit", county.code, "--format", fmt, "--out", str(out))
    assert out.read_bytes()[:5].upper().startswith(magic.upper())


@pytest.mark.parametrize(
    "args, message",
    [
        (("annual", "--year", "2025", "--unit", "999999"), "没有代码为 999999 的单位"),
        (("annual", "--year", "2099"), "报告年度须在"),
        (("annual", "--year", "2025", "--region", "nowhere"), "没有代码为 nowhere 的区域"),
        (("import", "/nonexistent/report.txt", "--json"), ""),
    ],
)
def test_bad_arguments_get_a_chinese_message(county, args, message):
    with pytest.raises(CommandError, match=message or "."):
        run(*args)


def test_import_json_prints_the_parsed_report_and_saves_nothing(county):
    data = json.loads(run("import", str(FIXTURES / "report_2021_tabs.txt"), "--json"))
    assert data["format"] == "2021"
    assert set(data["section3"]) == {
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
    }
    assert "checks" in data
    assert not AnnualReport.objects.exists()


def test_import_lists_the_discrepancies_of_a_report_that_does_not_add_up(county):
    text = run("import", str(FIXTURES / "report_2021_discrepancy.txt"))
    assert "✗" in text


def test_import_save_keeps_it_as_that_years_report(county):
    out = run("import", str(FIXTURES / "report_2019.txt"), "--save", "--unit", county.code)
    assert "已保存" in out
    report = AnnualReport.objects.get()
    assert report.format == "2019" and report.unit == county and report.status == "published"


def test_open_makes_every_units_report(county, office_unit):
    assert "已编制" in run("open", "--year", "2025")
    assert AnnualReport.objects.filter(year=2025, scope="region").count() == 1
