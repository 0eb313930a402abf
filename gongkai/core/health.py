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
    if not info.get("current_year_known"):
        state = "fail"
    elif info.get("warning"):
        state = "warn"
    else:
        state = "ok"
    return {"status": state, **info}


@public
def healthz(request):
    checks = {"database": _database()}
    if checks["database"]["status"] == "ok":
        checks["worker"] = _worker()
        checks["calendar"] = _calendar(timezone.localdate())
    states = {c["status"] for c in checks.values()}
    overall = "fail" if "fail" in states else "warn" if "warn" in states else "ok"
    body = {"status": overall, "time": timezone.now().isoformat(), "checks": checks}
    return JsonResponse(
        body, status=503 if overall == "fail" else 200, json_dumps_params={"ensure_ascii": False}
    )
