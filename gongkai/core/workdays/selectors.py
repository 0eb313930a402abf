"""Reads of the calendar for the workspace pages, the CLI and /healthz.

The calendar is public knowledge (a State Council notice), so these reads need no policy check;
the pages that show them are still limited to those who may edit (rule ``calendar.manage``).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from .models import CalendarYear, SpecialDay

# /healthz warns from this day on when next year's arrangement is still missing: the State
# Council usually publishes it in late October or November.
WARN_FROM = (11, 1)


def known_years() -> list[int]:
    return list(CalendarYear.objects.order_by("year").values_list("year", flat=True))


def coverage(today: dt.date) -> dict[str, Any]:
    """Which years the calendar knows, and whether someone must enter next year soon."""
    years = known_years()
    this_year, next_year = today.year, today.year + 1
    current_missing = this_year not in years
    next_missing = next_year not in years
    past_warn_day = today >= dt.date(this_year, *WARN_FROM)
    warning = current_missing or (next_missing and past_warn_day)
    if current_missing:
        message = f"{this_year}年的节假日安排尚未录入，工作日无法计算，请立即录入。"
    elif next_missing and past_warn_day:
        message = (
            f"{next_year}年的节假日安排尚未录入。国务院办公厅公布后，请在“工作日历”中录入或导入；"
            f"在此之前，截止日落入{next_year}年的事项无法计算。"
        )
    else:
        message = ""
    return {
        "ok": not warning,
        "known_years": years,
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "current_year": this_year,
        "current_year_missing": current_missing,
        "next_year": next_year,
        "next_year_missing": next_missing,
        "warning": warning,
        "message": message,
    }


def calendar_years_overview() -> QuerySet[CalendarYear]:
    """Every known year, newest first, with its counts of days off and make-up working days."""
    return (
        CalendarYear.objects.select_related("entered_by")
        .annotate(
            holiday_count=Count("days", filter=Q(days__kind=SpecialDay.Kind.HOLIDAY)),
            workday_count=Count("days", filter=Q(days__kind=SpecialDay.Kind.WORKDAY)),
        )
        .order_by("-year")
    )


def calendar_year_get(year: int) -> CalendarYear | None:
    return CalendarYear.objects.select_related("entered_by").filter(year=year).first()


def special_days(year: int) -> list[SpecialDay]:
    return list(SpecialDay.objects.filter(year_id=year).order_by("date"))


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    kind: str  # "holiday", "workday" (make-up), "weekend" or "normal"
    name: str

    @property
    def is_workday(self) -> bool:
        return self.kind in ("workday", "normal")

    @property
    def label(self) -> str:
        return {
            "holiday": f"放假（{self.name}）" if self.name else "放假",
            "workday": f"调休上班（{self.name}）" if self.name else "调休上班",
            "weekend": "周末休息",
            "normal": "工作日",
        }[self.kind]


@dataclass(frozen=True)
class Month:
    number: int
    weeks: list[list[DayCell | None]]  # Monday first; None pads the first and last week


def year_months(year: int, days: list[SpecialDay]) -> list[Month]:
    """Twelve month grids, each day marked as holiday, make-up day, weekend or working day."""
    special = {d.date: d for d in days}
    months = []
    for number in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, number):
            row: list[DayCell | None] = []
            for date in week:
                if date.month != number:
                    row.append(None)
                elif date in special:
                    row.append(DayCell(date, special[date].kind, special[date].name))
                else:
                    row.append(DayCell(date, "weekend" if date.weekday() >= 5 else "normal", ""))
            weeks.append(row)
        months.append(Month(number, weeks))
    return months
