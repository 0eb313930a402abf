"""The secrecy and privacy check run on everything before it is published.

`scan(text)` returns `Finding`s with character offsets into the *original* text, so the review
page can highlight them in place. Full-width digits and symbols (１３８…, ＠) are folded to ASCII
by a one-to-one character map, which keeps every offset valid.

Kinds and rules (each finding's message is the Chinese text shown to the reviewer):

- `id_number` — 18-character resident ID numbers, GB 11643-1999 公民身份号码: a known province code
  (GB/T 2260 first two digits), a real birth date (YYYYMMDD, not in the future, not before 1900)
  and the ISO 7064 MOD 11-2 check character (0–9 or X). A number with the shape of an ID (province
  and date valid) but a wrong check character is a typo or a made-up example and is not flagged —
  nor as a bank card. Masked IDs (5107**********123X) are already safe and are not flagged.
- `bank_card` — 16–19 digits, optionally in groups of four, passing the Luhn check (ISO/IEC 7812-1
  Annex B) and starting with an issuer digit used by cards in China (3 JCB, 4 Visa, 5 Mastercard,
  6 UnionPay/Discover, 9 older domestic debit). One random number in ten passes Luhn, so any such
  number is reported as *suspected*; the reviewer releases it if it is an order or file number.
  After 账号/卡号/账户 any 12–25-digit run is reported as a bank account even without Luhn,
  because 对公账户 numbers carry no check digit.
- `mobile` — mainland mobile numbers 1[3-9]x xxxx xxxx, also written 138-0013-8000 or
  138 0013 8000 or with +86, never inside a longer run of digits or letters, never a decimal or an
  amount (…元/万元/亿元).
- `landline` — 0 + a real area code (010, 02x, 0[3-9]xx) + a 7–8-digit local number starting 2–8,
  with -, —, space or （0818） around the area code and an optional extension (-801, 转801). Numbers
  without an area code are not flagged: a bare 7–8-digit run is far more often an amount or a count.
  Dates (2026-10-08), 发文字号 and 索引号 (000014349/2017-00110) do not fit the area-code rule.
- `email` — RFC 5322-ish addresses with an ASCII local part and a dotted domain.
- `secrecy_mark` — 密级 marks. The words 绝密/机密/秘密/内部 are common in ordinary prose
  about secrecy (保守秘密, 国家秘密, 内部控制, 机密性, 内部事务信息 as a 不予公开 reason), so
  they are flagged only in the positions marks take on a document (GB/T 9704-2012 §7.2.2:
  顶格编排在版心左上角, “秘密★1年”): with a ★ (秘密★, 机密★5年, 绝密★启用前); with a
  保密期限 (机密 5年, 秘密长期); after a label (密级：机密); or alone on their line, optionally
  with an urgency word (机密 特急, 内部资料, 注意保存). In prose only unambiguous phrases are
  flagged (内部资料，注意保存, 仅供内部使用, 请勿外传). The trade-off: a mark buried
  mid-sentence (“本文属机密”) is missed — a reviewer reads the text anyway — in exchange for
  not flooding every 不予公开 decision with false alarms.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ID_NUMBER = "id_number"
BANK_CARD = "bank_card"
MOBILE = "mobile"
LANDLINE = "landline"
EMAIL = "email"
SECRECY_MARK = "secrecy_mark"
KINDS = (ID_NUMBER, BANK_CARD, MOBILE, LANDLINE, EMAIL, SECRECY_MARK)

MESSAGES = {
    ID_NUMBER: "疑似身份证号码：公开前请删除或隐去中间部分（如 5107**********123X）。",
    BANK_CARD: "疑似银行卡号或银行账号：公开前请删除或隐去。",
    MOBILE: "疑似手机号码：个人手机号码公开前请删除或隐去中间四位。",
    LANDLINE: "疑似固定电话号码：如非对外公布的办公电话，公开前请删除。",
    EMAIL: "疑似电子邮箱地址：如非对外公布的工作邮箱，公开前请删除。",
    SECRECY_MARK: "疑似密级或内部标志：涉密或内部文件不得公开，请核实后处理。",
}
KIND_LABELS = {
    ID_NUMBER: "身份证号码",
    BANK_CARD: "银行卡号",
    MOBILE: "手机号码",
    LANDLINE: "固定电话",
    EMAIL: "电子邮箱",
    SECRECY_MARK: "密级标志",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    message: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


# Full-width → ASCII, one character for one character so that offsets stay valid.
_FOLD = str.maketrans(
    {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " ", "\u00a0": " "}
)

# GB/T 2260 province-level codes: the first two digits of every resident ID (81/82/83: residence
# permits of Hong Kong, Macao and Taiwan residents).
_PROVINCES = frozenset(
    str(code)
    for block in (range(11, 16), range(21, 24), range(31, 38), range(41, 47), range(50, 55))
    for code in block
) | frozenset(("61", "62", "63", "64", "65", "71", "81", "82", "83"))
# GB 11643-1999 §8.2: ISO 7064 MOD 11-2 weights and the check character for each remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _id_shaped(digits: str, today: dt.date | None = None) -> bool:
    """Province code and birth date are plausible (the check character is not looked at)."""
    if len(digits) != 18 or not digits[:17].isdigit() or digits[:2] not in _PROVINCES:
        return False
    try:
        born = dt.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())


def is_valid_id_number(value: str, today: dt.date | None = None) -> bool:
    """GB 11643-1999: province, birth date and MOD 11-2 check character all valid."""
    value = value.upper()
    return _id_shaped(value, today) and id_check_char(value[:17]) == value[17]


def luhn_valid(digits: str) -> bool:
    """ISO/IEC 7812-1 Annex B (Luhn): double every second digit from the right."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_B = r"(?<![0-9A-Za-z])"  # not glued to a longer run of digits or letters
_E = r"(?![0-9A-Za-z])"
_NOT_DECIMAL_BEFORE = r"(?<!\d\.)"
_NOT_DECIMAL_AFTER = r"(?!\.\d)"
_NOT_AMOUNT = r"(?!\s*(?:元|万|亿|千|百|%|‰|吨|平方|亩|人次))"

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z-])"
)
_ID_RE = re.compile(
    _B + _NOT_DECIMAL_BEFORE + r"(\d{6}[ ]?\d{8}[ ]?\d{3}[0-9Xx])" + _E + _NOT_DECIMAL_AFTER
)
_CARD_RES = [
    re.compile(_B + _NOT_DECIMAL_BEFORE + r"\d{16,19}" + _E + _NOT_DECIMAL_AFTER),
    # 6222 0212 3456 7890 123: groups of four, not the middle of a longer grouped number
    re.compile(
        _B
        + r"(?<!\d[ -])\d{4}([ -])\d{4}(?:\1\d{4}){2}(?:\1?\d{1,3})?"
        + _E
        + r"(?![ -]\d)"
        + _NOT_DECIMAL_AFTER
    ),
]
_ACCOUNT_RE = re.compile(
    r"(?:账号|卡号|账户|帐号|帐户)\s*(?:[:：为是]\s*)?"
    r"(\d(?:[ -]?\d){11,24})" + _E + _NOT_DECIMAL_AFTER
)
_MOBILE_RE = re.compile(
    _B
    + _NOT_DECIMAL_BEFORE
    + r"(?<!\d-)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:\d{8}|([ -])\d{4}\1\d{4})"
    + _E
    + r"(?![ -]?\d)"
    + _NOT_DECIMAL_AFTER
    + _NOT_AMOUNT
)
_AREA = r"0(?:10|2\d|[3-9]\d{2})"
_LOCAL = r"[2-8]\d{2,3}[ -]?\d{4}"
_EXT = r"(?:\s*(?:-|转|分机|ext\.?)\s*\d{1,5})?"
_LANDLINE_RE = re.compile(
    r"(?<![0-9A-Za-z/-])"
    + _NOT_DECIMAL_BEFORE
    + rf"(?:[(（]{_AREA}[)）]\s*|{_AREA}(?:[ \-—–]|(?=[2-8])))"
    + _LOCAL
    + r"(?![0-9A-Za-z/])"
    + _NOT_DECIMAL_AFTER
    + _NOT_AMOUNT
    + _EXT
    + r"(?![0-9])"
)

_MARK = r"(?:绝密|机密|秘密)"
_PERIOD = r"(?:\d{1,2}\s*(?:年|个月|月)|长期|启用前|公布前|开考前)"
_URGENCY = r"(?:特急|加急|特提|平急|急件)"
_LINE_MARKS = (
    r"(?:绝密|机密|秘密|内部|内部资料|内部文件|内部刊物|内部资料[，,、\s]*注意保存|注意保存|"
    r"内部使用|内部发行|内部参阅|内部传阅|工作秘密|密件)"
)
_SECRECY_RES = [
    # 秘密★, 机密★5年, 绝密★启用前 — the ★ makes it unambiguous wherever it is.
    re.compile(rf"{_MARK}[ \t]*[★☆✩✭⭐*＊][ \t]*{_PERIOD}?"),
    # 机密 5年, 秘密长期: a mark with its 保密期限.
    re.compile(rf"{_MARK}[ \t]*{_PERIOD}"),
    # 密级：机密 in a metadata table.
    re.compile(rf"密[ \t]*级[ \t]*[:：]?[ \t]*{_MARK}"),
    # A mark alone on its line (top left of a document), perhaps with the urgency next to it.
    re.compile(
        rf"(?m)^[ \t]*(?P<mark>[【〔\[(（]?{_LINE_MARKS}[】〕\])）]?(?:[ \t]+{_URGENCY})?)[ \t]*$"
    ),
    re.compile(rf"(?m)^[ \t]*(?P<mark>{_MARK}[ \t]+{_URGENCY})"),
    # Unambiguous in running text.
    re.compile(
        r"内部资料[，,、\s]*注意保存|仅供内部(?:使用|参考|参阅)|仅限内部使用|请勿外传|严禁外传"
    ),
]


def scan(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """Every suspected ID, card, phone, e-mail and secrecy mark in `text`, in text order."""
    if not text:
        return []
    folded = text.translate(_FOLD)
    findings: list[Finding] = []
    # One byte per character: 1 where a finding (or an ID-shaped typo) already sits, so that the
    # first, more specific rule wins and nothing is reported twice.
    taken = bytearray(len(text))

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    def add(kind: str, start: int, end: int) -> None:
        if taken.find(1, start, end) != -1:
            return
        take(start, end)
        findings.append(Finding(kind, start, end, text[start:end], MESSAGES[kind]))

    for m in _EMAIL_RE.finditer(folded):
        add(EMAIL, m.start(), m.end())

    id_shaped: list[tuple[int, int]] = []
    for m in _ID_RE.finditer(folded):
        value = m.group(1).replace(" ", "").upper()
        if is_valid_id_number(value, today):
            add(ID_NUMBER, m.start(), m.end())
        elif _id_shaped(value, today):
            id_shaped.append((m.start(), m.end()))
    for start, end in id_shaped:  # an ID with a typo is not a bank card either
        take(start, end)

    for m in _ACCOUNT_RE.finditer(folded):
        add(BANK_CARD, m.start(1), m.end(1))
    for pattern in _CARD_RES:
        for m in pattern.finditer(folded):
            digits = re.sub(r"[ -]", "", m.group(0))
            if 16 <= len(digits) <= 19 and digits[0] in "34569" and luhn_valid(digits):
                add(BANK_CARD, m.start(), m.end())

    for m in _MOBILE_RE.finditer(folded):
        add(MOBILE, m.start(), m.end())
    for m in _LANDLINE_RE.finditer(folded):
        add(LANDLINE, m.start(), m.end())

    for pattern in _SECRECY_RES:
        for m in pattern.finditer(folded):
            start, end = m.span("mark") if "mark" in pattern.groupindex else m.span()
            add(SECRECY_MARK, start, end)

    return sorted(findings, key=lambda f: (f.start, f.end))


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """The text with each number's middle and each e-mail's local part replaced by *.

    Secrecy marks are left alone: a marked document is withheld, not redacted.
    """
    findings = scan(text) if findings is None else findings
    folded = text.translate(_FOLD)
    out = list(text)
    for f in findings:
        if f.kind == SECRECY_MARK:
            continue
        if f.kind == EMAIL:
            positions = list(range(f.start + 1, folded.find("@", f.start, f.end)))
        else:
            digits = [
                i for i in range(f.start, f.end) if folded[i].isascii() and folded[i].isalnum()
            ]
            positions = digits[3:-4] if len(digits) > 8 else digits[3:]
        for i in positions:
            out[i] = "*"
    return "".join(out)
