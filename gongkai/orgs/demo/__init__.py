"""The demo county (示范县): a living county for `make run`, the README tour and browser tests.

Loading is a list of named steps run in name order inside one transaction. Each step must be
idempotent: running the loader twice changes nothing and creates no duplicates (look things up
by a natural key before creating them, and create through the app's services so that what the
demo shows is what the real workflow produces).

Every app adds its demo data by registering steps in its own ``<app>/demo.py`` (or
``<app>/demo/__init__.py``), which the loader imports::

    from gongkai.orgs.demo import DemoContext, demo_step

    @demo_step("300-library-documents")
    def documents(ctx: DemoContext) -> None:
        unit = ctx.unit("县发改局")
        ...

Step names start with a three-digit number that places them: 0xx orgs, 1xx core (calendar,
duties), 2xx–8xx the domain apps in issue order, 9xx last touches. Steps may append to
``ctx.accounts`` to have their demo logins printed in the table at the end.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

#: The one password of every demo account (passes Django's password validators). Demo only:
#: `make run` prints it; a real deployment never loads the demo county.
DEMO_PASSWORD = "Gongkai-demo-2026"  # noqa: S105
DEMO_REGION_CODE = "shifan"


@dataclass
class DemoAccount:
    username: str
    name: str
    unit: str
    role: str


@dataclass
class DemoContext:
    stdout: TextIO
    now: dt.datetime
    region: Any = None
    accounts: list[DemoAccount] = field(default_factory=list)
    # Anything a step wants to hand to later steps (e.g. "users": {username: User}).
    shared: dict[str, Any] = field(default_factory=dict)

    def unit(self, name: str):
        """The demo region's unit by full name, short name or alias; fails loudly if absent."""
        from gongkai.orgs.selectors import resolve_unit_name

        unit = resolve_unit_name(self.region, name)
        if unit is None:
            raise LookupError(f"demo county has no unit called {name!r}")
        return unit

    def user(self, username: str):
        from gongkai.orgs.models import User

        return User.objects.get(username=username)

    def say(self, message: str) -> None:
        self.stdout.write(f"{message}\n")


StepFn = Callable[[DemoContext], None]
STEPS: dict[str, StepFn] = {}


def demo_step(name: str) -> Callable[[StepFn], StepFn]:
    def register(fn: StepFn) -> StepFn:
        if STEPS.get(name, fn) is not fn:
            raise RuntimeError(f"demo step {name!r} defined twice")
        STEPS[name] = fn
        return fn

    return register


def load_demo_county(stdout: TextIO | None = None) -> Any:
    """Create or complete the demo county; returns its Region. Safe to run any number of times."""
    autodiscover_modules("demo")
    out = stdout if stdout is not None else io.StringIO()
    ctx = DemoContext(stdout=out, now=timezone.now())
    with transaction.atomic():
        for name in sorted(STEPS):
            STEPS[name](ctx)
    if stdout is not None:
        out.write(accounts_table(ctx.accounts))
    return ctx.region


def accounts_table(accounts: list[DemoAccount]) -> str:
    """The demo logins as an aligned text table (CJK characters count double width)."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    def pad(text: str, size: int) -> str:
        return text + " " * (size - width(text))

    header = DemoAccount("用户名", "姓名", "单位", "角色")
    rows = [header, *accounts]
    sizes = [max(width(getattr(r, f)) for r in rows) for f in ("username", "name", "unit", "role")]
    lines = [f"\n示范县演示账号（密码均为 {DEMO_PASSWORD}）："]
    for i, row in enumerate(rows):
        cells = [row.username, row.name, row.unit, row.role]
        lines.append("  ".join(pad(c, s) for c, s in zip(cells, sizes, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * s for s in sizes))
    return "\n".join(lines) + "\n"


from . import steps  # noqa: E402, F401  (registers the orgs steps)
