from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import GongkaiError
from gongkai.core.ops.backup import backup_create


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个 .tar.gz 文件（SQLite 在线备份；PostgreSQL 用 pg_dump）。"

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="备份文件路径（默认 var/backups/…）")

    def handle(self, *args, out=None, **options):
        try:
            path = backup_create(out=out)
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(str(path))
