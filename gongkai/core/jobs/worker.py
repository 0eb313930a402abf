"""The worker loop behind `gongkai worker`: heartbeat, periodic tasks, queued jobs.

Ctrl-C or SIGTERM asks it to stop: it finishes the job in hand and exits cleanly. A second
signal stops it at once.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time

from django.db import close_old_connections, connection
from django.utils import timezone

from . import registry
from .services import (
    job_claim_next,
    job_run,
    jobs_requeue_stale,
    periodic_run_due,
    worker_beat,
)

logger = logging.getLogger("gongkai.worker")

HEARTBEAT_SECONDS = 10
POLL_SECONDS = 2


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class _StopOnSignal:
    """Turns the first SIGINT/SIGTERM into a stop request; the second interrupts."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt
        logger.info("worker stopping after the current job (signal %s)", signum)
        self.event.set()

    def __enter__(self) -> threading.Event:
        # Signal handlers can only be installed from the main thread (not, e.g., in a thread
        # that embeds the worker); there the caller stops it through the event instead.
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self.event

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def _fresh_connection() -> None:
    # A long-lived process must drop broken or expired connections itself (Django does this
    # per request); never inside a transaction, e.g. a test's.
    if not connection.in_atomic_block:
        close_old_connections()


def run_worker(*, once: bool = False, worker_id: str | None = None) -> int:
    """Work until stopped; with ``once``, do what is due now and return. Returns 0."""
    registry.discover()
    worker_id = worker_id or default_worker_id()
    logger.info(
        "worker %s started (%d jobs, %d periodic tasks)",
        worker_id,
        len(registry.JOBS),
        len(registry.PERIODIC),
    )
    with _StopOnSignal() as stop:
        worker_beat(worker_id=worker_id, now=timezone.now())
        jobs_requeue_stale(now=timezone.now())
        last_beat = time.monotonic()
        while not stop.is_set():
            _fresh_connection()
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                worker_beat(worker_id=worker_id, now=timezone.now())
                jobs_requeue_stale(now=timezone.now())
                last_beat = time.monotonic()
            periodic_run_due(now=timezone.now(), worker_id=worker_id)
            job = job_claim_next(now=timezone.now())
            if job is not None:
                job_run(job)
                continue
            if once:
                break
            stop.wait(POLL_SECONDS)
    logger.info("worker %s stopped", worker_id)
    return 0
