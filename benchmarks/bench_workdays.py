"""Deadline arithmetic and the inbox: how fast the calendar and the urgency ranking are."""

from __future__ import annotations

import datetime as dt
import random
import time


def _timeit(fn, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat


def run() -> None:
    from gongkai.core.duties.models import Duty
    from gongkai.core.duties.selectors import rank
    from gongkai.core.workdays import Pause, get_calendar
    from gongkai.orgs.models import Region, Unit

    calendar = get_calendar()
    rng = random.Random(7)
    starts = [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 900)) for _ in range(2000)]

    per = _timeit(lambda: [calendar.add(s, 20) for s in starts], 3) / len(starts)
    print(f"workdays.add(d, 20): {per * 1e6:.1f} µs per call")
    pause = Pause(dt.date(2025, 3, 3), dt.date(2025, 3, 20))
    per = _timeit(lambda: [calendar.add(s, 40, [pause]) for s in starts], 3) / len(starts)
    print(f"workdays.add(d, 40, one pause): {per * 1e6:.1f} µs per call")

    region = Region.objects.create(code="bench", name="基准县人民政府", short_name="基准县")
    unit = Unit.objects.create(region=region, kind="department", name="基准县某局", code="B0001")
    n = 5000
    Duty.objects.bulk_create(
        Duty(
            kind="bench",
            title=f"事项{i}",
            region=region,
            unit=unit,
            rule="workdays",
            starts_on=starts[i % len(starts)],
            workdays=20,
            due_on=calendar.add(starts[i % len(starts)], 20),
        )
        for i in range(n)
    )
    today = dt.date(2025, 6, 2)
    qs = Duty.objects.filter(unit=unit, status="open").select_related("unit", "assignee", "region")
    seconds = _timeit(lambda: rank(qs, today=today), 3)
    print(f"inbox rank of {n} open duties of one unit: {seconds * 1000:.0f} ms")
