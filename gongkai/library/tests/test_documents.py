"""Creating documents: index numbers, doc numbers, disclosure reasons, summaries, rich text."""

import datetime as dt
import re

import pytest

from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError
from gongkai.library.models import Document, IndexCounter
from gongkai.library.services.documents import allocate_index_no, document_update

from .factories import make_document

pytestmark = pytest.mark.django_db


def test_index_no_follows_the_region_format_and_counts_per_unit_and_year(unit_a, unit_b):
    first = make_document(unit_a)
    second = make_document(unit_a)
    other_year = make_document(unit_a, written_on=dt.date(2025, 3, 1))
    other_unit = make_document(unit_b)
    assert first.index_no == "001001/2026-00001"
    assert second.index_no == "001001/2026-00002"
    assert other_year.index_no == "001001/2025-00001"
    assert other_unit.index_no == "001002/2026-00001"


def test_index_no_skips_numbers_already_taken_by_imports(unit_a):
    make_document(unit_a)
    IndexCounter.objects.filter(unit=unit_a, year=2026).update(last=0)  # e.g. an old counter
    again = make_document(unit_a)
    assert again.index_no == "001001/2026-00002"
    assert Document.objects.filter(index_no=again.index_no).count() == 1


def test_index_no_uses_a_custom_region_format(unit_a):
    unit_a.region.index_no_format = "{unit_code}-{year}-{serial:04d}"
    unit_a.region.save()
    unit_a.refresh_from_db()
    assert make_document(unit_a).index_no == "001001-2026-0001"


def test_index_nos_stay_unique_over_many_documents(unit_a):
    numbers = {allocate_index_no(unit=unit_a, year=2026) for _ in range(50)}
    assert len(numbers) == 50
    assert all(re.fullmatch(r"001001/2026-\d{5}", n) for n in numbers)


@pytest.mark.parametrize(
    ("raw", "issuer", "year", "number"),
    [
        ("渠府办〔2021〕54号", "渠府办", 2021, 54),
        ("渠府办[2021]54号", "渠府办", 2021, 54),
        ("渠府办【2021】54号", "渠府办", 2021, 54),
        ("渠府办（２０２１）５４号", "渠府办", 2021, 54),
    ],
)
def test_doc_number_is_parsed_and_stored_canonically(unit_a, raw, issuer, year, number):
    doc = make_document(unit_a, doc_number=raw)
    assert (doc.issuer_code, doc.doc_year, doc.doc_serial) == (issuer, year, number)
    assert doc.doc_number == f"{issuer}〔{year}〕{number}号"


def test_documents_without_a_doc_number_are_allowed(unit_a):
    doc = make_document(unit_a, doc_number="")
    assert doc.doc_number == "" and doc.doc_year is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"doc_number": "〔〕"}, "无法识别发文字号"),
        ({"disclosure": "on_request"}, "须写明法律依据和理由"),
        ({"summary": "概" * 101}, "最多 100 个字"),
        ({"title": "  "}, "请填写标题"),
        ({"written_on": dt.date(2099, 1, 1)}, "不能晚于今天"),
        (
            {"effective_from": dt.date(2026, 1, 1), "effective_until": dt.date(2025, 1, 1)},
            "不能早于施行日期",
        ),
    ],
)
def test_bad_metadata_is_refused_and_nothing_is_saved(unit_a, fields, message):
    with pytest.raises(GongkaiError, match=message):
        make_document(unit_a, **fields)
    assert not Document.objects.exists()


def test_withheld_document_keeps_its_reason(unit_a):
    doc = make_document(unit_a, disclosure="withheld", disclosure_reason="条例第十四条：国家秘密")
    assert doc.disclosure_reason == "条例第十四条：国家秘密"


@pytest.mark.parametrize(
    ("raw", "absent", "present"),
    [
        ("<p>通知<script>alert(1)</script></p>", ["<script", "alert"], ["<p>通知</p>"]),
        ('<p onclick="steal()">正文</p>', ["onclick", "steal"], ["<p>正文</p>"]),
        ('<a href="javascript:alert(1)">链接</a>', ["javascript:"], ["链接"]),
        ('<a href="https://www.gov.cn/">中国政府网</a>', [], ['href="https://www.gov.cn/"']),
        ('<img src="https://evil.example/t.png">', ["evil.example"], []),
        ('<img src="/media/library/2026/a.png">', [], ['src="/media/library/2026/a.png"']),
        ('<table><tr><td rowspan="2">甲</td></tr></table>', [], ['rowspan="2"']),
        ('<p style="color:red">红</p>', ["style"], ["<p>红</p>"]),
    ],
)
def test_rich_text_is_sanitised(unit_a, raw, absent, present):
    doc = make_document(unit_a, body=raw)
    for text in absent:
        assert text not in doc.body
    for text in present:
        assert text in doc.body


def test_plain_text_body_becomes_paragraphs_and_text_is_kept_for_search(unit_a):
    doc = make_document(unit_a, body="第一段。\n第二段。")
    assert doc.body == "<p>第一段。</p><p>第二段。</p>"
    assert doc.body_text == "第一段。\n第二段。"


def test_proactive_document_gets_a_publication_duty_due_20_workdays_after_writing(
    unit_a, calendar_years
):
    # 条例第二十六条; 2026-10-08 + 20 working days (Sat 10-10 is a make-up working day).
    doc = make_document(unit_a, written_on=dt.date(2026, 9, 30))
    duty = Duty.objects.get(kind="library.publish", subject_id=str(doc.pk))
    assert duty.due_on == dt.date(2026, 11, 3)
    document_update(
        actor=None, document=doc, disclosure="on_request", disclosure_reason="条例第十六条"
    )
    duty.refresh_from_db()
    assert duty.status == Duty.Status.CANCELLED


def test_only_drafts_can_be_edited(unit_a, people):
    from gongkai.library.services.workflow import document_submit

    doc = make_document(unit_a, actor=people.clerk)
    document_submit(actor=people.clerk, document=doc)
    with pytest.raises(GongkaiError, match="不能修改"):
        document_update(actor=people.clerk, document=doc, title="新标题")
