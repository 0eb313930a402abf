"""The invariants printed on the form, on any table: consistent tables pass, any single wrong
number is caught and named, a missing cell is reported once without hiding the other sums."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.reports import form
from gongkai.reports.checks import check_carried_over, check_tables

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"


def leaves(fmt):
    for group, subs in form.result_groups(fmt):
        yield from (((RESULTS, group, sub) for sub in subs) if subs else [(RESULTS, group)])


@st.composite
def consistent_tables(draw, fmt=form.FORMAT_2021):
    """Decided requests per outcome and column; carried in/out chosen; new = the balance."""
    tables = form.empty_tables(fmt)
    s3 = ("section3",)
    decided = dict.fromkeys(form.S3_PARTS, 0)
    for leaf in leaves(fmt):
        for column in form.S3_PARTS:
            n = draw(st.integers(0, 3))
            form.set_cell(tables, (*s3, *leaf, column), n)
            decided[column] += n
        form.set_cell(
            tables,
            (*s3, *leaf, form.S3_TOTAL),
            sum(form.get_cell(tables, (*s3, *leaf, c)) for c in form.S3_PARTS),
        )
    rows = {TOTAL: decided, CARRIED_IN: {}, CARRIED_OUT: {}, NEW: {}}
    for column in form.S3_PARTS:
        rows[CARRIED_IN][column] = draw(st.integers(0, 5))
        rows[CARRIED_OUT][column] = draw(st.integers(0, decided[column] + rows[CARRIED_IN][column]))
        rows[NEW][column] = decided[column] + rows[CARRIED_OUT][column] - rows[CARRIED_IN][column]
        if rows[NEW][column] < 0:  # more carried in than decided + carried out: move it
            rows[CARRIED_IN][column] += rows[NEW][column]
            rows[NEW][column] = 0
    for label, cells in rows.items():
        path = (*s3, RESULTS, TOTAL) if label == TOTAL else (*s3, label)
        for column, n in cells.items():
            form.set_cell(tables, (*path, column), n)
        form.set_cell(tables, (*path, form.S3_TOTAL), sum(cells.values()))
    for block in form.S4_BLOCKS:
        parts = [draw(st.integers(0, 4)) for _ in form.S4_COLUMNS[:-1]]
        for column, n in zip(form.S4_COLUMNS, [*parts, sum(parts)], strict=True):
            form.set_cell(tables, ("section4", *block, column), n)
    return tables


@settings(max_examples=60, deadline=None)
@given(consistent_tables())
def test_consistent_tables_pass(tables):
    assert check_tables(tables) == []


@settings(max_examples=60, deadline=None)
@given(consistent_tables(), st.data())
def test_any_single_wrong_number_in_section_three_is_caught_where_it_is(tables, data):
    paths = [p for p in form.cell_paths() if p[0] == "section3"]
    path = data.draw(st.sampled_from(paths))
    broken = copy.deepcopy(tables)
    form.set_cell(broken, path, form.get_cell(tables, path) + data.draw(st.integers(1, 9)))
    findings = check_tables(broken)
    assert findings
    # Every finding is about the row or the column of the changed cell.
    row_label, column = form.path_label(path[:-1]), path[-1]
    for finding in findings:
        assert row_label in finding.place or column in finding.place or finding.check == "balance"


def test_a_missing_cell_is_reported_once_and_other_sums_still_checked():
    tables = form.empty_tables()
    del tables["section3"][NEW]["自然人"]
    form.set_cell(tables, ("section4", "行政复议", "结果维持"), 2)  # 总计 still 0
    findings = check_tables(tables)
    assert [(f.check, f.place) for f in findings] == [
        ("missing", f"{NEW} › 自然人"),
        ("row_total", "行政复议 › 总计"),
    ]


def test_a_2019_decrease_is_not_an_error_but_a_negative_count_is():
    tables = form.empty_tables(form.FORMAT_2019)
    form.set_cell(tables, ("section2", "第二十条第（五）项", "行政许可", "本年增/减"), -3)
    assert check_tables(tables, form.FORMAT_2019) == []
    form.set_cell(tables, ("section2", "第二十条第（五）项", "行政许可", "处理决定数量"), -1)
    [finding] = check_tables(tables, form.FORMAT_2019)
    assert finding.check == "not_number"
    assert "处理决定数量" in finding.place


def test_carried_over_compares_with_last_years_carried_out():
    last, this = form.empty_tables(), form.empty_tables()
    form.set_cell(last, ("section3", CARRIED_OUT, "商业企业"), 2)
    form.set_cell(this, ("section3", CARRIED_IN, "商业企业"), 1)
    [finding] = check_carried_over(this, last)
    assert (finding.expected, finding.actual) == (2, 1)
    assert "商业企业" in finding.message
    assert check_carried_over(this, None) == []
