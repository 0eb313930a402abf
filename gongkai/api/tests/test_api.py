"""The JSON API: its schema is public, public data needs no login, bad input gets Chinese."""

import datetime as dt

import pytest

from gongkai.core.duties.services import duty_open
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff


@pytest.fixture
def client_json(client):
    return client


def test_openapi_schema_is_served_and_lists_the_endpoints(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/units", "/api/workdays/add", "/api/me/duties"):
        assert path in schema["paths"]


def test_every_endpoint_declares_its_access(client, db):
    from gongkai.orgs.policy import RULES

    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            access = operation.get("x-gongkai-access")
            assert access == "public" or access in RULES, f"{method.upper()} {path}: {access!r}"


def test_units_of_the_current_region(client, unit_a, unit_b):
    response = client.get("/api/units")
    assert response.status_code == 200
    names = [u["name"] for u in response.json()]
    assert names == ["示范县发展和改革局", "示范县教育和体育局"]


def test_units_of_an_unknown_region_is_a_chinese_404(client, region):
    response = client.get("/api/units", {"region": "nowhere"})
    assert response.status_code == 404
    assert "没有代码为 nowhere 的区域" in response.json()["detail"]


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-09-30", 1, "2026-10-08"),  # National Day week, 2026
        ("2026-10-09", 1, "2026-10-10"),  # the make-up Saturday is a working day
        ("2026-02-13", 1, "2026-02-14"),  # make-up Saturday before Spring Festival
        ("2026-02-14", 1, "2026-02-24"),  # Spring Festival holiday 15–23 February
    ],
)
def test_workdays_add(client, db, start, n, due):
    response = client.get("/api/workdays/add", {"start": start, "workdays": n})
    assert response.status_code == 200, response.content
    assert response.json()["due"] == due


def test_workdays_refuses_an_unknown_year_naming_it(client, db):
    response = client.get("/api/workdays/add", {"start": "2027-03-01", "workdays": 3})
    assert response.status_code == 422
    assert "2027年的节假日安排尚未录入" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-13-01", "workdays": 1}, "起始日期应为 YYYY-MM-DD 格式的日期"),
        ({"start": "2026-10-01"}, "缺少工作日数"),
        ({"start": "2026-10-01", "workdays": "三"}, "工作日数应为整数"),
        ({"start": "2026-10-01", "workdays": -1}, "工作日数应在 0 到 366 之间"),
    ],
)
def test_workdays_bad_input_gets_a_chinese_message(client, db, params, message):
    response = client.get("/api/workdays/add", params)
    assert response.status_code in (400, 422)
    assert message in response.json()["detail"]


def test_my_duties_needs_a_login(client, db):
    response = client.get("/api/me/duties")
    assert response.status_code == 401
    assert response.json()["detail"] == "请先登录工作台。"


def test_my_duties_lists_only_the_persons_duties(client, unit_a, unit_b):
    clerk = staff(unit_a, Role.CLERK)
    duty_open(
        kind="test.task",
        title="本单位的事",
        unit=unit_a,
        role=Role.CLERK,
        starts_on=dt.date(2026, 11, 2),
        workdays=20,
    )
    duty_open(
        kind="test.task",
        title="别人的事",
        unit=unit_b,
        role=Role.CLERK,
        starts_on=dt.date(2026, 11, 2),
        workdays=20,
    )
    client.force_login(clerk)
    response = client.get("/api/me/duties")
    assert response.status_code == 200
    body = response.json()
    assert [d["title"] for d in body["duties"]] == ["本单位的事"]
    assert body["duties"][0]["due_on"] == "2026-11-30"
    assert body["counts"]["total"] == 1
