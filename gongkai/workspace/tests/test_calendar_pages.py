"""工作日历 pages as the openness office uses them."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.audit.models import AuditEvent
from gongkai.core.duties.services import duty_open
from gongkai.core.workdays import get_calendar
from gongkai.core.workdays.models import CalendarYear, SpecialDay
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import UserFactory, staff

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "core" / "workdays" / "examples" / "example-year.csv"
)

# Made up for these tests only; the real 2027 arrangement is whatever the State Council publishes.
FICTIONAL_2027 = {
    "notice": "测试用虚构安排",
    "holidays": "2027-01-01 元旦\n2027-10-01 国庆节\n2027-10-02 国庆节\n2027-10-03 国庆节",
    "makeup": "2027-10-09",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D("2026-11-23"))


@pytest.fixture
def office(client, calendar_years, unit_a):
    client.force_login(staff(unit_a, Role.OFFICE_ADMIN, username="gkb"))
    return client


PAGES = [
    ("workspace:calendar", ()),
    ("workspace:calendar_year", (2026,)),
    ("workspace:calendar_edit", (2027,)),
    ("workspace:calendar_import", ()),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_people_are_sent_to_log_in(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_clerk_is_refused(client, calendar_years, unit_a, name, args):
    client.force_login(staff(unit_a, Role.CLERK))
    assert client.get(reverse(name, args=args)).status_code == 403


def test_a_clerk_cannot_enter_a_year(client, calendar_years, unit_a):
    client.force_login(staff(unit_a, Role.CLERK, Role.HEAD))
    response = client.post(reverse("workspace:calendar_edit", args=[2027]), FICTIONAL_2027)
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_list_shows_the_years_and_warns_that_next_year_is_missing(office):
    response = office.get(reverse("workspace:calendar"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2027年的节假日安排尚未录入" in html
    assert "录入2027年安排" in html
    assert reverse("workspace:calendar_year", args=[2026]) in html


def test_a_year_page_shows_the_special_days_and_the_month_grid(office):
    html = office.get(reverse("workspace:calendar_year", args=[2026])).content.decode()
    assert "2026年放假33天，调休上班6天" in html
    assert (
        'class="day kind-workday" title="调休上班（国庆节）"><time datetime="2026-10-10">' in html
    )
    assert 'class="day kind-holiday" title="放假（国庆节）"><time datetime="2026-10-01">' in html


def test_a_missing_year_page_offers_to_enter_it(office):
    response = office.get(reverse("workspace:calendar_year", args=[2027]))
    assert response.status_code == 404
    assert "2027年的节假日安排尚未录入" in response.content.decode()


def test_the_office_enters_a_year_and_open_duties_follow(office, unit_a):
    duty = duty_open(
        kind="t", title="答复申请", unit=unit_a, starts_on=D("2026-12-18"), workdays=20
    )
    assert duty.due_on is None

    page = office.get(reverse("workspace:calendar_edit", args=[2027]))
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()

    response = office.post(
        reverse("workspace:calendar_edit", args=[2027]), FICTIONAL_2027, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("workspace:calendar_year", args=[2027])
    html = response.content.decode()
    assert "已保存2027年节假日安排：放假4天，调休上班1天；重新计算了1项未办结事项的截止日。" in html

    year = CalendarYear.objects.get(year=2027)
    assert (year.source, year.notice, year.entered_by.username) == (
        "manual",
        "测试用虚构安排",
        "gkb",
    )
    assert get_calendar().is_workday(D("2027-10-09"))
    duty.refresh_from_db()
    assert duty.due_on == D("2027-01-18")
    assert AuditEvent.objects.filter(verb="duty.recompute", object_id=str(duty.pk)).exists()


def test_the_edit_form_is_prefilled_with_the_year_in_force(office):
    html = office.get(reverse("workspace:calendar_edit", args=[2026])).content.decode()
    assert "2026-10-01 国庆节" in html
    assert "2026-10-10" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"holidays": "2027-13-01 元旦", "makeup": ""}, "“2027-13-01”不是有效日期"),
        ({"holidays": "2027-10-01 国庆节", "makeup": "2027-10-13"}, "只能是星期六或星期日"),
        ({"holidays": "2026-10-01 国庆节", "makeup": ""}, "2026-10-01 不在2027年内"),
        ({"holidays": "", "makeup": ""}, "至少应有一个放假日"),
        ({"holidays": "2027-10-01", "makeup": "2027-10-01"}, "不能既是放假日又是调休上班日"),
        ({"holidays": "2027-10-01", "makeup": "", "notice": "长" * 201}, "依据不能超过200个字"),
    ],
)
def test_bad_input_shows_a_chinese_error_and_saves_nothing(office, data, message):
    response = office.post(reverse("workspace:calendar_edit", args=[2027]), {"notice": "", **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert "未保存" in html
    assert message in html
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not SpecialDay.objects.filter(date__year=2027).exists()


def test_every_mistake_in_the_form_is_shown_at_once(office):
    response = office.post(
        reverse("workspace:calendar_edit", args=[2027]),
        {"notice": "", "holidays": "2027-13-01 元旦\n2026-10-01 国庆节", "makeup": "2027-10-13"},
    )
    html = response.content.decode()
    assert "“2027-13-01”不是有效日期" in html
    assert "2026-10-01 不在2027年内" in html
    assert "只能是星期六或星期日" in html
    assert "至少应有一个放假日" not in html


def test_a_failed_change_keeps_the_year_in_force(office):
    before = SpecialDay.objects.filter(year_id=2026).count()
    response = office.post(
        reverse("workspace:calendar_edit", args=[2026]),
        {"notice": "", "holidays": "2026-10-01 国庆节", "makeup": "2026-10-14"},
    )
    assert response.status_code == 400
    assert SpecialDay.objects.filter(year_id=2026).count() == before


def test_the_office_imports_a_csv(office):
    upload = SimpleUploadedFile("2031.csv", EXAMPLE.read_bytes(), content_type="text/csv")
    response = office.post(
        reverse("workspace:calendar_import"),
        {"year": "2031", "file": upload, "notice": "虚构示例"},
        follow=True,
    )
    assert "已导入2031年节假日安排：放假20天，调休上班5天" in response.content.decode()
    assert CalendarYear.objects.get(year=2031).source == "import"
    assert get_calendar().add(D("2031-09-30"), 1) == D("2031-10-08")


def test_a_gbk_csv_from_a_spreadsheet_is_understood(office):
    text = "date,kind,name\n2031-10-01,休,国庆节\n2031-10-11,班,国庆节\n"
    upload = SimpleUploadedFile("2031.csv", text.encode("gbk"), content_type="text/csv")
    response = office.post(reverse("workspace:calendar_import"), {"year": "2031", "file": upload})
    assert response.status_code == 302
    assert SpecialDay.objects.get(date=D("2031-10-01")).name == "国庆节"


def test_a_bad_csv_lists_each_bad_line_and_imports_nothing(office):
    text = "date,kind,name\n2031-10-01,holiday,国庆节\n2031-02-30,holiday,\n2031-10-02,rest,\n"
    upload = SimpleUploadedFile("bad.csv", text.encode("utf-8"), content_type="text/csv")
    response = office.post(reverse("workspace:calendar_import"), {"year": "2031", "file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第3行：“2031-02-30”不是有效日期" in html
    assert "第4行：类型“rest”无法识别" in html
    assert not CalendarYear.objects.filter(year=2031).exists()


def test_an_import_without_a_file_says_so(office):
    response = office.post(reverse("workspace:calendar_import"), {"year": "2031"})
    assert response.status_code == 400
    assert "请选择要导入的 CSV 文件" in response.content.decode()


def test_a_system_admin_may_enter_a_year(client, calendar_years):
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(reverse("workspace:calendar_edit", args=[2027]), FICTIONAL_2027)
    assert response.status_code == 302
    assert CalendarYear.objects.filter(year=2027).exists()


def test_an_absurd_year_is_not_found(office):
    assert office.get(reverse("workspace:calendar_edit", args=[30000])).status_code == 404
