"""The report pages as staff and citizens use them: the list, the editor, reviews, downloads,
the import page, the 年报 column and the public report page."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from gongkai.reports.models import AnnualReport
from gongkai.reports.services import report_create

pytestmark = pytest.mark.django_db

FEES = "section2|第二十条第（八）项|行政事业性收费|本年收费金额（万元）"


@pytest.fixture
def report(county, reviewers):
    return report_create(actor=reviewers["clerk"], region=county.region, year=2025, unit=county)


def login(client, user):
    client.force_login(user)
    return client


def test_the_clerk_completes_submits_and_three_reviewers_publish(client, report, reviewers):
    url = reverse("workspace:report", args=[report.pk])
    login(client, reviewers["clerk"])
    page = client.get(url).content.decode()
    assert "【请补充" in page and "提交审核" in page
    response = client.post(reverse("workspace:report_submit", args=[report.pk]), follow=True)
    assert "报告还不能提交审核" in response.content.decode()
    client.post(
        reverse("workspace:report_prose", args=[report.pk]),
        {
            "section1": report.section1.replace("【请补充：", "（").replace("】", "）"),
            "section5": "无。",
            "section6": "本年度未收取信息处理费。",
        },
    )
    response = client.post(
        reverse("workspace:report_enter", args=[report.pk]), {f"cell:{FEES}": "abc"}, follow=True
    )
    assert "应为非负数" in response.content.decode()
    client.post(reverse("workspace:report_enter", args=[report.pk]), {f"cell:{FEES}": "1.5"})
    response = client.post(
        reverse("workspace:report_override", args=[report.pk]),
        {"key": "section3|一、本年新收政府信息公开申请数量|自然人", "value": "30", "reason": ""},
        follow=True,
    )
    assert "须说明理由" in response.content.decode()
    client.post(reverse("workspace:report_submit", args=[report.pk]))
    assert AnnualReport.objects.get(pk=report.pk).status == "review1"
    for level in (1, 2, 3):
        login(client, reviewers[level])
        page = client.get(url).content.decode()
        assert "审核意见" in page
        client.post(reverse("workspace:report_review", args=[report.pk]), {"decision": "approve"})
    report.refresh_from_db()
    assert report.status == "published"
    assert report.entered[FEES] == 1.5


def test_downloads_are_real_documents(client, report, reviewers):
    from docx import Document as Docx

    login(client, reviewers["clerk"])
    response = client.get(reverse("workspace:report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    document = Docx(io.BytesIO(response.content))
    assert document.paragraphs[0].text.startswith("示范县发展和改革局2025年")
    response = client.get(reverse("workspace:report_download", args=[report.pk, "json"]))
    assert response.json()["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 29
    assert (
        client.get(reverse("workspace:report_download", args=[report.pk, "exe"])).status_code == 404
    )


def test_another_units_clerk_cannot_see_the_report(client, report, reviewers):
    login(client, reviewers["outsider"])
    assert client.get(reverse("workspace:report", args=[report.pk])).status_code in (403, 404)


def test_the_office_opens_every_units_report_for_the_year(client, county, reviewers, office_unit):
    login(client, reviewers["office"])
    response = client.post(reverse("workspace:report_open"), {"year": "2025", "unit": "all"})
    assert response.status_code == 302
    assert AnnualReport.objects.filter(year=2025, scope="region").count() == 1
    assert AnnualReport.objects.filter(year=2025, scope="unit").count() >= 2
    page = client.get(reverse("workspace:reports") + "?year=2025").content.decode()
    assert "示范县人民政府2025年政府信息公开工作年度报告" in page
    bad = client.get(reverse("workspace:reports") + "?year=abc", follow=True)
    assert "无效" in bad.content.decode()


def test_the_office_imports_a_pasted_report_after_a_preview(client, county, reviewers):
    from gongkai.reports.tests.test_importer import FIXTURES

    text = (FIXTURES / "report_2021_tabs.txt").read_text(encoding="utf-8")
    login(client, reviewers["office"])
    url = reverse("workspace:report_import")
    response = client.post(url, {"text": text, "unit": str(county.pk), "action": "parse"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "解析结果" in page and "确认无误，保存" in page
    assert not AnnualReport.objects.exists()  # a preview saves nothing
    response = client.post(url, {"action": "save"})
    report = AnnualReport.objects.get()
    assert response.status_code == 302
    assert report.source == "imported" and report.unit == county
    empty = client.post(url, {"text": "   ", "action": "parse"})
    assert empty.status_code == 400
    assert "请粘贴报告全文" in empty.content.decode()
    junk = client.post(url, {"text": "今天天气很好，我们去公园散步。", "action": "parse"})
    assert junk.status_code == 400
    assert "未能识别为政府信息公开工作年度报告" in junk.content.decode()


def test_citizens_read_published_reports_only(client, report, reviewers):
    from gongkai.reports.services import report_approve, report_set_prose, report_submit

    column = reverse("portal:column", args=["xxgknb"])
    assert report.title not in client.get(column).content.decode()
    assert client.get(reverse("portal:reports:report", args=[report.pk])).status_code == 404
    report = report_set_prose(
        actor=reviewers["clerk"],
        report=report,
        section1=report.section1.replace("【请补充：", "（").replace("】", "）"),
        section5="无。",
        section6="无。",
    )
    report = report_submit(actor=reviewers["clerk"], report=report)
    for level in (1, 2, 3):
        report = report_approve(actor=reviewers[level], report=report)
    page = client.get(column).content.decode()
    assert report.title in page and "2025年度" in page
    page = client.get(reverse("portal:reports:report", args=[report.pk])).content.decode()
    assert "<caption" in page and 'scope="col"' in page
    assert "三、收到和处理政府信息公开申请情况" in page
    pdf = client.get(reverse("portal:reports:report_file", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client.get(reverse("portal:reports:report_file", args=[report.pk, "xml"])).status_code
        == 404
    )
