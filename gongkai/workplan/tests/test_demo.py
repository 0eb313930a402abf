"""The demo county's ledger: imported from its plan, published, progress at various stages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def run_steps():
    from gongkai.orgs.demo import STEPS, DemoContext
    from gongkai.workplan import demo  # noqa: F401  (registers the step)

    ctx = DemoContext(stdout=io.StringIO(), now=timezone.now())
    for name in ("010-orgs-region", "020-orgs-units", "030-orgs-staff", "500-workplan-ledger"):
        STEPS[name](ctx)
    return ctx


def test_demo_ledger_is_published_with_progress_and_overdue_parts():
    from gongkai.core.duties.models import Duty
    from gongkai.workplan import selectors
    from gongkai.workplan.models import ProgressReport, WorkPlan

    run_steps()
    plan = WorkPlan.objects.get()
    assert plan.status == "published" and plan.progress_public
    assert plan.tasks.count() == 13
    today = dt.date(2026, 11, 23)
    states = [p for t in selectors.task_states(plan=plan, today=today) for p in t.parts]
    outcomes = {p.status for p in states}
    assert {"done", "in_progress", "ongoing", "not_started"} <= outcomes
    assert sum(p.overdue for p in states) >= 5
    assert any(p.on_time is False for p in states)  # done late
    assert ProgressReport.objects.filter(review="sent_back").exists()
    assert ProgressReport.objects.filter(review="pending").exists()
    assert selectors.weekly_chase(plan, today).count >= 1  # 11-30 deadlines
    assert Duty.objects.filter(kind="workplan.task", status="open").exists()
    # Idempotent: a second run adds nothing.
    counts = (WorkPlan.objects.count(), ProgressReport.objects.count(), Duty.objects.count())
    run_steps()
    assert (
        WorkPlan.objects.count(),
        ProgressReport.objects.count(),
        Duty.objects.count(),
    ) == counts
