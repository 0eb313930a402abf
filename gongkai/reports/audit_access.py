"""Who may see the history of an annual report: the drafting unit's staff and the office."""

from __future__ import annotations

from typing import Any

from gongkai.core.audit.access import history_access


@history_access("reports.annualreport")
def _report(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import AnnualReport

    pk = int(object_id) if object_id.isdigit() else None
    found = AnnualReport.objects.select_related("unit").filter(pk=pk).first()
    return found is not None and can(user, "reports.view", found)
