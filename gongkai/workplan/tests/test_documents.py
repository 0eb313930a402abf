"""Plans as Word and PDF files, and documents that are not plans or cannot be read."""

import datetime as dt
import io

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.core.files.tests.pdfgen import pdf_with_pages, pdf_without_text
from gongkai.workplan.parsing import parse_file, parse_plan


def docx_plan() -> bytes:
    """A Word plan whose annex table merges section cells down and the header across."""
    import docx

    document = docx.Document()
    for text in [
        "示府办〔2026〕20号",
        "示范县人民政府办公室",
        "2026年6月1日",
        "2026年示范县政务公开工作要点",
        "一、深化基层政务公开",
        "（一）完善标准目录。编制发布权力清单。",
        "附件",
    ]:
        document.add_paragraph(text)
    table = document.add_table(rows=5, cols=5)
    head = table.rows[0].cells
    head[0].merge(head[1]).text = "工作任务"
    head[2].text, head[3].text, head[4].text = "具体要求", "责任单位", "完成时限"
    table.cell(1, 0).merge(table.cell(4, 0)).text = "深化基层政务公开"
    table.cell(1, 1).merge(table.cell(3, 1)).text = "完善标准目录"
    table.cell(4, 1).text = "推进办事公开"
    rows = [
        ("编制发布权力清单。", "县司法局、财政局", "2026年6月底前"),
        ("推进目录上墙公开。", "县审批局（牵头）、各乡镇（街道）", ""),
        ("每年至少开展1次评估。", "", "长期坚持"),
        ("推行一次性告知。", "县行政审批服务局", "年底前"),
    ]
    for r, (req, units, due) in enumerate(rows, start=1):
        table.cell(r, 2).text, table.cell(r, 3).text = req, units
        if due:
            table.cell(r, 4).text = due
    table.cell(2, 4).merge(table.cell(1, 4))  # one deadline cell over two rows
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_word_plan_with_merged_cells():
    plan = parse_file(docx_plan(), "要点.docx")
    assert (plan.title, plan.doc_number, plan.date) == (
        "2026年示范县政务公开工作要点",
        "示府办〔2026〕20号",
        dt.date(2026, 6, 1),
    )
    assert [(t.path, t.lead_units, t.support_units, t.due) for t in plan.tasks] == [
        (
            ["一、深化基层政务公开", "（一）完善标准目录"],
            ["县司法局", "县财政局"],
            [],
            dt.date(2026, 6, 30),
        ),
        (
            ["一、深化基层政务公开", "（一）完善标准目录"],
            ["县审批局"],
            ["各乡镇（街道）"],
            dt.date(2026, 6, 30),
        ),
        (["一、深化基层政务公开", "（一）完善标准目录"], ["县审批局"], ["各乡镇（街道）"], None),
        (["一、深化基层政务公开", "推进办事公开"], ["县行政审批服务局"], [], dt.date(2026, 12, 31)),
    ]
    assert plan.tasks[2].due_text == "长期坚持"
    assert [t.text for t in plan.tasks[2].targets] == ["每年至少开展1次"]


def test_pdf_plan_read_from_its_text_layer():
    page1 = [
        "示政办发〔2026〕8号",
        "示范县人民政府办公室",
        "2026年4月10日",
        "2026年示范县政务公开工作要点",
        "一、加强公开",
        "（一）做好解读。解读材料同步发布。",
        "附件",
        "序号 工作任务 具体要求 责任单位",
        "完成",
        "时限",
        "1",
        "加强公",
        "开",
        "做好解",
        "读",
        "解读材料与政策文件同步起草、同步审签、同步发布，",
        "解读形式不少于3种。",
        "县司法局、县",
        "政府办公室",
        "2026年",
        "9月底",
        "前",
    ]
    page2 = [
        "序号 工作任务 具体要求 责任单位",
        "完成",
        "2",
        "推进政策问答库建设，做好解读材料的归集整理。",
        "县政府信息公开办",
        "公室",
    ]
    plan = parse_file(pdf_with_pages([page1, page2]), "要点.pdf")
    assert plan.doc_number == "示政办发〔2026〕8号"
    assert [(t.number, t.lead_units, t.due) for t in plan.tasks] == [
        ("1", ["县司法局", "县政府办公室"], dt.date(2026, 9, 30)),
        ("2", ["县政府信息公开办公室"], dt.date(2026, 9, 30)),
    ]
    assert plan.tasks[0].path == ["一、加强公开", "（一）做好解读"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "文件是空的"),
        (
            "关于召开全县安全生产会议的通知\n\n请各单位派员参加。会议时间另行通知。\n",
            "看起来不是工作要点",
        ),
        ("ÃÂ¹Ã¤Â¿Â¡Ã¦ÂÂ¯Ã¥Â¯Â\x84Ã¦Â" * 30, "乱码"),
        ("工作任务\t具体要求\t责任单位\n\t\t\n\t\t\n", "没能读出任务行"),
        # a header, then rows whose cells are shuffled: text where the units should be
        (
            "工作任务\t具体要求\t责任单位\n加强公开\t县财政局\t做好预算公开并接受监督。\n"
            "推进解读\t县审计局\t做好审计结果公开并整改。\n",
            "没能读出任务行",
        ),
    ],
    ids=["empty", "not-a-plan", "garbled-text", "empty-table", "garbled-table"],
)
def test_bad_input_gets_a_clear_message(text, message):
    with pytest.raises(GongkaiError) as exc:
        parse_plan(text)
    assert message in exc.value.message


def test_scanned_pdf_is_refused():
    with pytest.raises(GongkaiError) as exc:
        parse_file(pdf_without_text(), "扫描件.pdf")
    assert (
        exc.value.message
        == "该 PDF 没有可提取的文字（可能是扫描件），请上传含文字的 PDF 或 Word 文件。"
    )
