"""Stage 5c: quantified targets in a task's text (不少于5次, 每年至少1次, 10个工作日内, 100%)."""

from __future__ import annotations

import re

from .model import Target
from .numbering import cn_to_int

_NUM = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"
_UNIT = r"(?:个工作日|个月|个|次|种|项|场|期|篇|条|天|日|小时|家|人次|人|批|轮)"
_PATTERNS = [
    # 每年至少听取1次, 不得少于3次, 原则上不少于5种, 至少开展5次
    re.compile(
        r"(?:每年|每季度|每月|每半年|每周|年内)?(?:至少|不少于|不得少于|不低于|不少於)"
        r"[\u4e00-\u9fff]{0,6}?" + _NUM + _UNIT
    ),
    # 10个工作日内, 1个月内, 答复期限不得超过5个工作日
    re.compile(
        r"(?:不得超过|不超过|最长不超过)?" + _NUM + r"(?:个工作日|个月|日|天|小时)(?:内|以内)"
    ),
    re.compile(r"(?:不得超过|不超过)" + _NUM + r"(?:个工作日|个月|日|天|小时)"),
    # 100%, 达到95%以上
    re.compile(r"(?:达到|达|实现|不低于|保持)?" + r"(\d+(?:\.\d+)?)\s*[%％](?:以上)?"),
]


def _count(raw: str) -> int | float | None:
    if raw.isdigit():
        return int(raw)
    try:
        return float(raw)
    except ValueError:
        return cn_to_int(raw)


def find_targets(text: str) -> list[Target]:
    text = re.sub(r"\s+", "", text)
    spans: list[tuple[int, int, Target]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in spans):
                continue
            spans.append((m.start(), m.end(), Target(text=m.group(0), count=_count(m.group(1)))))
    return [t for _, _, t in sorted(spans, key=lambda s: s[0])]
