"""Stage 3a: the body's numbered outline (一、 / （一） / 1.), and its items as tasks when the plan
has no task table (then units are left for the office to assign).

Lines broken mid-sentence (PDF extraction, page breaks on web copies) are joined back: a line
that does not begin with a marker continues the paragraph before it unless that paragraph ended
a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ParsedTask, Section
from .normalise import squash
from .numbering import canonical_marker, marker

_SENTENCE_END = "。！？；：”"
TITLE_MAX = 45


@dataclass
class Paragraph:
    level: int  # 1, 2, 3; 0 for an unnumbered paragraph
    number: int
    text: str  # after the marker

    @property
    def title(self) -> str:
        """A heading's title: the words before the first 。 (“（一）推进公开。围绕…” → 推进公开)."""
        if self.level == 1:
            return self.text.rstrip("。")
        head, sep, _ = self.text.partition("。")
        return head if sep and len(head) <= TITLE_MAX else ""

    @property
    def content(self) -> str:
        if self.level == 1:
            return ""
        head, sep, rest = self.text.partition("。")
        return rest.strip() if sep and len(head) <= TITLE_MAX and rest.strip() else self.text

    def section(self) -> Section:
        title = self.title or self.text[:TITLE_MAX]
        return Section(
            level=self.level, title=title, marker=canonical_marker(self.level, self.number)
        )


def paragraphs(lines: list[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        m = marker(text)
        if m:
            level, number, rest = m
            out.append(Paragraph(level, number, rest.strip()))
            continue
        last = out[-1] if out else None
        if last and last.level != 1 and not last.text.endswith(tuple(_SENTENCE_END)):
            last.text += text
        elif last and last.level == 1 and not last.text and text:
            last.text = text
        else:
            out.append(Paragraph(0, 0, text))
    return out


@dataclass
class Outline:
    """The headings of the body, looked up by their words (without marker or punctuation)."""

    sections: list[Section]

    @staticmethod
    def key(text: str) -> str:
        return re.sub(r"[，。、；：“”《》（）()\s,.]", "", squash(text))

    def find(self, title: str) -> Section | None:
        key = self.key(title)
        if not key:
            return None
        for s in self.sections:
            if self.key(s.title) == key:
                return s
        return None

    def split_run(self, run: str) -> list[Section]:
        """Section titles run together (“聚焦重点工作，推动…发展深化重点领域信息公开”): the longest
        known titles that tile the run, in order; [] when they do not."""
        key = self.key(run)
        found: list[Section] = []
        while key:
            best = None
            for s in self.sections:
                k = self.key(s.title)
                if k and key.startswith(k) and (best is None or len(k) > len(self.key(best.title))):
                    best = s
            if best is None:
                return []
            found.append(best)
            key = key[len(self.key(best.title)) :]
        return found


def outline(paras: list[Paragraph]) -> Outline:
    return Outline([p.section() for p in paras if p.level in (1, 2) and (p.title or p.level == 1)])


def body_tasks(paras: list[Paragraph]) -> list[ParsedTask]:
    """Tasks from the numbered items: the （一） items, or their 1. sub-items where they exist,
    or the 一、 items when the plan has no deeper level."""
    has_level2 = any(p.level == 2 for p in paras)
    has_level3_under: set[int] = set()
    for i, p in enumerate(paras):
        if p.level == 3:
            j = max((k for k in range(i) if paras[k].level == 2), default=None)
            if j is not None:
                has_level3_under.add(j)
    tasks: list[ParsedTask] = []
    current: dict[int, Section] = {}
    last: ParsedTask | None = None
    for i, p in enumerate(paras):
        if p.level == 1:
            current = {1: p.section()}
            last = None
            if not has_level2 and p.text:
                last = ParsedTask(sections=[], text=p.content or p.text)
                last.sections = [p.section()]
                tasks.append(last)
        elif p.level == 2:
            current = {k: v for k, v in current.items() if k < 2}
            current[2] = p.section()
            if i in has_level3_under:
                last = None
                continue
            last = ParsedTask(sections=[current[k] for k in sorted(current)], text=p.content)
            tasks.append(last)
        elif p.level == 3 and 2 in current:
            last = ParsedTask(sections=[current[k] for k in sorted(current)], text=p.text)
            tasks.append(last)
        elif p.level == 0 and last is not None:
            last.text += "\n" + p.text
    return tasks
