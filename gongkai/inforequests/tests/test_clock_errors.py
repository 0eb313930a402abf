"""Impossible event sequences: refused with a stable code, the event and a Chinese reason."""

import json
import re
from pathlib import Path

import pytest

from gongkai.core.workdays.seed import calendar_from_package
from gongkai.inforequests.clock import ClockError, compute, events_from_json

CAL = calendar_from_package(range(2024, 2027))
CASES = Path(__file__).parent / "clock_cases" / "invalid"

# fixture file -> (error code, 0-based index of the offending event, words the message must say)
INVALID = {
    "not_received_first": ("not_received_first", 0, "收到申请"),
    "second_received": ("second_received", 1, "只能有一个"),
    "second_correction": ("second_correction", 3, "一次性告知"),
    "correction_too_late": ("correction_too_late", 1, "第 8 个工作日"),
    "correction_not_requested": ("correction_not_requested", 1, "补正通知"),
    "second_extension": ("second_extension", 2, "只允许延长一次"),
    "extension_over_20": ("extension_out_of_range", 1, "最长不得超过 20 个工作日"),
    "extension_zero": ("extension_out_of_range", 1, "1 至 20"),
    "extension_after_due": ("extension_after_due", 1, "晚于当时的答复期限 2026-10-30"),
    "consultation_not_started": ("consultation_not_started", 1, "开始征求意见"),
    "consultation_open": ("consultation_open", 2, "尚未结束"),
    "fee_not_noticed": ("fee_not_noticed", 1, "收费通知"),
    "fee_paid_late": ("fee_paid_late", 2, "2026-06-02"),
    "out_of_order": ("out_of_order", 2, "早于前一个事件"),
    "after_terminal": ("after_terminal", 2, "之后不能再记录"),
    "calendar_year_missing": ("calendar_year_missing", 0, "2027年"),
    "due_in_missing_year": ("calendar_year_missing", 0, "2027年"),
    "awaiting_correction": ("awaiting_correction", 2, "等待补正"),
    "awaiting_payment": ("awaiting_payment", 2, "尚未缴费"),
    "no_events": ("no_events", None, "至少要有"),
    "unknown_event": ("unknown_event", 1, "postponed"),
    "bad_date": ("bad_date", 0, "2026-02-30"),
    "missing_field": ("missing_field", 0, "channel"),
    "unknown_field": ("unknown_field", 1, "workday"),
    "bad_value": ("bad_value", 0, "pigeon"),
    "not_a_list": ("bad_input", None, "JSON 数组"),
}

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_invalid_fixture_is_in_the_table():
    on_disk = {path.stem for path in CASES.glob("*.json")} - {"not_json"}
    assert on_disk == set(INVALID)


@pytest.mark.parametrize(("name", "expected"), sorted(INVALID.items()))
def test_impossible_sequences_are_refused(name, expected):
    code, index, words = expected
    data = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    with pytest.raises(ClockError) as info:
        compute(events_from_json(data), CAL)
    error = info.value
    assert (error.code, error.event_index) == (code, index)
    assert words in error.message
    assert CJK.search(error.message)
    if index is not None:
        assert f"第 {index + 1} 个事件" in error.message or error.code == "calendar_year_missing"


def test_a_missing_year_names_the_year_and_how_to_fix_it():
    data = json.loads((CASES / "due_in_missing_year.json").read_text(encoding="utf-8"))
    with pytest.raises(ClockError) as info:
        compute(events_from_json(data), CAL)
    assert info.value.year == 2027
    assert "2027年的节假日安排尚未录入" in info.value.message
    assert info.value.to_dict()["year"] == 2027


def test_today_before_the_last_event_is_refused():
    import datetime as dt

    events = events_from_json([{"event": "received", "date": "2026-09-28", "channel": "fax"}])
    with pytest.raises(ClockError) as info:
        compute(events, CAL, today=dt.date(2026, 9, 27))
    assert info.value.code == "today_before_events"


def test_submitted_after_receipt_is_refused():
    events = events_from_json(
        [
            {
                "event": "received",
                "date": "2026-09-28",
                "channel": "letter",
                "submitted_on": "2026-09-29",
            }
        ]
    )
    with pytest.raises(ClockError) as info:
        compute(events, CAL)
    assert info.value.code == "bad_value"


def test_the_error_is_an_application_error_views_can_show():
    from gongkai.core.errors import GongkaiError

    with pytest.raises(GongkaiError):
        compute([], CAL)
