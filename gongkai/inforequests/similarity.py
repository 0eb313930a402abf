"""Character-bigram similarity of request descriptions (repeat detection, 条例第三十六条第六项;
clustering for 条例第四十四条). Pure."""

from __future__ import annotations

import re

_NOISE = re.compile(r"[\W_]+", re.UNICODE)

# Words nearly every request contains; they would make unrelated requests look alike.
STOP_BIGRAMS = frozenset(
    {
        "申请",
        "请求",
        "公开",
        "政府",
        "信息",
        "府信",
        "提供",
        "相关",
        "关于",
        "有关",
        "文件",
        "本人",
        "我们",
        "我单",
        "单位",
        "示范",
        "范县",
    }
)


def bigrams(text: str) -> frozenset[str]:
    """The set of adjacent character pairs of the text's letters, digits and CJK characters."""
    compact = _NOISE.sub("", (text or "").lower())
    return frozenset(compact[i : i + 2] for i in range(len(compact) - 1)) - STOP_BIGRAMS


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(text_a: str, text_b: str) -> float:
    return jaccard(bigrams(text_a), bigrams(text_b))
