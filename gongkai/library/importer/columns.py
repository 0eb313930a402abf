"""The import columns, as offices keep them in their ledgers, and how each value is read.

The same names are the keys of our JSON Lines export (`records.document_record`), so a file
exported from one library imports into another unchanged. English field names are accepted as
aliases in JSON Lines, for scripts.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

# column → (field key, required, what to write there — shown in error messages as the fix)
COLUMNS: dict[str, tuple[str, bool, str]] = {
    "索引号": (
        "index_no",
        True,
        "填写本单位的索引号，如 001001/2021-00054；再次导入时按索引号更新",
    ),
    "标题": ("title", True, "填写文件标题"),
    "发文字号": ("doc_number", False, "按“机关代字〔年份〕序号号”填写，如 示府办〔2021〕54号"),
    "发布机构": ("unit", True, "填写本县单位的全称、简称或别名，如 示范县发展和改革局"),
    "成文日期": ("written_on", True, "按 2021-03-05 或 2021年3月5日 填写"),
    "发布日期": ("published_on", False, "按 2021-03-05 或 2021年3月5日 填写；不填则同成文日期"),
    "主题分类": ("topic", False, "填写主题分类名称，如 综合政务/政务公开，或只写 政务公开"),
    "体裁": ("genre", False, "填写 通知、意见、办法、方案、公告、报告 等"),
    "主题词": ("keywords", False, "多个主题词用空格分隔，不超过 200 字"),
    "有效性": ("validity", False, "填写 现行有效、已修改、已废止 或 失效；不填则为现行有效"),
    "公开属性": ("disclosure", False, "填写 主动公开、依申请公开 或 不予公开；不填则为主动公开"),
    "不公开理由": ("disclosure_reason", False, "依申请公开、不予公开时写明法律依据和理由"),
    "摘要": ("summary", False, "内容概述不超过 100 字"),
    "正文文件": ("body_file", False, "填写正文文件夹中的文件名，如 示府办〔2021〕54号.docx"),
    # Optional columns of our export format (and of better-kept ledgers).
    "正文": ("body", False, "正文（HTML 或纯文本）"),
    "行政规范性文件": ("is_normative", False, "填写 是 或 否"),
    "施行日期": ("effective_from", False, "按 2021-03-05 填写"),
    "有效期至": ("effective_until", False, "按 2021-03-05 填写，不得早于施行日期"),
}
REQUIRED_HEADERS = [c for c, (_, required, _) in COLUMNS.items() if required]
FIELD_TO_COLUMN = {key: column for column, (key, _, _) in COLUMNS.items()}
# Spellings seen in office ledgers for the same column.
HEADER_ALIASES = {
    "文号": "发文字号",
    "发文机关": "发布机构",
    "发布单位": "发布机构",
    "印发日期": "成文日期",
    "公开日期": "发布日期",
    "主题": "主题分类",
    "文种": "体裁",
    "关键词": "主题词",
    "时效性": "有效性",
    "效力状态": "有效性",
    "公开方式": "公开属性",
    "内容概述": "摘要",
    "正文附件": "正文文件",
    "规范性文件": "行政规范性文件",
}

VALIDITY = {
    "现行有效": "valid",
    "有效": "valid",
    "已修改": "amended",
    "修改": "amended",
    "已废止": "repealed",
    "废止": "repealed",
    "失效": "expired",
    "已失效": "expired",
}
DISCLOSURE = {
    "主动公开": "proactive",
    "依申请公开": "on_request",
    "不予公开": "withheld",
    "不公开": "withheld",
}
YES = {"是", "yes", "true", "1", "y", "√", "✓"}
NO = {"否", "no", "false", "0", "n", ""}

_HEADER_NOISE = re.compile(r"[\s*＊:：]|（必填）|\(必填\)|（选填）|\(选填\)")


def header_name(raw: Any) -> str:
    """The column a header cell names: 「索引号*」「 发布机构（必填）」→ 索引号/发布机构."""
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    text = _HEADER_NOISE.sub("", text)
    text = HEADER_ALIASES.get(text, text)
    if text in FIELD_TO_COLUMN:  # an English field name (JSON Lines for scripts)
        return FIELD_TO_COLUMN[text]
    return text


def cell_text(value: Any) -> str:
    """A cell as text: None → "", 54.0 → "54", full-width spaces folded, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).replace("\u3000", " ").strip()


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: Any) -> dt.date:
    """A date as ledgers hold it: a spreadsheet date, 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日,
    20210305, or an Excel serial number. Raises ValueError with a Chinese reason."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial day number (1954–2119)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        value = str(int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise ValueError(f"“{text}”不是存在的日期") from None
    raise ValueError(f"“{text}”不是可识别的日期")
