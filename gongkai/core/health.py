"""/healthz: database, worker heartbeat, calendar coverage — as JSON for monitors."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from gongkai.orgs.policy import public


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"status": "ok", "engine": connection.vendor}
    except Exception as exc:  # any failure here is what the monitor must see
        return {"status": "fail", "error": str(exc)[:200]}


def _worker() -> dict:
    from gongkai.core.jobs import worker_status

    status = worker_status()
    return {"status": "ok" if status.get("alive") else "fail", **status}


def _calendar(today) -> dict:
    from gongkai.core.workdays import coverage

    info = coverage(today)
    if info.get("current_year_missing"):
        state = "fail"
    elif info.get("warning"):
        state = "warn"
    else:
        state = "ok"
    return {"status": state, **info}


def health_report(*, today) -> dict:
    """ok / warn / fail overall; fail when the database or the worker is down or the calendar
    does not know the current year; warn from 1 November while next year is missing."""
    checks = {"database": _database()}
    if checks["database"]["status"] == "ok":
        checks["worker"] = _worker()
        checks["calendar"] = _calendar(today)
    states = {c["status"] for c in checks.values()}
    overall = "fail" if "fail" in states else "warn" if "warn" in states else "ok"
    return {"status": overall, "time": timezone.now().isoformat(), "checks": checks}


@public
def healthz(request):
    body = health_report(today=timezone.localdate())
    overall = body["status"]
    return JsonResponse(
        body, status=503 if overall == "fail" else 200, json_dumps_params={"ensure_ascii": False}
    )
