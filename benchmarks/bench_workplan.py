"""Work-plan parsing: how long a long plan takes (issue 5: a 40-page plan in under a second)."""

from __future__ import annotations

import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "gongkai/workplan/tests/fixtures/plan_numbered.txt"
CHARS_PER_PAGE = 1300  # a printed A4 page of a county plan, body or table


def long_plan(pages: int = 40) -> tuple[str, int]:
    """The numbered-table fixture (a PDF extraction, the slowest shape to read) with its rows
    repeated until the text fills `pages` pages; returns the text and the number of rows."""
    text = FIXTURE.read_text(encoding="utf-8")
    head, sep, table = text.partition("序号 工作任务 具体要求 责任单位\n完成\n时限\n")
    rows = table.split("\n— 12 —\n")[0].split("\n2\n")[1]  # rows 2 and 3 as a template
    template = "\n" + rows.replace("\n3\n", "\n{b}\n")
    out = [head, sep, table.split("\n2\n")[0]]
    n = 1
    while sum(map(len, out)) < pages * CHARS_PER_PAGE:
        out.append(f"\n{n + 1}" + template.format(b=n + 2))
        n += 2
        if n % 8 == 1:
            out.append("\n— 1 —\n序号 工作任务 具体要求 责任单位\n完成\n时限")
    return "".join(out) + "\n", n


def run() -> None:
    from gongkai.workplan.parsing import parse_plan

    text, rows = long_plan(40)
    parse_plan(text)  # warm up (regex compilation)
    repeat = 5
    started = time.perf_counter()
    for _ in range(repeat):
        plan = parse_plan(text)
    per = (time.perf_counter() - started) / repeat
    assert len(plan.tasks) == rows, (len(plan.tasks), rows)
    print(
        f"workplan.parse_plan, 40-page plan ({len(text)} characters, {rows} tasks): "
        f"{per * 1000:.0f} ms per parse (target < 1000 ms)"
    )
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        seed_text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        plan = parse_plan(seed_text)
        print(
            f"workplan.parse_plan, seed {path.name[:3]} ({len(seed_text)} characters, "
            f"{len(plan.tasks)} tasks): {(time.perf_counter() - started) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    import django

    django.setup()
    run()
