"""The job queue: enqueue, claim, run with retries, periodic scheduling, and health.

Jobs live in the database (table core_job), so the embedded SQLite install needs nothing else
and a PostgreSQL install can run any number of workers against the same queue.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone

from . import registry
from .models import Job, WorkerHeartbeat

logger = logging.getLogger("gongkai.jobs")

MAX_ATTEMPTS = 3
# Wait 30 s before the second attempt, 60 s before the third.
BACKOFF = dt.timedelta(seconds=30)
# A job still "running" this long after it was claimed belongs to a worker that died.
RUNNING_TIMEOUT = dt.timedelta(hours=1)


def job_enqueue(
    name: str, payload: dict[str, Any] | None = None, *, run_after: dt.datetime | None = None
) -> Job | None:
    """Queue job ``name`` to run with ``payload`` once the caller's transaction commits.

    The row is inserted inside the caller's transaction, not in an on_commit hook: the worker
    cannot see it before the data it refers to is committed, a rollback takes it away too, and
    a crash right after commit cannot lose it (an on_commit insert could be lost).

    With ``settings.GONGKAI_JOBS_EAGER`` (tests, tiny sites) no row is written: the job runs in
    this process right after commit (ignoring ``run_after``); returns None then.
    """
    payload = payload or {}
    registry.discover()
    if name not in registry.JOBS:
        raise LookupError(f"unknown job {name!r}")
    json.dumps(payload)  # fail here, in the caller, if the payload cannot be stored
    if settings.GONGKAI_JOBS_EAGER:
        # After commit, like the worker: the job must see the caller's committed data.
        transaction.on_commit(lambda: _run_eagerly(name, payload))
        return None
    return Job.objects.create(name=name, payload=payload, run_after=run_after or timezone.now())


def _run_eagerly(name: str, payload: dict[str, Any]) -> None:
    with transaction.atomic():
        registry.JOBS[name](**payload)


def job_claim_next(*, now: dt.datetime) -> Job | None:
    """Take the oldest ready job for this worker, so that no two workers run the same job."""
    ready = Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=now).order_by(
        "run_after", "pk"
    )
    # While a job runs, run_after holds when it was claimed (jobs_requeue_stale reads it).
    claim = {"status": Job.Status.RUNNING, "attempts": F("attempts") + 1, "run_after": now}
    if connection.features.has_select_for_update_skip_locked:
        # PostgreSQL: lock the row we take and skip rows other workers have locked, instead of
        # queueing behind them; N workers then take N different jobs without waiting.
        with transaction.atomic():
            job = ready.select_for_update(skip_locked=True).first()
            if job is None:
                return None
            Job.objects.filter(pk=job.pk).update(**claim)
    else:
        # SQLite has no row locks: claim with a conditional UPDATE. Writers are serialised, so
        # of two workers racing for a job exactly one sees "1 row updated".
        for pk in ready.values_list("pk", flat=True)[:20]:
            if Job.objects.filter(pk=pk, status=Job.Status.QUEUED).update(**claim):
                break
        else:
            return None
        job = Job(pk=pk)
    job.refresh_from_db()
    return job


def job_run(job: Job) -> None:
    """Run a claimed job; on error retry later with back-off, and give up after 3 attempts."""
    fn = registry.JOBS.get(job.name)
    try:
        if fn is None:
            raise LookupError(f"unknown job {job.name!r} (no @job registers it)")
        # A failed attempt leaves nothing half-written behind.
        with transaction.atomic():
            fn(**job.payload)
    except Exception:
        job.last_error = traceback.format_exc()[-5000:]
        now = timezone.now()
        if fn is None or job.attempts >= MAX_ATTEMPTS:
            job.status, job.finished_at = Job.Status.FAILED, now
            logger.exception("job %s %s failed for good", job.pk, job.name)
        else:
            job.status = Job.Status.QUEUED
            job.run_after = now + BACKOFF * 2 ** (job.attempts - 1)
            logger.warning("job %s %s failed, will retry", job.pk, job.name, exc_info=True)
        job.save(update_fields=["status", "finished_at", "run_after", "last_error"])
        return
    job.status, job.finished_at = Job.Status.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at"])


def jobs_requeue_stale(*, now: dt.datetime) -> int:
    """Give jobs whose worker died mid-run back to the queue (or fail them if out of attempts)."""
    stale = Job.objects.filter(status=Job.Status.RUNNING, run_after__lt=now - RUNNING_TIMEOUT)
    error = "worker stopped while running this job"
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Job.Status.FAILED, finished_at=now, last_error=error
    )
    return failed + stale.update(status=Job.Status.QUEUED, run_after=now, last_error=error)


# --- periodic tasks -----------------------------------------------------------------------------


def _last_runs() -> dict[str, dt.datetime]:
    """When each periodic task last ran, on any worker (restarts must not rerun daily work)."""
    last: dict[str, dt.datetime] = {}
    for periodic in WorkerHeartbeat.objects.values_list("periodic", flat=True):
        for name, at in (periodic or {}).items():
            when = dt.datetime.fromisoformat(at)
            if name not in last or when > last[name]:
                last[name] = when
    return last


def _is_due(task: registry.Periodic, last: dict[str, dt.datetime], now: dt.datetime) -> bool:
    return task.name not in last or now - last[task.name] >= task.every


@transaction.atomic
def _claim_periodic(task: registry.Periodic, *, now: dt.datetime, worker_id: str) -> bool:
    """Record that this worker runs ``task`` now, unless another worker just did."""
    if connection.vendor == "sqlite":
        # Write first: the transaction then holds SQLite's one write lock before it reads, so
        # no other worker can decide the same thing between our read and our write.
        worker_beat(worker_id=worker_id, now=now)
    else:
        # Lock every worker's row (always in the same order, so two workers cannot deadlock).
        list(WorkerHeartbeat.objects.select_for_update().order_by("pk").values_list("pk"))
        worker_beat(worker_id=worker_id, now=now)
    if not _is_due(task, _last_runs(), now):
        return False
    mine = WorkerHeartbeat.objects.get(pk=worker_id)
    mine.periodic = {**mine.periodic, task.name: now.isoformat()}
    mine.save(update_fields=["periodic"])
    return True


def periodic_run_due(*, now: dt.datetime, worker_id: str) -> list[str]:
    """Run every periodic task whose interval has passed; returns the names run."""
    registry.discover()
    last = _last_runs()
    ran = []
    for task in list(registry.PERIODIC.values()):
        if not _is_due(task, last, now) or not _claim_periodic(task, now=now, worker_id=worker_id):
            continue
        try:
            with transaction.atomic():
                task.fn(now=now)
        except Exception:
            # The next interval tries again; a periodic task is not retried sooner.
            logger.exception("periodic task %s failed", task.name)
        ran.append(task.name)
    return ran


# --- heartbeat and health -----------------------------------------------------------------------


def worker_beat(*, worker_id: str, now: dt.datetime) -> None:
    if not WorkerHeartbeat.objects.filter(pk=worker_id).update(beat_at=now):
        WorkerHeartbeat.objects.get_or_create(
            pk=worker_id, defaults={"beat_at": now, "started_at": now}
        )


def worker_status(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """For /healthz: is a worker alive (fresh heartbeat), and how the queue looks."""
    now = now or timezone.now()
    freshest = WorkerHeartbeat.objects.aggregate(at=Max("beat_at"))["at"]
    age = (now - freshest).total_seconds() if freshest else None
    return {
        "alive": age is not None and age <= settings.GONGKAI_WORKER_STALE_SECONDS,
        "heartbeat_age_seconds": round(age, 1) if age is not None else None,
        "stale_after_seconds": settings.GONGKAI_WORKER_STALE_SECONDS,
        "queued": Job.objects.filter(status=Job.Status.QUEUED).count(),
        "failed": Job.objects.filter(status=Job.Status.FAILED).count(),
    }
