"""Reading a work plan (工作要点) into a structured plan: pure Python, no database.

    from gongkai.workplan.parsing import parse_plan, parse_file
    plan = parse_file("要点.docx")          # or parse_plan(text)
    plan.as_dict()   # {"title", "issuer", "doc_number", "date", "year", "tasks": [...]}

    from gongkai.workplan.parsing import UnitMatcher, UnitRecord, resolve_units
    resolve_units(plan, UnitMatcher(units, region_names=["示范县"]))   # canonical unit names

Stages (one module each): normalise → metadata → tables / body → rows → units, deadlines,
targets; matching is separate and works on any list of units.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.core.files import extract

from .matching import Match, UnitMatcher, UnitRecord, resolve_units
from .model import ParsedPlan, ParsedTask, Section, Target
from .pipeline import parse_plan


def parse_file(
    source: str | Path | bytes, filename: str | None = None, *, year: int | None = None
) -> ParsedPlan:
    """Extract the text of a .docx/.pdf/.txt file and parse it."""
    return parse_plan(extract(source, filename), year=year)


__all__ = [
    "Match",
    "ParsedPlan",
    "ParsedTask",
    "Section",
    "Target",
    "UnitMatcher",
    "UnitRecord",
    "parse_file",
    "parse_plan",
    "resolve_units",
]
