"""The invariants printed on the form, checked before publication and on every import.

Each failed check is a ``Finding``: which check, where (a readable place), what was expected and
what the form says. ``check_tables`` is used for generated and imported reports alike;
``check_carried_over`` compares row 二 with last year's row 四 when last year's report is known.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from gongkai.inforequests.outcomes import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)

from .form import (
    FORMAT_2021,
    S3_COLUMNS,
    S3_PARTS,
    S3_TOTAL,
    S4_BLOCKS,
    S4_COLUMNS,
    Path,
    cell_paths,
    get_cell,
    is_money,
    path_label,
    result_groups,
)

CHECK_LABELS = {
    "missing": "栏目缺失",
    "not_number": "数值无效",
    "balance": "一＋二＝三（七）＋四",
    "row_total": "各列之和等于总计",
    "results_total": "（七）总计等于各项办理结果之和",
    "carried_over": "上年结转数等于上年报告的结转下年度数",
}


@dataclass(frozen=True)
class Finding:
    check: str  # a key of CHECK_LABELS
    place: str  # readable: 三、本年度办理结果 › （七）总计 › 自然人
    expected: Any
    actual: Any

    @property
    def label(self) -> str:
        return CHECK_LABELS[self.check]

    @property
    def message(self) -> str:
        if self.check == "missing":
            return f"缺少“{self.place}”。"
        if self.check == "not_number":
            return f"“{self.place}”应为非负数，现为“{self.actual}”。"
        return f"{self.label}不成立：{self.place}应为 {self.expected}，表中为 {self.actual}。"

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label, "message": self.message}


# The 2019 trial format's 本年增/减 is a change, and may be negative.
SIGNED_COLUMNS = frozenset({"本年增/减"})


def _n(tables: dict[str, Any], path: Path) -> int | None:
    """The cell's count, or None when it is missing or not a number (checked separately)."""
    value = get_cell(tables, path)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _sum(tables: dict[str, Any], paths: list[Path]) -> int | None:
    values = [_n(tables, p) for p in paths]
    return None if any(v is None for v in values) else sum(values)


def check_tables(tables: dict[str, Any], fmt: str = FORMAT_2021) -> list[Finding]:
    """Every invariant of sections 三 and 四 (and that every cell is a non-negative number).

    A missing or unreadable cell is reported once; the sums that involve it are not checked
    (they could only repeat the same problem), every other sum is.
    """
    findings: list[Finding] = []
    for path in cell_paths(fmt):
        value = get_cell(tables, path)
        if value is None:
            findings.append(Finding("missing", path_label(path), None, None))
            continue
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and not is_money(path, fmt):
            ok = isinstance(value, int)
        if not ok or (value < 0 and path[-1] not in SIGNED_COLUMNS):
            findings.append(Finding("not_number", path_label(path), None, value))

    s3 = ("section3",)
    result_rows: list[Path] = []
    for group, subs in result_groups(fmt):
        if subs:
            result_rows += [(*s3, ROW_RESULTS, group, sub) for sub in subs]
        else:
            result_rows.append((*s3, ROW_RESULTS, group))
    total_row = (*s3, ROW_RESULTS, ROW_TOTAL)
    rows = [(*s3, ROW_NEW), (*s3, ROW_CARRIED_IN), *result_rows, total_row, (*s3, ROW_CARRIED_OUT)]

    def compare(check: str, place: str, expected: int | None, actual: int | None) -> None:
        if expected is not None and actual is not None and expected != actual:
            findings.append(Finding(check, place, expected, actual))

    # Each row: the applicant columns add up to 总计.
    for row in rows:
        compare(
            "row_total",
            path_label((*row, S3_TOTAL)),
            _sum(tables, [(*row, c) for c in S3_PARTS]),
            _n(tables, (*row, S3_TOTAL)),
        )
    for block in S4_BLOCKS:
        row = ("section4", *block)
        compare(
            "row_total",
            path_label((*row, "总计")),
            _sum(tables, [(*row, c) for c in S4_COLUMNS[:-1]]),
            _n(tables, (*row, "总计")),
        )

    for column in S3_COLUMNS:
        # （七）总计 is the sum of every outcome row.
        total = _n(tables, (*total_row, column))
        compare(
            "results_total",
            path_label((*total_row, column)),
            _sum(tables, [(*row, column) for row in result_rows]),
            total,
        )
        # Printed on the form: 一 + 二 = 三（七）+ 四, in every column.
        left = _sum(tables, [(*s3, ROW_NEW, column), (*s3, ROW_CARRIED_IN, column)])
        right = _sum(tables, [(*total_row, column), (*s3, ROW_CARRIED_OUT, column)])
        if left is not None and right is not None and left != right:
            findings.append(
                Finding("balance", f"{column}列", f"一＋二＝{left}", f"三（七）＋四＝{right}")
            )
    return findings


def check_carried_over(tables: dict[str, Any], last_year: dict[str, Any] | None) -> list[Finding]:
    """Row 二 this year = row 四 of last year's report, column by column (when it is known)."""
    if not last_year:
        return []
    findings = []
    for column in S3_COLUMNS:
        expected = get_cell(last_year, ("section3", ROW_CARRIED_OUT, column))
        actual = get_cell(tables, ("section3", ROW_CARRIED_IN, column))
        if expected is not None and actual is not None and expected != actual:
            findings.append(
                Finding(
                    "carried_over",
                    path_label(("section3", ROW_CARRIED_IN, column)),
                    expected,
                    actual,
                )
            )
    return findings
