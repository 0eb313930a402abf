"""Information requests at the scale of a prefecture's platform: 100,000 requests over 5 years.

* statistics for the region and one year (annual report sections 三 and 四) — target < 1 s;
* the staff list of one unit's open requests sorted by due date — target < 100 ms.

Rows are bulk-inserted (the services are too slow for 100k rows and are not what is measured);
the columns the queries read are filled as the services would fill them.
"""

from __future__ import annotations

import datetime as dt
import random
import time


def _best_of(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _build(total: int = 100_000):
    from gongkai.inforequests.models import Appeal, InfoRequest
    from gongkai.inforequests.outcomes import OUTCOMES, ApplicantKind
    from gongkai.orgs.models import Region, Unit

    region, _ = Region.objects.get_or_create(
        code="bench-ir", defaults={"name": "基准县人民政府", "short_name": "基准县"}
    )
    units = []
    for i in range(60):
        unit, _ = Unit.objects.get_or_create(
            region=region,
            code=f"B{i:05d}",
            defaults={"name": f"基准县第{i}局", "kind": "department"},
        )
        units.append(unit)
    if InfoRequest.objects.filter(region=region).count() >= total:
        return region, units
    rng = random.Random(4)
    kinds = [k.value for k in ApplicantKind]
    outcomes = [o.code for o in OUTCOMES]
    start = dt.date(2021, 1, 1)
    rows = []
    open_statuses = ["review", "correction", "handling", "consulting", "awaiting_fee"]
    for n in range(total):
        received = start + dt.timedelta(days=rng.randrange(5 * 365))
        decided = received + dt.timedelta(days=rng.randrange(5, 45))
        still_open = decided > dt.date(2025, 12, 31) and rng.random() < 0.8
        rows.append(
            InfoRequest(
                region=region,
                unit=units[n % len(units)],
                tracking_code=f"YSQ-BENCH-{n:08d}",
                applicant_kind=rng.choice(kinds),
                name="x",
                id_type="resident_id",
                id_number="x",
                id_key=f"K{n % 20000}",
                phone_key=f"P{n % 20000}",
                phone="x",
                description="x",
                form_wanted="electronic",
                way_wanted="online",
                channel="online",
                received_on=received,
                status=rng.choice(open_statuses) if still_open else "archived",
                due_on=decided + dt.timedelta(days=rng.randrange(-5, 20)),
                outcome="" if still_open else rng.choice(outcomes),
                decided_on=None if still_open else decided,
                on_time=None if still_open else rng.random() < 0.95,
                workdays_taken=None if still_open else rng.randrange(1, 40),
            )
        )
    InfoRequest.objects.bulk_create(rows, batch_size=5000)
    requests = list(InfoRequest.objects.filter(region=region).values_list("pk", "unit_id")[:2000])
    Appeal.objects.bulk_create(
        [
            Appeal(
                request_id=pk,
                unit_id=unit_id,
                region=region,
                kind=rng.choice(["reconsideration", "litigation_direct", "litigation_after"]),
                body="复议机关",
                filed_on=start + dt.timedelta(days=rng.randrange(5 * 365)),
                result="pending",
            )
            for pk, unit_id in requests
        ]
    )
    return region, units


def run() -> None:
    from django.db import connection

    from gongkai.inforequests.selectors import open_requests_of_unit
    from gongkai.inforequests.stats import check_invariant, request_statistics

    started = time.perf_counter()
    region, units = _build()
    print(f"built 100,000 requests over 5 years in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE") if connection.vendor == "sqlite" else None

    def year_stats():
        data = request_statistics(
            region=region, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
        )
        assert not check_invariant(data)
        return data

    seconds = _best_of(year_stats)
    print(
        f"statistics, region, one year (sections 三 and 四): {seconds * 1000:.0f} ms "
        "(target < 1000 ms)"
    )
    seconds = _best_of(
        lambda: request_statistics(
            region=region, start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31)
        )
    )
    print(f"statistics, region, five years: {seconds * 1000:.0f} ms")
    seconds = _best_of(
        lambda: request_statistics(
            unit=units[7], start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
        )
    )
    print(f"statistics, one unit, one year: {seconds * 1000:.0f} ms")
    seconds = _best_of(lambda: open_requests_of_unit(unit_id=units[3].pk), repeat=20)
    print(
        f"open requests of one unit by due date (first 50): {seconds * 1000:.1f} ms "
        "(target < 100 ms)"
    )
