"""Drafts of the prose sections (一 总体情况, 五 问题与改进, 六 其他事项) from the report's facts.

The drafts are Django templates (templates/reports/draft/section*.txt) so the wording can be
changed without code; people edit the result. Passages that only people can write are marked
【请补充：…】 and publication is refused while one is left (services.workflow).
"""

from __future__ import annotations

import re
from typing import Any

from django.template.loader import render_to_string

PLACEHOLDER = re.compile(r"【请补充[:：][^】]*】")


def draft_sections(report: Any, facts: dict[str, Any]) -> dict[str, str]:
    context = {"report": report, "facts": facts, "year": report.year}
    return {
        key: _tidy(render_to_string(f"reports/draft/{key}.txt", context))
        for key in ("section1", "section5", "section6")
    }


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("".join(current))
            current = []
    if current:
        paragraphs.append("".join(current))
    return "\n\n".join(paragraphs)


def placeholders_left(report: Any) -> list[str]:
    found = []
    for key in ("section1", "section5", "section6"):
        found += PLACEHOLDER.findall(getattr(report, key) or "")
    return found
