"""Statistics of requests for any period, shaped as the annual report's sections 三 and 四.

    request_statistics(region=…, start=…, end=…)            the whole region
    request_statistics(unit=…, start=…, end=…)              one unit

Section 三 (keys exactly as the form, LAW.md):
  一 new requests received in the period; 二 carried over (received before the period and not
  decided before it began); 三 results decided in the period, by outcome; 四 carried to the next
  period (received by its end and not decided by then). Each is a dict of the columns 自然人 …
  其他, 总计. So 一 + 二 = 三（七）+ 四 in every column, by construction (every request received
  by the end and undecided at the start is either decided in the period or still open at its
  end); the invariant is checked in ``check_invariant`` and by the tests.
Section 四: appeals filed in the period, by kind and by their result as of the period's end
  (decided after the end counts as 尚未审结).

Also: on time vs late and the average working days from receipt to decision, for the requests
decided in the period. A handful of grouped COUNT queries over indexed columns: fast at 100k rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Region, Unit

from .models import Appeal, FeeNotice, InfoRequest
from .outcomes import (
    APPEAL_COLUMN_OF_RESULT,
    APPEAL_COLUMNS,
    COLUMN_OF_KIND,
    COLUMNS,
    GROUPS,
    OUTCOMES,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
    AppealKind,
    AppealResult,
)


def _empty() -> dict[str, int]:
    return {column: 0 for column in COLUMNS}


def request_statistics(
    *,
    start: dt.date,
    end: dt.date,
    region: Region | None = None,
    unit: Unit | None = None,
    units: Sequence[Unit] | None = None,
) -> dict[str, Any]:
    """``units``: several units together (the county government and its office, say)."""
    if sum(x is not None for x in (region, unit, units)) != 1:
        raise GongkaiError("统计范围须为一个地区、一个单位或一组单位。")
    if start > end:
        raise GongkaiError(f"统计期间的开始日期 {start} 晚于结束日期 {end}。")
    base = _scoped(InfoRequest.objects.all(), region=region, unit=unit, units=units)
    appeals = _scoped(Appeal.objects.all(), region=region, unit=unit, units=units)

    # One pass over the requests "alive" in the period — received by its end and not decided
    # before it began — counting the four rows per (applicant kind, outcome) at once.
    # Two index ranges instead of an OR, which would scan every request received by the end:
    # decided from the start on (index region, decided_on) and never decided (decided_on NULL).
    alive = [
        base.filter(decided_on__gte=start, received_on__lte=end),
        base.filter(decided_on__isnull=True, received_on__lte=end),
    ]
    in_period = Q(decided_on__gte=start, decided_on__lte=end)
    counts = dict(
        n_new=Count("id", filter=Q(received_on__gte=start)),
        n_in=Count("id", filter=Q(received_on__lt=start)),
        n_decided=Count("id", filter=in_period),
        n_out=Count("id", filter=Q(decided_on__isnull=True) | Q(decided_on__gt=end)),
        n_on_time=Count("id", filter=in_period & Q(on_time=True)),
        n_late=Count("id", filter=in_period & Q(on_time=False)),
        days=Sum("workdays_taken", filter=in_period),
        n_days=Count("workdays_taken", filter=in_period),
    )
    grouped = [
        row
        for qs in alive
        for row in qs.values("applicant_kind", "outcome").annotate(**counts).order_by()
    ]
    new, carried_in, carried_out = _empty(), _empty(), _empty()
    by_outcome: dict[str, dict[str, int]] = {o.code: _empty() for o in OUTCOMES}
    on_time = late = days = n_days = 0
    for row in grouped:
        column = COLUMN_OF_KIND[row["applicant_kind"]]
        for cells, n in (
            (new, row["n_new"]),
            (carried_in, row["n_in"]),
            (carried_out, row["n_out"]),
        ):
            cells[column] += n
            cells["总计"] += n
        if row["n_decided"] and row["outcome"] in by_outcome:
            by_outcome[row["outcome"]][column] += row["n_decided"]
            by_outcome[row["outcome"]]["总计"] += row["n_decided"]
        on_time += row["n_on_time"]
        late += row["n_late"]
        days += row["days"] or 0
        n_days += row["n_days"]
    results: dict[str, Any] = {}
    for group in GROUPS:
        members = [o for o in OUTCOMES if o.group == group]
        if members[0].number is None:
            results[group] = by_outcome[members[0].code]
        else:
            results[group] = {o.label: by_outcome[o.code] for o in members}
    total = _empty()
    for cells in by_outcome.values():
        for column, n in cells.items():
            total[column] += n
    results[ROW_TOTAL] = total

    section4: dict[str, Any] = {}
    filed = appeals.filter(filed_on__gte=start, filed_on__lte=end)
    counts: dict[str, dict[str, int]] = {
        k.value: dict.fromkeys(APPEAL_COLUMNS, 0) for k in AppealKind
    }
    for kind, result, decided_on, n in (
        filed.values("kind", "result", "decided_on")
        .annotate(n=Count("id"))
        .values_list("kind", "result", "decided_on", "n")
    ):
        if result != AppealResult.PENDING and decided_on is not None and decided_on > end:
            result = AppealResult.PENDING  # decided after the period: still pending at its end
        counts[kind][APPEAL_COLUMN_OF_RESULT[AppealResult(result)]] += n
        counts[kind]["总计"] += n
    section4["行政复议"] = counts[AppealKind.RECONSIDERATION]
    section4["行政诉讼"] = {
        "未经复议直接起诉": counts[AppealKind.LITIGATION_DIRECT],
        "复议后起诉": counts[AppealKind.LITIGATION_AFTER],
    }

    return {
        "scope": unit.name
        if unit is not None
        else "、".join(u.name for u in (units if units is not None else [region])),
        "start": start,
        "end": end,
        "columns": COLUMNS,
        "三": {
            ROW_NEW: new,
            ROW_CARRIED_IN: carried_in,
            ROW_RESULTS: results,
            ROW_CARRIED_OUT: carried_out,
        },
        "四": section4,
        "timing": {
            "on_time": on_time,
            "late": late,
            "average_workdays": round(days / n_days, 1) if n_days else None,
        },
    }


def _scoped(qs, *, region=None, unit=None, units=None, prefix: str = ""):
    if unit is not None:
        return qs.filter(**{f"{prefix}unit": unit})
    if units is not None:
        return qs.filter(**{f"{prefix}unit__in": [u.pk for u in units]})
    return qs.filter(**{f"{prefix}region": region})


def fee_statistics(
    *,
    start: dt.date,
    end: dt.date,
    region: Region | None = None,
    unit: Unit | None = None,
    units: Sequence[Unit] | None = None,
) -> dict[str, Any]:
    """Fee notices sent and fees paid in the period (the annual report's section 六)."""
    notices = _scoped(
        FeeNotice.objects.all(), region=region, unit=unit, units=units, prefix="request__"
    )
    sent = notices.filter(sent_on__gte=start, sent_on__lte=end)
    paid = notices.filter(paid_on__gte=start, paid_on__lte=end)
    return {
        "notices": sent.count(),
        "paid": paid.count(),
        "amount": paid.aggregate(total=Sum("amount"))["total"] or Decimal("0"),
    }


def check_invariant(stats: dict[str, Any]) -> list[str]:
    """The columns where 一 + 二 ≠ 三（七）+ 四 (printed on the form); empty when all agree."""
    s3 = stats["三"]
    bad = []
    for column in COLUMNS:
        left = s3[ROW_NEW][column] + s3[ROW_CARRIED_IN][column]
        right = s3[ROW_RESULTS][ROW_TOTAL][column] + s3[ROW_CARRIED_OUT][column]
        if left != right:
            bad.append(f"{column}：{left} ≠ {right}")
    return bad


def result_rows(stats: dict[str, Any]) -> list[tuple[str, str, dict[str, int]]]:
    """Section 三 as printed rows: (indent class, label, cells), for the page and exports."""
    s3 = stats["三"]
    rows: list[tuple[str, str, dict[str, int]]] = [
        ("row", ROW_NEW, s3[ROW_NEW]),
        ("row", ROW_CARRIED_IN, s3[ROW_CARRIED_IN]),
    ]
    rows.append(("heading", ROW_RESULTS, {}))
    for group in GROUPS:
        value = s3[ROW_RESULTS][group]
        if all(isinstance(v, int) for v in value.values()):
            rows.append(("group", group, value))
        else:
            rows.append(("heading-group", group, {}))
            for n, (label, cells) in enumerate(value.items(), start=1):
                rows.append(("sub", f"{n}. {label}", cells))
    rows.append(("group", ROW_TOTAL, s3[ROW_RESULTS][ROW_TOTAL]))
    rows.append(("row", ROW_CARRIED_OUT, s3[ROW_CARRIED_OUT]))
    return rows
