"""`gongkai inforequests ...`: the statutory clock and the fee, from the shell.

gongkai inforequests clock EVENTS.json [--today 2026-11-23]
    Reads a JSON list of clock events and prints {"due", "status", "steps", ...} as JSON: a what-if
    calculator for staff and a way to check the rules from outside. An impossible sequence prints
    {"error": {"code", "message", "event_index"}} and exits with status 1.
gongkai inforequests fee (--pages N | --count N)
    The information-processing fee and the lines of the fee notice, as JSON.

The calendar is the one in the database (gongkai workdays status shows which years it knows).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from gongkai.core.commands import ChineseCommand, ChineseParser
from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import get_calendar
from gongkai.inforequests.clock import ClockError, ErrorCode, compute, events_from_json
from gongkai.inforequests.fees import fee_by_count, fee_by_volume


class Command(ChineseCommand):
    help = "依申请公开：答复期限计算（clock）与信息处理费计算（fee）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="子命令", parser_class=ChineseParser)
        sub.required = True
        clock = sub.add_parser("clock", help="由事件列表（JSON）计算答复期限、状态和推算过程")
        clock.add_argument(
            "events_file", metavar="EVENTS.json", help="事件列表文件；- 表示标准输入"
        )
        clock.add_argument("--today", help="按此日期判断是否逾期、视为放弃等（YYYY-MM-DD）")
        fee = sub.add_parser("fee", help="计算信息处理费（国办函〔2020〕109号）")
        which = fee.add_mutually_exclusive_group(required=True)
        which.add_argument("--pages", type=int, help="按量计收：本申请的页数")
        which.add_argument("--count", type=int, help="按件计收：该申请人本月第几件申请")

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def _print(self, data: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _fail(self, error: ClockError) -> None:
        self._print({"error": error.to_dict()})
        raise CommandError(error.message, returncode=1)

    def do_clock(self, options) -> None:
        try:
            events = events_from_json(self._read(options["events_file"]))
            today = self._today(options["today"])
            result = compute(events, self._calendar(), today=today)
        except ClockError as error:
            self._fail(error)
            return
        self._print(result.to_dict())

    @staticmethod
    def _calendar():
        try:
            return get_calendar()
        except DatabaseError:
            raise ClockError(
                ErrorCode.CALENDAR_UNAVAILABLE,
                "无法读取工作日历：数据库尚未初始化或无法连接。"
                "请先运行 make setup（gongkai migrate 与 gongkai createcachetable）。",
            ) from None

    def _read(self, name: str) -> Any:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ClockError(ErrorCode.BAD_INPUT, f"找不到事件文件 {name}。") from None
        except IsADirectoryError:
            raise ClockError(ErrorCode.BAD_INPUT, f"{name} 是目录，不是事件文件。") from None
        except UnicodeDecodeError:
            raise ClockError(
                ErrorCode.BAD_INPUT, f"事件文件 {name} 不是 UTF-8 编码，请另存为 UTF-8。"
            ) from None
        except OSError as exc:
            raise ClockError(
                ErrorCode.BAD_INPUT, f"无法读取事件文件 {name}：{exc.strerror}。"
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ClockError(
                ErrorCode.BAD_INPUT,
                f"事件文件 {name} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列附近）。",
            ) from None

    @staticmethod
    def _today(text: str | None) -> dt.date | None:
        if text is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ClockError(
                ErrorCode.BAD_DATE,
                f"--today 的日期“{text}”无效，请写成 YYYY-MM-DD，如 2026-11-23。",
            ) from None

    def do_fee(self, options) -> None:
        try:
            if options["pages"] is not None:
                explanation = fee_by_volume(options["pages"])
            else:
                explanation = fee_by_count(options["count"])
        except GongkaiError as error:
            self._print({"error": {"code": error.code, "message": error.message}})
            raise CommandError(error.message, returncode=1) from None
        self._print(explanation.to_dict())
