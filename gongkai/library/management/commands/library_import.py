"""`gongkai library_import FILE --region CODE [--files DIR] [--dry-run] [--format xlsx|csv|jsonl]`

Check a metadata ledger (and its folder of .docx/.pdf bodies), or one of our JSON Lines exports,
and import it into the region's policy library. With --dry-run only the check runs and every
problem is listed by row; without it a file with any problem is refused as a whole. Re-running
the same file updates what changed (by 索引号) and creates no duplicates.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from gongkai.core.commands import ChineseCommand
from gongkai.core.errors import GongkaiError
from gongkai.library.importer.progress import ConsoleProgress
from gongkai.library.importer.readers import FORMATS
from gongkai.library.importer.services import DEFAULT_BATCH, ImportRejected, library_import
from gongkai.orgs.models import Region


class Command(ChineseCommand):
    help = "批量导入政策文件：元数据表（.xlsx/.csv）加正文文件夹，或 JSON Lines"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="文件", help="元数据表 .xlsx/.csv，或 .jsonl")
        parser.add_argument("--region", required=True, metavar="区域代码", help="如 shifan")
        parser.add_argument(
            "--files", metavar="文件夹", help="正文文件（.docx/.pdf/.txt）所在文件夹"
        )
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--format", choices=FORMATS, help="文件格式（默认按扩展名判断）")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH,
            metavar="N",
            help=f"每批写入的行数，每批一个事务（默认 {DEFAULT_BATCH}；0 表示整个文件一个事务）",
        )
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, **options):
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            codes = "、".join(Region.objects.values_list("code", flat=True)) or "（无）"
            raise CommandError(f"没有代码为“{options['region']}”的区域。现有区域：{codes}。")
        if options["files"] and not Path(options["files"]).is_dir():
            raise CommandError(f"正文文件夹 {options['files']} 不存在。")
        progress = None if options["quiet"] else ConsoleProgress(self.stderr._out)
        try:
            report = library_import(
                actor=None,
                region=region,
                path=Path(options["file"]),
                files_dir=options["files"],
                format=options["format"],
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
                progress=progress,
            )
        except ImportRejected as exc:
            if progress:
                progress.close()
            self._errors(exc.report)
            raise CommandError(exc.report.summary()) from None
        except GongkaiError as exc:
            if progress:
                progress.close()
            raise CommandError(exc.message) from None
        if progress:
            progress.close()
        for warning in report.warnings:
            self.stdout.write(f"提示：{warning}")
        if not report.ok:
            self._errors(report)
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
        if not report.dry_run:
            rate = f"{report.rate:,.0f}"
            self.stdout.write(f"用时 {report.seconds:.1f} 秒，{rate} 份/秒。")
            if report.indexed in ("", "none") and report.created + report.updated:
                self.stdout.write("提示：尚未安装检索索引，导入的文件暂不能全文检索。")

    def _errors(self, report) -> None:
        self.stdout.write(f"发现 {report.error_count} 处问题：")
        for error in report.errors:
            self.stdout.write(f"  {error}")
        if report.error_count > len(report.errors):
            self.stdout.write(f"  ……另有 {report.error_count - len(report.errors)} 处未列出。")
