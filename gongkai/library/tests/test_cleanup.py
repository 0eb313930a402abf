"""清理: the office opens a campaign, units decide, validity follows, results are listed."""

import datetime as dt

import pytest

from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError
from gongkai.library.models import CleanupReview, Document
from gongkai.library.selectors import cleanup_results, document_relations
from gongkai.library.services.cleanup import cleanup_close, cleanup_decide, cleanup_open
from gongkai.library.services.interpretations import document_exempt
from gongkai.library.services.workflow import document_approve, document_submit
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

from .factories import make_document

pytestmark = pytest.mark.django_db
V = Document.Validity


def published_normative(unit, people, title):
    doc = make_document(unit, actor=people.clerk, title=title, is_normative=True)
    document_exempt(actor=people.head, document=doc, reason="测试")
    document_submit(actor=people.clerk, document=doc)
    for r in (people.r1, people.r2, people.r3):
        document_approve(actor=r, document=doc)
    doc.refresh_from_db()
    return doc


def test_cleanup_campaign_flow(unit_a, people):
    office = staff(unit_a, Role.OFFICE_ADMIN, username="office")
    keep = published_normative(unit_a, people, "示范县城乡低保管理办法")
    old = published_normative(unit_a, people, "示范县农村建房管理暂行办法")
    fix = published_normative(unit_a, people, "示范县公共租赁住房管理办法")
    newer = published_normative(unit_a, people, "示范县公共租赁住房管理办法（修订）")
    with pytest.raises(GongkaiError):
        cleanup_open(
            actor=people.clerk, region=unit_a.region, title="清理", closes_on=dt.date(2026, 12, 31)
        )
    campaign = cleanup_open(
        actor=office,
        region=unit_a.region,
        title="2026年度行政规范性文件清理",
        closes_on=dt.date(2026, 12, 31),
    )
    duty = Duty.objects.get(kind="library.cleanup", unit=unit_a)
    assert duty.due_on == dt.date(2026, 12, 31)

    cleanup_decide(actor=people.head, campaign=campaign, document=keep, decision="continue")
    with pytest.raises(GongkaiError, match="写明理由"):
        cleanup_decide(actor=people.head, campaign=campaign, document=old, decision="repeal")
    cleanup_decide(
        actor=people.head, campaign=campaign, document=old, decision="repeal", note="上位法已废止"
    )
    cleanup_decide(
        actor=people.clerk,
        campaign=campaign,
        document=fix,
        decision="amend",
        note="依据新标准修订",
        amended_by=newer,
    )
    with pytest.raises(GongkaiError, match="已有结果"):
        cleanup_decide(actor=people.head, campaign=campaign, document=keep, decision="continue")
    cleanup_decide(actor=people.head, campaign=campaign, document=newer, decision="continue")

    for doc in (keep, old, fix):
        doc.refresh_from_db()
    assert (keep.validity, old.validity, fix.validity) == (V.VALID, V.REPEALED, V.AMENDED)
    assert [r.source for r in document_relations(fix)["superseded_by"]] == [newer]
    duty.refresh_from_db()
    assert duty.status == Duty.Status.DONE  # every document of the unit decided

    results = {r.document.title: r.decision for r in cleanup_results(campaign)}
    assert results["示范县农村建房管理暂行办法"] == CleanupReview.Decision.REPEAL
    cleanup_close(actor=office, campaign=campaign)
    with pytest.raises(GongkaiError, match="已结束"):
        cleanup_decide(actor=people.head, campaign=campaign, document=keep, decision="continue")


def test_other_units_cannot_decide_and_non_normative_documents_are_out_of_scope(
    unit_a, unit_b, people
):
    office = staff(unit_a, Role.OFFICE_ADMIN, username="office")
    doc = published_normative(unit_a, people, "示范县某管理办法")
    plain = make_document(unit_a, actor=people.clerk)
    campaign = cleanup_open(
        actor=office, region=unit_a.region, title="清理", closes_on=dt.date(2026, 12, 31)
    )
    stranger = staff(unit_b, Role.HEAD, username="b_head")
    with pytest.raises(GongkaiError):
        cleanup_decide(actor=stranger, campaign=campaign, document=doc, decision="continue")
    with pytest.raises(GongkaiError, match="不在清理范围"):
        cleanup_decide(actor=people.head, campaign=campaign, document=plain, decision="continue")
