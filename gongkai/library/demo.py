"""The library's part of the demo county: ~300 documents, interpretations, reviews under way.

Most documents stand for the library's history (generated in bulk, as an import would bring
them); a few are made through the real workflow by the demo staff so that the inbox shows
review duties, the secrecy reviewer has a finding to look at, and one normative document has
gone through all three reviews with its interpretation.
"""

from __future__ import annotations

import datetime as dt
import random

from gongkai.orgs.demo import DemoContext, demo_step

from .generator import generate_documents
from .models import Document, DocumentRelation, Interpretation

HISTORY = 290
FORMS = [f.value for f in Interpretation.Form]


@demo_step("300-library-documents")
def documents(ctx: DemoContext) -> None:
    region = ctx.region
    if Document.objects.filter(region=region).exists():
        return
    units = [u for u in region.units.filter(is_active=True) if u.short_name != "县政务公开办"]
    ids = generate_documents(region, HISTORY, seed=2026, units=units, end=ctx.now.date())
    history = list(Document.objects.filter(pk__in=ids).select_related("unit"))
    _relations(history)
    _interpretations(history)
    _under_way(ctx)
    # Generated history bypasses the publish service (and its reindex job): index it here so
    # that search works on the first `make run`, before the worker has run.
    from .search_index import reindex_library

    reindex_library()
    ctx.say(f"已创建政策文件 {Document.objects.filter(region=region).count()} 件")


def _relations(history: list[Document]) -> None:
    """Each amended or repealed document points at a later one of its unit (the banner)."""
    by_unit: dict[int, list[Document]] = {}
    for d in sorted(history, key=lambda d: d.written_on):
        by_unit.setdefault(d.unit_id, []).append(d)
    links = []
    for d in history:
        if d.validity not in (Document.Validity.AMENDED, Document.Validity.REPEALED):
            continue
        later = [
            x
            for x in by_unit[d.unit_id]
            if x.written_on > d.written_on and x.validity == Document.Validity.VALID
        ]
        if later:
            kind = "amends" if d.validity == Document.Validity.AMENDED else "replaces"
            links.append(DocumentRelation(source=later[0], target=d, kind=kind))
    DocumentRelation.objects.bulk_create(links, ignore_conflicts=True)


def _interpretations(history: list[Document]) -> None:
    rng = random.Random(7)
    for d in history:
        if not d.needs_interpretation or d.disclosure != Document.Disclosure.PROACTIVE:
            continue
        target = 5 if d.unit.kind in ("government", "office") else 2
        forms = rng.sample(FORMS[:7], k=max(1, target - rng.choice([0, 0, 1])))
        item = Interpretation.objects.create(
            region_id=d.region_id,
            unit=d.unit,
            title=f"《{d.title}》政策解读",
            forms=["text", *[f for f in forms if f != "text"]][: len(forms)],
            body=(
                f"<h2>一、出台背景</h2><p>{d.summary}</p><h2>二、主要内容</h2>"
                "<p>文件明确了工作目标、重点任务和保障措施。</p>"
                "<h2>三、政策亮点</h2><p>聚焦群众关切，简化办理流程，明确办理时限。</p>"
            ),
            status=Interpretation.Status.PUBLISHED,
            published_at=d.published_at,
            created_at=d.published_at,
            updated_at=d.published_at,
        )
        item.documents.add(d)


def _under_way(ctx: DemoContext) -> None:
    from .services.documents import document_create
    from .services.interpretations import interpretation_approve, interpretation_create
    from .services.workflow import document_approve, document_submit

    fgj = ctx.unit("县发改局")
    clerk, r1, r2, r3 = (
        ctx.user(u) for u in ("fgj_clerk", "fgj_review1", "fgj_review2", "fgj_review3")
    )
    head = ctx.user("fgj_head")
    today = ctx.now.date()
    written = today - dt.timedelta(days=3)

    def draft(title: str, body: str, **fields) -> Document:
        return document_create(
            actor=clerk,
            unit=fgj,
            title=title,
            written_on=written,
            body=body,
            genre=fields.pop("genre", "通知"),
            **fields,
        )

    # Waiting for 初审, 复审 and 终审 — one in each reviewer's inbox.
    waiting = [
        draft(
            f"关于做好{today.year}年冬春季节价格监测工作的通知",
            "各乡镇人民政府，县级有关部门：\n请按要求做好重要民生商品价格监测，每周一报送。",
        ),
        draft(
            f"示范县{today.year}年重点项目集中开工工作方案",
            "一、总体要求\n二、项目清单\n三、保障措施",
            genre="方案",
        ),
        draft(
            "关于征集以工代赈项目储备的通知",
            "各有关单位：\n请于本月底前报送储备项目。联系人：王晓明，联系电话 13800138000。",
        ),
    ]
    for i, doc in enumerate(waiting):
        document_submit(actor=clerk, document=doc)
        for reviewer in (r1, r2)[:i]:
            document_approve(actor=reviewer, document=doc)

    # A normative document through all three reviews with its interpretation (三同步).
    rule = draft(
        "示范县政府投资项目管理办法",
        "第一条 为规范政府投资行为，提高投资效益，制定本办法。\n"
        "第二条 本办法适用于县级政府投资项目。\n第三条 本办法自发布之日起施行。",
        genre="办法",
        is_normative=True,
        doc_number=f"示发改发〔{today.year}〕3号",
        effective_from=written,
        summary="规范县级政府投资项目的审批、建设和监督管理。",
    )
    item = interpretation_create(
        actor=clerk,
        unit=fgj,
        title="《示范县政府投资项目管理办法》政策解读",
        forms=["text", "graphic", "qa"],
        documents=[rule],
        body="<h2>一、为什么制定</h2><p>规范政府投资行为。</p><h2>二、主要内容</h2><p>明确审批程序。</p>",
    )
    interpretation_approve(actor=head, interpretation=item)
    document_submit(actor=clerk, document=rule)
    for reviewer in (r1, r2, r3):
        document_approve(actor=reviewer, document=rule)

    jtj = ctx.unit("县教体局")
    document_submit(
        actor=ctx.user("jtj_clerk"),
        document=document_create(
            actor=ctx.user("jtj_clerk"),
            unit=jtj,
            title="关于做好寒假期间学生安全教育工作的通知",
            written_on=written,
            body="各中小学校：\n请做好寒假安全教育，落实家校共育。",
        ),
    )
