"""`gongkai demo-data --documents N`: generate N plausible documents (for benchmarks).

Writes in batches through `gongkai.library.generator.generate_documents` and prints the rate.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from gongkai.library.generator import generate_documents
from gongkai.orgs.models import Region


class Command(BaseCommand):
    help = "生成指定数量的模拟政策文件（用于性能测试）。"

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, required=True, help="要生成的文件件数")
        parser.add_argument("--region", default="shifan", help="行政区域代码（默认 shifan）")
        parser.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同内容）")
        parser.add_argument("--batch", type=int, default=2000, help="每批写入的件数")

    def handle(self, *args, documents: int, region: str, seed: int, batch: int, **options):
        if documents < 1:
            raise CommandError("--documents 须为正整数。")
        found = Region.objects.filter(code=region).first()
        if found is None:
            raise CommandError(f"没有代码为“{region}”的行政区域。请先运行 gongkai demo load。")
        started = time.monotonic()
        step = max(batch, documents // 20)
        marks = {"next": step}

        def progress(done: int) -> None:
            if done >= marks["next"] or done == documents:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stdout.write(f"已生成 {done}/{documents} 件（{rate:.0f} 件/秒）")
                marks["next"] = done + step

        generate_documents(found, documents, seed, batch_size=batch, progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"完成：{documents} 件，用时 {elapsed:.1f} 秒，{documents / elapsed:.0f} 件/秒。"
            )
        )
