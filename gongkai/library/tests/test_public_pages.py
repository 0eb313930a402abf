"""What a citizen sees in the 政策文件库: list, search, filters, the document page, attachments,
interpretations, validity banner, print view, 清理结果, and the portal's columns and home page."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from gongkai.library.models import Document
from gongkai.library.public.testing import people_of, publish_document, topic
from gongkai.library.services.cleanup import cleanup_close, cleanup_decide, cleanup_open
from gongkai.library.services.documents import document_create, document_relate
from gongkai.library.services.workflow import document_set_validity, document_withdraw
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, staff

pytestmark = pytest.mark.django_db

LIST = "/zcwj/"


def doc_url(document) -> str:
    return reverse("portal:library:document", kwargs={"index_no": document.index_no})


@pytest.fixture
def library(unit_a, unit_b, calendar_years):
    """Three public documents in two units, one with an interpretation, one repealed."""
    edu = publish_document(
        unit_b,
        title="示范县义务教育阶段学生资助实施办法",
        doc_number="示教体〔2026〕7号",
        genre="办法",
        topic=topic("科技、教育/教育"),
        keywords="学生资助 义务教育",
        is_normative=True,
        body="<p>为做好义务教育阶段家庭经济困难学生资助工作，制定本办法。</p>"
        "<p>资助对象为具有本县学籍的家庭经济困难学生。</p>",
        interpretation={
            "title": "《示范县义务教育阶段学生资助实施办法》政策解读",
            "forms": ["text", "qa"],
            "body": "<p>一、出台背景。二、主要内容。</p>",
        },
    )
    safety = publish_document(
        unit_a,
        title="关于做好2026年冬季安全生产工作的通知",
        doc_number="示发改〔2026〕12号",
        genre="通知",
        topic=topic("市场监管、安全生产监管/安全生产"),
        body="<p>各乡镇人民政府：冬季是安全生产事故易发期，现就做好安全生产工作通知如下。</p>",
    )
    old = publish_document(
        unit_a,
        title="示范县价格监测工作管理办法",
        doc_number="示发改〔2024〕3号",
        genre="办法",
        topic=topic("国民经济管理、国有资产监管/价格"),
        written_on=dt.date(2024, 3, 1),
        body="<p>为规范价格监测工作，制定本办法。</p>",
    )
    return {"edu": edu, "safety": safety, "old": old}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- the list and the search -------------------------------------------------------------------


def test_the_list_shows_every_public_document_newest_first(client, library):
    response = client.get(LIST)
    html = text_of(response)
    assert response.status_code == 200
    assert "共 3 件文件" in html
    for doc in library.values():
        assert doc_url(doc) in html
    assert html.count('class="lib-item"') == 3


def test_a_two_character_word_finds_the_document_and_marks_it(client, library):
    html = text_of(client.get(LIST, {"q": "资助"}))
    assert '找到与“<strong class="lib-query-echo">资助</strong>”相关的文件 1 件' in html
    assert doc_url(library["edu"]) in html
    assert doc_url(library["safety"]) not in html
    assert "<mark>资助</mark>" in html


def test_an_exact_phrase_and_an_exclusion(client, library):
    html = text_of(client.get(LIST, {"q": '"安全生产工作"'}))
    assert doc_url(library["safety"]) in html and doc_url(library["edu"]) not in html
    html = text_of(client.get(LIST, {"q": "办法 -价格"}))
    assert doc_url(library["edu"]) in html and doc_url(library["old"]) not in html


@pytest.mark.parametrize(
    "typed", ["示教体〔2026〕7号", "示教体[2026]7号", "示教体2026 7", "示教体 2026年7号"]
)
def test_a_doc_number_typed_loosely_finds_its_document_first(client, library, typed):
    response = client.get(LIST, {"q": typed})
    html = text_of(response)
    assert response.status_code == 200
    first = re.search(r'class="lib-item-title"><a href="([^"]+)"', html)
    assert first and first.group(1) == doc_url(library["edu"])


def test_a_doc_number_search_offers_the_documents_that_cite_it(client, library):
    html = text_of(client.get(LIST, {"q": "示教体2026 7"}))
    assert "按发文字号找到以上文件" in html and "?q=%22" in html
    html = text_of(client.get(LIST, {"q": "资助"}))
    assert "按发文字号找到以上文件" not in html


def test_filters_narrow_the_list_and_facets_count(client, library, unit_a):
    html = text_of(client.get(LIST, {"unit": unit_a.code}))
    assert "共 2 件文件" in html
    assert doc_url(library["edu"]) not in html
    html = text_of(client.get(LIST, {"genre": "办法"}))
    assert "共 2 件文件" in html
    html = text_of(client.get(LIST, {"interp": "1"}))
    assert "共 1 件文件" in html and doc_url(library["edu"]) in html
    html = text_of(
        client.get(LIST, {"topic": topic("科技、教育").code})
    )  # a class: its sub-classes
    assert "共 1 件文件" in html and doc_url(library["edu"]) in html
    # facet counts over the whole list
    html = text_of(client.get(LIST))
    assert '县发改局<span class="facet-count">（2）</span>' in html
    assert '有解读<span class="facet-count">（1）</span>' in html


def test_filters_apply_to_full_text_search_too(client, library, unit_b):
    html = text_of(client.get(LIST, {"q": "办法", "unit": unit_b.code}))
    assert "相关的文件 1 件" in html and doc_url(library["edu"]) in html
    html = text_of(client.get(LIST, {"q": "办法", "validity": "repealed"}))
    assert "相关的文件 0 件" in html
    html = text_of(client.get(LIST, {"q": "办法", "interp": "1"}))
    assert "相关的文件 1 件" in html
    assert '科技、教育<span class="facet-count">（1）</span>' in html


def test_a_published_date_range(client, library):
    today = library["edu"].published_on.isoformat()
    html = text_of(client.get(LIST, {"from": today, "to": today}))
    assert "共 3 件文件" in html
    html = text_of(client.get(LIST, {"q": "办法", "to": "2020-01-01"}))
    assert "相关的文件 0 件" in html


def test_sort_by_date_or_relevance(client, library):
    html = text_of(client.get(LIST, {"q": "办法", "sort": "date"}))
    assert 'value="date" selected' in html
    assert "相关的文件 2 件" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "！@#￥%……&*"}, "请输入要搜索的词语"),
        ({"q": "-补助"}, "只有排除词"),
        ({"from": "2026-13-45"}, "开始日期“2026-13-45”不是有效日期"),
        ({"to": "昨天"}, "结束日期“昨天”不是有效日期"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "开始日期不能晚于结束日期"),
        ({"unit": "nosuch"}, "没有代码为“nosuch”的发布机构"),
        ({"topic": "99"}, "没有“99”这个主题分类"),
        ({"genre": "诗歌"}, "没有“诗歌”这种体裁"),
        ({"validity": "forever"}, "有效性只能是"),
        ({"sort": "random"}, "排序方式只能是"),
        ({"interp": "x"}, "政策解读条件只能是"),
    ],
)
def test_bad_input_gets_a_chinese_message_not_an_error(client, library, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999", ""])
def test_any_page_number_is_answered(client, library, page):
    assert client.get(LIST, {"page": page}).status_code == 200
    assert client.get(LIST, {"q": "办法", "page": page}).status_code == 200


def test_pagination_links_keep_the_filters(client, unit_a, calendar_years):
    for n in range(22):
        publish_document(unit_a, title=f"关于第{n + 1}批项目资金安排的通知")
    html = text_of(client.get(LIST, {"q": "资金", "unit": unit_a.code}))
    assert "相关的文件 22 件" in html
    assert 'aria-label="分页"' in html
    assert f"?q=%E8%B5%84%E9%87%91&amp;unit={unit_a.code}&amp;page=2" in html
    page2 = text_of(client.get(LIST, {"q": "资金", "unit": unit_a.code, "page": 2}))
    assert "当前显示第 21–22 件" in page2


def test_drafts_and_withdrawn_documents_are_never_listed_or_found(client, library, unit_a):
    people = people_of(unit_a)
    draft = document_create(
        actor=people.clerk,
        unit=unit_a,
        title="尚未发布的资助草稿",
        written_on=dt.date(2026, 11, 2),
        body="<p>资助草稿</p>",
    )
    head = staff(unit_a, Role.HEAD, username="withdrawer")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        document_withdraw(actor=head, document=library["safety"], reason="内容有误")
    html = text_of(client.get(LIST))
    assert "共 2 件文件" in html
    assert doc_url(library["safety"]) not in html
    assert "尚未发布的资助草稿" not in text_of(client.get(LIST, {"q": "草稿"}))
    assert "相关的文件 0 件" in text_of(client.get(LIST, {"q": "安全生产"}))
    assert client.get(doc_url(library["safety"])).status_code == 404
    assert client.get(doc_url(draft)).status_code == 404


def test_another_regions_documents_are_not_shown(client, library):
    other = RegionFactory(
        code="other", name="邻县人民政府", short_name="邻县", host="other.example"
    )
    other_unit = UnitFactory(region=other, name="邻县教育局", code="009001")
    document = publish_document(other_unit, title="邻县学生资助办法")
    assert doc_url(document) not in text_of(client.get(LIST, {"q": "资助"}))
    assert client.get(doc_url(document)).status_code == 404
    html = text_of(client.get(LIST, {"q": "资助"}, HTTP_HOST="other.example"))
    assert "相关的文件 1 件" in html and doc_url(document) in html


# --- the document page --------------------------------------------------------------------------


def test_the_document_page_shows_the_metadata_header(client, library):
    doc = library["edu"]
    response = client.get(doc_url(doc))
    html = text_of(response)
    assert response.status_code == 200
    for label, value in [
        ("索引号", doc.index_no),
        ("发布机构", "示范县教育和体育局"),
        ("主题分类", "科技、教育;教育"),
        ("成文日期", "2026-11-02"),
        ("标题", doc.title),
        ("发文字号", "示教体〔2026〕7号"),
        ("发布日期", doc.published_on.isoformat()),
        ("有效性", "现行有效"),
        ("主题词", "学生资助 义务教育"),
    ]:
        assert re.search(rf'<th scope="row">{label}</th>\s*<td[^>]*>.*?{re.escape(value)}', html), (
            label
        )
    assert "<p>资助对象为具有本县学籍的家庭经济困难学生。</p>" in html
    assert html.count("<h1") == 1
    assert 'aria-label="当前位置"' in html


def test_document_and_interpretation_link_both_ways(client, library):
    doc = library["edu"]
    interpretation = doc.interpretations.get()
    html = text_of(client.get(doc_url(doc)))
    url = reverse("portal:library:interpretation", kwargs={"pk": interpretation.pk})
    assert url in html and interpretation.title in html
    assert "文字、简明问答" in html
    page = text_of(client.get(url))
    assert doc_url(doc) in page
    assert "解读单位：示范县教育和体育局" in page
    assert "一、出台背景" in page
    listing = text_of(client.get(reverse("portal:library:interpretations")))
    assert url in listing


def test_an_unknown_index_no_is_a_chinese_404(client, library):
    response = client.get("/zcwj/wj/nosuch/2026-99999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode() or "没有找到" in response.content.decode()
    assert client.get("/zcwj/jd/999999/").status_code == 404


def test_a_repealed_document_shows_a_banner_pointing_to_its_replacement(client, library, unit_a):
    old, new = library["old"], library["safety"]
    people = people_of(unit_a)
    document_relate(actor=people.clerk, source=new, target=old, kind="replaces")
    document_set_validity(actor=people.head, document=old, validity=Document.Validity.REPEALED)
    html = text_of(client.get(doc_url(old)))
    assert "本文件已废止" in html
    assert re.search(r"替代本文件的是：<a href=\"" + re.escape(doc_url(new)), html)
    assert "本文件替代" in text_of(client.get(doc_url(new)))


@pytest.mark.parametrize(
    ("validity", "text"),
    [("amended", "本文件已修改"), ("expired", "本文件已失效"), ("repealed", "本文件已废止")],
)
def test_the_banner_names_the_validity(client, library, unit_a, validity, text):
    document_set_validity(actor=people_of(unit_a).head, document=library["old"], validity=validity)
    assert text in text_of(client.get(doc_url(library["old"])))


def test_the_print_view(client, library):
    doc = library["edu"]
    response = client.get(reverse("portal:library:print", kwargs={"index_no": doc.index_no}))
    html = text_of(response)
    assert response.status_code == 200
    assert "library/print.css" in html
    assert doc.title in html and doc.index_no in html
    assert 'class="site-header"' not in html


# --- attachments ------------------------------------------------------------------------------


def _docx(text: str) -> bytes:
    import io

    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(out)
    return out.getvalue()


def test_attachments_download_and_are_searchable(client, unit_a, calendar_years):
    doc = publish_document(
        unit_a,
        title="关于公布农机购置补贴对象的通知",
        attachments=[("补贴对象名单.docx", _docx("拖拉机购置补贴对象名单，共计十二户。"))],
    )
    attachment = doc.attachments.get()
    html = text_of(client.get(doc_url(doc)))
    url = reverse(
        "portal:library:attachment",
        kwargs={"index_no": doc.index_no, "attachment_id": attachment.pk},
    )
    assert url in html and "补贴对象名单.docx" in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert "attachment" in response["Content-Disposition"]
    # the attachment's text is found by the search
    assert doc_url(doc) in text_of(client.get(LIST, {"q": "拖拉机"}))


def test_an_unpublished_documents_attachment_is_never_served(client, unit_a, calendar_years):
    from gongkai.library.services.documents import attachment_add

    people = people_of(unit_a)
    draft = document_create(
        actor=people.clerk, unit=unit_a, title="草稿", written_on=dt.date(2026, 11, 2), body="x"
    )
    attachment = attachment_add(
        actor=people.clerk, document=draft, name="内部.docx", data=_docx("内部材料")
    )
    public = publish_document(unit_a, title="公开文件")
    for index_no in (draft.index_no, public.index_no):
        url = reverse(
            "portal:library:attachment",
            kwargs={"index_no": index_no, "attachment_id": attachment.pk},
        )
        assert client.get(url).status_code == 404


# --- 清理结果 ---------------------------------------------------------------------------------


def test_cleanup_results_are_published_when_the_campaign_closes(client, library, unit_b, region):
    office = staff(unit_b, Role.OFFICE_ADMIN, username="office")
    campaign = cleanup_open(
        actor=office,
        region=region,
        title="2026年度行政规范性文件清理",
        closes_on=dt.date(2026, 12, 31),
    )
    url = reverse("portal:library:cleanup", kwargs={"pk": campaign.pk})
    assert "清理工作正在进行" in text_of(client.get(url))
    cleanup_decide(
        actor=people_of(unit_b).head,
        campaign=campaign,
        document=library["edu"],
        decision="continue",
    )
    cleanup_close(actor=office, campaign=campaign)
    html = text_of(client.get(url))
    assert "共清理文件 1 件" in html and "继续有效 1 件" in html
    assert doc_url(library["edu"]) in html
    assert '<th scope="col">清理结果</th>' in html
    assert url in text_of(client.get(reverse("portal:library:cleanup_list")))


# --- the portal -------------------------------------------------------------------------------


def test_the_home_page_lists_the_latest_documents(client, library):
    html = text_of(client.get("/"))
    assert "暂无最新公开的政府信息" not in html
    for doc in library.values():
        assert doc_url(doc) in html


def test_the_portal_search_box_searches_the_library(client, library):
    html = text_of(client.get(reverse("portal:search"), {"q": "资助"}))
    assert doc_url(library["edu"]) in html
    assert "<mark>资助</mark>" in html
    assert 'class="search-query">资助</strong>' in html


def test_the_catalog_column_lists_documents_by_category(client, unit_a, calendar_years):
    from gongkai.library.models import CatalogColumn

    column = CatalogColumn.objects.get(code="fgwj", region__isnull=True)
    doc = publish_document(unit_a, title="示范县行政规范性文件管理办法", catalog_columns=[column])
    html = text_of(client.get(reverse("portal:column", kwargs={"slug": "fdzdgknr"})))
    assert "法规文件（规章、行政规范性文件）" in html and doc_url(doc) in html
    assert "（1）" in html
    page = text_of(client.get(reverse("portal:library:column", kwargs={"code": "fgwj"})))
    assert doc_url(doc) in page and '<th scope="col">发文字号</th>' in page
    assert (
        client.get(reverse("portal:library:column", kwargs={"code": "nosuch"})).status_code == 404
    )


def test_the_rules_column_lists_disclosure_rules(client, unit_a, calendar_years):
    doc = publish_document(
        unit_a, title="示范县政府信息公开工作制度", topic=topic("综合政务/政务公开")
    )
    html = text_of(client.get(reverse("portal:column", kwargs={"slug": "xxgkzd"})))
    assert doc_url(doc) in html


def test_the_guide_links_to_the_library(client, region):
    html = text_of(client.get(reverse("portal:column", kwargs={"slug": "xxgkzn"})))
    assert 'href="/zcwj/"' in html
    assert reverse("portal:library:export_xlsx") in html


# --- no input makes a 500 ------------------------------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(["\x00", '"', "-", "〔〕", "2026-02-30", "示教体2026 7", "-" * 5, "％"])


@hyp_settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=ANY_TEXT, unit=ANY_TEXT, date=ANY_TEXT, page=ANY_TEXT, sort=ANY_TEXT)
def test_no_input_makes_a_server_error(client, library, q, unit, date, page, sort):
    params = {"q": q, "unit": unit, "from": date, "page": page, "sort": sort}
    for path in (LIST, reverse("portal:search"), "/api/library/search", "/api/library/documents"):
        response = client.get(path, params)
        assert response.status_code in (200, 400, 422), (path, params, response.status_code)
        if response.status_code != 200:
            assert re.search(r"[\u4e00-\u9fff]", response.json()["detail"])
    response = client.get("/api/library/changes", {"since": date})
    assert response.status_code in (200, 400)
    assert client.get(f"/zcwj/wj/{quote(q, safe='')}/").status_code in (200, 404)


def test_nul_characters_are_answered_quietly(client, library):
    # PostgreSQL refuses NUL in text; it must never reach a query.
    assert client.get(LIST, {"q": "\x00资助", "unit": "\x00"}).status_code == 200
    assert client.get("/zcwj/wj/a%00b/").status_code == 404
    assert client.get("/api/library/documents/a%00b").status_code == 404
    assert client.get("/api/library/documents", {"region": "\x00"}).status_code == 400
    assert client.get("/api/library/changes", {"since": "\x00"}).status_code == 400


def test_the_index_follows_validity_and_later_interpretations(client, library, unit_a):
    from django.test import TestCase

    from gongkai.library.services.interpretations import (
        interpretation_approve,
        interpretation_create,
    )

    people = people_of(unit_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        document_set_validity(actor=people.head, document=library["old"], validity="repealed")
    html = text_of(client.get(LIST, {"q": "办法", "validity": "repealed"}))
    assert "相关的文件 1 件" in html and doc_url(library["old"]) in html

    with TestCase.captureOnCommitCallbacks(execute=True):
        interpretation = interpretation_create(
            actor=people.clerk,
            unit=unit_a,
            title="冬季安全生产图解",
            forms=["graphic"],
            body="<p>图解要点。</p>",
            documents=[library["safety"]],
        )
        interpretation_approve(actor=people.head, interpretation=interpretation)
    html = text_of(client.get(LIST, {"q": "图解"}))
    assert doc_url(library["safety"]) in html
    html = text_of(client.get(LIST, {"q": "通知", "interp": "1"}))
    assert doc_url(library["safety"]) in html


def test_a_plain_documents_page_is_built_with_two_queries(
    client, library, django_assert_max_num_queries
):
    """A page built from the database spends most of its time in the ORM: the parts a document
    does not have (attachments, interpretations, related documents) are not asked for."""
    doc = library["safety"]
    client.get(LIST)  # the region list is cached from here on
    with django_assert_max_num_queries(2):
        html = text_of(client.get(doc_url(doc)))
    assert doc.title in html and "本文件暂无政策解读" in html
    assert "附件" not in html and "相关文件" not in html and "validity-banner" not in html


def test_the_parts_a_page_reads_follow_what_the_document_has(client, library, unit_a):
    from gongkai.library.selectors import document_parts
    from gongkai.library.services.interpretations import interpretation_create

    edu, safety, old = library["edu"], library["safety"], library["old"]
    assert document_parts(edu).interpretations and not document_parts(edu).attachments
    assert document_parts(safety) == document_parts(old)
    assert not any(vars(document_parts(safety)).values())
    people = people_of(unit_a)
    interpretation_create(  # a draft: not shown, not counted
        actor=people.clerk,
        unit=unit_a,
        title="安全生产解读（草稿）",
        forms=["text"],
        body="<p>草稿。</p>",
        documents=[safety],
    )
    assert not document_parts(safety).interpretations
    assert "安全生产解读（草稿）" not in text_of(client.get(doc_url(safety)))
    document_relate(actor=people.clerk, source=safety, target=old, kind="amends")
    assert document_parts(safety).links_out and not document_parts(safety).links_in
    assert document_parts(old).links_in and not document_parts(old).links_out
    assert re.search(
        r"修改本文件的是：<a href=\"" + re.escape(doc_url(safety)),
        text_of(client.get(doc_url(old))),
    )
