"""`gongkai workdays ...` as a person types it."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.audit.models import AuditEvent
from gongkai.core.workdays.models import CalendarYear

EXAMPLE = Path(__file__).resolve().parents[1] / "workdays" / "examples" / "example-year.csv"


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (("add", "2026-09-30", "1"), "2026-10-08"),
        (("add", "2026-09-30", "20"), "2026-11-03"),
        (("add", "2026-02-14", "1"), "2026-02-24"),
        (("add", "2026-09-30", "0"), "2026-09-30"),
        (("between", "2026-09-30", "2026-10-12"), "4"),
        (("between", "2026-10-12", "2026-09-30"), "-4"),
        (("between", "2025-12-31", "2026-01-05"), "2"),
    ],
)
def test_arithmetic(calendar_years, args, printed):
    assert run(*args) == printed


@pytest.mark.parametrize(
    ("day", "printed"),
    [
        ("2026-10-10", "2026-10-10（星期六）是工作日（调休上班，国庆节）"),
        ("2026-10-03", "2026-10-03（星期六）不是工作日（放假，国庆节）"),
        ("2026-10-12", "2026-10-12（星期一）是工作日（平日）"),
        ("2026-10-11", "2026-10-11（星期日）不是工作日（周末）"),
    ],
)
def test_is(calendar_years, day, printed):
    assert run("is", day) == printed


@pytest.mark.parametrize(
    "args",
    [
        ("add", "2026-12-30", "5"),
        ("add", "2027-01-04", "1"),
        ("between", "2026-12-01", "2027-01-10"),
        ("is", "2027-01-01"),
    ],
)
def test_a_date_in_2027_is_refused_naming_the_year(calendar_years, args):
    with pytest.raises(CommandError, match="2027年的节假日安排尚未录入"):
        run(*args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-13-01", "1"), "不是有效日期"),
        (("add", "2026-09-30", "x"), "不是整数"),
        (("add", "2026-09-30", "-1"), "不能为负数"),
        (("add", "2026-09-30"), "缺少参数：工作日数"),
        (("frobnicate",), "没有子命令"),
        (("year", "二〇二七"), "不是整数"),
        (("year", "2031", "--import", "/nonexistent/file.csv"), "找不到文件"),
        (("seed", "1999"), "数据包没有1999年"),
    ],
)
def test_bad_arguments_get_a_chinese_message(calendar_years, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_year_shows_the_arrangement(calendar_years):
    out = run("year", "2026")
    assert "来源：chinese-calendar 数据包" in out
    assert "国庆节：2026-10-01 至 2026-10-07，共7天" in out
    assert "春节：2026-02-15 至 2026-02-23，共9天" in out
    assert "2026-10-10（星期六）国庆节" in out
    assert "2026-09-20（星期日）国庆节" in out


def test_year_says_when_a_year_is_missing(calendar_years):
    assert "2027年的节假日安排尚未录入" in run("year", "2027")


def test_importing_a_year_makes_add_work_there(calendar_years):
    with pytest.raises(CommandError, match="2031"):
        run("add", "2031-09-30", "1")
    out = run("year", "2031", "--import", str(EXAMPLE), "--notice", "虚构示例")
    assert "已导入2031年节假日安排：放假20天，调休上班5天" in out
    assert run("add", "2031-09-30", "1") == "2031-10-08"
    year = CalendarYear.objects.get(year=2031)
    assert (year.source, year.notice) == ("import", "虚构示例")
    event = AuditEvent.objects.get(verb="workdays.year_set", object_id="2031")
    assert event.actor_id is None
    assert event.actor_label == "系统（命令行）"
    assert "放假（共20天）" in run("year", "2031")


def test_a_bad_file_is_refused_with_its_lines_and_imports_nothing(calendar_years, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind,name\n2031-10-01,holiday,国庆节\n2031-10-15,workday,\n", "utf-8")
    with pytest.raises(CommandError, match="导入失败，未作任何更改") as info:
        run("year", "2031", "--import", str(bad))
    assert "只能是星期六或星期日" in str(info.value)
    assert not CalendarYear.objects.filter(year=2031).exists()


def test_a_file_for_another_year_is_refused(calendar_years):
    with pytest.raises(CommandError, match="不在2032年内"):
        run("year", "2032", "--import", str(EXAMPLE))


@pytest.mark.parametrize(
    ("today", "warns"),
    [("2026-10-31", False), ("2026-11-01", True)],
)
def test_status_lists_years_and_warns_from_1_november(calendar_years, today, warns):
    out = run("status", "--today", today)
    assert "2026  放假33天  调休上班6天  chinese-calendar 数据包" in out
    assert ("警告：2027年的节假日安排尚未录入" in out) is warns


def test_seed_reports_nothing_to_do_when_up_to_date(calendar_years):
    assert "没有需要更新的年份" in run("seed", "2024", "2025", "2026")


def test_the_example_file_says_it_is_fictional():
    head = EXAMPLE.read_text("utf-8").splitlines()[0]
    assert "虚构" in head
    assert "2031" in EXAMPLE.read_text("utf-8")
