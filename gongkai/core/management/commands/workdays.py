"""`gongkai workdays ...`: working-day arithmetic and the holiday arrangement from the shell.

gongkai workdays add 2026-09-30 1                 -> 2026-10-08
gongkai workdays between 2026-09-30 2026-10-12    -> working days after the first up to the second
gongkai workdays is 2026-10-10                    -> whether a working day, and why
gongkai workdays year 2027 [--import FILE]        -> show (or import) a year's arrangement
gongkai workdays status [--today DATE]            -> the known years; warns when next is missing
gongkai workdays seed [YEAR ...]                  -> (re)load years from chinese-calendar
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from gongkai.core.commands import ChineseCommand, ChineseParser
from gongkai.core.workdays import CalendarYearMissing
from gongkai.core.workdays.parsing import parse_date
from gongkai.core.workdays.selectors import (
    calendar_year_get,
    calendar_years_overview,
    coverage,
    special_days,
)
from gongkai.core.workdays.services import (
    CalendarInvalid,
    calendar_year_import_csv,
    weekday_name,
)
from gongkai.core.workdays.store import load_calendar

CLI_ACTOR = "系统（命令行）"


def _date(text: str) -> dt.date:
    date = parse_date(text)
    if date is None:
        raise CommandError(f"“{text}”不是有效日期，请写成 YYYY-MM-DD，如 2026-09-30。")
    return date


def _int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CommandError(f"{what}“{text}”不是整数。") from None


class Command(ChineseCommand):
    help = "工作日计算与节假日安排：add / between / is / year / status / seed"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="子命令", parser_class=ChineseParser)
        sub.required = True
        add = sub.add_parser("add", help="某日之后第 N 个工作日（起算日不计入）")
        add.add_argument("start", metavar="起算日", help="YYYY-MM-DD，本日不计入")
        add.add_argument("workdays", metavar="工作日数")
        between = sub.add_parser("between", help="两日之间的工作日数（不含前一日，含后一日）")
        between.add_argument("start", metavar="开始日期")
        between.add_argument("end", metavar="结束日期")
        is_ = sub.add_parser("is", help="某日是否工作日")
        is_.add_argument("date", metavar="日期")
        year = sub.add_parser("year", help="查看或导入某年的节假日安排")
        year.add_argument("year", metavar="年份")
        year.add_argument("--import", dest="import_file", metavar="FILE", help="CSV 文件")
        year.add_argument("--notice", default="", help="依据：国务院办公厅通知的名称和文号")
        status = sub.add_parser("status", help="已录入的年份；次年缺失时提醒")
        status.add_argument("--today", help="按此日期判断（默认今天）")
        seed = sub.add_parser("seed", help="从 chinese-calendar 数据包载入（不覆盖人工录入的年份）")
        seed.add_argument("years", nargs="*", metavar="年份")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        try:
            getattr(self, f"do_{action}")(options)
        except CalendarYearMissing as exc:
            raise CommandError(str(exc)) from None

    # --- arithmetic -----------------------------------------------------------------------

    def do_add(self, options) -> None:
        start = _date(options["start"])
        n = _int(options["workdays"], "工作日数")
        if n < 0:
            raise CommandError("工作日数不能为负数。")
        self.stdout.write(load_calendar().add(start, n).isoformat())

    def do_between(self, options) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        self.stdout.write(str(load_calendar().between(start, end)))

    def do_is(self, options) -> None:
        date = _date(options["date"])
        calendar = load_calendar()
        workday = calendar.is_workday(date)
        special = next((d for d in special_days(date.year) if d.date == date), None)
        if special is not None:
            why = ("调休上班" if workday else "放假") + (
                f"，{special.name}" if special.name else ""
            )
        else:
            why = "周末" if date.weekday() >= 5 else "平日"
        verdict = "是工作日" if workday else "不是工作日"
        self.stdout.write(f"{date.isoformat()}（{weekday_name(date)}）{verdict}（{why}）")

    # --- the arrangement ------------------------------------------------------------------

    def do_year(self, options) -> None:
        year = _int(options["year"], "年份")
        if options["import_file"]:
            self._import(year, Path(options["import_file"]), options["notice"])
            return
        calendar_year = calendar_year_get(year)
        if calendar_year is None:
            self.stdout.write(
                f"{year}年的节假日安排尚未录入。国务院办公厅公布后，可在工作台“工作日历”中录入，"
                f"或用 gongkai workdays year {year} --import 文件.csv 导入。"
            )
            return
        days = special_days(year)
        out = [f"{year}年节假日安排", f"来源：{calendar_year.get_source_display()}"]
        if calendar_year.notice:
            out.append(f"依据：{calendar_year.notice}")
        holidays = [d for d in days if d.kind == "holiday"]
        out.append(f"放假（共{len(holidays)}天）：")
        for name, run in self._runs(holidays):
            first, last = run[0].date, run[-1].date
            span = (
                first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
            )
            out.append(f"  {name or '放假'}：{span}，共{len(run)}天")
        makeup = [d for d in days if d.kind == "workday"]
        out.append(f"调休上班（共{len(makeup)}天）：")
        for d in makeup:
            out.append(
                f"  {d.date.isoformat()}（{weekday_name(d.date)}）"
                + (f"{d.name}" if d.name else "")
            )
        self.stdout.write("\n".join(out))

    @staticmethod
    def _runs(days):
        """Consecutive days with the same festival name, as one span."""
        runs = []
        for name, group in groupby(days, key=lambda d: d.name):
            run: list = []
            for day in group:
                if run and (day.date - run[-1].date).days != 1:
                    runs.append((name, run))
                    run = []
                run.append(day)
            runs.append((name, run))
        return runs

    def _import(self, year: int, path: Path, notice: str) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"找不到文件 {path}。") from None
        except UnicodeDecodeError:
            raise CommandError(
                f"文件 {path} 不是 UTF-8 编码，请另存为 UTF-8 的 CSV 后再导入。"
            ) from None
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from None
        try:
            saved = calendar_year_import_csv(
                year=year, text=text, actor=None, notice=notice, actor_label=CLI_ACTOR
            )
        except CalendarInvalid as exc:
            raise CommandError("导入失败，未作任何更改：\n" + "\n".join(exc.errors)) from None
        if not saved.changed:
            self.stdout.write(f"{year}年的节假日安排与文件一致，未作更改。")
            return
        self.stdout.write(
            f"已导入{year}年节假日安排：放假{saved.holidays}天，调休上班{saved.workdays}天；"
            f"重新计算了{saved.recomputed}项未办结事项的截止日。"
        )

    def do_status(self, options) -> None:
        today = _date(options["today"]) if options["today"] else timezone.localdate()
        info = coverage(today)
        rows = list(calendar_years_overview().order_by("year"))
        if not rows:
            self.stdout.write("尚未录入任何年份的节假日安排。")
        else:
            self.stdout.write(
                f"已录入{len(rows)}个年份：{info['first_year']}–{info['last_year']}"
                if info["last_year"] - info["first_year"] + 1 == len(rows)
                else f"已录入{len(rows)}个年份：" + "、".join(str(r.year) for r in rows)
            )
            for r in rows:
                self.stdout.write(
                    f"  {r.year}  放假{r.holiday_count}天  调休上班{r.workday_count}天  "
                    f"{r.get_source_display()}"
                )
        if info["warning"]:
            self.stdout.write(self.style.WARNING(f"警告：{info['message']}"))
        elif info["next_year_missing"]:
            self.stdout.write(f"{info['next_year']}年的节假日安排尚未公布或尚未录入。")

    def do_seed(self, options) -> None:
        from gongkai.core.workdays.seed import package_years, seed_from_package

        years = [_int(y, "年份") for y in options["years"]] or None
        unknown = sorted(set(years or []) - set(package_years()))
        if unknown:
            raise CommandError(
                f"chinese-calendar 数据包没有{'、'.join(map(str, unknown))}年的安排"
                f"（它知道 {package_years()[0]}–{package_years()[-1]} 年）。"
            )
        changed = seed_from_package(years)
        if changed:
            self.stdout.write("已从数据包载入：" + "、".join(map(str, changed)) + "年。")
        else:
            self.stdout.write("没有需要更新的年份（人工录入或导入的年份不会被覆盖）。")
