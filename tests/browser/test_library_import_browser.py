"""The county openness office bulk-imports its document ledger in a real browser: an .xlsx with
a wrong date is checked and refused row by row in Chinese, nothing written; the corrected file
passes the check, is imported after confirmation while the page follows the background job by
htmx polling, and the documents are then on the public 政策文件库 in the same browser."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from gongkai.library.tests.test_import_service import row, write_xlsx

from .conftest import axe_violations, describe, login

pytestmark = pytest.mark.browser

ROWS = 3
WRONG_ROW = 2  # the second document, on line 3 of the sheet (line 1 is the header)


@pytest.fixture
def county(site, settings, tmp_path):
    from gongkai.library.models import CatalogColumn, StandardCatalogArea, Topic
    from gongkai.library.taxonomy_data import load_taxonomy
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import UnitFactory, staff

    settings.MEDIA_ROOT = tmp_path / "media"
    # Like production: the upload only queues the job, the worker runs it, the page polls.
    settings.GONGKAI_JOBS_EAGER = False
    # The topic classes the rows name; an earlier live-server test may have emptied them.
    load_taxonomy(Topic, CatalogColumn, StandardCatalogArea)
    unit = UnitFactory(
        region=site.region, name="示范县发展和改革局", short_name="县发改局", code="001001"
    )
    site.office = staff(unit, Role.OFFICE_ADMIN, username="b_import_office")
    return site


def ledger(tmp_path, name: str, **wrong) -> str:
    """The office's ledger as an .xlsx; ``wrong`` changes the cells of the second row."""
    rows = [row(i, **(wrong if i == WRONG_ROW else {})) for i in range(1, ROWS + 1)]
    return str(write_xlsx(tmp_path / name, rows))


def bodies(tmp_path) -> str:
    path = tmp_path / "正文.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for i in range(1, ROWS + 1):
            z.writestr(f"body{i}.txt", f"各乡镇人民政府：\n现就第{i}批农村公路养护工作通知如下。")
    path.write_bytes(buffer.getvalue())
    return str(path)


def hold_status_polls(page) -> None:
    """Let htmx's status polls reach the server only while the test is in a Playwright call.

    On SQLite the live server shares the test's in-memory database connection, so a poll must
    not run while `work_off_queue` holds a transaction on it; Playwright's sync API answers a
    routed request only when the test thread next waits on the browser.
    """
    page.route(re.compile(r"/workspace/library/import/\d+/status/$"), lambda r: r.continue_())


def work_off_queue() -> None:
    """What the background worker does: run every queued job, and each must succeed."""
    from django.utils import timezone

    from gongkai.core.jobs.models import Job
    from gongkai.core.jobs.services import job_claim_next, job_run

    ran = []
    while (job := job_claim_next(now=timezone.now())) is not None:
        job_run(job)
        ran.append(job.pk)
    assert ran, "no job was queued"
    for job in Job.objects.filter(pk__in=ran):
        assert job.status == Job.Status.DONE, job.last_error


def expect_queued(page) -> None:
    status = page.locator("#import-status")
    expect(status).to_contain_text("排队中，等待后台处理……")
    expect(status.locator("progress")).to_be_visible()
    expect(status).to_contain_text("本页每秒自动刷新进度。")


def upload(page, site, source: str, zipped: str, *, button: str) -> None:
    page.goto(site.url + "/workspace/library/import/")
    page.get_by_label("元数据表").set_input_files(source)
    page.get_by_label("正文文件（.zip 压缩包，可选）").set_input_files(zipped)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(re.compile(r"/workspace/library/import/\d+/$"))


def test_office_checks_a_ledger_fixes_a_row_imports_it_and_citizens_see_it(
    county, new_page, tmp_path
):
    from gongkai.library.importer.models import ImportRun
    from gongkai.library.models import Document

    page = login(new_page, county, county.office)
    hold_status_polls(page)
    zipped = bodies(tmp_path)

    # 1. A ledger whose second document has a date that does not exist: checked only.
    page.goto(county.url + "/workspace/library/import/")
    assert page.locator("h1").inner_text() == "批量导入政策文件"
    violations = axe_violations(page)
    assert not violations, describe(violations)
    upload(
        page, county, ledger(tmp_path, "台账.xlsx", 成文日期="2021-02-30"), zipped, button="检查"
    )
    assert page.locator("h1").inner_text() == "检查：台账.xlsx"
    expect_queued(page)

    work_off_queue()
    status = page.locator("#import-status")
    expect(status.get_by_role("alert")).to_have_text(
        "“台账.xlsx”共 3 行，发现 1 处问题，未导入任何文件。请按错误清单修改后重新导入。"
    )
    problems = status.locator("table")
    expect(problems.locator("caption")).to_have_text("问题清单（共列出 1 处）")
    cells = problems.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells[0] == "第 3 行"
    assert cells[1] == "成文日期"
    assert "“2021-02-30”不是存在的日期" in cells[2]
    assert "2021年3月5日" in cells[3]  # how to write it
    expect(status.get_by_role("button", name="确认导入")).to_have_count(0)
    assert status.get_attribute("hx-get") is None  # finished: the polling has stopped
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert Document.objects.count() == 0
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED

    # 2. The corrected ledger passes the check, which still writes nothing.
    status.get_by_role("link", name="改好后重新上传").click()
    page.wait_for_url(re.compile(r"/workspace/library/import/$"))
    recent = page.locator("table").last.locator("tbody tr").first.inner_text()
    assert "台账.xlsx" in recent and "未通过" in recent
    upload(page, county, ledger(tmp_path, "台账（改）.xlsx"), zipped, button="检查")
    expect_queued(page)
    work_off_queue()
    expect(status.get_by_role("status")).to_have_text(
        "“台账（改）.xlsx”共 3 行，检查通过：将新建 3 份、更新 0 份（索引号已存在）。"
    )
    assert Document.objects.count() == 0

    # 3. Confirmed: imported by the worker, the page follows it to the counts.
    status.get_by_role("button", name="确认导入").click()
    page.wait_for_url(re.compile(r"/workspace/library/import/\d+/$"))
    assert page.locator("h1").inner_text() == "导入：台账（改）.xlsx"
    expect_queued(page)
    work_off_queue()
    expect(status.get_by_role("status")).to_have_text(
        "“台账（改）.xlsx”共 3 行，已导入：新建 3 份，更新 0 份，0 份无变化。"
    )
    expect(status.get_by_role("button", name="确认导入")).to_have_count(0)
    imported = ImportRun.objects.get(dry_run=False)
    assert (imported.status, imported.created, imported.total) == (ImportRun.Status.DONE, 3, 3)
    documents = Document.objects.filter(region=county.region).order_by("index_no")
    assert [d.index_no for d in documents] == [f"001001/2021-{i:05d}" for i in (1, 2, 3)]
    assert {d.status for d in documents} == {Document.Status.PUBLISHED}

    # 4. The corrected document is on the public library, read in the same browser.
    title = row(WRONG_ROW)["标题"]
    page.goto(county.url + "/zcwj/")
    assert title in page.locator(".lib-item-title").all_inner_texts()
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    meta = page.locator("table.doc-meta").inner_text()
    for text in ("001001/2021-00002", "示发改〔2021〕2号", "示范县发展和改革局", "现行有效"):
        assert text in meta
    assert "现就第2批农村公路养护工作通知如下" in page.locator("main").inner_text()
