"""What the parser produces: a plan and its tasks, as plain data (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Target:
    """A quantified target found in a task's text: 不少于5次 → count 5."""

    text: str
    count: float | int | None

    def as_dict(self) -> dict:
        return {"text": self.text, "count": self.count}


@dataclass
class Section:
    """A heading of the plan (一、… or （一）…). Mutable: a title split across a page break is
    completed after tasks below it were already read, and they see the completed title."""

    level: int
    title: str
    marker: str = ""

    @property
    def label(self) -> str:
        return f"{self.marker}{self.title}"


@dataclass
class ParsedTask:
    sections: list[Section]
    text: str
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    units_unresolved: list[str] = field(default_factory=list)
    unit_groups: list[str] = field(default_factory=list)
    due: dt.date | None = None
    due_text: str = ""
    targets: list[Target] = field(default_factory=list)
    number: str = ""  # the 序号 column, where the table has one
    # Raw cells, kept until the units and deadline stage has run.
    units_cell: str = ""
    support_cell: str = ""
    due_cell: str = ""
    remark_cell: str = ""

    @property
    def path(self) -> list[str]:
        return [s.label for s in self.sections if s.label]

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "text": self.text,
            "lead_units": self.lead_units,
            "support_units": self.support_units,
            "units_unresolved": self.units_unresolved,
            "unit_groups": self.unit_groups,
            "due": self.due.isoformat() if self.due else None,
            "due_text": self.due_text,
            "targets": [t.as_dict() for t in self.targets],
        }


@dataclass
class ParsedPlan:
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    date: dt.date | None = None
    year: int | None = None
    tasks: list[ParsedTask] = field(default_factory=list)
    source: str = ""  # "table" | "body": where the tasks were read from
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "source": self.source,
            "warnings": self.warnings,
            "tasks": [t.as_dict() for t in self.tasks],
        }
