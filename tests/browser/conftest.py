"""Browser tests: Playwright (sync API) drives Debian's Chromium against the live server.

We never run `playwright install` (no downloads on an intranet build machine): the browser is
the distribution's Chromium, found at $GONGKAI_CHROMIUM, /usr/bin/chromium or on PATH. A missing
browser fails the run with instructions — these tests are never skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

VENDOR = Path(__file__).resolve().parents[2] / "gongkai" / "static" / "vendor"
AXE = VENDOR / "axe.min.js"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    configured = os.environ.get("GONGKAI_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        where = os.environ.get("GONGKAI_CHROMIUM") or "/usr/bin/chromium (or chromium on PATH)"
        required = os.environ.get("GONGKAI_REQUIRE_BROWSER") == "1"
        pytest.fail(
            f"Chromium not found at {where}. "
            + ("GONGKAI_REQUIRE_BROWSER=1: CI must have a browser. " if required else "")
            + "Install Debian's Chromium with `apt-get install chromium` "
            "or point GONGKAI_CHROMIUM at a Chromium binary. Browser tests are never skipped.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts (own cookies); all are closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "zh-CN")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def site(live_server, transactional_db, calendar_years):
    """A live server with the 示范县 region, its office contacts filled in, and the calendar.

    The calendar is seeded and the process's cached copy dropped here, whatever earlier tests
    (flushes, rolled-back calendar edits) left behind: the live server thread shares it.
    """
    from gongkai.core.workdays import invalidate_calendar
    from gongkai.orgs.tests.factories import RegionFactory

    invalidate_calendar()

    region = RegionFactory(
        code="shifan",
        name="示范县人民政府",
        short_name="示范县",
        office_name="示范县人民政府办公室",
        office_address="示范县人民路1号",
        office_hours="工作日 9:00-12:00，14:00-17:30",
        office_phone="0818-1234567",
        office_email="gk@example.gov.cn",
        office_postcode="635200",
        icp_record="蜀ICP备00000000号",
    )
    live_server.region = region
    return live_server


def login(new_page, site, user):
    """A new page whose browser is logged in as ``user`` (a session made by the test client)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site.url}]
    )
    return page


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run the vendored axe-core on the page; the violations of the given impacts."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {node.get('target')}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)
