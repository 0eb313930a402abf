"""A citizen in a real browser finds a published policy document in the 政策文件库 — by a
two-character word, by a phrase, by its 发文字号 typed loosely, by filters — opens it, reads its
metadata and its interpretation; the list and document pages pass axe-core."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def library(site, calendar_years):
    from gongkai.library.models import CatalogColumn, StandardCatalogArea, Topic
    from gongkai.library.public.testing import publish_document, topic
    from gongkai.library.taxonomy_data import load_taxonomy
    from gongkai.orgs.tests.factories import UnitFactory

    # The migration's classification data is not always restored after an earlier live-server
    # test emptied the tables; load it again (idempotent) rather than depend on test order.
    load_taxonomy(Topic, CatalogColumn, StandardCatalogArea)
    edu = UnitFactory(
        region=site.region, name="示范县教育和体育局", short_name="县教体局", code="001002"
    )
    dev = UnitFactory(
        region=site.region, name="示范县发展和改革局", short_name="县发改局", code="001001"
    )
    site.edu = publish_document(
        edu,
        title="示范县义务教育阶段学生资助实施办法",
        doc_number="示教体〔2026〕7号",
        genre="办法",
        topic=topic("科技、教育/教育"),
        keywords="学生资助",
        is_normative=True,
        body="<p>为做好义务教育阶段家庭经济困难学生资助工作，制定本办法。</p>",
        interpretation={
            "title": "《学生资助实施办法》政策解读",
            "forms": ["text", "qa"],
            "body": "<p>一问一答：谁可以申请资助？</p>",
        },
    )
    site.safety = publish_document(
        dev,
        title="关于做好冬季安全生产工作的通知",
        doc_number="示发改〔2026〕12号",
        body="<p>冬季是安全生产事故易发期，现就有关工作通知如下。</p>",
    )
    return site


def results(page) -> list[str]:
    return page.locator(".lib-item-title").all_inner_texts()


def search(page, text: str):
    box = page.get_by_label("关键词、标题或发文字号")
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state()


def test_a_citizen_finds_the_document_four_ways_and_reads_it(library, page):
    page.goto(library.url + "/")
    page.get_by_role("link", name="更多政策文件").click()
    assert page.locator("h1").inner_text() == "政策文件库"
    assert len(results(page)) == 2

    search(page, "资助")  # a two-character word
    assert results(page) == ["示范县义务教育阶段学生资助实施办法"]
    assert page.locator(".lib-item-title mark").first.inner_text() == "资助"

    search(page, '"安全生产工作"')  # a phrase
    assert results(page) == ["关于做好冬季安全生产工作的通知"]

    search(page, "示教体2026 7")  # the 发文字号, typed loosely
    assert results(page)[0] == "示范县义务教育阶段学生资助实施办法"

    search(page, "")  # filters only
    page.get_by_role("combobox", name="发布机构").select_option(label="示范县发展和改革局")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert results(page) == ["关于做好冬季安全生产工作的通知"]
    page.get_by_role("combobox", name="发布机构").select_option(label="全部机构")
    page.get_by_role("combobox", name="政策解读").select_option(label="有解读")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert results(page) == ["示范县义务教育阶段学生资助实施办法"]

    page.get_by_role("link", name="示范县义务教育阶段学生资助实施办法").click()
    page.wait_for_load_state()
    meta = page.locator("table.doc-meta")
    assert meta.get_by_role("rowheader", name="索引号").count() == 1
    assert library.edu.index_no in meta.inner_text()
    for text in (
        "示范县教育和体育局",
        "示教体〔2026〕7号",
        "现行有效",
        "学生资助",
        "科技、教育;教育",
    ):
        assert text in meta.inner_text()
    assert page.locator("h1").inner_text() == "示范县义务教育阶段学生资助实施办法"

    page.get_by_role("link", name="《学生资助实施办法》政策解读").click()
    page.wait_for_load_state()
    assert "谁可以申请资助" in page.locator("main").inner_text()
    page.get_by_role("link", name="示范县义务教育阶段学生资助实施办法").click()
    page.wait_for_load_state()
    assert library.edu.index_no in page.locator("table.doc-meta").inner_text()


def test_a_query_of_symbols_only_gets_the_chinese_message(library, page):
    page.goto(library.url + "/zcwj/?q=%21%40%23")
    assert "请输入要搜索的词语" in page.get_by_role("alert").inner_text()


@pytest.mark.parametrize("senior", [False, True], ids=["normal", "senior"])
@pytest.mark.parametrize("which", ["list", "search", "document", "interpretation"])
def test_library_pages_have_no_serious_accessibility_violations(library, page, which, senior):
    if senior:
        page.context.add_cookies([{"name": "senior", "value": "1", "url": library.url}])
    interpretation = library.edu.interpretations.get()
    path = {
        "list": "/zcwj/",
        "search": "/zcwj/?q=资助",
        "document": f"/zcwj/wj/{library.edu.index_no}/",
        "interpretation": f"/zcwj/jd/{interpretation.pk}/",
    }[which]
    page.goto(library.url + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_no_horizontal_scroll_on_a_phone(library, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for path in ("/zcwj/?q=资助", f"/zcwj/wj/{library.edu.index_no}/"):
        page.goto(library.url + path)
        width = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert width["scroll"] <= width["client"], (path, width)
