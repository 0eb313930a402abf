"""/healthz tells a monitor whether the database, the worker and the calendar are fine."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.health import health_report
from gongkai.core.models import WorkerHeartbeat


@pytest.fixture
def live_worker(db):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(worker_id="w1", beat_at=now, started_at=now)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (dt.date(2026, 6, 1), "ok"),  # next year not yet due to be announced
        (dt.date(2026, 10, 31), "ok"),
        (dt.date(2026, 11, 1), "warn"),  # from 1 November, 2027 must be entered
        (dt.date(2026, 12, 31), "warn"),
        (dt.date(2027, 1, 4), "fail"),  # the current year itself is unknown
    ],
)
def test_calendar_coverage_by_date(live_worker, today, status):
    report = health_report(today=today)
    assert report["checks"]["calendar"]["status"] == status
    assert report["status"] == status


def test_warning_names_the_missing_year(live_worker):
    report = health_report(today=dt.date(2026, 11, 23))
    assert "2027年的节假日安排尚未录入" in report["checks"]["calendar"]["message"]


def test_a_dead_worker_fails_the_check(db):
    stale = timezone.now() - dt.timedelta(hours=1)
    WorkerHeartbeat.objects.create(worker_id="old", beat_at=stale, started_at=stale)
    report = health_report(today=dt.date(2026, 6, 1))
    assert report["checks"]["worker"]["status"] == "fail"
    assert report["status"] == "fail"


def test_no_worker_ever_is_a_503(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["worker"]["alive"] is False


@pytest.mark.parametrize(
    ("today", "status"), [(dt.date(2026, 6, 1), "ok"), (dt.date(2026, 11, 23), "warn")]
)
def test_healthy_site_answers_200_with_json(client, live_worker, monkeypatch, today, status):
    monkeypatch.setattr("gongkai.core.health.timezone.localdate", lambda: today)
    response = client.get("/healthz")
    assert response.status_code == 200  # a warning is still a working site
    assert response.json()["status"] == status
    assert response.json()["checks"]["worker"]["alive"] is True
