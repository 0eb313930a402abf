"""The information-processing fee (信息处理费) and its explanation for the fee notice. Pure.

《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): disclosure is free (条例第四十二条); a
fee is charged only where an applicant's requests clearly exceed a reasonable range, by ONE of:

* 按件计收 (per request), counting the same applicant's requests in one calendar month: the 1st
  to 10th are free; the 11th to 30th cost 100 yuan each; from the 31st, every band of 10 requests
  costs 100 yuan more per request than the band before (31–40: 200, 41–50: 300, ...).
* 按量计收 (per volume), counting the pages of one request. The measures write each band as
  "…的部分" (the part of the pages in that band), so the rates are marginal (tiered), like income
  tax brackets: pages 1–30 free, pages 31–100 at 10 yuan, pages 101–200 at 20 yuan, pages from
  the 201st at 40 yuan. 100 pages therefore cost 70 × 10 = 700 yuan, not 100 × 10.

Each function returns a ``FeeExplanation``: the basis, the rate table, one line per band actually
charged and the total, in the Chinese the fee notice prints. Amounts are ``Decimal`` yuan.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.core.errors import GongkaiError

SOURCE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

FREE_REQUESTS_PER_MONTH = 10
SECOND_BAND_LAST = 30
SECOND_BAND_RATE = Decimal(100)
BAND_SIZE = 10
BAND_STEP = Decimal(100)

# (first page, last page or None for "and above", yuan per page)
VOLUME_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)

COUNT_RATE_TEXT = (
    "同一申请人一个自然月内累计申请 10 件以下（含 10 件）的不收费；"
    "第 11—30 件每件 100 元；第 31 件起以 10 件为一档，每增加一档每件加收 100 元"
    "（第 31—40 件每件 200 元，第 41—50 件每件 300 元，依此类推）"
)
VOLUME_RATE_TEXT = (
    "同一申请 30 页以下（含 30 页）的不收费；第 31—100 页的部分每页 10 元；"
    "第 101—200 页的部分每页 20 元；第 201 页以上的部分每页 40 元"
)


class FeeMethod(enum.StrEnum):
    BY_COUNT = "by_count"
    BY_VOLUME = "by_volume"

    @property
    def label(self) -> str:
        return {"by_count": "按件计收", "by_volume": "按量计收"}[self.value]


def _yuan(amount: Decimal) -> str:
    return f"{amount:.2f}".rstrip("0").rstrip(".") + " 元"


@dataclass(frozen=True)
class FeeLine:
    """One band: ``quantity`` requests or pages at ``rate`` yuan each."""

    first: int
    last: int
    quantity: int
    rate: Decimal
    amount: Decimal
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "last": self.last,
            "quantity": self.quantity,
            "rate": str(self.rate),
            "amount": str(self.amount),
            "text": self.text,
        }


@dataclass(frozen=True)
class FeeExplanation:
    method: FeeMethod
    quantity: int  # the nth request of the month, or the number of pages
    basis: str
    rate: str
    lines: tuple[FeeLine, ...]
    amount: Decimal

    @property
    def free(self) -> bool:
        return self.amount == 0

    @property
    def text_lines(self) -> list[str]:
        """What the fee notice prints, in order: basis, rates, calculation, amount."""
        total = "不收取信息处理费。" if self.free else f"应缴纳信息处理费 {_yuan(self.amount)}。"
        return [
            f"收费依据：{self.basis}",
            f"收费标准：{self.rate}。",
            *(f"计算：{line.text}" for line in self.lines),
            f"合计：{_yuan(self.amount)}，{total}",
        ]

    @property
    def text(self) -> str:
        return "\n".join(self.text_lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "method_label": self.method.label,
            "quantity": self.quantity,
            "basis": self.basis,
            "rate": self.rate,
            "lines": [line.to_dict() for line in self.lines],
            "amount": str(self.amount),
            "free": self.free,
            "text_lines": self.text_lines,
        }


def _whole_number(value: Any, *, what: str, field: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise GongkaiError(f"{what}应为整数，收到的是“{value}”。", field=field)
    if value < minimum:
        raise GongkaiError(f"{what}应不小于 {minimum}，收到的是 {value}。", field=field)
    return value


def count_rate(nth: int) -> tuple[int, int, Decimal]:
    """The band (first, last) holding the ``nth`` request of the month and its per-request fee."""
    if nth <= FREE_REQUESTS_PER_MONTH:
        return 1, FREE_REQUESTS_PER_MONTH, Decimal(0)
    if nth <= SECOND_BAND_LAST:
        return FREE_REQUESTS_PER_MONTH + 1, SECOND_BAND_LAST, SECOND_BAND_RATE
    band = (nth - SECOND_BAND_LAST - 1) // BAND_SIZE  # 31–40 is band 0
    first = SECOND_BAND_LAST + 1 + band * BAND_SIZE
    return first, first + BAND_SIZE - 1, SECOND_BAND_RATE + BAND_STEP * (band + 1)


def fee_by_count(nth_request_this_month: int) -> FeeExplanation:
    """The fee for an applicant's ``nth`` request in the calendar month (按件计收)."""
    nth = _whole_number(
        nth_request_this_month, what="本月申请件次", field="nth_request_this_month", minimum=1
    )
    first, last, rate = count_rate(nth)
    band = f"第 {first}—{last} 件"
    if rate:
        text = f"本申请为该申请人本月第 {nth} 件，属{band}，每件 {_yuan(rate)}，计 {_yuan(rate)}"
    else:
        text = f"本申请为该申请人本月第 {nth} 件，属{band}，不收费"
    line = FeeLine(first=first, last=last, quantity=1, rate=rate, amount=rate, text=text)
    return FeeExplanation(
        method=FeeMethod.BY_COUNT,
        quantity=nth,
        basis=f"{SOURCE}，按件计收（同一申请人一个自然月内累计申请件数）",
        rate=COUNT_RATE_TEXT,
        lines=(line,),
        amount=rate,
    )


def fee_by_volume(pages: int) -> FeeExplanation:
    """The fee for one request of ``pages`` pages (按量计收), band by band (marginal rates)."""
    pages = _whole_number(pages, what="页数", field="pages", minimum=0)
    lines = []
    for first, last, rate in VOLUME_BANDS:
        if pages < first:
            break
        top = pages if last is None else min(pages, last)
        quantity = top - first + 1
        amount = rate * quantity
        band = f"第 {first}—{last} 页" if last is not None else f"第 {first} 页以上"
        if rate:
            text = f"{band}：{quantity} 页 × {_yuan(rate)}/页 = {_yuan(amount)}"
        else:
            text = f"{band}：{quantity} 页，不收费"
        lines.append(
            FeeLine(first=first, last=top, quantity=quantity, rate=rate, amount=amount, text=text)
        )
    amount = sum((line.amount for line in lines), Decimal(0))
    return FeeExplanation(
        method=FeeMethod.BY_VOLUME,
        quantity=pages,
        basis=f"{SOURCE}，按量计收（本申请提供的政府信息共 {pages} 页）",
        rate=VOLUME_RATE_TEXT,
        lines=tuple(lines),
        amount=amount,
    )


def fee_compute(*, method: FeeMethod | str, quantity: int) -> FeeExplanation:
    """The fee by the method the office chose: 按件 (quantity = nth request) or 按量 (pages)."""
    try:
        method = FeeMethod(method)
    except ValueError:
        raise GongkaiError(
            f"收费方式“{method}”无法识别，应为 by_count（按件计收）或 by_volume（按量计收）。",
            field="method",
        ) from None
    if method is FeeMethod.BY_COUNT:
        return fee_by_count(quantity)
    return fee_by_volume(quantity)
