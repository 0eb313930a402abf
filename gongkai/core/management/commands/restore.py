from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import GongkaiError
from gongkai.core.ops.backup import backup_restore


class Command(BaseCommand):
    help = "用备份文件替换当前数据库和上传文件。请先停止网站和后台任务进程。"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="不再询问，直接恢复")

    def handle(self, *args, archive: Path, yes: bool, **options):
        if not yes and options.get("interactive", True):
            answer = input(f"将用 {archive} 覆盖当前数据库，确定吗？输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未做任何改动。")
        try:
            manifest = backup_restore(archive=archive)
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已恢复 {manifest['created_at']} 的备份（{manifest['engine']}）。")
