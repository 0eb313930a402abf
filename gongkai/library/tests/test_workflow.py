"""三审 and publication: every transition, who may do it, and what is refused."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.audit import history_for
from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError
from gongkai.library.models import Document
from gongkai.library.services import workflow as wf
from gongkai.library.services.workflow import (
    TRANSITIONS,
    document_approve,
    document_publish,
    document_return,
    document_submit,
    document_withdraw,
)

from .factories import make_document, unit_people

pytestmark = pytest.mark.django_db
S = Document.Status


def review_duties(doc):
    return Duty.objects.filter(kind="library.review", subject_id=str(doc.pk))


@pytest.mark.parametrize(
    ("levels", "path"),
    [
        (1, [("r1", "published")]),
        (2, [("r1", "review2"), ("r2", "published")]),
        (3, [("r1", "review2"), ("r2", "review3"), ("r3", "published")]),
    ],
)
def test_a_document_passes_the_units_number_of_reviews(unit_a, people, levels, path):
    unit_a.review_levels = levels
    unit_a.save()
    doc = make_document(unit_a, actor=people.clerk)
    document_submit(actor=people.clerk, document=doc)
    doc.refresh_from_db()
    assert doc.status == S.REVIEW1
    for reviewer, status in path:
        duty = review_duties(doc).get(status=Duty.Status.OPEN)
        assert duty.role == "reviewer" and duty.role_level == int(reviewer[1])
        document_approve(actor=getattr(people, reviewer), document=doc)
        doc.refresh_from_db()
        assert doc.status == status
    assert not review_duties(doc).filter(status=Duty.Status.OPEN).exists()
    assert doc.published_on == timezone.localdate() and doc.published_at is not None
    # Publication closes the 条例第二十六条 duty.
    assert not Duty.objects.filter(
        kind="library.publish", subject_id=str(doc.pk), status=Duty.Status.OPEN
    ).exists()
    verbs = [e.verb for e in history_for(doc)]
    assert verbs.count("document.approve") == levels and verbs[1] == "document.submit"


def test_stage_names_follow_the_units_levels(unit_a, people):
    unit_a.review_levels = 1
    unit_a.save()
    doc = make_document(unit_a, actor=people.clerk)
    document_submit(actor=people.clerk, document=doc)
    doc.refresh_from_db()
    assert doc.stage_label == "待终审"
    assert review_duties(doc).get().title.startswith("终审：")


def test_nobody_reviews_their_own_submission(unit_a, people):
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import staff

    both = staff(unit_a, Role.CLERK, Role.REVIEWER, level=1, username="clerk_and_reviewer")
    doc = make_document(unit_a, actor=both)
    document_submit(actor=both, document=doc)
    with pytest.raises(GongkaiError, match="不能审核自己提交的文件"):
        document_approve(actor=both, document=doc)
    doc.refresh_from_db()
    assert doc.status == S.REVIEW1


def test_a_reviewer_of_another_level_cannot_act(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    document_submit(actor=people.clerk, document=doc)
    with pytest.raises(GongkaiError, match="1 级审核人"):
        document_approve(actor=people.r2, document=doc)


def test_staff_of_another_unit_cannot_act(unit_a, unit_b, people):
    other = unit_people(unit_b, prefix="b")
    doc = make_document(unit_a, actor=people.clerk)
    with pytest.raises(GongkaiError):
        document_submit(actor=other.clerk, document=doc)
    document_submit(actor=people.clerk, document=doc)
    with pytest.raises(GongkaiError):
        document_approve(actor=other.r1, document=doc)
    with pytest.raises(GongkaiError):
        document_return(actor=other.r1, document=doc, reason="x")


def test_a_clerk_cannot_approve_and_a_reviewer_cannot_submit(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    with pytest.raises(GongkaiError):
        document_submit(actor=people.r1, document=doc)
    document_submit(actor=people.clerk, document=doc)
    with pytest.raises(GongkaiError):
        document_approve(actor=people.clerk, document=doc)


def test_return_needs_a_reason_and_sends_the_document_back_to_draft(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    document_submit(actor=people.clerk, document=doc)
    document_approve(actor=people.r1, document=doc)
    with pytest.raises(GongkaiError, match="写明理由"):
        document_return(actor=people.r2, document=doc, reason=" ")
    document_return(actor=people.r2, document=doc, reason="请补充政策依据")
    doc.refresh_from_db()
    assert doc.status == S.DRAFT and doc.review_level_done == 0
    assert not review_duties(doc).filter(status=Duty.Status.OPEN).exists()
    event = list(history_for(doc))[-1]
    assert event.verb == "document.return" and event.details["退回理由"] == "请补充政策依据"


@pytest.mark.parametrize("action", ["approve", "return", "publish", "withdraw"])
def test_transitions_outside_the_table_are_refused(unit_a, people, action):
    doc = make_document(unit_a, actor=people.clerk)  # a draft
    calls = {
        "approve": lambda: document_approve(actor=people.r1, document=doc),
        "return": lambda: document_return(actor=people.r1, document=doc, reason="x"),
        "publish": lambda: document_publish(actor=people.head, document=doc),
        "withdraw": lambda: document_withdraw(actor=people.head, document=doc, reason="x"),
    }
    with pytest.raises(GongkaiError):
        calls[action]()
    doc.refresh_from_db()
    assert doc.status == S.DRAFT


def test_every_transition_in_the_table_leads_somewhere_valid():
    assert {t for _, _, t in TRANSITIONS} <= set(S.values)
    assert not any(source == S.WITHDRAWN for _, source, _ in TRANSITIONS)


def test_empty_document_cannot_be_submitted(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk, body="")
    with pytest.raises(GongkaiError, match="正文和附件不能都为空"):
        document_submit(actor=people.clerk, document=doc)


def _through_reviews(doc, people):
    document_submit(actor=people.clerk, document=doc)
    for reviewer in (people.r1, people.r2, people.r3):
        document_approve(actor=reviewer, document=doc)
    doc.refresh_from_db()
    return doc


def test_scheduled_document_is_published_by_the_worker_when_due(unit_a, people):
    when = timezone.now() + dt.timedelta(hours=2)
    doc = _through_reviews(make_document(unit_a, actor=people.clerk, scheduled_for=when), people)
    assert doc.status == S.SCHEDULED
    assert wf.publish_scheduled(now=timezone.now()) == 0
    assert wf.publish_scheduled(now=when + dt.timedelta(minutes=1)) == 1
    doc.refresh_from_db()
    assert doc.status == S.PUBLISHED
    assert list(history_for(doc))[-1].actor_label == "系统"


def test_head_may_publish_a_scheduled_document_now(unit_a, people):
    when = timezone.now() + dt.timedelta(days=2)
    doc = _through_reviews(make_document(unit_a, actor=people.clerk, scheduled_for=when), people)
    with pytest.raises(GongkaiError):
        document_publish(actor=people.clerk, document=doc)
    document_publish(actor=people.head, document=doc)
    doc.refresh_from_db()
    assert doc.status == S.PUBLISHED


def test_withdrawal_needs_a_reason(unit_a, people):
    doc = _through_reviews(make_document(unit_a, actor=people.clerk), people)
    with pytest.raises(GongkaiError, match="写明理由"):
        document_withdraw(actor=people.head, document=doc, reason="")
    with pytest.raises(GongkaiError):
        document_withdraw(actor=people.clerk, document=doc, reason="内容有误")
    document_withdraw(actor=people.head, document=doc, reason="内容有误，重新发布")
    doc.refresh_from_db()
    assert doc.status == S.WITHDRAWN and doc.withdrawn_reason == "内容有误，重新发布"


def test_documents_expire_by_themselves_when_their_term_ends(unit_a, people):
    doc = _through_reviews(
        make_document(
            unit_a,
            actor=people.clerk,
            effective_from=dt.date(2024, 1, 1),
            effective_until=dt.date(2026, 11, 22),
        ),
        people,
    )
    keep = _through_reviews(
        make_document(unit_a, actor=people.clerk, effective_until=dt.date(2026, 11, 23)), people
    )
    noon = timezone.make_aware(dt.datetime(2026, 11, 23, 12))
    assert wf.expire_documents(now=noon) == 1
    doc.refresh_from_db()
    keep.refresh_from_db()
    assert doc.validity == Document.Validity.EXPIRED
    assert keep.validity == Document.Validity.VALID
    event = list(history_for(doc))[-1]
    assert event.verb == "document.validity" and event.actor_label == "系统"
    assert wf.expire_documents(now=noon) == 0  # once only


def test_validity_never_goes_back(unit_a, people):
    doc = _through_reviews(make_document(unit_a, actor=people.clerk), people)
    wf.document_set_validity(actor=None, document=doc, validity="repealed")
    with pytest.raises(GongkaiError, match="不能改为"):
        wf.document_set_validity(actor=None, document=doc, validity="valid")


def test_publication_and_withdrawal_reindex_the_document_after_commit(
    unit_a, people, monkeypatch, django_capture_on_commit_callbacks
):
    from gongkai.core.jobs import registry

    registry.discover()
    seen = []
    monkeypatch.setitem(registry.JOBS, "library.reindex", lambda *, id: seen.append(id))
    doc = make_document(unit_a, actor=people.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        _through_reviews(doc, people)
    assert seen == [doc.pk]
    with django_capture_on_commit_callbacks(execute=True):
        document_withdraw(actor=people.head, document=doc, reason="内容有误")
    assert seen == [doc.pk, doc.pk]


def test_reindex_job_without_a_search_index_only_logs(caplog, monkeypatch):
    import importlib.util
    import logging

    from gongkai.library.jobs import reindex

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "gongkai.library.search_index" else real(name, *a),
    )
    caplog.set_level(logging.INFO, logger="gongkai.library")
    reindex(id=42)
    assert any("no search index" in r.getMessage() for r in caplog.records)
