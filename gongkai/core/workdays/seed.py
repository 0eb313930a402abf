"""Load the holiday arrangements the installed ``chinese-calendar`` package knows (2004 on).

The package transcribes each year's 国务院办公厅关于部分节假日安排的通知. A year entered by hand
or imported from a file is the office's own record and is never overwritten from the package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

# The package names festivals in English; staff read Chinese.
FESTIVAL_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

PACKAGE = "package"
HOLIDAY = "holiday"
WORKDAY = "workday"


def _festival(name: Any) -> str:
    text = getattr(name, "value", name) or ""
    return FESTIVAL_NAMES.get(str(text), str(text))[:40]


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return "?"


def package_years() -> list[int]:
    """The years the installed package has an arrangement for."""
    from chinese_calendar import constants

    return sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})


def package_days(year: int) -> list[tuple[dt.date, str, str]]:
    """``(date, kind, festival)`` for every holiday (weekends included) and make-up workday."""
    import chinese_calendar
    from chinese_calendar import constants

    days = []
    for date in sorted(d for d in constants.holidays if d.year == year):
        _, name = chinese_calendar.get_holiday_detail(date)
        days.append((date, HOLIDAY, _festival(name or constants.holidays[date])))
    for date in sorted(d for d in constants.workdays if d.year == year):
        days.append((date, WORKDAY, _festival(constants.workdays[date])))
    days.sort()
    return days


def package_notice(year: int) -> str:
    source = f"据 chinese-calendar {package_version()} 数据包"
    return f"国务院办公厅关于{year}年部分节假日安排的通知（{source}）"


def seed_from_package(
    years: Iterable[int] | None = None, *, apps: Any = None, actor: Any | None = None
) -> list[int]:
    """Load ``years`` (all the package knows if None) and return the years that changed.

    Idempotent: a year already holding the package's days is left alone, and a year whose source
    is manual or import is never touched. Called from migration 0004 with the historical ``apps``
    (then nothing is audited and no cache is touched), and at run time with ``apps=None``, when
    each changed year is audited and every open duty is recomputed.
    """
    from django.db import transaction

    if apps is None:
        from .models import CalendarYear, SpecialDay
    else:
        CalendarYear = apps.get_model("core", "CalendarYear")
        SpecialDay = apps.get_model("core", "SpecialDay")

    known = set(package_years())
    wanted = sorted(known if years is None else {int(y) for y in years} & known)
    changed: list[int] = []
    with transaction.atomic():
        for year in wanted:
            existing = CalendarYear.objects.filter(year=year).first()
            if existing is not None and existing.source != PACKAGE:
                continue
            days = package_days(year)
            before = [
                (d, k, n)
                for d, k, n in SpecialDay.objects.filter(year_id=year)
                .order_by("date")
                .values_list("date", "kind", "name")
            ]
            if existing is not None and before == days:
                continue
            calendar_year, _ = CalendarYear.objects.update_or_create(
                year=year,
                defaults={"source": PACKAGE, "notice": package_notice(year), "entered_by": None},
            )
            SpecialDay.objects.filter(year_id=year).delete()
            # A date belongs to one year only; a stray row elsewhere would break the primary key.
            SpecialDay.objects.filter(date__in=[d for d, _, _ in days]).delete()
            SpecialDay.objects.bulk_create(
                [SpecialDay(date=d, year_id=year, kind=k, name=n) for d, k, n in days]
            )
            changed.append(year)
            if apps is None:
                from gongkai.core.audit import audit_record

                audit_record(
                    actor=actor,
                    verb="workdays.year_seed",
                    obj=calendar_year,
                    before={"days": [list(x) for x in before]} if existing else None,
                    after={"days": [list(x) for x in days], "source": PACKAGE},
                )
        if changed:
            if apps is None:
                from gongkai.core.duties.services import duties_recompute_open

                from .store import calendar_changed

                calendar_changed()
                duties_recompute_open(
                    actor=actor,
                    reason="从 chinese-calendar 数据包载入了"
                    + "、".join(map(str, changed))
                    + "年的节假日安排",
                )
            else:
                from .store import forget_local

                forget_local()
    return changed


def calendar_from_package(years: Iterable[int]):
    """A pure ``Calendar`` for ``years`` straight from the package (tests, comparisons)."""
    from .calendar import Calendar

    years = list(years)
    days = [day for year in years for day in package_days(year)]
    return Calendar(
        known_years=years,
        holidays=[d for d, kind, _ in days if kind == HOLIDAY],
        makeup_workdays=[d for d, kind, _ in days if kind == WORKDAY],
    )
