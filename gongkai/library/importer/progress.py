"""Showing an import's progress: a one-line bar on the command line, a small JSON file for the
back office (the import job runs in one transaction, so its progress cannot be read from the
database by the status page until it ends)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import IO

from django.conf import settings

PHASES = {"check": "检查", "write": "导入"}


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def progress_line(phase: str, done: int, total: int | None, elapsed: float) -> str:
    """导入 12,345/100,000（12.3%）· 2,345 条/秒 · 剩余 0:00:37"""
    rate = done / elapsed if elapsed > 0 else 0.0
    label = PHASES.get(phase, phase)
    if total:
        left = (total - done) / rate if rate else 0.0
        return (
            f"{label} {done:,}/{total:,}（{done / total:.1%}）· {rate:,.0f} 条/秒 · "
            f"剩余 {_clock(left)}"
        )
    return f"{label} {done:,} 行 · {rate:,.0f} 行/秒"


class ConsoleProgress:
    """A `\\r` line redrawn at most ten times a second; a newline when a phase ends."""

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream or sys.stderr
        self.phase = ""
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        now = time.perf_counter()
        if phase != self.phase:
            if self.phase:
                self.stream.write("\n")
            self.phase, self.started, self.last = phase, now, 0.0
        final = total is not None and done >= total
        if now - self.last < 0.1 and not final:
            return
        self.last = now
        self.stream.write("\r" + progress_line(phase, done, total, now - self.started) + "  ")
        self.stream.flush()

    def close(self) -> None:
        if self.phase:
            self.stream.write("\n")
            self.stream.flush()


def progress_path(run_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "library" / "imports" / "progress" / f"{run_id}.json"


class FileProgress:
    """Writes {"phase", "done", "total", "rate", "eta"} for the status endpoint, twice a second."""

    def __init__(self, run_id: int):
        self.path = progress_path(run_id)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.phase = ""
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        now = time.perf_counter()
        if phase != self.phase:
            self.phase, self.started, self.last = phase, now, 0.0
        if now - self.last < 0.5 and not (total and done >= total):
            return
        self.last = now
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        data = {
            "phase": phase,
            "done": done,
            "total": total,
            "rate": round(rate, 1),
            "line": progress_line(phase, done, total, elapsed),
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False))
        os.replace(tmp, self.path)


def read_progress(run_id: int) -> dict | None:
    try:
        return json.loads(progress_path(run_id).read_text())
    except (OSError, ValueError):
        return None
