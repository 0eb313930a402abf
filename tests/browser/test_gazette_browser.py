"""政府公报 in a real browser: a citizen opens the gazette archive, an issue's table of contents
with page numbers, follows an entry to the library document, and finds the PDF to download."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.library.gazette.services import gazette_compile, gazette_publish
from gongkai.library.tests.test_gazette_service import TITLES, publish_documents

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def issue(site, unit_a, tmp_path):
    publish_documents(site.region, tmp_path, [{"title": t} for t in TITLES])
    compiled = gazette_compile(
        actor=None,
        region=site.region,
        year=2026,
        number=2,
        period_from=dt.date(2026, 3, 1),
        period_to=dt.date(2026, 3, 31),
        issued_on=dt.date(2026, 4, 8),
    )
    return gazette_publish(actor=None, issue=compiled)


def test_a_citizen_reads_an_issue_and_reaches_its_documents(site, page, issue):
    page.goto(site.url + "/gb/")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("link", name="2026年第2期").first.click()
    page.wait_for_load_state()
    assert not axe_violations(page), describe(axe_violations(page))
    contents = page.locator("main").inner_text()
    for entry in issue.entries.select_related("document"):
        assert entry.document.title in contents
        assert f"第 {entry.page} 页" in contents
    pdf_link = page.get_by_role("link", name="PDF").first
    assert pdf_link.get_attribute("href").endswith(".pdf") or "pdf" in pdf_link.get_attribute(
        "href"
    )
    first = issue.entries.select_related("document").order_by("page").first().document
    page.get_by_role("link", name=first.title).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == first.title
