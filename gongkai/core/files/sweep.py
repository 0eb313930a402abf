"""Stored files that no row refers to any more are removed, once a day.

A file is written to storage before the row that names it is committed (Django's FileField
saves the file first). When the transaction then rolls back — an import row that fails after
its attachment was stored, a worker killed mid-request — the file stays on disk, belonging to
nothing, and it would go into every backup for ever. The daily sweep deletes such files once
they are a day old (a younger one may belong to a transaction still open).

What counts as referred to: the name held by any FileField of any installed model. Files the
project keeps beside the models on purpose live under ``KEPT``. Anything else in the media
folder is taken to be the project's own: a file put there by hand is swept unless its folder is
listed in ``KEPT``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from ..jobs.registry import periodic

MIN_AGE = dt.timedelta(days=1)
# Written by the importer for its progress bar; not a FileField (see library.importer.progress).
KEPT = ("library/imports/progress/",)


def referenced_names() -> set[str]:
    """Every storage name a FileField (or ImageField) of any model holds."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                    .iterator(chunk_size=5000)
                )
    return names


def orphans(*, now: dt.datetime, root: Path | None = None) -> list[str]:
    """Names (relative, with forward slashes) of files under the media root that are older
    than ``MIN_AGE`` and that no row refers to."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    cutoff = (now - MIN_AGE).timestamp()
    candidates = []
    for folder, _dirs, files in os.walk(root):
        for filename in files:
            path = Path(folder) / filename
            name = path.relative_to(root).as_posix()
            if name.startswith(KEPT) or path.is_symlink():
                continue
            if path.stat().st_mtime < cutoff:
                candidates.append(name)
    if not candidates:
        return []
    # Read after the walk: a file written and committed meanwhile is young and not a candidate.
    referenced = referenced_names()
    return sorted(name for name in candidates if name not in referenced)


@periodic("files.sweep_orphans", every=dt.timedelta(days=1))
def files_sweep_orphans(*, now: dt.datetime) -> dict[str, int]:
    """Delete stored files no row refers to (older than a day); empty folders left behind go
    too. Returns how many files and bytes were removed."""
    root = Path(settings.MEDIA_ROOT)
    removed = freed = 0
    for name in orphans(now=now, root=root):
        path = root / name
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        freed += size
        parent = path.parent
        while parent != root:
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
            parent = parent.parent
    return {"files": removed, "bytes": freed}
