"""Writes to the working-day calendar: a year's arrangement entered by hand or imported.

Each write replaces the whole year atomically, is audited with the days before and after, and
then recomputes the due date of every open duty, because a changed holiday moves deadlines
(条例第三十三条 counts working days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.errors import GongkaiError

from .models import CalendarYear, SpecialDay
from .parsing import NAME_MAX, parse_csv
from .store import calendar_changed

register_verbs(
    {
        "workdays.year_set": "录入节假日安排",
        "workdays.year_seed": "从数据包载入节假日安排",
    }
)

YEAR_MIN, YEAR_MAX = 2000, 2099
NOTICE_MAX = 200
WEEKDAYS = "一二三四五六日"


class CalendarInvalid(GongkaiError):
    """The arrangement given has mistakes; ``errors`` lists each one in Chinese. Nothing saved."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors), code="calendar_invalid")


@dataclass(frozen=True)
class YearSaved:
    calendar_year: CalendarYear
    holidays: int
    workdays: int
    changed: bool
    recomputed: int  # open duties whose due date or note changed


def weekday_name(day: dt.date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def _days_of(year: int) -> list[list[Any]]:
    return [
        [d.isoformat(), k, n]
        for d, k, n in SpecialDay.objects.filter(year_id=year)
        .order_by("date")
        .values_list("date", "kind", "name")
    ]


def _validate(
    *,
    year: int,
    holidays: list[tuple[dt.date, str]],
    makeup: list[tuple[dt.date, str]],
    notice: str,
    source: str,
    complete: bool = True,
) -> list[str]:
    errors: list[str] = []
    if not (YEAR_MIN <= year <= YEAR_MAX):
        return [f"年份“{year}”不在{YEAR_MIN}至{YEAR_MAX}年之间。"]
    if source not in CalendarYear.Source.values:
        errors.append(f"来源“{source}”无效。")
    if len(notice) > NOTICE_MAX:
        errors.append(f"依据（通知名称和文号）不能超过{NOTICE_MAX}个字。")
    if complete and not holidays:
        errors.append(f"{year}年至少应有一个放假日（如元旦）。请逐行填写放假日期，周末也一并填写。")
    seen: dict[dt.date, str] = {}
    for label, days in (("放假日", holidays), ("调休上班日", makeup)):
        for date, name in days:
            if date.year != year:
                errors.append(f"{date.isoformat()} 不在{year}年内（{label}）。")
                continue
            if len(name) > NAME_MAX:
                errors.append(f"{date.isoformat()} 的节日名称不能超过{NAME_MAX}个字。")
            if date in seen:
                if seen[date] == label:
                    errors.append(f"{date.isoformat()} 作为{label}重复填写了。")
                else:
                    errors.append(f"{date.isoformat()} 不能既是放假日又是调休上班日。")
                continue
            seen[date] = label
            if label == "调休上班日" and date.weekday() < 5:
                errors.append(
                    f"{date.isoformat()}（{weekday_name(date)}）本来就是工作日："
                    "调休上班日只能是星期六或星期日。"
                )
    return errors


def calendar_year_problems(
    *,
    year: int,
    holidays: list[tuple[dt.date, str]],
    makeup_workdays: list[dt.date] | list[tuple[dt.date, str]],
    notice: str = "",
    source: str = CalendarYear.Source.MANUAL,
    complete: bool = True,
) -> list[str]:
    """What ``calendar_year_set`` would refuse, in Chinese; empty when the arrangement is fine.

    ``complete=False`` checks only the days given (some lines could not be read at all).
    """
    return _validate(
        year=year,
        holidays=_pairs(holidays),
        makeup=_pairs(makeup_workdays),
        notice=(notice or "").strip(),
        source=source,
        complete=complete,
    )


def _pairs(days: Iterable[dt.date | tuple[dt.date, str]]) -> list[tuple[dt.date, str]]:
    return [(d, "") if isinstance(d, dt.date) else (d[0], d[1] or "") for d in days]


@transaction.atomic
def calendar_year_set(
    *,
    year: int,
    holidays: list[tuple[dt.date, str]],
    makeup_workdays: list[dt.date] | list[tuple[dt.date, str]],
    notice: str = "",
    source: str = CalendarYear.Source.MANUAL,
    actor: Any | None = None,
    actor_label: str | None = None,
) -> YearSaved:
    """Replace ``year``'s arrangement: the days off (weekends inside a holiday included) and the
    make-up working days (调休上班, always a Saturday or Sunday). Raises ``CalendarInvalid``."""
    holidays = _pairs(holidays)
    makeup = _pairs(makeup_workdays)
    notice = (notice or "").strip()
    errors = _validate(year=year, holidays=holidays, makeup=makeup, notice=notice, source=source)
    if errors:
        raise CalendarInvalid(errors)

    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    before_days = _days_of(year) if existing else None
    new_days = sorted(
        [[d.isoformat(), SpecialDay.Kind.HOLIDAY.value, n] for d, n in holidays]
        + [[d.isoformat(), SpecialDay.Kind.WORKDAY.value, n] for d, n in makeup]
    )
    if (
        existing is not None
        and before_days == new_days
        and existing.notice == notice
        and existing.source == source
    ):
        return YearSaved(existing, len(holidays), len(makeup), changed=False, recomputed=0)

    entered_by = actor if getattr(actor, "is_authenticated", False) else None
    calendar_year, _ = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source, "notice": notice, "entered_by": entered_by}
    )
    SpecialDay.objects.filter(year_id=year).delete()
    SpecialDay.objects.bulk_create(
        [
            SpecialDay(date=dt.date.fromisoformat(d), year_id=year, kind=k, name=n)
            for d, k, n in new_days
        ]
    )
    audit_record(
        actor=actor,
        actor_label=actor_label,
        verb="workdays.year_set",
        obj=calendar_year,
        before=(
            {"days": before_days, "notice": existing.notice, "source": existing.source}
            if existing
            else None
        ),
        after={"days": new_days, "notice": notice, "source": source},
        details={"holidays": len(holidays), "makeup_workdays": len(makeup)},
    )
    calendar_changed()

    from gongkai.core.duties.services import duties_recompute_open

    verb = "修改" if existing else "录入"
    recomputed = duties_recompute_open(actor=actor, reason=f"{year}年节假日安排已{verb}")
    return YearSaved(calendar_year, len(holidays), len(makeup), changed=True, recomputed=recomputed)


def calendar_year_import_csv(
    *,
    year: int,
    text: str,
    actor: Any | None = None,
    notice: str = "",
    actor_label: str | None = None,
) -> YearSaved:
    """Import ``year`` from CSV text (header ``date,kind,name``). Raises ``CalendarInvalid``
    listing every bad line; nothing is changed then."""
    holidays, workdays, errors = parse_csv(text, year=year)
    if errors:
        # List the mistakes in the well-formed rows too, so that one upload shows them all.
        if holidays or workdays:
            errors += calendar_year_problems(
                year=year,
                holidays=holidays,
                makeup_workdays=workdays,
                notice=notice,
                complete=False,
            )
        raise CalendarInvalid(errors)
    return calendar_year_set(
        year=year,
        holidays=holidays,
        makeup_workdays=workdays,
        notice=notice,
        source=CalendarYear.Source.IMPORT,
        actor=actor,
        actor_label=actor_label,
    )
