"""工作要点台账 in a real browser: the office uploads a plan document, reviews the parsed ledger
side by side with the source and publishes it; a unit clerk reports progress with evidence; the
board, the scorecard and the .xlsx export show it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from .conftest import AXE, describe, login

pytestmark = pytest.mark.browser


def axe_violations(page) -> list[dict]:
    """Serious/critical axe findings on the whole page, flash messages included."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]


@pytest.fixture
def county(site):
    from gongkai.orgs.models import Unit, UnitAlias
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import UnitFactory, staff

    region = site.region
    units = {}
    for code, name, short, kind in [
        ("011300002", "示范县人民政府办公室", "县政府办", Unit.Kind.OFFICE),
        ("011310008", "示范县司法局", "县司法局", Unit.Kind.DEPARTMENT),
        ("011310009", "示范县财政局", "县财政局", Unit.Kind.DEPARTMENT),
        ("011310007", "示范县行政审批服务局", "县行政审批局", Unit.Kind.DEPARTMENT),
        ("011320001", "示范县城关街道办事处", "城关街道", Unit.Kind.TOWNSHIP),
    ]:
        units[short] = UnitFactory(region=region, code=code, name=name, short_name=short, kind=kind)
    UnitAlias.objects.create(region=region, unit=units["县行政审批局"], alias="县审批局")
    return {
        "office": staff(units["县政府办"], Role.OFFICE_ADMIN, username="b_office"),
        "clerk": staff(units["县司法局"], Role.CLERK, username="b_sfj"),
    }


def test_office_imports_reviews_publishes_and_a_unit_reports(
    site, new_page, county, tmp_path, settings
):
    from openpyxl import load_workbook

    from gongkai.workplan.models import WorkPlan
    from gongkai.workplan.tests.test_documents import docx_plan

    settings.MEDIA_ROOT = tmp_path / "media"
    plan_file = tmp_path / "2026年工作要点.docx"
    plan_file.write_bytes(docx_plan())

    # 1. The office uploads the plan document.
    office = login(new_page, site, county["office"])
    office.goto(site.url + "/workspace/workplan/import/")
    office.get_by_label("工作要点文件").set_input_files(str(plan_file))
    office.get_by_role("button", name="读取并保存为待审核").click()
    office.wait_for_url(re.compile(r"/workspace/workplan/\d+/review/"))
    assert "4项任务" in office.locator(".messages").inner_text()
    ledger = office.locator("#ledger tbody tr")
    assert ledger.count() == 4
    assert "县审批局" not in ledger.nth(1).inner_text()  # resolved through the alias
    assert "县行政审批局" in ledger.nth(1).inner_text()
    violations = axe_violations(office)
    assert not violations, describe(violations)

    # 2. Reviews a task side by side with its source row, and fixes its deadline.
    ledger.nth(3).get_by_role("link").click()
    hit = office.locator(".wp-source li.wp-hit")
    assert "推行一次性告知" in hit.inner_text()
    office.get_by_label("完成时限", exact=True).fill("2026-11-30")
    office.get_by_role("button", name="保存任务").click()
    assert "已保存第4项任务" in office.locator(".messages").inner_text()
    assert "2026-11-30" in office.locator("#ledger tbody tr").nth(3).inner_text()

    # 3. Publishes: the board lists every task.
    office.get_by_role("button", name="发布工作台账").click()
    office.wait_for_url(re.compile(r"/board/"))
    assert "派发待办" in office.locator(".messages").inner_text()
    assert office.locator("#board tbody tr").count() == 4
    plan = WorkPlan.objects.get()

    # 4. The unit clerk reports progress with evidence.
    clerk = login(new_page, site, county["clerk"])
    clerk.goto(f"{site.url}/workspace/workplan/{plan.pk}/mine/")
    assert clerk.locator("#mine tbody tr").count() == 1
    clerk.locator("#mine tbody tr").first.get_by_role("link").click()
    clerk.get_by_label("进展情况").select_option(label="已完成")
    clerk.get_by_label("落实情况").fill("已在政策文件库发布权力清单。")
    clerk.get_by_label("佐证链接（每行一个）").fill("https://www.shifan.gov.example/qlqd/")
    evidence = tmp_path / "权力清单.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    clerk.get_by_label("佐证材料").set_input_files(str(evidence))
    clerk.get_by_role("button", name="报送", exact=True).click()
    assert "已报送进展" in clerk.locator(".messages").inner_text()
    assert "权力清单.pdf" in clerk.locator("main").inner_text()

    # 5. The office accepts it; the board, the scorecard and the export show it.
    office.goto(f"{site.url}/workspace/workplan/{plan.pk}/board/")
    assert "1 条进展待审核" in office.locator("main").inner_text()
    office.locator("#board tbody tr").first.get_by_role("link", name="县司法局").click()
    office.get_by_role("button", name="认可").click()
    assert "已认可" in office.locator(".messages").inner_text()
    office.goto(f"{site.url}/workspace/workplan/{plan.pk}/board/")
    assert "县司法局：已完成" in office.locator("#board tbody tr").first.inner_text()
    office.goto(f"{site.url}/workspace/workplan/{plan.pk}/scorecard/")
    row = office.locator("#scorecard tbody tr", has_text="县司法局")
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["1", "1", "1"]  # 1 task, 1 lead, 1 done
    with office.expect_download() as download:
        office.get_by_role("link", name="导出 Excel").click()
    data = io.BytesIO(Path(download.value.path()).read_bytes())  # the saved copy has no suffix
    ws = load_workbook(data)["工作台账"]
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert "县司法局：已完成" in first["各单位进展"]
    assert first["最新落实情况"] == "已在政策文件库发布权力清单。"
