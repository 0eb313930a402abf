"""The staff pages: list, registration, the case page and its action forms, letters, templates,
statistics and the 条例第四十四条 view; and that another unit's staff can neither see nor act."""

import pytest
from django.urls import reverse

from gongkai.core.audit.models import AuditEvent
from gongkai.inforequests import services
from gongkai.inforequests.models import InfoRequest, Letter, LetterTemplate

from .helpers import ID_NUMBER, PHONE, applicant, register


def url(name, **kwargs):
    return reverse(f"workspace:inforequests:{name}", kwargs=kwargs)


@pytest.fixture
def case(today, people, unit_a):
    today.set("2026-11-02")
    return register(unit_a, actor=people["clerk"], received_on="2026-11-02")


def test_list_is_sorted_by_due_date_and_scoped_to_the_units_of_the_person(
    client, today, people, unit_a, unit_b
):
    today.set("2026-11-10")
    late = register(unit_a, actor=people["clerk"], received_on="2026-11-09")
    early = register(unit_a, actor=people["clerk"], received_on="2026-11-02")
    other = register(unit_b, actor=people["clerk_b"], received_on="2026-11-02")
    client.force_login(people["clerk"])
    page = client.get(url("list")).content.decode()
    assert page.index(early.tracking_code) < page.index(late.tracking_code)
    assert other.tracking_code not in page
    client.force_login(people["office"])
    page = client.get(url("list")).content.decode()
    assert other.tracking_code in page
    page = client.get(url("list") + f"?unit={unit_b.pk}").content.decode()
    assert other.tracking_code in page and early.tracking_code not in page


def test_another_units_staff_can_neither_see_nor_act(client, case, people):
    client.force_login(people["clerk_b"])
    assert client.get(url("case", pk=case.pk)).status_code == 404
    for name in ("case_accept", "case_reply", "case_extend", "case_transfer", "case_letter"):
        assert client.post(url(name, pk=case.pk), {"date": "2026-11-02"}).status_code == 404
    case.refresh_from_db()
    assert case.status == "review"
    assert not AuditEvent.objects.filter(verb="inforequest.accept").exists()


def test_personal_data_only_for_handlers_and_the_office(client, case, people):
    for who, sees in (("clerk", True), ("office", True), ("secrecy", False)):
        client.force_login(people[who])
        page = client.get(url("case", pk=case.pk)).content.decode()
        assert (ID_NUMBER in page and PHONE in page and "张三" in page) is sees, who
        assert case.description in page
    client.force_login(people["secrecy"])
    assert client.post(url("case_accept", pk=case.pk)).status_code == 403


def test_staff_registration_applies_the_channel_rule_and_refuses_bad_input(
    client, today, people, unit_a
):
    today.set("2026-11-05")
    client.force_login(people["clerk"])
    data = {
        **applicant(),
        "applicant_type": "natural",
        "unit": unit_a.pk,
        "channel": "letter",
        "received_on": "2026-11-04",
    }
    response = client.post(url("register"), data)
    assert response.status_code == 400 and "请填写收到日期的确认情况" in response.content.decode()
    response = client.post(
        url("register"), {**data, "received_on": "2026-11-09", "receipt_note": "电话确认"}
    )
    assert "晚于今天" in response.content.decode()
    assert InfoRequest.objects.count() == 0
    response = client.post(url("register"), {**data, "receipt_note": "11-04 电话与申请人确认"})
    created = InfoRequest.objects.get()
    assert response.status_code == 302 and created.channel == "letter"
    page = client.get(url("case", pk=created.pk)).content.decode()
    assert "以政府信息公开工作机构与申请人确认之日为收到申请之日" in page


def test_actions_through_the_forms_with_errors_shown(client, case, people, today):
    client.force_login(people["clerk"])
    response = client.post(
        url("case_request_correction", pk=case.pk), {"date": "2026-11-02", "items": ""}, follow=True
    )
    assert "请填写需要补正的事项" in response.content.decode()
    client.post(url("case_accept", pk=case.pk))
    response = client.post(
        url("case_start_consultation", pk=case.pk),
        {"date": "2026-11-02", "kind": "third_party", "party": "某公司"},
        follow=True,
    )
    assert "征求意见所需时间不计算在答复期限内" in response.content.decode()
    response = client.post(
        url("case_extend", pk=case.pk), {"date": "2026-11-02", "workdays": "5", "reason": "x"}
    )
    assert response.status_code == 403  # a clerk cannot approve the extension
    client.force_login(people["head"])
    response = client.post(
        url("case_extend", pk=case.pk),
        {"date": "2026-11-02", "workdays": "25", "reason": "材料多"},
        follow=True,
    )
    assert "最长不得超过 20 个工作日" in response.content.decode()
    client.post(url("case_end_consultation", pk=case.pk), {"date": "2026-11-02"})
    response = client.post(
        url("case_reply", pk=case.pk),
        {
            "outcome": "partial",
            "reply_type": "partial",
            "date": "2026-11-02",
            "facts": "提供方案",
            "withheld_part": ["报价明细", ""],
            "withheld_reason": ["商业秘密", ""],
        },
        follow=True,
    )
    assert "已作出答复" in response.content.decode()
    response = client.post(url("case_letter", pk=case.pk), follow=True)
    letter = Letter.objects.get(request=case)
    assert "部分公开" in letter.title
    docx = client.get(url("letter", pk=case.pk, letter_pk=letter.pk, fmt="docx"))
    assert docx.status_code == 200 and b"".join(docx.streaming_content)[:2] == b"PK"
    if letter.pdf:
        pdf = client.get(url("letter", pk=case.pk, letter_pk=letter.pk, fmt="pdf"))
        assert b"".join(pdf.streaming_content)[:4] == b"%PDF"
    else:
        assert "无法生成 PDF" in letter.pdf_error
    response = client.post(
        url("case_deliver", pk=case.pk), {"method": "post", "date": "2026-11-02"}, follow=True
    )
    assert "请填写邮件单号" in response.content.decode()


def test_office_edits_templates_and_unknown_placeholders_are_refused(client, region, people):
    client.force_login(people["clerk"])
    assert client.get(url("templates")).status_code == 403
    client.force_login(people["office"])
    assert client.get(url("templates")).status_code == 200
    template = LetterTemplate.objects.get(region=region, key="disclosed")
    response = client.post(
        url("template_edit", pk=template.pk), {"title": "答复书", "body": "{申请人}：{未知项}"}
    )
    assert response.status_code == 400 and "无法识别的占位符：{未知项}" in response.content.decode()
    client.post(
        url("template_edit", pk=template.pk),
        {"title": "答复书", "body": "{申请人}：您好。{救济途径}"},
    )
    template.refresh_from_db()
    assert template.body == "{申请人}：您好。{救济途径}"


def test_stats_page_shows_the_annual_report_rows(client, case, people):
    client.force_login(people["office"])
    page = client.get(url("stats") + "?start=2026-01-01&end=2026-12-31").content.decode()
    for label in (
        "一、本年新收政府信息公开申请数量",
        "（七）总计",
        "四、结转下年度继续办理",
        "复议后起诉",
    ):
        assert label in page
    response = client.get(url("stats") + "?start=2026-13-01")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.content.decode()
    client.force_login(people["clerk_b"])
    assert client.get(url("stats") + f"?unit={case.unit_id}").status_code == 404


def test_demand_view_clusters_and_proposes_proactive_disclosure(client, today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    for i, phone in enumerate(["13900000001", "13900000002", "13900000003"]):
        r = register(
            unit_a,
            actor=clerk,
            received_on="2026-11-02",
            phone=phone,
            id_number=__import__("gongkai.inforequests.tests.helpers", fromlist=["x"]).resident_id(
                f"11010519900101{i:03d}"
            ),
            description=f"申请公开2026年城区停车场收费标准及其依据{'甲乙丙'[i]}",
        )
        services.info_request_release_file(
            request=r, actor=clerk, name="收费标准.txt", content="停车收费标准：每小时2元".encode()
        )
    client.force_login(people["office"])
    page = client.get(url("demand")).content.decode()
    assert "3 位申请人" in page and "收费标准.txt" in page
    response = client.post(
        url("propose"),
        {"unit": unit_a.pk, "topic": "停车场收费标准", "reason": "多人申请", "count": 3},
        follow=True,
    )
    assert "已提出主动公开建议" in response.content.decode()
    from gongkai.core.duties.models import Duty

    assert Duty.objects.filter(kind="library.propose", unit=unit_a, status="open").count() == 1
    response = client.post(
        url("propose"), {"unit": unit_a.pk, "topic": "", "reason": "x"}, follow=True
    )
    assert "请填写主题" in response.content.decode()


def test_case_history_is_visible_to_the_unit_and_the_office_only(client, case, people):
    history = reverse("workspace:history", args=["inforequests.inforequest", case.pk])
    for who, status in (("clerk", 200), ("office", 200), ("clerk_b", 403)):
        client.force_login(people[who])
        response = client.get(history)
        assert response.status_code in ((status,) if status == 200 else (403, 404)), who
        if status == 200:
            assert "登记申请" in response.content.decode()
