"""The secrecy and privacy check: findings on submission, in place, blocking the final review."""

import pytest

from gongkai.core.audit import history_for
from gongkai.core.errors import GongkaiError
from gongkai.library.models import Document, Finding
from gongkai.library.services.documents import attachment_add, document_update
from gongkai.library.services.findings import finding_release
from gongkai.library.services.workflow import (
    document_approve,
    document_return,
    document_submit,
)

from .factories import make_document

pytestmark = pytest.mark.django_db

PHONE = "13800138000"
BODY = f"联系人：张三，手机 {PHONE}。"


def submitted(unit, people, **fields):
    doc = make_document(unit, actor=people.clerk, **fields)
    document_submit(actor=people.clerk, document=doc)
    doc.refresh_from_db()
    return doc


def approve_to_final(doc, people):
    document_approve(actor=people.r1, document=doc)
    document_approve(actor=people.r2, document=doc)


def test_submission_finds_a_phone_number_with_its_position(unit_a, people):
    doc = submitted(unit_a, people, body=BODY)
    finding = doc.findings.get()
    assert (finding.source, finding.kind, finding.text) == ("body", "mobile", PHONE)
    assert doc.body_text[finding.start : finding.end] == PHONE


def test_open_findings_block_the_final_review_and_are_listed(unit_a, people):
    doc = submitted(unit_a, people, body=BODY)
    approve_to_final(doc, people)  # earlier levels are not blocked
    with pytest.raises(GongkaiError, match=f"手机号码“{PHONE}”") as exc:
        document_approve(actor=people.r3, document=doc)
    assert exc.value.code == "open_findings"
    doc.refresh_from_db()
    assert doc.status == Document.Status.REVIEW3


def test_released_finding_lets_the_document_through(unit_a, people):
    doc = submitted(unit_a, people, body=BODY)
    finding = doc.findings.get()
    with pytest.raises(GongkaiError):  # only the secrecy reviewer releases
        finding_release(actor=people.r3, finding=finding, reason="对外公布的电话")
    with pytest.raises(GongkaiError, match="理由"):
        finding_release(actor=people.secrecy, finding=finding, reason="")
    finding_release(actor=people.secrecy, finding=finding, reason="县政务服务热线，对外公布")
    approve_to_final(doc, people)
    document_approve(actor=people.r3, document=doc)
    doc.refresh_from_db()
    assert doc.status == Document.Status.PUBLISHED
    assert any(e.verb == "document.finding_release" for e in history_for(doc))


def test_fixing_the_text_marks_the_finding_fixed(unit_a, people):
    doc = submitted(unit_a, people, body=BODY)
    document_return(actor=people.r1, document=doc, reason="请删除个人手机号")
    document_update(actor=people.clerk, document=doc, body="联系人：张三。")
    finding = doc.findings.get()
    assert finding.status == Finding.Status.FIXED
    document_submit(actor=people.clerk, document=doc)
    approve_to_final(doc, people)
    document_approve(actor=people.r3, document=doc)
    doc.refresh_from_db()
    assert doc.status == Document.Status.PUBLISHED


def test_attachments_and_titles_are_scanned_too(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk, title="秘密★1年 关于某事项的通知")
    attachment_add(
        actor=people.clerk,
        document=doc,
        name="名单.xlsx",
        data=_xlsx([["王五", "邮箱 ww@example.com"]]),
    )
    document_submit(actor=people.clerk, document=doc)
    kinds = {(f.source, f.kind) for f in doc.findings.all()}
    assert ("title", "secrecy_mark") in kinds and ("attachment", "email") in kinds


def test_a_released_finding_stays_released_after_an_unrelated_edit(unit_a, people):
    doc = submitted(unit_a, people, body=BODY)
    finding_release(actor=people.secrecy, finding=doc.findings.get(), reason="对外公布")
    document_return(actor=people.r1, document=doc, reason="补充内容")
    doc = document_update(actor=people.clerk, document=doc, body="补充一段。\n" + BODY)
    finding = doc.findings.get()
    assert finding.status == Finding.Status.RELEASED
    assert doc.body_text[finding.start : finding.end] == PHONE


def _xlsx(rows):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
