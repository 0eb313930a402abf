"""Letters (告知书/答复书): the default templates, placeholders, and .docx/.pdf rendering.

Templates are plain text with ``{占位符}`` placeholders (below), edited by the office in the
workspace. Unknown placeholders are refused when a template is saved, so a typo never reaches an
applicant. Every reply letter states the facts, cites the article and gives both routes of appeal
(行政复议法第二十条: 60 days; 行政诉讼法第四十六条: 6 months).
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

from gongkai.core.errors import GongkaiError

PLACEHOLDERS: dict[str, str] = {
    "申请人": "申请人姓名或名称",
    "查询码": "申请的查询码（YSQ-…）",
    "收到日期": "收到申请之日（条例第三十一条）",
    "申请内容": "申请公开的信息的描述",
    "单位": "答复机关（办理单位）全称",
    "答复日期": "答复日期",
    "办理结果": "办理结果（年报口径）",
    "答复类型": "条例第三十六条的答复类型",
    "事实与理由": "答复内容：事实、理由和依据",
    "不予公开部分": "部分公开时不予公开的部分及理由",
    "负责机关": "负责公开该信息的机关（第三十六条第五项）",
    "补正事项": "需要补正的事项",
    "补正期限": "补正期限（日期）",
    "延期天数": "延长的工作日数",
    "答复期限": "（延期后的）答复期限",
    "收费说明": "信息处理费的依据、标准、计算和金额",
    "缴费期限": "缴费期限",
    "救济途径": "行政复议和行政诉讼的途径和期限",
    "公开办": "政府信息公开工作机构名称",
}

_PLACEHOLDER_RE = re.compile(r"\{([^{}\s]{1,20})\}")

APPEAL_ROUTES = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。"
)

_HEAD = (
    "{申请人}：\n\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（查询码：{查询码}），"
    "申请获取：“{申请内容}”。"
)
_TAIL = "\n\n{救济途径}\n\n特此告知。"

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "disclosed": (
        "政府信息公开申请答复书（予以公开）",
        _HEAD + "\n\n经审查，您申请获取的信息属于可以公开的政府信息。"
        "根据《中华人民共和国政府信息公开条例》"
        "第三十六条第二项的规定，现予以提供（或告知获取的方式、途径和时间）。\n\n{事实与理由}"
        + _TAIL,
    ),
    "partial": (
        "政府信息公开申请答复书（部分公开）",
        _HEAD + "\n\n经审查，您申请获取的信息中含有不应当公开的内容，但能够作区分处理。"
        "根据《中华人民共和国"
        "政府信息公开条例》第三十七条的规定，本机关向您提供可以公开的部分。\n\n{事实与理由}\n\n"
        "不予公开的部分及理由：\n{不予公开部分}" + _TAIL,
    ),
    "withheld": (
        "政府信息公开申请答复书（不予公开）",
        _HEAD
        + "\n\n经审查，您申请获取的信息{办理结果}，根据《中华人民共和国政府信息公开条例》第三十六条"
        "第三项的规定，本机关决定不予公开。\n\n理由：{事实与理由}" + _TAIL,
    ),
    "unavailable": (
        "政府信息公开申请告知书（无法提供）",
        _HEAD
        + "\n\n经检索查找，{办理结果}。根据《中华人民共和国政府信息公开条例》第三十六条第四项、"
        "第五项或第三十八条的规定，特此告知。\n\n{事实与理由}\n\n{负责机关}" + _TAIL,
    ),
    "rejected": (
        "政府信息公开申请告知书（不予处理）",
        _HEAD + "\n\n经审查，您的申请属于“{办理结果}”的情形。根据《中华人民共和国政府信息公开条例》"
        "第三十五条、第三十六条第六项或第三十九条的规定，本机关不作为政府信息公开申请处理。\n\n"
        "{事实与理由}" + _TAIL,
    ),
    "other": (
        "政府信息公开申请告知书",
        _HEAD + "\n\n{办理结果}。\n\n{事实与理由}" + _TAIL,
    ),
    "correction": (
        "补正政府信息公开申请告知书",
        _HEAD
        + "\n\n经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "请您对以下事项作出补正：\n{补正事项}\n\n请于{补正期限}前补正。答复期限自本机关收到补正的"
        "申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
        "\n\n特此告知。",
    ),
    "extension": (
        "政府信息公开申请延期答复告知书",
        _HEAD
        + "\n\n因需要延长答复期限，经政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息"
        "公开条例》第三十三条第二款的规定，答复期限延长{延期天数}个工作日，本机关将于{答复期限}前"
        "作出答复。\n\n特此告知。",
    ),
    "fee": (
        "政府信息公开信息处理费缴费通知书",
        _HEAD
        + "\n\n根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）的规定，您的申请需缴纳信息处理费：\n{收费说明}\n\n"
        "请于{缴费期限}前缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
        "\n\n特此通知。",
    ),
}


def check_template(body: str) -> None:
    """Refuse placeholders this module does not fill, naming them and the ones available."""
    unknown = sorted({m for m in _PLACEHOLDER_RE.findall(body) if m not in PLACEHOLDERS})
    if unknown:
        names = "、".join("{" + n + "}" for n in unknown)
        available = "、".join("{" + n + "}" for n in PLACEHOLDERS)
        raise GongkaiError(
            f"模板中有无法识别的占位符：{names}。可用的占位符：{available}。", field="body"
        )
    if not body.strip():
        raise GongkaiError("请填写模板正文。", field="body")


def render(body: str, values: dict[str, Any]) -> str:
    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(key)
        return "" if value is None else str(value)

    text = _PLACEHOLDER_RE.sub(fill, body)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_docx(*, title: str, body: str, unit_name: str, date_text: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(20)
    for line in body.split("\n"):
        document.add_paragraph(line)
    for text in (unit_name, "（印章）", date_text):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF_UNAVAILABLE = (
    "无法生成 PDF：服务器缺少 PDF 排版组件（Pango）或中文字体（Noto Serif CJK SC）。"
    "已生成 Word 版本，可下载后打印；请系统管理员安装 fonts-noto-cjk 和 libpango。"
)


def to_pdf(*, title: str, body: str, unit_name: str, date_text: str) -> bytes:
    """The letter as PDF (WeasyPrint); GongkaiError(PDF_UNAVAILABLE) when it cannot run here."""
    paragraphs = "".join(
        f"<p>{html.escape(line)}</p>" if line.strip() else "<p>&nbsp;</p>"
        for line in body.split("\n")
    )
    document = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }}
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 15pt;
  line-height: 1.75; }}
h1 {{ text-align: center; font-size: 21pt; font-weight: bold; margin-bottom: 1.2em; }}
p {{ margin: 0; text-indent: 0; }}
.sign {{ text-align: right; margin-top: 2em; }}
</style></head><body><h1>{html.escape(title)}</h1>{paragraphs}
<div class="sign"><p>{html.escape(unit_name)}</p><p>（印章）</p>
<p>{html.escape(date_text)}</p></div>
</body></html>"""
    try:
        from weasyprint import HTML

        return HTML(string=document).write_pdf()
    except Exception:  # OSError (no Pango), ImportError, font errors: all mean "not here"
        raise GongkaiError(PDF_UNAVAILABLE, code="pdf_unavailable") from None


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
