"""What a person does in a real browser: the home page, 长者模式, keyboard, phone, accessibility."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.portal.columns import COLUMNS

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser


def font_size(page, selector: str = "body") -> float:
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def test_home_shows_the_region_the_six_columns_and_search_works(site, page):
    page.goto(site.url + "/")
    assert "示范县人民政府" in page.locator("header").inner_text()
    assert page.locator("h1").count() == 1
    nav = page.get_by_role("navigation", name="主导航")
    for column in COLUMNS:
        link = nav.get_by_role("link", name=column.title, exact=True)
        assert link.get_attribute("href") == reverse("portal:column", kwargs={"slug": column.slug})
    assert "0818-1234567" in page.locator("footer").inner_text()

    box = page.get_by_role("searchbox", name="搜索政府信息")
    box.fill("义务教育 <b>补助</b>")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-query").inner_text() == "义务教育 <b>补助</b>"
    assert page.locator(".search-query b").count() == 0


def test_a_column_link_opens_its_page(site, page):
    page.goto(site.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role(
        "link", name="政府信息公开指南"
    ).click()
    assert page.locator("h1").inner_text() == "政府信息公开指南"
    assert "示范县人民路1号" in page.locator("main").inner_text()


def test_senior_mode_works_without_javascript_and_persists(site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(site.url + "/")
    normal = font_size(page)
    assert page.locator("html").get_attribute("class") in (None, "")

    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert page.url == site.url + "/"
    assert page.locator("html").get_attribute("class") == "senior"
    larger = font_size(page)
    assert larger >= normal * 1.2, (normal, larger)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("senior") == "1"

    page.goto(site.url + reverse("portal:column", kwargs={"slug": "xxgknb"}))
    assert page.locator("html").get_attribute("class") == "senior"
    assert font_size(page) == larger
    assert font_size(page, "h1") > 0

    page.get_by_role("button", name="关闭长者模式").click()
    page.wait_for_load_state()
    assert page.url.endswith("/xxgk/xxgknb/")
    assert font_size(page) == normal
    assert "senior" not in {c["name"] for c in page.context.cookies()}


@pytest.mark.parametrize("senior", [False, True], ids=["normal", "senior"])
def test_no_horizontal_scroll_on_a_phone(site, new_page, senior):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    if senior:
        page.context.add_cookies([{"name": "senior", "value": "1", "url": site.url}])
    for path in ("/", reverse("portal:column", kwargs={"slug": "xxgkzn"})):
        page.goto(site.url + path)
        width = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert width["scroll"] <= width["client"], (path, width)


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(site, page):
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.tagName, document.activeElement.textContent]"
    )
    assert focused == ["A", "跳到主要内容"]
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    ["/", "/xxgk/xxgkzn/", "/xxgk/xxgknb/", "/search/?q=教育"],
    ids=["home", "guide", "empty-column", "search"],
)
@pytest.mark.parametrize("senior", [False, True], ids=["normal", "senior"])
def test_portal_pages_have_no_serious_accessibility_violations(site, page, path, senior):
    if senior:
        page.context.add_cookies([{"name": "senior", "value": "1", "url": site.url}])
    page.goto(site.url + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_staff_login_page_has_no_serious_accessibility_violations(site, page):
    response = page.goto(site.url + "/workspace/login/")
    assert response.status == 200, "the staff login page is missing"
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_staff_inbox_has_no_serious_accessibility_violations(site, page, calendar_years):
    import datetime as dt

    from gongkai.core.duties.services import duty_open
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import UnitFactory, staff

    unit = UnitFactory(region=site.region, name="示范县发展和改革局", short_name="县发改局")
    clerk = staff(unit, Role.CLERK)
    duty_open(
        kind="test",
        title="答复依申请公开",
        unit=unit,
        role=Role.CLERK,
        fixed_due=dt.date(2026, 1, 5),
    )
    duty_open(
        kind="test",
        title="审核政策文件",
        unit=unit,
        role=Role.CLERK,
        fixed_due=dt.date(2026, 12, 30),
    )
    client = Client()
    client.force_login(clerk)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site.url}]
    )
    page.goto(site.url + reverse("workspace:inbox"))
    assert page.locator("h1").inner_text() == "我的待办"
    assert page.locator("tr.duty-row").count() == 2
    violations = axe_violations(page)
    assert violations == [], describe(violations)
