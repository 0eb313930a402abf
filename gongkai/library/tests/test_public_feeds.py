"""RSS/Atom per column, sitemap.xml, bulk export (JSON Lines, .xlsx), `gongkai library search`."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.library.models import CatalogColumn
from gongkai.library.public.testing import publish_document, topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def docs(unit_a, unit_b, calendar_years):
    column = CatalogColumn.objects.get(code="fgwj", region__isnull=True)
    edu = publish_document(
        unit_b,
        title="示范县义务教育阶段学生资助实施办法",
        doc_number="示教体〔2026〕7号",
        genre="办法",
        topic=topic("科技、教育/教育"),
        summary="家庭经济困难学生资助的对象、标准和程序。",
        catalog_columns=[column],
        body="<p>为做好家庭经济困难学生资助工作，制定本办法。</p>",
        interpretation={"title": "学生资助办法解读", "forms": ["text"]},
    )
    safety = publish_document(
        unit_a,
        title="=关于做好冬季安全生产工作的通知",  # a title that looks like a spreadsheet formula
        doc_number="示发改〔2026〕12号",
        body="<p>冬季是安全生产事故易发期。</p>",
    )
    return {"edu": edu, "safety": safety}


def xml(data: bytes):
    return ET.fromstring(data)  # noqa: S314 — our own response, not untrusted input


def doc_path(document) -> str:
    return reverse("portal:library:document", kwargs={"index_no": document.index_no})


# --- feeds --------------------------------------------------------------------------------------


def test_the_rss_feed_of_the_whole_library(client, docs):
    response = client.get(reverse("portal:library:feed", kwargs={"kind": "rss"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = xml(response.content).find("channel")
    assert channel.findtext("title") == "示范县政策文件库"
    assert channel.findtext("language") == "zh-cn"
    items = channel.findall("item")
    assert {i.findtext("title") for i in items} == {d.title for d in docs.values()}
    links = {i.findtext("link") for i in items}
    assert "http://testserver" + doc_path(docs["edu"]) in links
    edu = next(i for i in items if i.findtext("title") == docs["edu"].title)
    assert "发文字号：示教体〔2026〕7号" in edu.findtext("description")
    assert edu.findtext("pubDate")


def test_the_atom_feed_of_one_catalog_column(client, docs):
    url = reverse("portal:library:feed_column", kwargs={"code": "fgwj", "kind": "atom"})
    response = client.get(url)
    assert response.status_code == 200
    root = xml(response.content)
    assert root.tag == f"{ATOM}feed"
    assert "法规文件" in root.findtext(f"{ATOM}title")
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [docs["edu"].title]


def test_the_feed_of_one_unit(client, docs, unit_a):
    url = reverse("portal:library:feed_unit", kwargs={"code": unit_a.code, "kind": "rss"})
    items = xml(client.get(url).content).find("channel").findall("item")
    assert [i.findtext("title") for i in items] == [docs["safety"].title]


@pytest.mark.parametrize(
    "path",
    ["/zcwj/lm/nosuch/rss.xml", "/zcwj/dw/nosuch/atom.xml", "/zcwj/json.xml"],
)
def test_unknown_feeds_are_404(client, docs, path):
    assert client.get(path).status_code == 404


# --- sitemap ------------------------------------------------------------------------------------


def test_the_sitemap_index_and_sections(client, docs):
    response = client.get(reverse("portal:library:sitemap"))
    assert response.status_code == 200
    root = xml(response.content)
    sections = [e.findtext(f"{SITEMAP}loc") for e in root.findall(f"{SITEMAP}sitemap")]
    assert any(s.endswith("/zcwj/sitemap-documents.xml") for s in sections)
    assert any(s.endswith("/zcwj/sitemap-interpretations.xml") for s in sections)

    documents = xml(client.get("/zcwj/sitemap-documents.xml").content)
    locs = {u.findtext(f"{SITEMAP}loc") for u in documents.findall(f"{SITEMAP}url")}
    assert locs == {"http://testserver" + doc_path(d) for d in docs.values()}
    assert all(u.findtext(f"{SITEMAP}lastmod") for u in documents.findall(f"{SITEMAP}url"))

    interpretations = xml(client.get("/zcwj/sitemap-interpretations.xml").content)
    interpretation = docs["edu"].interpretations.get()
    assert [u.findtext(f"{SITEMAP}loc") for u in interpretations.findall(f"{SITEMAP}url")] == [
        "http://testserver"
        + reverse("portal:library:interpretation", kwargs={"pk": interpretation.pk})
    ]


@pytest.mark.parametrize("path", ["/zcwj/sitemap-nosuch.xml", "/zcwj/sitemap-documents.xml?p=9"])
def test_unknown_sitemap_pages_are_404(client, docs, path):
    assert client.get(path).status_code == 404


# --- export -------------------------------------------------------------------------------------


def test_json_lines_export_streams_every_public_document(client, docs):
    response = client.get(reverse("portal:library:export_jsonl"))
    assert response.status_code == 200
    assert response.streaming
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["索引号"] for r in rows} == {d.index_no for d in docs.values()}
    edu = next(r for r in rows if r["索引号"] == docs["edu"].index_no)
    assert edu["发文字号"] == "示教体〔2026〕7号"
    assert edu["主题分类"].endswith("教育")
    assert edu["正文"]
    assert edu["成文日期"] == "2026-11-02"
    assert edu["有效性"] == "现行有效"
    assert edu["链接"] == "http://testserver" + doc_path(docs["edu"])


def test_the_json_lines_export_imports_back_without_errors(client, docs, tmp_path):
    from gongkai.library.importer.services import library_import

    response = client.get(reverse("portal:library:export_jsonl"))
    exported = tmp_path / "catalog.jsonl"
    exported.write_bytes(b"".join(response.streaming_content))
    region = docs["edu"].region
    report = library_import(actor=None, region=region, path=exported, dry_run=True)
    assert report.errors == []
    assert report.total == len(docs)


def test_xlsx_export_reads_back_with_the_metadata_columns(client, docs, unit_b):
    from openpyxl import load_workbook

    response = client.get(reverse("portal:library:export_xlsx"))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:10] == (
        "索引号",
        "标题",
        "发文字号",
        "发布机构",
        "机构代码",
        "主题分类",
        "体裁",
        "成文日期",
        "发布日期",
        "有效性",
    )
    titles = {r[1] for r in rows[1:]}
    # A title beginning with "=" stays text: never a formula in someone's spreadsheet.
    assert titles == {d.title for d in docs.values()}
    # Filters apply: one unit only.
    response = client.get(reverse("portal:library:export_xlsx"), {"unit": unit_b.code})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [docs["edu"].index_no]


def test_export_with_a_bad_filter_is_a_chinese_400(client, docs):
    response = client.get(reverse("portal:library:export_xlsx"), {"from": "2026-02-30"})
    assert response.status_code == 400
    assert "不是有效日期" in response.content.decode()


# --- the command ----------------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("library", *args, stdout=out)
    return out.getvalue()


def test_command_search_prints_json_hits(docs):
    body = json.loads(run("search", "资助", "--json"))
    assert body["total"] == 1
    assert body["hits"] == [
        {
            "索引号": docs["edu"].index_no,
            "标题": docs["edu"].title,
            "发文字号": "示教体〔2026〕7号",
            "发布日期": docs["edu"].published_on.isoformat(),
            "snippet": body["hits"][0]["snippet"],
        }
    ]
    assert "资助" in body["hits"][0]["snippet"] and "<mark>" not in body["hits"][0]["snippet"]


def test_command_search_with_filters_and_a_loose_doc_number(docs, unit_a, unit_b):
    assert json.loads(run("search", "示发改2026 12", "--json"))["hits"][0]["索引号"] == (
        docs["safety"].index_no
    )
    assert json.loads(run("search", "资助", "--unit", unit_a.code, "--json"))["total"] == 0
    assert json.loads(run("search", "资助", "--unit", unit_b.code, "--json"))["total"] == 1
    assert json.loads(run("search", "资助", "--topic", "科技、教育", "--json"))["total"] == 1
    today = docs["edu"].published_on.isoformat()
    body = json.loads(run("search", "资助", "--from", today, "--to", today, "--json"))
    assert body["total"] == 1
    assert json.loads(run("search", "资助", "--to", "2020-01-01", "--json"))["total"] == 0
    assert json.loads(run("search", "资助", "--region", "shifan", "--json"))["total"] == 1


def test_command_search_human_output(docs):
    out = run("search", "资助")
    assert "共找到 1 件" in out and docs["edu"].title in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "？！"], "请输入要搜索的词语"),
        (["search", "资助", "--from", "昨天"], "开始日期“昨天”不是有效日期"),
        (["search", "资助", "--unit", "nosuch"], "没有代码为“nosuch”的发布机构"),
        (["search", "资助", "--region", "nowhere"], "没有代码为 nowhere 的区域"),
    ],
)
def test_command_search_bad_input_in_chinese(docs, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_command_reindex_rebuilds_the_index(docs):
    from gongkai.core import search
    from gongkai.library.search_index import LIBRARY

    search.remove(LIBRARY, [str(d.pk) for d in docs.values()])
    assert json.loads(run("search", "资助", "--json"))["total"] == 0
    out = run("reindex")
    assert "公开文件 2 件" in out
    assert json.loads(run("search", "资助", "--json"))["total"] == 1
