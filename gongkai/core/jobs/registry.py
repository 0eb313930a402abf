"""Which background jobs and periodic tasks exist. Declared in code, next to what they do:

    @job("library.reindex")
    def reindex(*, document_id: int) -> None: ...

    @periodic("duties.reminders", every=timedelta(minutes=5))
    def reminders(*, now: datetime) -> None: ...

Apps keep theirs in ``<app>/jobs.py`` (found automatically); the kernel's are listed in
``KERNEL_MODULES``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules

JobFn = Callable[..., Any]


@dataclass(frozen=True)
class Periodic:
    name: str
    every: dt.timedelta
    fn: JobFn


JOBS: dict[str, JobFn] = {}
PERIODIC: dict[str, Periodic] = {}

KERNEL_MODULES = [
    "gongkai.core.duties.reminders",
    "gongkai.core.jobs.housekeeping",
    "gongkai.core.files.sweep",
]
_discovered = False


def job(name: str) -> Callable[[JobFn], JobFn]:
    """Register ``fn`` as the job ``name``; it is called with the payload as keyword arguments."""

    def register(fn: JobFn) -> JobFn:
        if JOBS.get(name, fn) is not fn:
            raise RuntimeError(f"job {name!r} registered twice")
        JOBS[name] = fn
        return fn

    return register


def periodic(name: str, *, every: dt.timedelta) -> Callable[[JobFn], JobFn]:
    """Run ``fn(now=...)`` at most once per ``every`` across all workers."""

    def register(fn: JobFn) -> JobFn:
        known = PERIODIC.get(name)
        if known is not None and known.fn is not fn:
            raise RuntimeError(f"periodic task {name!r} registered twice")
        PERIODIC[name] = Periodic(name, every, fn)
        return fn

    return register


def discover() -> None:
    global _discovered
    if not _discovered:
        for module in KERNEL_MODULES:
            importlib.import_module(module)
        autodiscover_modules("jobs")
        _discovered = True
