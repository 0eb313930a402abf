"""The outcomes of a request exactly as the annual report counts them (国办公开办函〔2021〕30号).

Each outcome is one row of section 三 “三、本年度办理结果” of the annual report; the labels are
the form's wording (LAW.md), the codes are stable. ``ReplyType`` is the kind of reply of
条例第三十六条 (what the letter tells the applicant), recorded next to the outcome.

Also here: the applicant columns of section 三 and the rows/columns of section 四, so that the
statistics selector, the annual report and the tests share one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

# --- section 三: columns ------------------------------------------------------------------------


class ApplicantKind(models.TextChoices):
    """Who applied: a natural person, or a legal person / other organisation of one kind."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"

    @property
    def is_natural(self) -> bool:
        return self is ApplicantKind.NATURAL


ORG_KINDS = [k for k in ApplicantKind if k is not ApplicantKind.NATURAL]
# Column keys exactly as on the form; 总计 last.
COLUMNS = [k.label for k in ApplicantKind] + ["总计"]
COLUMN_OF_KIND = {k.value: k.label for k in ApplicantKind}


# --- section 三: rows ---------------------------------------------------------------------------

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_CARRIED_OUT = "四、结转下年度继续办理"
ROW_TOTAL = "（七）总计"

GROUP_DISCLOSED = "（一）予以公开"
GROUP_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
GROUP_WITHHELD = "（三）不予公开"
GROUP_UNAVAILABLE = "（四）无法提供"
GROUP_REJECTED = "（五）不予处理"
GROUP_OTHER = "（六）其他处理"
GROUPS = [
    GROUP_DISCLOSED,
    GROUP_PARTIAL,
    GROUP_WITHHELD,
    GROUP_UNAVAILABLE,
    GROUP_REJECTED,
    GROUP_OTHER,
]


@dataclass(frozen=True)
class OutcomeInfo:
    code: str
    group: str  # the form's group row, e.g. "（三）不予公开"
    number: int | None  # the sub-row number within the group (1 属于国家秘密), None for (一)(二)
    label: str  # the form's wording of the sub-row (or the group's short name)
    letter: str  # which letter template: disclosed / partial / withheld / unavailable / ...
    reply_types: tuple[str, ...]  # 条例第三十六条 reply types that fit this outcome

    @property
    def short_group(self) -> str:
        return self.group[3:].split("（")[0]

    @property
    def full_label(self) -> str:
        """How staff and letters name it: 不予公开 — 属于国家秘密."""
        if self.number is None:
            return self.short_group
        return f"{self.short_group}——{self.label}"


class ReplyType(models.TextChoices):
    """条例第三十六条: what the reply tells the applicant (and 第三十七条 for partial)."""

    ALREADY_PUBLISHED = "already_published", "已主动公开，告知获取的方式和途径（第三十六条第一项）"
    PROVIDED = "provided", "予以提供，或告知获取的方式、途径和时间（第三十六条第二项）"
    PARTIAL = "partial", "区分处理，提供可以公开的部分并说明理由（第三十七条）"
    WITHHELD = "withheld", "不予公开，告知并说明理由（第三十六条第三项）"
    NOT_EXIST = "not_exist", "经检索没有所申请公开的信息，告知申请人（第三十六条第四项）"
    NOT_OURS = "not_ours", "不属于本机关负责公开，告知并说明理由（第三十六条第五项）"
    REPEAT = "repeat", "重复申请，告知不予重复处理（第三十六条第六项）"
    SPECIAL_LAW = "special_law", "法律、行政法规另有规定的，告知依照其规定办理（第三十六条第七项）"
    OTHER = "other", "其他告知（第三十条、第三十五条、第三十八条、第三十九条等）"


_RT = ReplyType

OUTCOMES: list[OutcomeInfo] = [
    OutcomeInfo(
        "disclosed",
        GROUP_DISCLOSED,
        None,
        "予以公开",
        "disclosed",
        (_RT.PROVIDED, _RT.ALREADY_PUBLISHED),
    ),
    OutcomeInfo("partial", GROUP_PARTIAL, None, "部分公开", "partial", (_RT.PARTIAL,)),
    *(
        OutcomeInfo(code, GROUP_WITHHELD, n, label, "withheld", (_RT.WITHHELD,))
        for n, (code, label) in enumerate(
            [
                ("withheld_state_secret", "属于国家秘密"),
                ("withheld_prohibited", "其他法律行政法规禁止公开"),
                ("withheld_security", "危及“三安全一稳定”"),
                ("withheld_third_party", "保护第三方合法权益"),
                ("withheld_internal", "属于三类内部事务信息"),
                ("withheld_process", "属于四类过程性信息"),
                ("withheld_enforcement", "属于行政执法案卷"),
                ("withheld_inquiry", "属于行政查询事项"),
            ],
            start=1,
        )
    ),
    OutcomeInfo(
        "unavailable_not_held",
        GROUP_UNAVAILABLE,
        1,
        "本机关不掌握相关政府信息",
        "unavailable",
        (_RT.NOT_EXIST, _RT.NOT_OURS),
    ),
    OutcomeInfo(
        "unavailable_not_ready",
        GROUP_UNAVAILABLE,
        2,
        "没有现成信息需要另行制作",
        "unavailable",
        (_RT.OTHER,),
    ),
    OutcomeInfo(
        "unavailable_unclear",
        GROUP_UNAVAILABLE,
        3,
        "补正后申请内容仍不明确",
        "unavailable",
        (_RT.OTHER,),
    ),
    OutcomeInfo(
        "rejected_petition", GROUP_REJECTED, 1, "信访举报投诉类申请", "rejected", (_RT.OTHER,)
    ),
    OutcomeInfo("rejected_repeat", GROUP_REJECTED, 2, "重复申请", "rejected", (_RT.REPEAT,)),
    OutcomeInfo(
        "rejected_publication",
        GROUP_REJECTED,
        3,
        "要求提供公开出版物",
        "rejected",
        (_RT.OTHER, _RT.ALREADY_PUBLISHED),
    ),
    OutcomeInfo(
        "rejected_excessive",
        GROUP_REJECTED,
        4,
        "无正当理由大量反复申请",
        "rejected",
        (_RT.OTHER,),
    ),
    OutcomeInfo(
        "rejected_confirmation",
        GROUP_REJECTED,
        5,
        "要求行政机关确认或重新出具已获取信息",
        "rejected",
        (_RT.OTHER,),
    ),
    OutcomeInfo(
        "other_no_correction",
        GROUP_OTHER,
        1,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other",
        (_RT.OTHER,),
    ),
    OutcomeInfo(
        "other_no_fee",
        GROUP_OTHER,
        2,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other",
        (_RT.OTHER,),
    ),
    OutcomeInfo("other", GROUP_OTHER, 3, "其他", "other", (_RT.OTHER, _RT.SPECIAL_LAW)),
]

OUTCOME = {o.code: o for o in OUTCOMES}

# Outcomes only the workflow sets (closing an abandoned request), never chosen on the reply form.
CLOSING_OUTCOMES = {"other_no_correction", "other_no_fee"}


def outcome_choices(*, include_closing: bool = True) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a <select> (optgroups by the form's group rows)."""
    grouped: list[tuple[str, list[tuple[str, str]]]] = []
    for group in GROUPS:
        items = [
            (o.code, o.label if o.number is None else f"{o.number}. {o.label}")
            for o in OUTCOMES
            if o.group == group and (include_closing or o.code not in CLOSING_OUTCOMES)
        ]
        grouped.append((group, items))
    return grouped


FLAT_OUTCOME_CHOICES = [(o.code, o.full_label) for o in OUTCOMES]


def report_cell(code: str) -> tuple[str, str | None]:
    """The annual report row an outcome is counted in: (group row, sub-row label or None)."""
    info = OUTCOME[code]
    return info.group, (info.label if info.number is not None else None)


# --- section 四 ----------------------------------------------------------------------------------


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "未经复议直接起诉"
    LITIGATION_AFTER = "litigation_after", "复议后起诉"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他"
    PENDING = "pending", "尚未审结"


APPEAL_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
APPEAL_COLUMN_OF_RESULT = {
    AppealResult.UPHELD: "结果维持",
    AppealResult.CORRECTED: "结果纠正",
    AppealResult.OTHER: "其他结果",
    AppealResult.PENDING: "尚未审结",
}
