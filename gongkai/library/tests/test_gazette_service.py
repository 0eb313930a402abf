"""政府公报: compile an issue from the period's normative documents → PDF with a table of contents
whose page numbers are where each document starts; publish (audited); access rules."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pdfplumber
import pytest

from gongkai.core.audit.models import AuditEvent
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.library.gazette.models import GazetteIssue
from gongkai.library.gazette.selectors import issues_public
from gongkai.library.gazette.services import gazette_compile, gazette_publish
from gongkai.library.importer.services import library_import
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

pytestmark = pytest.mark.django_db

TITLES = [
    "示范县农村宅基地管理办法",
    "示范县城乡居民最低生活保障实施细则",
    "示范县政府投资项目管理规定",
]


def publish_documents(region, tmp_path, specs):
    """Published documents through the importer (the quickest honest way to published records)."""
    lines = []
    for i, spec in enumerate(specs, start=1):
        record = {
            "索引号": f"001001/2026-{i:05d}",
            "标题": spec["title"],
            "发文字号": f"示府规〔2026〕{i}号",
            "发布机构": "示范县发展和改革局",
            "成文日期": spec.get("date", "2026-03-02"),
            "发布日期": spec.get("date", "2026-03-02"),
            "体裁": "办法",
            "行政规范性文件": spec.get("normative", "是"),
            "正文": "".join(
                f"<p>第{n}条　{spec['title']}的第{n}条规定，"
                "各乡镇人民政府和县级有关部门应当认真执行，"
                "确保各项措施落到实处，切实维护群众合法权益。</p>"
                for n in range(1, spec.get("articles", 10) + 1)
            ),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / f"docs{len(specs)}.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    library_import(actor=None, region=region, path=path)


@pytest.fixture
def office(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="gazette_office")


@pytest.fixture
def three(region, unit_a, tmp_path):
    specs = [
        {"title": TITLES[0], "articles": 30},  # long enough to take more than one page
        {"title": TITLES[1], "articles": 8},
        {"title": TITLES[2], "articles": 40},
        {"title": "示范县关于春耕备耕工作的通知", "normative": "否"},  # not normative: left out
        {"title": "示范县旧的管理办法", "date": "2026-01-05"},  # outside the period
    ]
    publish_documents(region, tmp_path, specs)


def compile_issue(office, region, **kw):
    return gazette_compile(
        actor=office,
        region=region,
        year=2026,
        number=3,
        period_from=dt.date(2026, 3, 1),
        period_to=dt.date(2026, 3, 31),
        issued_on=dt.date(2026, 4, 10),
        **kw,
    )


def page_texts(issue) -> list[str]:
    with issue.pdf.open("rb") as f, pdfplumber.open(io.BytesIO(f.read())) as pdf:
        # letter-spaced headings come out with spaces between characters
        return [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]


def test_compiled_pdf_toc_page_numbers_match_where_each_document_starts(office, region, three):
    issue = compile_issue(office, region)

    assert issue.status == GazetteIssue.Status.DRAFT
    entries = list(issue.entries.select_related("document").order_by("sort"))
    assert [e.document.title for e in entries] == TITLES
    texts = page_texts(issue)
    assert len(texts) == issue.pages >= 5

    cover = texts[0]
    assert "示范县人民政府公报" in cover and "2026年第3期" in cover
    toc = texts[1]
    assert "目录" in toc
    for entry in entries:
        title = entry.document.title
        # the TOC line: title (doc number) ....... page
        line = next(
            line
            for line in toc.splitlines()
            if re.search(r"\d+\s*$", line)
            and (title[-6:] in line or entry.document.doc_number in line)
        )
        toc_page = int(re.search(r"(\d+)$", line).group(1))
        # the page the document's heading is on (after the cover and the TOC)
        start = next(i for i, text in enumerate(texts[2:], start=3) if title in text)
        assert toc_page == start == entry.page, (title, toc_page, start, entry.page)
        # footer page number in the “— N —” style, and the running header
        assert f"—{start}—" in texts[start - 1]
        assert "示范县人民政府公报" in texts[start - 1]
    assert "春耕备耕" not in "".join(texts)
    assert "旧的管理办法" not in "".join(texts)

    event = AuditEvent.objects.get(verb="gazette.compile")
    assert event.details["页数"] == issue.pages


def test_extra_documents_and_recompiling_a_draft(office, region, three):
    issue = compile_issue(office, region, extra_index_nos=["001001/2026-00004"])
    assert issue.entries.count() == 4
    issue = compile_issue(office, region)
    assert issue.entries.count() == 3
    assert GazetteIssue.objects.count() == 1

    with pytest.raises(GongkaiError, match="没有对应的已公开文件"):
        compile_issue(office, region, extra_index_nos=["不存在/1"])


def test_empty_period_is_refused(office, region, three):
    with pytest.raises(GongkaiError, match="没有发布的行政规范性文件"):
        gazette_compile(
            actor=office,
            region=region,
            year=2026,
            number=9,
            period_from=dt.date(2025, 1, 1),
            period_to=dt.date(2025, 1, 31),
        )
    assert not GazetteIssue.objects.exists()


def test_publish_is_audited_and_shows_in_the_public_archive(office, region, three):
    issue = compile_issue(office, region)
    assert list(issues_public(region)) == []  # drafts are not public
    gazette_publish(actor=office, issue=issue)
    issue.refresh_from_db()
    assert issue.status == GazetteIssue.Status.PUBLISHED
    assert list(issues_public(region)) == [issue]
    assert list(issues_public(region, q="宅基地")) == [issue]
    assert list(issues_public(region, q="不存在的词")) == []
    assert AuditEvent.objects.filter(verb="gazette.publish", object_id=str(issue.pk)).exists()
    with pytest.raises(GongkaiError, match="已发布，不能重新编印"):
        compile_issue(office, region)
    with pytest.raises(GongkaiError, match="已经发布"):
        gazette_publish(actor=office, issue=issue)


def test_only_the_office_compiles_and_publishes(office, region, unit_a, three, people):
    for person in (people.clerk, people.head, people.r3):
        with pytest.raises(PermissionDenied):
            compile_issue(person, region)
    issue = compile_issue(office, region)
    with pytest.raises(PermissionDenied):
        gazette_publish(actor=people.head, issue=issue)


def test_command_compiles_publishes_and_writes_the_pdf(region, three, tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "gazette",
        "compile",
        "--region",
        "shifan",
        "--year",
        "2026",
        "--issue",
        "4",
        "--from",
        "2026-03-01",
        "--to",
        "2026年3月31日",
        stdout=out,
    )
    assert "已编印 2026年第4期：3 份文件" in out.getvalue()
    call_command(
        "gazette", "publish", "--region", "shifan", "--year", "2026", "--issue", "4", stdout=out
    )
    target = tmp_path / "g.pdf"
    call_command(
        "gazette",
        "pdf",
        "--region",
        "shifan",
        "--year",
        "2026",
        "--issue",
        "4",
        "--output",
        str(target),
        stdout=out,
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert GazetteIssue.objects.get().status == GazetteIssue.Status.PUBLISHED
