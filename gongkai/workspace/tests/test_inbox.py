"""我的待办 / 单位待办 as a member of staff sees them."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.core.duties.services import duty_open
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import UnitFactory, staff

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)  # a Monday


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def duty_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'data-duty="(\d+)"', html)]


def count_of(html: str, urgency: str) -> int:
    match = re.search(rf'count-{urgency}">\s*<span class="count-number">(\d+)</span>', html)
    assert match, f"no count for {urgency}"
    return int(match.group(1))


@pytest.mark.parametrize("name", ["workspace:inbox", "workspace:unit_inbox"])
def test_anonymous_people_are_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert f"next={url}" in response["Location"]


def test_a_logged_in_person_without_any_role_is_refused(client, region):
    from gongkai.orgs.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("workspace:inbox")).status_code == 403


def test_a_clerk_sees_their_units_duties_and_not_another_units(
    client, calendar_years, unit_a, unit_b
):
    clerk = staff(unit_a, Role.CLERK)
    mine = duty_open(
        kind="test",
        title="审核县发改局来文",
        unit=unit_a,
        role=Role.CLERK,
        fixed_due=dt.date(2026, 12, 10),
    )
    other = duty_open(
        kind="test",
        title="县教体局的申请",
        unit=unit_b,
        role=Role.CLERK,
        fixed_due=dt.date(2026, 12, 10),
    )
    client.force_login(clerk)

    for name in ("workspace:inbox", "workspace:unit_inbox"):
        html = client.get(reverse(name)).content.decode()
        assert duty_ids(html) == [mine.pk]
        assert "审核县发改局来文" in html
        assert "县教体局的申请" not in html
    assert other.pk


def test_a_clerk_may_not_pick_another_unit(client, calendar_years, unit_a, unit_b):
    client.force_login(staff(unit_a, Role.CLERK))
    response = client.get(reverse("workspace:unit_inbox"), {"unit": unit_b.pk})
    assert response.status_code == 403


def test_a_bad_unit_number_gives_a_message_not_an_error(client, calendar_years, unit_a):
    client.force_login(staff(unit_a, Role.CLERK))
    response = client.get(reverse("workspace:unit_inbox"), {"unit": "abc"})
    assert response.status_code == 200
    assert "单位编号无效" in response.content.decode()


def test_a_person_in_two_units_picks_one(client, calendar_years, unit_a, unit_b):
    person = staff(unit_a, Role.CLERK)
    from gongkai.orgs.models import RoleAssignment

    RoleAssignment.objects.create(user=person, region=unit_b.region, unit=unit_b, role=Role.HEAD)
    in_b = duty_open(kind="test", title="教体局事项", unit=unit_b, fixed_due=dt.date(2026, 12, 1))
    client.force_login(person)
    html = client.get(reverse("workspace:unit_inbox"), {"unit": unit_b.pk}).content.decode()
    assert duty_ids(html) == [in_b.pk]
    assert 'name="unit"' in html  # the picker is shown


def test_the_office_may_pick_any_unit_of_its_region(client, calendar_years, unit_a, unit_b):
    admin = staff(unit_a, Role.OFFICE_ADMIN)
    in_b = duty_open(kind="test", title="教体局事项", unit=unit_b, fixed_due=dt.date(2026, 12, 1))
    client.force_login(admin)
    html = client.get(reverse("workspace:unit_inbox"), {"unit": unit_b.pk}).content.decode()
    assert duty_ids(html) == [in_b.pk]
    elsewhere = UnitFactory()  # another region
    response = client.get(reverse("workspace:unit_inbox"), {"unit": elsewhere.pk})
    assert response.status_code == 403


def test_overdue_first_then_due_soon_then_normal_with_counts(client, calendar_years, unit_a):
    clerk = staff(unit_a, Role.CLERK)

    def open_(title, **when):
        return duty_open(kind="test", title=title, unit=unit_a, role=Role.CLERK, **when)

    normal_late = open_("正常（较晚）", fixed_due=dt.date(2026, 12, 30))
    due_soon = open_("即将到期", fixed_due=dt.date(2026, 11, 25))  # 2 working days left
    normal = open_("正常", starts_on=dt.date(2026, 11, 20), workdays=20)  # 2026-12-18
    overdue = open_("已逾期", fixed_due=dt.date(2026, 11, 20))
    today = open_("今日到期", fixed_due=TODAY)
    client.force_login(clerk)

    html = client.get(reverse("workspace:inbox")).content.decode()
    assert duty_ids(html) == [overdue.pk, today.pk, due_soon.pk, normal.pk, normal_late.pk]
    assert (count_of(html, "overdue"), count_of(html, "due_soon"), count_of(html, "normal")) == (
        1,
        2,
        2,
    )
    # Status is told in words, not by colour alone.
    assert '<span class="status status-overdue">已逾期</span>' in html
    assert '<span class="status status-due_soon">即将到期</span>' in html
    assert "逾期 1 个工作日" in html  # due Friday 20 November, today Monday 23
    assert "今日到期" in html
    assert "2026-12-18" in html


def test_each_row_links_to_the_duty_and_its_history(client, calendar_years, unit_a):
    clerk = staff(unit_a, Role.CLERK)
    duty = duty_open(
        kind="test",
        title="答复申请",
        unit=unit_a,
        role=Role.CLERK,
        url="/workspace/requests/7/",
        fixed_due=dt.date(2026, 12, 1),
    )
    client.force_login(clerk)
    html = client.get(reverse("workspace:inbox")).content.decode()
    assert 'href="/workspace/requests/7/"' in html
    assert f'href="/workspace/history/core.duty/{duty.pk}/"' in html


def test_an_empty_inbox_says_so(client, calendar_years, unit_a):
    client.force_login(staff(unit_a, Role.CLERK))
    html = client.get(reverse("workspace:inbox")).content.decode()
    assert "目前没有待办事项" in html


def test_the_header_names_the_person_and_their_roles(client, calendar_years, unit_a):
    clerk = staff(unit_a, Role.CLERK, Role.REVIEWER, level=2)
    client.force_login(clerk)
    html = client.get(reverse("workspace:inbox")).content.decode()
    assert str(clerk) in html
    assert "县发改局 · 经办人" in html
    assert "县发改局 · 审核人（2级）" in html
    assert 'aria-current="page">我的待办' in html
