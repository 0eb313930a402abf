"""`gongkai report ...`: the annual report from the shell.

gongkai report annual --year Y [--unit CODE | --region CODE] [--aggregate]
                      --format json|html|docx|pdf [--out FILE]
    The report of a unit (or of the region; the region defaults to the deployment's first). The
    saved report if one was opened in Gongkai (with its prose, entered figures and overrides),
    else a fresh draft computed from the records (not saved). JSON keys are the form's labels.

gongkai report import FILE [--json] [--save [--unit CODE] [--region CODE] [--year Y] [--replace]]
    Parse an earlier year's report (pasted text or .docx, 2021 or 2019 format). With --json it
    prints the parsed report and the results of the checks, saving nothing; with --save it is
    kept as that year's published report (carried-over numbers, comparisons).

gongkai report open --year Y [--region CODE]
    Open the year's report for every unit and the region, with their deadline duties.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from gongkai.core.commands import ChineseCommand, ChineseParser
from gongkai.core.errors import GongkaiError

FORMATS = ("json", "html", "docx", "pdf")


class Command(ChineseCommand):
    help = "年度报告：annual（生成）/ import（导入往年报告）/ open（为各单位编制本年度报告）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="子命令", parser_class=ChineseParser)
        sub.required = True
        annual = sub.add_parser("annual", help="生成一个单位或本级政府的年度报告")
        annual.add_argument("--year", required=True, type=int, metavar="年度")
        scope = annual.add_mutually_exclusive_group()
        scope.add_argument("--unit", default="", metavar="单位代码")
        annual.add_argument("--region", default="", metavar="区域代码", help="默认第一个区域")
        annual.add_argument(
            "--aggregate", action="store_true", help="本级政府报告汇总全县各单位数据"
        )
        annual.add_argument("--format", default="json", choices=FORMATS, metavar="格式")
        annual.add_argument("--out", default="", metavar="文件", help="默认输出到屏幕（json/html）")
        imp = sub.add_parser("import", help="解析（并可保存）往年的年度报告")
        imp.add_argument("file", metavar="文件", help="网页复制的文本（.txt）或 .docx")
        imp.add_argument("--json", action="store_true", help="以 JSON 输出解析结果，不保存")
        imp.add_argument("--save", action="store_true", help="保存为该年度已发布的报告")
        imp.add_argument("--unit", default="", metavar="单位代码", help="默认为本级政府报告")
        imp.add_argument("--region", default="", metavar="区域代码")
        imp.add_argument("--year", type=int, default=None, metavar="年度")
        imp.add_argument("--replace", action="store_true", help="覆盖已导入的同年度报告")
        opener = sub.add_parser("open", help="为各单位和本级政府编制某年度报告（含发布期限待办）")
        opener.add_argument("--year", required=True, type=int, metavar="年度")
        opener.add_argument("--region", default="", metavar="区域代码")

    def handle(self, *args, **options) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except GongkaiError as exc:
            raise CommandError(str(exc)) from None

    def _scope(self, options):
        from gongkai.orgs.models import Unit
        from gongkai.orgs.selectors import region_by_code

        region = region_by_code(options["region"])
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(region=region, code=options["unit"]).first()
            if unit is None:
                raise GongkaiError(f"{region.name}没有代码为 {options['unit']} 的单位。")
        return region, unit

    def do_annual(self, options) -> None:
        from gongkai.reports.outputs import report_output
        from gongkai.reports.selectors import report_json
        from gongkai.reports.services import report_build

        region, unit = self._scope(options)
        report = report_build(
            region=region, year=options["year"], unit=unit, aggregate_all=options["aggregate"]
        )
        content, _, _ = report_output(report_json(report), options["format"])
        self._write(content, options["out"], binary=options["format"] in ("docx", "pdf"))

    def _write(self, content: bytes, out: str, *, binary: bool) -> None:
        if out:
            path = Path(out)
            try:
                path.write_bytes(content)
            except OSError as exc:
                raise GongkaiError(f"无法写入 {out}：{exc.strerror}") from None
            self.stderr.write(f"已写入 {path}（{len(content)} 字节）")
            return
        if binary:
            if sys.stdout.isatty():
                raise GongkaiError("docx / pdf 请用 --out 指定输出文件。")
            sys.stdout.buffer.write(content)
            return
        self.stdout.write(content.decode("utf-8"))

    def do_import(self, options) -> None:
        from gongkai.reports.importer import report_parse

        parsed = report_parse(path=options["file"])
        if options["save"]:
            from gongkai.reports.services import report_import

            region, unit = self._scope(options)
            report = report_import(
                actor=None,
                region=region,
                unit=unit,
                parsed=parsed,
                year=options["year"],
                replace=options["replace"],
            )
            self.stdout.write(f"已保存：{report.title}（{len(parsed.findings)} 处数据问题）")
            return
        data = parsed.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{data['title'] or '（无标题）'}　{data['year']}年度　{data['format']}版"
        )
        for finding in data["checks"]["findings"]:
            self.stdout.write(f"  ✗ {finding['message']}")
        if data["checks"]["ok"]:
            self.stdout.write("  ✓ 表中数据勾稽关系全部成立")

    def do_open(self, options) -> None:
        from gongkai.orgs.selectors import region_by_code
        from gongkai.reports.services import reports_open_year

        made = reports_open_year(
            actor=None, region=region_by_code(options["region"]), year=options["year"]
        )
        self.stdout.write(f"已编制 {len(made)} 份 {options['year']} 年度报告草稿。")
