"""Background work: a database-backed job queue, periodic tasks, and the worker that runs them.

Public API:
    @job("name")                          register a job (called with the payload as kwargs)
    @periodic("name", every=timedelta)    register a periodic task (called with now=)
    job_enqueue(name, payload, run_after=None)
    run_worker(once=False, worker_id=None)   (the `gongkai worker` command)
    worker_status() -> dict               for /healthz
"""

from .registry import job, periodic
from .services import job_enqueue, worker_status
from .worker import run_worker

__all__ = ["job", "job_enqueue", "periodic", "run_worker", "worker_status"]
