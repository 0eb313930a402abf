"""A large import writes on a second thread (and checks rows in a second process where the
database allows it): the same documents, audit events and search entries as one thread would
write, and a failure part-way leaves only whole batches."""

from __future__ import annotations

import json

import pytest

from gongkai.core import search
from gongkai.core.audit.models import AuditEvent
from gongkai.core.errors import GongkaiError
from gongkai.library.importer import services
from gongkai.library.importer.models import ImportRun
from gongkai.library.importer.services import library_import
from gongkai.library.models import Document

pytestmark = pytest.mark.django_db(transaction=True)


def record(i: int, **changes) -> dict:
    base = {
        "索引号": f"001001/2020-{i:05d}",
        "标题": f"示范县关于做好第{i}批高标准农田建设工作的通知",
        "发文字号": f"示发改〔2020〕{i}号",
        "发布机构": "示范县发展和改革局",
        "成文日期": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "体裁": "通知",
        "公开属性": "依申请公开" if i % 10 == 0 else "主动公开",
        "不公开理由": "内部事务信息（条例第十六条）" if i % 10 == 0 else "",
        "正文": f"<p>各乡镇人民政府：</p><p>现就第{i}批高标准农田建设工作通知如下。</p>",
    }
    base.update(changes)
    return base


def write(path, records) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr(services, "THREADED_MIN_ROWS", 10)


def test_a_large_file_is_written_in_whole_batches_and_indexed(tmp_path, region, unit_a, large):
    path = tmp_path / "台账.jsonl"
    write(path, [record(i) for i in range(1, 46)])
    report = library_import(actor=None, region=region, path=path, batch_size=20)
    assert (report.created, report.updated, report.total) == (45, 0, 45)
    assert Document.objects.filter(region=region).count() == 45
    run = ImportRun.objects.get(pk=report.run_id)
    events = AuditEvent.objects.filter(verb="library.import", object_id=str(run.pk))
    assert sorted(e.details["新建"] for e in events) == [5, 20, 20]
    result = search.search("library", "高标准农田", filters={"region": region.pk}, per_page=100)
    assert result.total == 45 - 4  # the four 依申请公开 documents are not in the public index
    again = library_import(actor=None, region=region, path=path, batch_size=20)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 45)


def test_a_file_changed_during_the_import_stops_after_whole_batches(
    tmp_path, region, unit_a, large, monkeypatch
):
    path = tmp_path / "台账.jsonl"
    good = [record(i) for i in range(1, 46)]
    write(path, good)
    checked = services._check_all

    def check_then_spoil(source, *args):
        checked(source, *args)  # the file passes the check, then row 30 is spoilt
        write(path, [*good[:29], record(30, 发布机构="不存在的单位"), *good[30:]])

    monkeypatch.setattr(services, "_check_all", check_then_spoil)
    with pytest.raises(GongkaiError, match="文件内容发生变化"):
        library_import(actor=None, region=region, path=path, batch_size=10)
    written = Document.objects.filter(region=region).count()
    assert written in (10, 20)  # whole batches only, none with row 30
    assert not Document.objects.filter(region=region, index_no=good[29]["索引号"]).exists()
