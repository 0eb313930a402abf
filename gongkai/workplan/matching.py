"""The region's units as the parser's matcher sees them, and where a task sits in the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.orgs.models import Region, Unit, UnitAlias

from .parsing import UnitMatcher, UnitRecord
from .parsing.normalise import squash
from .parsing.units import is_group


def unit_matcher(region: Region) -> tuple[UnitMatcher, dict[str, Unit]]:
    """A matcher over the region's active units (names, short names, aliases), and the units
    by full name (the matcher answers with records; the full name is unique in a region)."""
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in UnitAlias.objects.filter(region=region).values_list("unit_id", "alias"):
        aliases.setdefault(unit_id, []).append(alias)
    units = list(region.units.filter(is_active=True).order_by("sort", "id"))
    records = [
        UnitRecord(
            name=u.name,
            short_name=u.short_name,
            aliases=tuple(aliases.get(u.id, ())),
            kind=u.kind,
            code=u.code,
        )
        for u in units
    ]
    matcher = UnitMatcher(records, region_names=[region.short_name, region.name])
    return matcher, {u.name: u for u in units}


@dataclass
class Resolved:
    """The outcome for one name as written: the units it stands for, or why there are none."""

    written: str
    units: list[Unit] = field(default_factory=list)
    open_group: bool = False  # 相关部门, 县直有关部门: the office says which units
    empty_group: bool = False  # 各乡镇 in a region without townships: nobody to assign

    @property
    def unresolved(self) -> bool:
        return not self.units and not self.empty_group


def resolve_name(name: str, matcher: UnitMatcher, by_name: dict[str, Unit]) -> Resolved:
    match = matcher.match(name)
    units = [by_name[r.name] for r in match.units if r.name in by_name]
    if units:
        return Resolved(name, units)
    if match.how == "group":
        return Resolved(name, empty_group=True)
    return Resolved(name, open_group=match.how == "open_group" or is_group(squash(name)))


def locate_lines(source_text: str, task_texts: list[str]) -> list[int | None]:
    """For each task (in order), the line of the source text where it starts, if found.

    The parser joins wrapped lines and normalises punctuation, so we compare squashed text and
    try shorter prefixes; search resumes after the previous task's line to keep the order."""
    lines = [squash(line) for line in source_text.splitlines()]
    found: list[int | None] = []
    start = 0
    for text in task_texts:
        flat = squash(text)
        where = None
        for size in (16, 10, 6):
            probe = flat[:size]
            if len(probe) < 4:
                break
            for i in range(start, len(lines)):
                if probe in lines[i]:
                    where = i
                    break
            if where is None:  # the source may repeat a row; look before as a last resort
                where = next((i for i in range(0, start) if probe in lines[i]), None)
            if where is not None:
                break
        found.append(where)
        if where is not None and where >= start:
            start = where
    return found
