"""年度报告 in a real browser, for the demo county (issue 6's "done when"):

the demo opens every unit's and the county's 2025 report from its records, and publishes all but
县发改局's; here its clerk completes the prose the system could not write, enters the figures
Gongkai does not hold, sees the checks pass and submits; its three reviewers approve in turn,
the last one publishing it; a citizen finds it in the disclosure column's 年报 page, reads the
tables (accessible: axe finds nothing serious), downloads the Word file and opens the comparison
over the years. Finally every 2025 report of the county is published and passes its checks.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from .conftest import axe_violations, describe, login

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(site):
    from gongkai.orgs.demo import load_demo_county

    return load_demo_county()


def open_report(page, site, title):
    page.goto(site.url + "/workspace/reports/?year=2025")
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()


def test_the_demo_countys_2025_reports_are_all_published(site, demo, new_page):
    from docx import Document as Docx

    from gongkai.orgs.models import User
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.selectors import report_findings

    title = "示范县发展和改革局2025年政府信息公开工作年度报告"
    draft = AnnualReport.objects.get(title=title)
    assert draft.status == "draft"

    # The clerk completes what only people can write, and the figures Gongkai does not hold.
    page = login(new_page, site, User.objects.get(username="fgj_clerk"))
    page.goto(site.url + "/workspace/")
    page.get_by_role("link", name="年度报告").first.click()
    page.wait_for_load_state()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert "【请补充" in page.locator("#id_section1").input_value()
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_load_state()
    assert "报告还不能提交审核" in page.locator("main").inner_text()
    for field in ("#id_section1", "#id_section5", "#id_section6"):
        text = page.locator(field).input_value()
        page.locator(field).fill(text.replace("【请补充：", "（").replace("】", "）"))
    page.get_by_role("button", name="保存文字").click()
    page.wait_for_load_state()
    assert "报告文字已保存" in page.locator("main").inner_text()
    page.get_by_label("第二十条第（五）项 › 行政许可 › 本年处理决定数量").fill("128")
    page.get_by_label("第二十条第（八）项 › 行政事业性收费 › 本年收费金额（万元）").fill("3.5")
    page.get_by_role("button", name="保存填报数据").click()
    page.wait_for_load_state()
    assert "填报数据已保存" in page.locator("main").inner_text()
    assert "勾稽关系全部成立" in page.locator("#checks").inner_text()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_load_state()
    assert "已提交审核" in page.locator("main").inner_text()

    # 三审: each reviewer finds it in the inbox and approves; the third publishes.
    for level, button in ((1, "审核通过"), (2, "审核通过"), (3, "审核通过并发布")):
        reviewer = login(new_page, site, User.objects.get(username=f"fgj_review{level}"))
        reviewer.goto(site.url + "/workspace/")
        reviewer.get_by_role("link", name=title).first.click()
        reviewer.wait_for_load_state()
        reviewer.get_by_label("审核意见（退回时必填）").fill("数据已核对")
        reviewer.get_by_role("button", name=button, exact=True).click()
        reviewer.wait_for_load_state()
        assert "审核通过" in reviewer.locator("main").inner_text()
    draft.refresh_from_db()
    assert draft.status == "published"

    # A citizen reads it on the portal.
    citizen = new_page()
    citizen.goto(site.url + "/xxgk/xxgknb/")
    assert not axe_violations(citizen), describe(axe_violations(citizen))
    citizen.get_by_role("link", name=title).click()
    citizen.wait_for_load_state()
    assert not axe_violations(citizen), describe(axe_violations(citizen))
    table = citizen.get_by_role("table", name="收到和处理政府信息公开申请情况")
    assert table.count() == 1
    licences = citizen.get_by_role("table", name="第二十条第（五）项").inner_text()
    assert "128" in licences
    with citizen.expect_download() as info:
        citizen.get_by_role("link", name="Word 版").click()
    document = Docx(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert document.paragraphs[0].text == title
    citizen.get_by_role("link", name="历年对比").click()
    citizen.wait_for_load_state()
    assert "2025" in citizen.locator("main").inner_text()
    assert not axe_violations(citizen), describe(axe_violations(citizen))

    # Every unit's and the county's 2025 report: published, checks passing.
    reports = AnnualReport.objects.filter(year=2025)
    assert reports.filter(scope="region").count() == 1
    assert reports.count() >= 40
    assert set(reports.values_list("status", flat=True)) == {"published"}
    assert [r.title for r in reports if report_findings(r)] == []
