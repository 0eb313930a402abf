"""`gongkai inforequests clock EVENTS.json`: JSON in, JSON out, Chinese errors, no tracebacks."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_clock_errors import INVALID

CASES = Path(__file__).parent / "clock_cases"

# fixture -> (--today, due, status). Dates counted in test_clock_deadlines.py.
VALID = {
    "issue_example": (None, "2026-11-11", "running"),
    "full_path": (None, "2026-12-10", "replied"),
    "fee_paid": (None, "2026-06-04", "running"),
    "agency_silence": ("2026-10-30", "2026-11-20", "running"),
    "correction_awaited": ("2026-10-30", None, "abandoned"),
    "extension_new_year": ("2026-01-28", "2026-01-27", "overdue"),
    "letter_spring_festival": (None, "2026-03-16", "running"),
}


def clock(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("inforequests", "clock", *map(str, args), stdout=out, stderr=err)
    return json.loads(out.getvalue())


def clock_error(*args):
    out = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("inforequests", "clock", *map(str, args), stdout=out)
    assert info.value.returncode != 0
    data = json.loads(out.getvalue())
    assert data["error"]["message"] == str(info.value)
    return data["error"]


def test_every_valid_fixture_is_in_the_table():
    assert {path.stem for path in (CASES / "valid").glob("*.json")} == set(VALID)


@pytest.mark.parametrize(("name", "expected"), sorted(VALID.items()))
def test_valid_sequences_print_the_due_date_status_and_steps(calendar_years, name, expected):
    today, due, status = expected
    args = [CASES / "valid" / f"{name}.json"] + (["--today", today] if today else [])
    data = clock(*args)
    assert data["due"] == due
    assert data["status"] == status
    assert data["steps"][0]["kind"] == "received"
    assert all(step["text"] and step["kind"] and step["date"] for step in data["steps"])


def test_the_issue_example_reads_as_the_issue_says(calendar_years):
    data = clock(CASES / "valid" / "issue_example.json")
    pause = next(step for step in data["steps"] if step["kind"] == "pause")
    assert (pause["start"], pause["end"], pause["workdays"]) == ("2026-10-09", "2026-10-20", 8)
    assert pause["text"] == (
        "2026-10-09 至 2026-10-20 征求某科技有限公司意见，暂停 8 个工作日，"
        "答复期限顺延至 2026-11-11"
    )
    assert data["due"] == "2026-11-11"


@pytest.mark.parametrize(("name", "expected"), sorted(INVALID.items()))
def test_impossible_sequences_print_an_error_and_fail(calendar_years, name, expected):
    code, index, words = expected
    error = clock_error(CASES / "invalid" / f"{name}.json")
    assert (error["code"], error["event_index"]) == (code, index)
    assert words in error["message"]


def test_a_file_that_is_not_json(calendar_years):
    error = clock_error(CASES / "invalid" / "not_json.json")
    assert error["code"] == "bad_input"
    assert "不是有效的 JSON" in error["message"]


def test_a_missing_file(calendar_years, tmp_path):
    error = clock_error(tmp_path / "nothing.json")
    assert error["code"] == "bad_input"
    assert "找不到事件文件" in error["message"]


@pytest.mark.parametrize("today", ["2026-13-01", "tomorrow", "2026/11/23"])
def test_a_bad_today(calendar_years, today):
    error = clock_error(CASES / "valid" / "issue_example.json", "--today", today)
    assert error["code"] == "bad_date"
    assert "--today" in error["message"]


def test_today_in_a_year_the_calendar_does_not_know(calendar_years):
    error = clock_error(CASES / "valid" / "issue_example.json", "--today", "2027-01-05")
    assert error["code"] == "calendar_year_missing"
    assert "2027年" in error["message"]


def test_the_calendar_comes_from_the_database(db):
    """With no year entered the clock says which year is missing instead of guessing."""
    from gongkai.core.workdays.models import CalendarYear

    CalendarYear.objects.all().delete()
    error = clock_error(CASES / "valid" / "issue_example.json")
    assert error["code"] == "calendar_year_missing"
    assert "2026年的节假日安排尚未录入" in error["message"]


def test_no_subcommand_is_a_chinese_usage_error():
    with pytest.raises(CommandError) as info:
        call_command("inforequests")
    assert "缺少参数" in str(info.value)


@pytest.mark.parametrize(
    ("args", "amount"),
    [(["--pages", "250"], "4700"), (["--count", "35"], "200"), (["--pages", "30"], "0")],
)
def test_fee_subcommand(args, amount):
    out = io.StringIO()
    call_command("inforequests", "fee", *args, stdout=out)
    data = json.loads(out.getvalue())
    assert data["amount"] == amount
    assert data["text_lines"][-1].startswith("合计：")


def test_fee_subcommand_refuses_a_zeroth_request():
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("inforequests", "fee", "--count", "0", stdout=out)
    assert "不小于 1" in json.loads(out.getvalue())["error"]["message"]
