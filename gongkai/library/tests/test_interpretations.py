"""三同步: normative documents need an interpretation (or an exemption) to pass the final review."""

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.library.models import Document, Interpretation
from gongkai.library.selectors import interpretation_compliance, interpretations_for
from gongkai.library.services.interpretations import (
    document_exempt,
    interpretation_approve,
    interpretation_create,
    interpretation_link,
)
from gongkai.library.services.workflow import document_approve, document_submit

from .factories import make_document

pytestmark = pytest.mark.django_db


def at_final_review(unit, people, **fields):
    doc = make_document(unit, actor=people.clerk, **fields)
    document_submit(actor=people.clerk, document=doc)
    document_approve(actor=people.r1, document=doc)
    document_approve(actor=people.r2, document=doc)
    return doc


def interpretation(unit, people, docs, forms=("text",)):
    return interpretation_create(
        actor=people.clerk,
        unit=unit,
        title="一图读懂《办法》",
        forms=list(forms),
        body="解读正文。",
        documents=docs,
    )


@pytest.mark.parametrize("flag", ["is_normative", "needs_interpretation"])
def test_no_final_review_without_an_interpretation(unit_a, people, flag):
    doc = at_final_review(unit_a, people, **{flag: True})
    with pytest.raises(GongkaiError, match="三同步") as exc:
        document_approve(actor=people.r3, document=doc)
    assert exc.value.code == "needs_interpretation"


def test_a_draft_interpretation_is_not_enough_an_approved_one_is(unit_a, people):
    doc = at_final_review(unit_a, people, is_normative=True)
    item = interpretation(unit_a, people, [doc], forms=["text", "graphic", "qa"])
    with pytest.raises(GongkaiError, match="三同步"):
        document_approve(actor=people.r3, document=doc)
    with pytest.raises(GongkaiError):  # a clerk does not sign it off
        interpretation_approve(actor=people.clerk, interpretation=item)
    interpretation_approve(actor=people.head, interpretation=item)
    document_approve(actor=people.r3, document=doc)
    doc.refresh_from_db()
    item.refresh_from_db()
    assert doc.status == Document.Status.PUBLISHED
    # Released together: the approved interpretation is published with the document.
    assert item.status == Interpretation.Status.PUBLISHED
    assert list(interpretations_for(doc)) == [item]


def test_exemption_with_a_reason_by_the_head(unit_a, people):
    doc = at_final_review(unit_a, people, is_normative=True)
    with pytest.raises(GongkaiError):
        document_exempt(actor=people.clerk, document=doc, reason="内容简单")
    with pytest.raises(GongkaiError, match="理由"):
        document_exempt(actor=people.head, document=doc, reason=" ")
    document_exempt(actor=people.head, document=doc, reason="仅调整实施日期，无需解读")
    document_approve(actor=people.r3, document=doc)
    doc.refresh_from_db()
    assert doc.status == Document.Status.PUBLISHED


def test_compliance_indicator_counts_forms_against_the_issuers_target(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk, is_normative=True)
    first = interpretation(unit_a, people, [doc], forms=["text", "graphic"])
    interpretation_approve(actor=people.head, interpretation=first)
    row = interpretation_compliance(doc)
    assert (row["count"], row["target"], row["met"]) == (2, 2, True)  # a department: 2
    unit_a.kind = "government"
    unit_a.save()
    doc.refresh_from_db()
    row = interpretation_compliance(doc)
    assert (row["count"], row["target"], row["met"]) == (2, 5, False)  # the county: 5


def test_linking_an_existing_interpretation(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk, needs_interpretation=True)
    item = interpretation(unit_a, people, [])
    interpretation_link(actor=people.clerk, interpretation=item, document=doc)
    assert list(doc.interpretations.all()) == [item]
    with pytest.raises(GongkaiError, match="已关联"):
        interpretation_link(actor=people.clerk, interpretation=item, document=doc)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"forms": []}, "至少选择一种"),
        ({"forms": ["hologram"]}, "未知的解读形式"),
        ({"body": "", "media_links": []}, "请填写解读内容"),
        ({"media_links": [{"url": "javascript:alert(1)"}]}, "不是以 http"),
    ],
)
def test_bad_interpretations_are_refused(unit_a, people, fields, message):
    data = {"title": "解读", "forms": ["text"], "body": "内容", **fields}
    with pytest.raises(GongkaiError, match=message):
        interpretation_create(actor=people.clerk, unit=unit_a, **data)
    assert not Interpretation.objects.exists()
