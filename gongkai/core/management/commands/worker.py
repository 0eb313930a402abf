"""`gongkai worker [--once]`: run background jobs and periodic tasks (reminders, …)."""

from django.core.management.base import BaseCommand

from gongkai.core.jobs import run_worker


class Command(BaseCommand):
    help = "运行后台任务进程（提醒、定时任务、排队任务）。Ctrl-C 在当前任务完成后退出。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只处理当前到期的任务，然后退出。")
        parser.add_argument("--worker-id", default=None, help="进程标识（默认：主机名:进程号）。")

    def handle(self, *args, once: bool, worker_id: str | None, **options):
        run_worker(once=once, worker_id=worker_id)
