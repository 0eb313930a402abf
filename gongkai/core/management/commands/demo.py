"""`gongkai demo load`: create or complete the demo county and print its accounts.

Idempotent (`make run` calls it on every start): a second run changes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import GongkaiError


class Command(BaseCommand):
    help = "载入示范县演示数据（可重复运行，不会产生重复数据）并列出演示账号。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="创建或补全示范县及演示数据，并列出演示账号")

    def handle(self, *args, action: str, **options):
        from gongkai.orgs.demo import load_demo_county

        try:
            region = load_demo_county(stdout=self.stdout)
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"示范县数据已就绪：{region.name}"))
