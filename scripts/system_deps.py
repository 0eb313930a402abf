"""The Debian packages Gongkai needs beside its Python dependencies, installed when missing.

- fonts-noto-cjk: the PDF outputs (政府公报, 年度报告) are set in Noto CJK by WeasyPrint;
  without it their Chinese text comes out empty.
- libharfbuzz-subset0: lets WeasyPrint embed only the glyphs used (a PDF in 0.3 s, not 14 s).
- chromium (tests only): the browser tests drive Debian's Chromium through Playwright.

Installing needs root and apt-get; otherwise each missing package is reported, not installed.
`make run` calls ``python scripts/system_deps.py``, `make test` ``--with-browser``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(*packages: str) -> bool:
    if not IS_ROOT or not shutil.which("apt-get"):
        return False
    print(f"\n==> installing {' '.join(packages)} with apt-get", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.call(["apt-get", "update", "-qq"], env=env)
    return subprocess.call(["apt-get", "install", "-y", "-qq", *packages], env=env) == 0


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return any(Path("/usr/share/fonts").glob("**/NotoSansCJK*"))
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return "Noto" in out.stdout


def has_harfbuzz_subset() -> bool:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True)
    return "libharfbuzz-subset" in out.stdout


def chromium_path() -> str:
    return os.environ.get("GONGKAI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def ensure(*, browser: bool = False) -> list[str]:
    """Install what is missing (if root); the names of what is still missing."""
    wanted = []
    if not has_cjk_font():
        wanted.append("fonts-noto-cjk")
    if not has_harfbuzz_subset():
        wanted.append("libharfbuzz-subset0")
    if browser and not Path(chromium_path()).exists():
        wanted.append("chromium")
    if wanted:
        apt_install(*wanted)
    missing = []
    if not has_cjk_font():
        missing.append("fonts-noto-cjk")
    if not has_harfbuzz_subset():
        missing.append("libharfbuzz-subset0")
    if browser and not Path(chromium_path()).exists():
        missing.append("chromium")
    return missing


if __name__ == "__main__":
    missing = ensure(browser="--with-browser" in sys.argv)
    if missing:
        print(
            f"!! missing system packages: {' '.join(missing)} "
            f"(as root: apt-get install {' '.join(missing)}); PDF output will be degraded"
        )
