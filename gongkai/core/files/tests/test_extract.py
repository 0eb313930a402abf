"""Reading .txt, .docx and .pdf, and refusing what cannot be read, with a Chinese message."""

import io

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.core.files import MAX_BYTES, extract

from .pdfgen import pdf_with_pages, pdf_without_text

TEXT = "2026年示范县政务公开工作要点\n一、加大主动公开力度\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16"],
)
def test_text_in_any_common_encoding(data):
    doc = extract(data, "要点.txt")
    assert doc.text == TEXT
    assert (doc.kind, doc.tables, doc.pages) == ("txt", [], 1)


def test_text_file_from_a_path(tmp_path):
    path = tmp_path / "要点.txt"
    path.write_text(TEXT, encoding="gb18030")
    assert extract(path).text == TEXT


def _docx_with_merged_cells() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("2026年示范县政务公开工作要点")
    table = document.add_table(rows=4, cols=4)
    header = table.rows[0].cells
    header[0].merge(header[1]).text = "工作任务"
    header[2].text, header[3].text = "具体要求", "责任单位"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "一、深化公开"  # spans three rows
    table.cell(1, 1).merge(table.cell(2, 1)).text = "（一）完善目录"
    table.cell(3, 1).text = "（二）推进办事公开"
    for r, (req, units) in enumerate(
        [
            ("编制权力清单。", "县司法局"),
            ("公开标准目录。", "县政府办公室"),
            ("推行一次性告知。", "县审批局"),
        ],
        start=1,
    ):
        table.cell(r, 2).text, table.cell(r, 3).text = req, units
    document.add_paragraph("抄送：县委办公室。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_tables_with_merged_cells_resolved():
    doc = extract(_docx_with_merged_cells(), "要点.docx")
    assert doc.kind == "docx"
    (table,) = doc.tables
    assert table.rows == [
        ["工作任务", "工作任务", "具体要求", "责任单位"],
        ["一、深化公开", "（一）完善目录", "编制权力清单。", "县司法局"],
        ["一、深化公开", "（一）完善目录", "公开标准目录。", "县政府办公室"],
        ["一、深化公开", "（二）推进办事公开", "推行一次性告知。", "县审批局"],
    ]
    assert table.is_merged(0, 1) and table.is_merged(2, 0) and table.is_merged(3, 0)
    assert not table.is_merged(3, 1)
    assert table.first_occurrence_rows()[2] == ["", "", "公开标准目录。", "县政府办公室"]
    lines = doc.text.splitlines()
    assert lines[0] == "2026年示范县政务公开工作要点"
    assert "一、深化公开\t（一）完善目录\t编制权力清单。\t县司法局" in lines
    assert lines[-1] == "抄送：县委办公室。"


def test_pdf_text_layer_and_pages():
    data = pdf_with_pages([["示府办〔2026〕8号", "一、加大主动公开力度"], ["县财政局"]])
    doc = extract(data, "要点.pdf")
    assert (doc.kind, doc.pages) == ("pdf", 2)
    assert doc.text.splitlines() == ["示府办〔2026〕8号", "一、加大主动公开力度", "县财政局"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            pdf_without_text(),
            "扫描件.pdf",
            "该 PDF 没有可提取的文字（可能是扫描件），请上传含文字的 PDF 或 Word 文件。",
        ),
        (b"", "空.txt", "文件是空的"),
        (b"   \n  ", "空.txt", "文件是空的"),
        (b"PK\x03\x04not really a zip", "坏.docx", "无法打开这个 Word 文件"),
        (b"%PDF-1.4 garbage", "坏.pdf", "无法打开这个 PDF 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "旧.doc", "旧版 Word（.doc）"),
        (b"a,b\n1,2", "表.xlsx", "不支持“.xlsx”类型的文件"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(data, name, message):
    with pytest.raises(GongkaiError) as exc:
        extract(data, name)
    assert message in exc.value.message


def test_oversize_file_is_refused(tmp_path):
    path = tmp_path / "大.txt"
    with open(path, "wb") as f:
        f.seek(MAX_BYTES)
        f.write(b"x")
    with pytest.raises(GongkaiError) as exc:
        extract(path)
    assert "文件太大" in exc.value.message and "20 MB" in exc.value.message


def test_missing_file(tmp_path):
    with pytest.raises(GongkaiError) as exc:
        extract(tmp_path / "无.txt")
    assert "找不到文件" in exc.value.message
