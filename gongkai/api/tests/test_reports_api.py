"""The annual reports through the JSON API: published ones only, keyed by the form's labels."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.reports import form
from gongkai.reports.services import report_create, report_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(region, unit_a):
    tables = form.empty_tables()
    form.set_cell(tables, ("section4", "行政复议", "结果维持"), 1)
    form.set_cell(tables, ("section4", "行政复议", "总计"), 1)
    parsed = SimpleNamespace(
        format="2021",
        year=2024,
        title="",
        sections={**tables, "section1": "概况", "section5": "", "section6": ""},
        findings=[],
    )
    past = report_import(actor=None, region=region, unit=unit_a, parsed=parsed)
    draft = report_create(actor=None, region=region, year=2025, unit=unit_a)
    return past, draft


def test_the_list_has_published_reports_only(client, reports):
    past, _draft = reports
    data = client.get("/api/reports/").json()
    assert [r["id"] for r in data] == [past.pk]
    assert data[0]["unit_code"] == past.unit.code
    assert data[0]["json_url"].endswith(f"/api/reports/{past.pk}")
    assert client.get("/api/reports/?year=2025").json() == []


def test_one_report_is_keyed_by_the_forms_labels(client, reports):
    past, draft = reports
    data = client.get(f"/api/reports/{past.pk}").json()
    assert data["section4"]["行政复议"]["结果维持"] == 1
    assert data["section3"]["四、结转下年度继续办理"]["总计"] == 0
    assert data["checks"]["ok"] is True
    missing = client.get(f"/api/reports/{draft.pk}")
    assert missing.status_code == 404
    assert "没有编号为" in missing.json()["detail"]


@pytest.mark.parametrize("query", ["?year=1900", "?region=nowhere", "?year=abc"])
def test_bad_parameters_get_a_clear_message(client, reports, query):
    response = client.get(f"/api/reports/{query}")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]
