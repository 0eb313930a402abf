"""Bulk import: the per-row check in Chinese, nothing written on a dry run or a bad file,
idempotent re-import, the JSON Lines round trip, and the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gongkai.core.audit.models import AuditEvent
from gongkai.core.errors import PermissionDenied
from gongkai.library.importer.columns import parse_date
from gongkai.library.importer.models import ImportRun
from gongkai.library.importer.records import document_record, export_jsonl
from gongkai.library.importer.services import ImportRejected, library_import
from gongkai.library.models import Document, Topic
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, staff

pytestmark = pytest.mark.django_db

HEADER = [
    "索引号",
    "标题",
    "发文字号",
    "发布机构",
    "成文日期",
    "发布日期",
    "主题分类",
    "体裁",
    "主题词",
    "有效性",
    "公开属性",
    "不公开理由",
    "摘要",
    "正文文件",
]


def row(i: int = 1, **changes) -> dict:
    base = {
        "索引号": f"001001/2021-{i:05d}",
        "标题": f"示范县关于做好第{i}批农村公路养护工作的通知",
        "发文字号": f"示发改〔2021〕{i}号",
        "发布机构": "示范县发展和改革局",
        "成文日期": "2021-03-05",
        "发布日期": "2021年3月8日",
        "主题分类": "综合政务/政务公开",
        "体裁": "通知",
        "主题词": "公路 养护",
        "有效性": "现行有效",
        "公开属性": "主动公开",
        "不公开理由": "",
        "摘要": "做好农村公路养护。",
        "正文文件": f"body{i}.txt",
    }
    base.update(changes)
    return base


def write_xlsx(path: Path, rows: list[dict]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows:
        sheet.append([r.get(c, "") for c in HEADER])
    book.save(path)
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def office(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="office_imp")


@pytest.fixture
def bodies(tmp_path):
    folder = tmp_path / "正文"
    folder.mkdir()
    for i in range(1, 6):
        (folder / f"body{i}.txt").write_text(
            f"各乡镇人民政府：\n现就第{i}批农村公路养护工作通知如下。"
        )
    return folder


def run(office, region, path, bodies=None, **kw):
    return library_import(actor=office, region=region, path=path, files_dir=bodies, **kw)


# --- the check: each kind of bad input, in Chinese, by row ---------------------------------------


BAD = [
    # (changes to row 2, column, words the problem must contain, words the fix must contain)
    (
        {"发布机构": "示范县发展改革局"},
        "发布机构",
        "没有名为“示范县发展改革局”",
        "示范县发展和改革局",
    ),
    ({"成文日期": "2021-02-30"}, "成文日期", "不是存在的日期", "2021-03-05"),
    ({"发布日期": "三月八日"}, "发布日期", "不是可识别的日期", "2021年3月5日"),
    ({"成文日期": "2099-01-01"}, "成文日期", "晚于今天", "年份"),
    ({"发文字号": "示发改2021"}, "发文字号", "无法识别", "〔年份〕"),
    ({"主题分类": "交通运输类"}, "主题分类", "没有“交通运输类”这个主题分类", "大类/小类"),
    ({"体裁": "讲话"}, "体裁", "没有“讲话”这种体裁", "通知"),
    ({"正文文件": "缺失.docx"}, "正文文件", "正文文件夹中没有“缺失.docx”", "文件名"),
    ({"正文文件": "broken.docx"}, "正文文件", "“broken.docx”无法读取", ".docx"),
    ({"正文文件": "big.txt"}, "正文文件", "太大", "1 MB"),
    ({"正文文件": "../secret.txt"}, "正文文件", "不在正文文件夹中", "文件名"),
    ({"公开属性": "依申请公开"}, "不公开理由", "没有写不公开理由", "法律依据"),
    ({"摘要": "很" * 101}, "摘要", "超过 100 个", "100 字"),
    ({"索引号": "001001/2021-00001"}, "索引号", "与第 2 行重复", "只能出现一次"),
    ({"标题": ""}, "标题", "标题为空", "标题"),
]


@pytest.mark.parametrize(("changes", "column", "problem", "fix"), BAD)
def test_dry_run_lists_each_bad_input_by_row_in_chinese(
    tmp_path, region, unit_a, office, bodies, settings, changes, column, problem, fix
):
    settings.GONGKAI_ATTACHMENT_MAX_MB = 1
    (bodies / "broken.docx").write_bytes(b"PK\x03\x04 this is not a real docx")
    (bodies / "big.txt").write_text("政" * (700 * 1024))  # ~2 MB in UTF-8
    (tmp_path / "secret.txt").write_text("不应读取")
    path = write_xlsx(tmp_path / "台账.xlsx", [row(1), row(2, **changes), row(3)])
    before = Document.objects.count(), AuditEvent.objects.count(), ImportRun.objects.count()

    report = run(office, region, path, bodies, dry_run=True)

    assert not report.ok
    assert report.total == 3
    mine = [e for e in report.errors if e.column == column]
    assert mine, [str(e) for e in report.errors]
    error = mine[0]
    assert error.row == 3  # the spreadsheet's own row number (header is row 1)
    assert problem in error.problem
    assert fix in error.fix
    assert str(error).startswith(f"第 3 行「{column}」：")
    # nothing written by a dry run, not even an import record
    assert (
        Document.objects.count(),
        AuditEvent.objects.count(),
        ImportRun.objects.count(),
    ) == before


def test_odd_brackets_and_ledger_spellings_are_accepted(tmp_path, region, unit_a, office, bodies):
    rows = [
        row(1, 发文字号="示发改【2021】1号", 发布机构="县发改局"),
        row(2, 发文字号="示发改[2021]2号", 成文日期="2021/3/5"),
        row(3, 发文字号="示发改（2021）3号", 成文日期="20210305", 主题分类="政务公开"),
    ]
    report = run(office, region, write_csv(tmp_path / "台账.csv", rows), bodies, dry_run=True)
    assert report.ok, [str(e) for e in report.errors]
    assert report.created == 3

    run(office, region, write_csv(tmp_path / "台账.csv", rows), bodies)
    numbers = set(Document.objects.values_list("doc_number", flat=True))
    assert numbers == {"示发改〔2021〕1号", "示发改〔2021〕2号", "示发改〔2021〕3号"}


def test_import_then_reimport_is_idempotent(tmp_path, region, unit_a, office, bodies):
    rows = [row(i) for i in range(1, 6)]
    path = write_xlsx(tmp_path / "台账.xlsx", rows)

    first = run(office, region, path, bodies)
    assert (first.created, first.updated, first.unchanged) == (5, 0, 0)
    docs = Document.objects.filter(region=region)
    assert docs.count() == 5
    doc = docs.get(index_no="001001/2021-00003")
    assert doc.status == Document.Status.PUBLISHED
    assert doc.is_public
    assert doc.unit == unit_a
    assert doc.topic == Topic.objects.get(name="政务公开", parent__name="综合政务")
    assert doc.published_on.isoformat() == "2021-03-08"
    assert "第3批农村公路养护工作" in doc.body_text
    event = AuditEvent.objects.get(verb="library.import")
    assert event.details["文件"] == "台账.xlsx"
    assert event.details["新建"] == 5
    assert "001001/2021-00003" in event.details["索引号"]

    again = run(office, region, path, bodies)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert docs.count() == 5

    rows[2]["标题"] = "示范县关于做好第3批农村公路养护工作的通知（修订）"
    rows[3]["有效性"] = "已废止"
    third = run(office, region, write_xlsx(tmp_path / "台账.xlsx", rows), bodies)
    assert (third.created, third.updated, third.unchanged) == (0, 2, 3)
    assert docs.count() == 5
    doc.refresh_from_db()
    assert doc.title.endswith("（修订）")
    assert docs.get(index_no="001001/2021-00004").validity == Document.Validity.REPEALED


def test_a_bad_row_rejects_the_whole_file(tmp_path, region, unit_a, office, bodies):
    rows = [row(i) for i in range(1, 6)]
    rows[3]["成文日期"] = "2021-13-01"
    path = write_xlsx(tmp_path / "台账.xlsx", rows)
    before = AuditEvent.objects.count()
    with pytest.raises(ImportRejected) as caught:
        run(office, region, path, bodies, batch_size=2)
    assert "第 5 行「成文日期」" in caught.value.message
    assert "未导入任何文件" in caught.value.message
    assert Document.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_document_in_review_cannot_be_overwritten(tmp_path, region, unit_a, office, bodies):
    from .factories import make_document

    draft = make_document(unit_a)
    path = write_xlsx(tmp_path / "台账.xlsx", [row(1, 索引号=draft.index_no)])
    report = run(office, region, path, bodies, dry_run=True)
    assert [e.column for e in report.errors] == ["索引号"]
    assert "草稿" in report.errors[0].problem


def test_only_the_office_may_import(tmp_path, region, unit_a, bodies, people):
    path = write_xlsx(tmp_path / "台账.xlsx", [row(1)])
    with pytest.raises(PermissionDenied):
        run(people.clerk, region, path, bodies)
    assert Document.objects.count() == 0


def test_jsonl_round_trip(tmp_path, region, unit_a, office, bodies):
    rows = [row(1), row(2, 公开属性="依申请公开", 不公开理由="涉及第三方合法权益（条例第十五条）")]
    rows.append(row(3, 有效性="失效", 主题分类="", 发文字号=""))
    run(office, region, write_xlsx(tmp_path / "台账.xlsx", rows), bodies)
    documents = Document.objects.filter(region=region).select_related("unit", "topic__parent")
    stream = io.StringIO()
    assert export_jsonl(documents, stream) == 3
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text(stream.getvalue(), encoding="utf-8")
    assert json.loads(stream.getvalue().splitlines()[0])["发布机构"] == "示范县发展和改革局"

    # into the same library: nothing changes
    same = run(office, region, jsonl)
    assert (same.created, same.updated, same.unchanged) == (0, 0, 3)

    # into another county's library with the same unit: the same records
    other = RegionFactory(code="other", name="另一县人民政府", short_name="另一县")
    UnitFactory(region=other, name="示范县发展和改革局", short_name="发改", code="009001")
    report = library_import(actor=None, region=other, path=jsonl)
    assert report.created == 3
    copies = Document.objects.filter(region=other).select_related("unit", "topic__parent")
    key = lambda d: d.index_no  # noqa: E731
    assert [document_record(d) for d in sorted(copies, key=key)] == [
        document_record(d) for d in sorted(documents, key=key)
    ]


def test_jsonl_bad_lines_are_reported_by_line(tmp_path, region, unit_a, office):
    path = tmp_path / "x.jsonl"
    good = {**row(1), "正文": "<p>正文</p>", "正文文件": ""}
    path.write_text(
        json.dumps(good, ensure_ascii=False) + "\n{not json\n[1, 2]\n", encoding="utf-8"
    )
    report = run(office, region, path, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, ""), (3, "")]
    assert "不是有效的 JSON" in report.errors[0].problem


def test_missing_required_columns_are_named(tmp_path, region, unit_a, office):
    path = tmp_path / "x.csv"
    path.write_text("标题,发文字号\n某通知,示发改〔2021〕1号\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        run(office, region, path, dry_run=True)
    assert "缺少必填列：索引号、发布机构、成文日期" in str(caught.value)


# --- the command line ---------------------------------------------------------------------------


def test_command_dry_run_prints_errors_and_writes_nothing(tmp_path, region, unit_a, bodies):
    path = write_xlsx(tmp_path / "台账.xlsx", [row(1), row(2, 发布机构="不存在的局")])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "library_import",
            str(path),
            "--region",
            "shifan",
            "--files",
            str(bodies),
            "--dry-run",
            stdout=out,
            stderr=err,
        )
    assert "第 3 行「发布机构」：本县没有名为“不存在的局”的单位" in out.getvalue()
    assert Document.objects.count() == 0


def test_command_imports_with_a_progress_line(tmp_path, region, unit_a, bodies):
    path = write_xlsx(tmp_path / "台账.xlsx", [row(i) for i in range(1, 6)])
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "library_import",
        str(path),
        "--region",
        "shifan",
        "--files",
        str(bodies),
        stdout=out,
        stderr=err,
    )
    assert "新建 5 份" in out.getvalue()
    assert "\r导入 5/5（100.0%）" in err.getvalue()
    assert "条/秒" in err.getvalue() and "剩余" in err.getvalue()
    assert Document.objects.count() == 5


def test_imported_public_documents_are_searchable(tmp_path, region, unit_a, office, bodies):
    from gongkai.core import search

    rows = [row(1), row(2, 公开属性="依申请公开", 不公开理由="涉及第三方合法权益（条例第十五条）")]
    report = run(office, region, write_xlsx(tmp_path / "台账.xlsx", rows), bodies)
    assert report.indexed == "batch"
    result = search.search("library", "农村公路养护", filters={"region": region.pk})
    found = {Document.objects.get(pk=int(h.key)).index_no for h in result.hits}
    assert found == {"001001/2021-00001"}  # 依申请公开 is not in the public index


@hypothesis_settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1949, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_ledger_spelling_of_a_date_reads_the_same(day):
    spellings = [
        day,
        dt.datetime.combine(day, dt.time(9, 30)),
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day:%Y%m%d}",
        f"{day.year}－{day.month}－{day.day}",  # full-width dashes (NFKC)
        (day - dt.date(1899, 12, 30)).days if day.year >= 1955 else day,  # Excel serial
    ]
    assert {parse_date(s) for s in spellings} == {day}


def test_a_large_import_refreshes_the_planner_statistics_on_postgresql(
    tmp_path, region, unit_a, office, bodies, monkeypatch
):
    # Without fresh statistics PostgreSQL planned the document page of a freshly imported
    # million-document library as a scan of every public document (2.4 s a page).
    from django.db import connection

    from gongkai.library.importer import services as importer

    monkeypatch.setattr(importer, "ANALYZE_MIN_ROWS", 3)
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        if sql.startswith("ANALYZE"):
            seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        run(office, region, write_xlsx(tmp_path / "两行.xlsx", [row(1), row(2)]), bodies)
        assert seen == []
        run(
            office,
            region,
            write_xlsx(tmp_path / "五行.xlsx", [row(i) for i in range(1, 6)]),
            bodies,
        )
    assert seen == (["ANALYZE library_document"] if connection.vendor == "postgresql" else [])
