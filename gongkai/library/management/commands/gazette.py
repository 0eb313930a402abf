"""`gongkai gazette …`: compile, publish and print the 政府公报 from the shell.

gongkai gazette compile --region shifan --year 2026 --issue 3 --from 2026-03-01 --to 2026-03-31
                        [--issued 2026-04-10] [--add INDEX_NO ...]
gongkai gazette publish --region shifan --year 2026 --issue 3
gongkai gazette pdf     --region shifan --year 2026 --issue 3 [--output FILE]
gongkai gazette list    --region shifan
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from gongkai.core.commands import ChineseCommand, ChineseParser
from gongkai.core.errors import GongkaiError
from gongkai.library.gazette.models import GazetteIssue
from gongkai.library.gazette.services import gazette_compile, gazette_publish
from gongkai.library.importer.columns import parse_date
from gongkai.orgs.models import Region


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise CommandError(f"{exc}，请写成 YYYY-MM-DD，如 2026-03-01。") from None


class Command(ChineseCommand):
    help = "政府公报：compile（编印）/ publish（发布）/ pdf（导出 PDF）/ list（列出各期）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="子命令", parser_class=ChineseParser)
        sub.required = True

        def issue_args(p, *, with_issue: bool = True):
            p.add_argument("--region", required=True, metavar="区域代码")
            if with_issue:
                p.add_argument("--year", required=True, type=int, metavar="年份")
                p.add_argument("--issue", required=True, type=int, metavar="期号")

        compile_ = sub.add_parser("compile", help="编印一期（草稿，可重复编印）")
        issue_args(compile_)
        compile_.add_argument("--from", dest="date_from", required=True, metavar="起始日期")
        compile_.add_argument("--to", dest="date_to", required=True, metavar="截止日期")
        compile_.add_argument("--issued", metavar="出版日期", help="印在封面上，默认今天")
        compile_.add_argument(
            "--add", nargs="*", default=[], metavar="索引号", help="另外收录的文件"
        )
        issue_args(sub.add_parser("publish", help="发布一期"))
        pdf = sub.add_parser("pdf", help="把一期的 PDF 写到文件")
        issue_args(pdf)
        pdf.add_argument("--output", metavar="文件", help="默认：公报名+期号.pdf")
        issue_args(sub.add_parser("list", help="列出各期"), with_issue=False)

    def handle(self, *args, **options):
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(f"没有代码为“{options['region']}”的区域。")
        try:
            getattr(self, f"_{options['action']}")(region, options)
        except GongkaiError as exc:
            raise CommandError(exc.message) from None

    def _issue(self, region, options) -> GazetteIssue:
        issue = GazetteIssue.objects.filter(
            region=region, year=options["year"], number=options["issue"]
        ).first()
        if issue is None:
            raise CommandError(f"还没有 {options['year']}年第{options['issue']}期，请先 compile。")
        return issue

    def _compile(self, region, options) -> None:
        issue = gazette_compile(
            actor=None,
            region=region,
            year=options["year"],
            number=options["issue"],
            period_from=_date(options["date_from"]),
            period_to=_date(options["date_to"]),
            issued_on=_date(options["issued"]) if options["issued"] else None,
            extra_index_nos=options["add"],
        )
        self.stdout.write(
            f"已编印 {issue.label}：{issue.entries.count()} 份文件，"
            f"{issue.pages} 页（{issue.pdf.name}）。"
        )
        for entry in issue.entries.select_related("document"):
            self.stdout.write(f"  {entry.page or '—':>4}  {entry.document.title}")

    def _publish(self, region, options) -> None:
        issue = gazette_publish(actor=None, issue=self._issue(region, options))
        self.stdout.write(f"已发布 {issue.label}。")

    def _pdf(self, region, options) -> None:
        issue = self._issue(region, options)
        if not issue.pdf:
            raise CommandError(f"{issue.label}还没有 PDF，请先 compile。")
        target = Path(options["output"] or f"{region.name}公报{issue.year}年第{issue.number}期.pdf")
        with issue.pdf.open("rb") as f:
            target.write_bytes(f.read())
        self.stdout.write(f"已写出 {target}（{issue.pages} 页）。")

    def _list(self, region, options) -> None:
        for issue in GazetteIssue.objects.filter(region=region).order_by("-year", "-number"):
            self.stdout.write(
                f"{issue.label}\t{issue.get_status_display()}\t{issue.period_from}—{issue.period_to}"
                f"\t{issue.entries.count()} 份\t{issue.pages} 页"
            )
