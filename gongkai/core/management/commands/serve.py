"""`gongkai serve`: the web server and the background worker together; Ctrl-C stops both.

Used by `make run`. Production runs the two as separate services (README, "Production").
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


def ipv6_loopback_available(port: int) -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("::1", port))
        return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "启动门户网站、工作台和后台任务进程（Ctrl-C 同时停止）。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))

    def handle(self, *args, port: int, workers: int, **options):
        bin_dir = os.path.dirname(sys.executable)
        binds = ["--bind", f"127.0.0.1:{port}"]
        if ipv6_loopback_available(port):
            binds += ["--bind", f"[::1]:{port}"]
        web = [
            os.path.join(bin_dir, "gunicorn"),
            "config.wsgi",
            *binds,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
        ]
        worker = [os.path.join(bin_dir, "gongkai"), "worker"]
        procs = [subprocess.Popen(web), subprocess.Popen(worker)]
        self.stdout.write(
            self.style.SUCCESS(
                f"门户网站  http://127.0.0.1:{port}/    工作台  http://127.0.0.1:{port}/workspace/"
            )
        )
        self.stdout.write("按 Ctrl-C 停止。")

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.3)
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
        if not stopping:
            self.stderr.write("有一个进程意外退出，已全部停止。")
            sys.exit(1)
