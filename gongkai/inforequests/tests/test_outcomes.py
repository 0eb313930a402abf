"""Each outcome is counted in exactly one cell of the annual report's section 三 (LAW.md)."""

import pytest

from gongkai.inforequests.outcomes import (
    COLUMNS,
    GROUPS,
    OUTCOMES,
    ApplicantKind,
    ReplyType,
    report_cell,
)

# (code, group row as printed, sub-row label as printed) — copied by hand from LAW.md.
TABLE = [
    ("disclosed", "（一）予以公开", None),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("withheld_state_secret", "（三）不予公开", "属于国家秘密"),
    ("withheld_prohibited", "（三）不予公开", "其他法律行政法规禁止公开"),
    ("withheld_security", "（三）不予公开", "危及“三安全一稳定”"),
    ("withheld_third_party", "（三）不予公开", "保护第三方合法权益"),
    ("withheld_internal", "（三）不予公开", "属于三类内部事务信息"),
    ("withheld_process", "（三）不予公开", "属于四类过程性信息"),
    ("withheld_enforcement", "（三）不予公开", "属于行政执法案卷"),
    ("withheld_inquiry", "（三）不予公开", "属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "本机关不掌握相关政府信息"),
    ("unavailable_not_ready", "（四）无法提供", "没有现成信息需要另行制作"),
    ("unavailable_unclear", "（四）无法提供", "补正后申请内容仍不明确"),
    ("rejected_petition", "（五）不予处理", "信访举报投诉类申请"),
    ("rejected_repeat", "（五）不予处理", "重复申请"),
    ("rejected_publication", "（五）不予处理", "要求提供公开出版物"),
    ("rejected_excessive", "（五）不予处理", "无正当理由大量反复申请"),
    ("rejected_confirmation", "（五）不予处理", "要求行政机关确认或重新出具已获取信息"),
    (
        "other_no_correction",
        "（六）其他处理",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_no_fee",
        "（六）其他处理",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other", "（六）其他处理", "其他"),
]


@pytest.mark.parametrize(("code", "group", "label"), TABLE, ids=[t[0] for t in TABLE])
def test_outcome_maps_to_its_annual_report_cell(code, group, label):
    assert report_cell(code) == (group, label)


def test_the_table_is_complete_and_in_the_forms_order():
    assert [o.code for o in OUTCOMES] == [t[0] for t in TABLE]
    counts = {g: sum(1 for o in OUTCOMES if o.group == g) for g in GROUPS}
    assert list(counts.values()) == [1, 1, 8, 3, 5, 3]


def test_columns_are_the_forms():
    assert COLUMNS == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert [k.label for k in ApplicantKind][1:] == COLUMNS[1:6]


def test_every_outcome_allows_at_least_one_article_36_reply_type():
    for o in OUTCOMES:
        assert o.reply_types and set(o.reply_types) <= set(ReplyType.values)
