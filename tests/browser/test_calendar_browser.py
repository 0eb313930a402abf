"""工作日历 in a real browser: the office is warned that next year's holiday arrangement is
missing, enters it by hand (a mistyped line is refused in Chinese and nothing is saved), sees
the year's months, and a duty whose due date fell in the missing year gets its date.

The arrangement entered here is made up for the test (the page does not care whose it is).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from .conftest import axe_violations, describe, login

pytestmark = pytest.mark.browser


def test_the_office_enters_next_years_arrangement(site, new_page, unit_a):
    from gongkai.core.duties.models import Duty
    from gongkai.core.duties.services import duty_open
    from gongkai.core.workdays.models import CalendarYear
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import staff

    this_year = timezone.localdate().year
    next_year = this_year + 1
    CalendarYear.objects.filter(year=next_year).delete()
    # 20 working days from 20 December run into next year: not computable yet.
    duty = duty_open(
        kind="test.calendar",
        title="跨年的待办",
        unit=unit_a,
        starts_on=dt.date(this_year, 12, 20),
        workdays=20,
    )
    assert duty.due_on is None and duty.due_note

    page = login(new_page, site, staff(unit_a, Role.OFFICE_ADMIN, username="cal_office"))
    page.goto(site.url + "/workspace/calendar/")
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("link", name=f"录入{next_year}年安排").first.click()
    page.wait_for_load_state()
    page.get_by_label("依据").fill(f"（测试）{next_year}年部分节假日安排")
    holidays = "\n".join(
        [f"{next_year}-01-01 元旦", f"{next_year}-05-01 劳动节", f"{next_year}-10-01 国庆节"]
    )
    page.get_by_label("放假日").fill(holidays + "\n2027年10月2日 国庆节")
    page.get_by_role("button", name=f"保存{next_year}年安排").click()
    page.wait_for_load_state()
    assert "不是有效日期" in page.locator("main").inner_text()
    assert not CalendarYear.objects.filter(year=next_year).exists()
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_label("放假日").fill(holidays)
    page.get_by_role("button", name=f"保存{next_year}年安排").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"{next_year}年工作日历"
    months = page.locator("main").inner_text()
    assert "月历" in months and "元旦" in months
    assert not axe_violations(page), describe(axe_violations(page))

    duty.refresh_from_db()
    assert duty.due_on is not None and duty.due_on.year == next_year
    assert Duty.objects.get(pk=duty.pk).due_note == ""
