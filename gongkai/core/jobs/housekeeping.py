"""The daily housekeeping task. Later issues add their own daily tasks with ``@periodic``."""

from __future__ import annotations

import datetime as dt

from .models import Job, WorkerHeartbeat
from .registry import periodic

KEEP_FINISHED_JOBS = dt.timedelta(days=30)
KEEP_DEAD_WORKERS = dt.timedelta(days=7)


@periodic("jobs.housekeeping", every=dt.timedelta(days=1))
def jobs_housekeeping(*, now: dt.datetime) -> dict[str, int]:
    """Forget finished jobs after 30 days (failed ones stay until someone looks) and the
    heartbeats of workers gone for a week."""
    jobs, _ = Job.objects.filter(
        status=Job.Status.DONE, finished_at__lt=now - KEEP_FINISHED_JOBS
    ).delete()
    workers, _ = WorkerHeartbeat.objects.filter(beat_at__lt=now - KEEP_DEAD_WORKERS).delete()
    return {"jobs": jobs, "workers": workers}
