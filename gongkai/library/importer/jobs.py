"""The background job of back-office imports (registered when the library's models load)."""

from __future__ import annotations

from gongkai.core.jobs import job


@job("library.import")
def run_import(*, run_id: int) -> None:
    from .runs import import_run_execute

    import_run_execute(run_id)
