"""依申请公开 in a real browser, the path of issue 4's "done when":

a citizen files a request online and gets a tracking code; the unit asks for a correction; the
citizen corrects through the status page (the realistic online path: the applicant answers the
notice where they follow the case, and the receipt of the correction is the day it is
submitted); the unit consults a third party, the head extends once, the clerk replies with a
partial disclosure and generates the letter; the citizen sees every step and how the due date
was derived on the status page.

Dates are pinned (services.today) so the derivation is checked against hand-counted dates:
received Mon 2026-09-28 → correction asked 09-30 → corrected Fri 10-09: the clock restarts, 20
working days counting the make-up Saturday 10-10 → Thu 11-05; third party consulted 10-12 to
10-20 (6 working days) → 11-13; extended by 10 working days → 11-27; replied 11-20.
"""

from __future__ import annotations

import pytest

from gongkai.inforequests.tests.helpers import ID_NUMBER, PHONE, Today

from .conftest import axe_violations, describe, login

pytestmark = pytest.mark.browser


@pytest.fixture
def county(site, monkeypatch):
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import UnitFactory, staff

    unit = UnitFactory(region=site.region, name="示范县住房和城乡建设局", short_name="县住建局")
    return {
        "unit": unit,
        "clerk": staff(unit, Role.CLERK, username="zjj_clerk"),
        "head": staff(unit, Role.HEAD, username="zjj_head"),
        "today": Today(monkeypatch, __import__("datetime").date(2026, 9, 28)),
    }


def submit(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_request_correction_consultation_extension_partial_reply(site, new_page, county):
    today = county["today"]
    unit = county["unit"]

    # 1. The citizen files online (on a phone-sized screen) and keeps the code.
    citizen = new_page(viewport={"width": 390, "height": 844})
    citizen.goto(site.url + "/ysqgk/")
    assert citizen.locator("h1").inner_text() == "政府信息公开申请"
    assert not axe_violations(citizen), describe(axe_violations(citizen))
    citizen.get_by_label("姓名或单位名称").fill("王晓红")
    citizen.get_by_label("证件号码").fill(ID_NUMBER)
    citizen.get_by_label("联系电话").fill(PHONE)
    citizen.get_by_label("电子邮箱").fill("wxh@example.com")
    citizen.get_by_label("向哪个机关申请").select_option(label=unit.name)
    citizen.get_by_label("所需信息的名称").fill("城区老旧小区改造的方案")
    citizen.get_by_label("获取信息的方式").select_option(label="电子邮件")
    submit(citizen, "提交申请")
    # Forgot the confirmation: a clear message, the form keeps what was typed.
    assert "请勾选确认" in citizen.locator(".messages").inner_text()
    assert citizen.get_by_label("姓名或单位名称").input_value() == "王晓红"
    citizen.get_by_label("我确认所填信息真实准确").check()
    submit(citizen, "提交申请")
    assert citizen.locator("#tracking-code").count() == 1, citizen.locator("main").inner_text()
    code = citizen.locator("#tracking-code").inner_text()
    assert code.startswith("YSQ-2026-")
    assert "2026-10-30" in citizen.locator("main").inner_text()  # 20 working days, National Day

    # 2. The clerk finds it in the list and asks for a correction (within 7 working days).
    today.set("2026-09-30")
    clerk = login(new_page, site, county["clerk"])
    clerk.goto(site.url + "/workspace/requests/")
    clerk.get_by_role("link", name=code).click()
    assert "王晓红" in clerk.locator("main").inner_text()  # the handling unit sees the applicant
    clerk.get_by_label("需要补正的事项").fill("请写明小区名称和年度。")
    submit(clerk, "告知补正")
    assert clerk.locator("#case-status").inner_text() == "等待申请人补正"

    # 3. The citizen opens the status page with code + phone and corrects there.
    today.set("2026-10-09")
    citizen.goto(site.url + "/ysqgk/status/")
    citizen.get_by_label("查询码").fill(code.lower())
    citizen.get_by_label("申请时填写的联系电话或证件号码").fill(PHONE)
    submit(citizen, "查询")
    assert "请写明小区名称和年度" in citizen.locator("main").inner_text()
    citizen.get_by_label("补正后的申请内容").fill(
        "城关街道幸福小区2026年老旧小区改造实施方案及资金安排"
    )
    submit(citizen, "提交补正")
    assert citizen.locator("#case-due").inner_text() == "2026-11-05"

    # 4. The clerk accepts and consults a third party; the pause moves the due date.
    clerk.reload()
    submit(clerk, "审核通过")
    today.set("2026-10-12")
    clerk.goto(clerk.url)
    clerk.get_by_label("征求意见对象", exact=True).fill("示范县幸福建设有限公司")
    submit(clerk, "记录征求意见")
    today.set("2026-10-20")
    clerk.goto(clerk.url)
    clerk.get_by_label("意见摘要").fill("不同意公开报价明细")
    submit(clerk, "记录征求意见结束")
    assert clerk.locator("#case-due").inner_text() == "2026-11-13"
    assert "批准延期" not in clerk.locator("main").inner_text()  # the clerk cannot approve it

    # 5. The head approves one extension of 10 working days.
    today.set("2026-10-21")
    head = login(new_page, site, county["head"])
    head.goto(clerk.url)
    head.get_by_label("延长工作日数").fill("10")
    head.get_by_label("延期理由").fill("需调取施工档案，材料较多")
    submit(head, "批准延期")
    assert head.locator("#case-due").inner_text() == "2026-11-27"

    # 6. The clerk replies with a partial disclosure and generates the letter.
    today.set("2026-11-20")
    clerk.goto(clerk.url)
    clerk.get_by_label("办理结果（年度报告口径）").select_option("partial")
    clerk.get_by_label("答复类型（条例第三十六条）").select_option("partial")
    clerk.get_by_label("答复内容（事实、理由和依据）").fill("现提供改造实施方案及资金安排。")
    clerk.get_by_label("不予公开的部分 1").fill("施工单位报价明细")
    clerk.get_by_label("理由 1").fill("涉及第三方商业秘密，第三方不同意公开")
    submit(clerk, "作出答复")
    assert clerk.locator("#reply-outcome").inner_text() == "部分公开"
    submit(clerk, "生成告知书")
    assert "政府信息公开申请答复书（部分公开）" in clerk.locator("#letters").inner_text()
    with clerk.expect_download() as download:
        clerk.locator("#letters").get_by_role("link", name="Word").first.click()
    assert download.value.suggested_filename.endswith(".docx")

    # 7. The citizen sees every step and the derivation of the due date.
    citizen.goto(site.url + "/ysqgk/status/")
    text = citizen.locator("main").inner_text()
    for expected in (
        "2026-09-28 收到申请",
        "补正",
        "2026-10-09",
        "征求示范县幸福建设有限公司意见",
        "暂停 6 个工作日",
        "延长答复期限 10 个工作日",
        "2026-11-20 作出答复",
        "在答复期限 2026-11-27 内",
        "施工单位报价明细",
    ):
        assert expected in text, expected
    assert "王晓红" not in text  # the status page never shows the applicant's identity
    assert not axe_violations(citizen), describe(axe_violations(citizen))
