"""发文字号 (document numbers): parse any common spelling into one canonical form.

GB/T 9704-2012 §7.2.4: 发文字号由发文机关代字、年份、发文顺序号组成；年份、发文顺序号用阿拉伯
数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即 1 不编为
01），在阿拉伯数字后加“号”字. The canonical form is therefore `渠府办〔2021〕54号`.

In practice the same number is typed many ways — 渠府办[2021]54号, 渠府办【2021】54号,
渠府办（2021）54号, full-width digits, a space before 号, a 第 before the number, 渠府办2021-54号 —
and all of them parse to the same `DocNumber`. What cannot be read (no year, no number, no issuer,
symbols only) raises `GongkaiError` with a Chinese message saying what is missing.

`doc_number_query_forms` is the lenient reader for search boxes: it also accepts the bracketless
forms people type (`渠府办2021 54`, `渠府办 2021 54号`) and returns None instead of raising, so a
search can try it on every query and boost the exact document when it matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.core.errors import GongkaiError

# Every bracket pair seen around the year in real documents (after NFKC, which already folds
# （）［］｛｝ into their ASCII forms). ﹝﹞ is what Word's symbol table offers for 〔〕.
_OPEN = "〔[【(（［｛{﹝〖〘⦗「『<《"
_CLOSE = "〕]】)）］｝}﹞〗〙⦘」』>》"
_BRACKETS = str.maketrans(dict.fromkeys(_OPEN, "〔") | dict.fromkeys(_CLOSE, "〕"))
_DASHES = "-－—–‐_/／.．"

EXAMPLE = "渠府办〔2021〕54号"
MIN_YEAR, MAX_YEAR = 1949, 2099
_ISSUER = r"[\u4e00-\u9fffA-Za-z]+(?:\s+[\u4e00-\u9fffA-Za-z]+)*?"
_STRICT = [
    # 渠府办〔2021〕54号 and every bracket variant (folded to 〔〕 before matching)
    re.compile(
        rf"^(?P<issuer>{_ISSUER})\s*〔\s*(?P<year>\d{{4}})\s*〕\s*第?\s*(?P<number>\d{{1,6}})\s*号?$"
    ),
    # 渠府办2021-54号
    re.compile(
        rf"^(?P<issuer>{_ISSUER})\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(_DASHES)}]\s*第?"
        rf"\s*(?P<number>\d{{1,6}})\s*号?$"
    ),
]
_LOOSE = [
    # 渠府办2021 54, 渠府办 2021 54号, 渠府办2021年54号
    re.compile(
        rf"^(?P<issuer>{_ISSUER})\s*(?P<year>(?:19|20)\d\d)\s*(?:年\s*|\s)\s*第?\s*(?P<number>\d{{1,6}})\s*号?$"
    ),
    # 渠府办202154号: a four-digit year run together with the number
    re.compile(rf"^(?P<issuer>{_ISSUER})\s*(?P<year>(?:19|20)\d\d)(?P<number>\d{{1,5}})\s*号?$"),
]


@dataclass(frozen=True)
class DocNumber:
    issuer_code: str  # 发文机关代字, e.g. 渠府办
    year: int
    number: int  # 发文顺序号, without 虚位

    @property
    def canonical(self) -> str:
        return f"{self.issuer_code}〔{self.year}〕{self.number}号"

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.issuer_code, self.year, self.number)

    def __str__(self) -> str:
        return self.canonical


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_BRACKETS)
    return re.sub(r"\s+", " ", text).strip()


def _build(m: re.Match[str], original: str) -> DocNumber:
    issuer = re.sub(r"\s+", "", m.group("issuer"))
    year = int(m.group("year"))
    number = int(m.group("number"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise GongkaiError(
            f"发文字号“{original}”中的年份 {year} 不正确，应为四位公元年份，例如：{EXAMPLE}。",
            code="invalid_doc_number",
            field="doc_number",
        )
    if number == 0:
        raise GongkaiError(
            f"发文字号“{original}”中的序号不能为 0，例如：{EXAMPLE}。",
            code="invalid_doc_number",
            field="doc_number",
        )
    if len(issuer) > 30:
        raise GongkaiError(
            f"发文字号“{original}”中的机关代字过长（超过 30 个字），请检查是否误填了标题。",
            code="invalid_doc_number",
            field="doc_number",
        )
    return DocNumber(issuer_code=issuer, year=year, number=number)


def _diagnose(text: str, original: str) -> GongkaiError:
    """Say which part of a 发文字号 is missing, in the words a clerk uses."""

    def err(what: str) -> GongkaiError:
        return GongkaiError(
            f"无法识别发文字号“{original}”：{what}。发文字号由机关代字、年份和序号组成，"
            f"例如：{EXAMPLE}。",
            code="invalid_doc_number",
            field="doc_number",
        )

    if not text:
        return GongkaiError(
            f"请填写发文字号，例如：{EXAMPLE}。", code="invalid_doc_number", field="doc_number"
        )
    if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", text):
        return err("只有符号，没有文字和数字")
    if not re.match(r"^[\u4e00-\u9fffA-Za-z]", text):
        return err("缺少发文机关代字（如“渠府办”），或代字前有多余的符号")
    year = re.search(r"(?<!\d)\d{4}(?!\d)", text)
    if not year:
        return err("缺少四位年份（如“〔2021〕”）")
    rest = text[year.end() :]
    if not re.search(r"\d", rest):
        return err("缺少年份后的序号（如“54号”）")
    return err("格式不正确，年份应写在括号内，序号写在括号后")


MAX_LENGTH = 60


def parse_doc_number(text: str) -> DocNumber:
    """Parse a 发文字号 in any common bracket style; raise GongkaiError when it cannot be read."""
    normal = _normalise(text)
    if len(normal) > MAX_LENGTH:
        raise GongkaiError(
            f"发文字号过长（{len(normal)} 个字符），请只填写发文字号本身，例如：{EXAMPLE}。",
            code="invalid_doc_number",
            field="doc_number",
        )
    for pattern in _STRICT:
        m = pattern.match(normal)
        if m:
            return _build(m, (text or "").strip())
    raise _diagnose(normal, (text or "").strip())


def doc_number_query_forms(text: str) -> DocNumber | None:
    """The 发文字号 a loosely typed search query names, or None if it does not name one."""
    normal = _normalise(text)
    if len(normal) > MAX_LENGTH:
        return None
    for pattern in (*_STRICT, *_LOOSE):
        m = pattern.match(normal)
        if m:
            try:
                return _build(m, normal)
            except GongkaiError:
                return None
    return None
