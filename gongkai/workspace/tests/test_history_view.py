"""操作记录: an object's history, shown to the staff who may see the object, and exported."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from gongkai.core.audit.verbs import verb_label
from gongkai.core.duties.services import duty_close, duty_open, duty_set_clock
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def duty(calendar_years, unit_a):
    clerk = staff(unit_a, Role.CLERK, username="zhangsan")
    clerk.display_name = "张三"
    clerk.save(update_fields=["display_name"])
    duty = duty_open(
        kind="inforequest.reply",
        title="答复王某的信息公开申请",
        unit=unit_a,
        starts_on=dt.date(2026, 9, 30),
        workdays=20,
        actor=clerk,
    )
    duty_set_clock(duty=duty, extension_workdays=20, actor=clerk)
    duty_close(duty=duty, actor=clerk)
    return duty


def clerk_of(duty):
    return duty.unit.role_assignments.get(role=Role.CLERK).user


def url(obj_type: str, obj_id, **query) -> str:
    base = reverse("workspace:history", args=[obj_type, obj_id])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_units_clerk_reads_the_history_in_chinese_with_before_and_after(client, duty):
    client.force_login(clerk_of(duty))
    response = client.get(url("core.duty", duty.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("答复王某的信息公开申请", "张三", "开立待办", "调整时限（中止/延期）", "办结"):
        assert text in html
    # 20 working days from 2026-09-30 (National Day week off, Saturday 10-10 worked) end on
    # 11-03; the 20-day extension moves that to 12-01.
    assert "截止日：<del>2026-11-03</del> → <ins>2026-12-01</ins>" in html
    assert "延长工作日：<del>0</del> → <ins>20</ins>" in html
    assert "状态：<del>待办</del> → <ins>已办结</ins>" in html
    assert html.index("开立待办") < html.index("调整时限") < html.index("办结</td>")


def test_the_regions_openness_office_may_read_it_too(client, duty, unit_a):
    client.force_login(staff(unit_a, Role.OFFICE_ADMIN))
    assert client.get(url("core.duty", duty.pk)).status_code == 200


@pytest.mark.parametrize("who", ["other_unit", "other_region_office", "no_role"])
def test_people_who_may_not_see_the_object_are_refused(client, duty, unit_b, who):
    person = {
        "other_unit": lambda: staff(unit_b, Role.CLERK),
        "other_region_office": lambda: staff(
            UnitFactory(region=RegionFactory()), Role.OFFICE_ADMIN
        ),
        "no_role": UserFactory,
    }[who]()
    client.force_login(person)
    for query in ({}, {"format": "csv"}, {"format": "json"}):
        response = client.get(url("core.duty", duty.pk, **query))
        assert response.status_code == 403
        assert "答复王某" not in response.content.decode()


def test_anonymous_people_are_sent_to_log_in(client, duty):
    response = client.get(url("core.duty", duty.pk))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("obj_type", "obj_id"),
    [("core.duty", "999999"), ("core.duty", "abc"), ("nosuch.thing", "1"), ("core.job", "1")],
)
def test_unknown_objects_and_unregistered_types_are_refused_not_errors(
    client, duty, unit_a, obj_type, obj_id
):
    client.force_login(staff(unit_a, Role.OFFICE_ADMIN))
    assert client.get(url(obj_type, obj_id)).status_code == 403


def test_a_system_admin_may_read_any_history(client, duty):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(url("core.duty", duty.pk)).status_code == 200


def test_a_units_own_history_is_for_its_staff_and_the_office(client, unit_a, unit_b):
    from gongkai.core.audit import audit_record

    audit_record(
        actor=None,
        verb="unit.update",
        obj=unit_a,
        before={"short_name": "发改局"},
        after={"short_name": "县发改局"},
    )
    client.force_login(staff(unit_a, Role.HEAD))
    html = client.get(url("orgs.unit", unit_a.pk)).content.decode()
    assert verb_label("unit.update") in html
    assert "简称：<del>发改局</del> → <ins>县发改局</ins>" in html
    client.force_login(staff(unit_b, Role.HEAD))
    assert client.get(url("orgs.unit", unit_a.pk)).status_code == 403


def test_csv_export_opens_in_excel_as_utf8_with_one_row_per_event(client, duty):
    client.force_login(clerk_of(duty))
    response = client.get(url("core.duty", duty.pk, format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"history-core.duty-{duty.pk}.csv" in response["Content-Disposition"]
    body = response.content
    assert body.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "操作人", "操作", "变更内容", "说明", "来源地址"]
    assert [r[2] for r in rows[1:]] == ["开立待办", "调整时限（中止/延期）", "办结"]
    assert rows[1][1] == "张三"
    assert "截止日：2026-11-03 → 2026-12-01" in rows[2][3]


def test_json_export_keeps_the_raw_record(client, duty):
    client.force_login(clerk_of(duty))
    response = client.get(url("core.duty", duty.pk, format="json"))
    assert response.status_code == 200
    events = json.loads(response.content)
    assert [e["verb"] for e in events] == ["duty.open", "duty.clock", "duty.close"]
    assert events[1]["before"]["due_on"] == "2026-11-03"
    assert events[1]["after"]["due_on"] == "2026-12-01"
    assert events[2]["verb_label"] == "办结"
    assert events[0]["at"].endswith("+08:00")  # local time, with its offset


def test_an_unknown_export_format_gets_a_clear_message(client, duty):
    client.force_login(clerk_of(duty))
    response = client.get(url("core.duty", duty.pk, format="xls"))
    assert response.status_code == 400
    assert "csv 或 json" in response.content.decode()


def test_an_object_without_events_says_so(client, unit_a):
    client.force_login(staff(unit_a, Role.CLERK))
    response = client.get(url("orgs.unit", unit_a.pk))
    assert response.status_code == 200
    assert "暂无操作记录" in response.content.decode()
