"""Attachments: allowed types and sizes, text extracted, clear Chinese errors, nothing saved."""

import io

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.library.models import Attachment
from gongkai.library.services.documents import attachment_add, attachment_remove

from .factories import make_document

pytestmark = pytest.mark.django_db


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def test_docx_attachment_is_stored_with_its_text(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    item = attachment_add(
        actor=people.clerk, document=doc, name="实施细则.docx", data=docx_bytes("第一条 总则")
    )
    assert item.extracted_text == "第一条 总则"
    assert item.file.name.startswith("library/2026/") and item.file.name.endswith(".docx")
    assert item.original_name == "实施细则.docx" and item.size > 0


def test_image_attachment_is_checked(unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    assert attachment_add(actor=people.clerk, document=doc, name="图解.png", data=png_bytes())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("病毒.exe", b"MZ...", "类型（.exe）不能上传"),
        ("旧文件.doc", b"\xd0\xcf\x11\xe0rest", "类型（.doc）不能上传"),
        ("坏的.docx", b"not a zip", "无法打开这个 Word 文件"),
        ("坏的.pdf", b"hello", "这不是 PDF 文件"),
        ("坏的.xlsx", b"PK\x03\x04broken", "无法读取附件"),
        ("坏的.png", b"\x89PNG broken", "图片已损坏"),
        ("空的.pdf", b"", "文件是空的"),
    ],
)
def test_unreadable_attachments_are_refused_with_a_clear_message(
    unit_a, people, name, data, message
):
    doc = make_document(unit_a, actor=people.clerk)
    with pytest.raises(GongkaiError, match=message):
        attachment_add(actor=people.clerk, document=doc, name=name, data=data)
    assert not Attachment.objects.exists()


def test_oversize_attachment_is_refused(unit_a, people, settings):
    settings.GONGKAI_ATTACHMENT_MAX_MB = 1
    doc = make_document(unit_a, actor=people.clerk)
    with pytest.raises(GongkaiError, match="不能超过 1 MB"):
        attachment_add(
            actor=people.clerk, document=doc, name="大.png", data=b"\x89PNG" + b"0" * 1024 * 1024
        )
    assert not Attachment.objects.exists()


def test_attachments_change_only_on_drafts_and_by_the_units_clerk(unit_a, people):
    from gongkai.library.services.workflow import document_submit

    doc = make_document(unit_a, actor=people.clerk)
    item = attachment_add(actor=people.clerk, document=doc, name="图.png", data=png_bytes())
    with pytest.raises(GongkaiError):
        attachment_add(actor=people.r1, document=doc, name="图.png", data=png_bytes())
    document_submit(actor=people.clerk, document=doc)
    with pytest.raises(GongkaiError, match="只有草稿"):
        attachment_remove(actor=people.clerk, attachment=item)


def test_an_upload_that_fails_midway_leaves_no_file_behind(unit_a, people, settings, monkeypatch):
    from pathlib import Path

    from gongkai.library.services import documents

    doc = make_document(unit_a, actor=people.clerk)

    def broken(**kwargs):
        raise GongkaiError("审计记录写入失败")

    monkeypatch.setattr(documents, "audit_record", broken)
    with pytest.raises(GongkaiError):
        attachment_add(
            actor=people.clerk, document=doc, name="细则.docx", data=docx_bytes("第一条 总则")
        )
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert stored == [] and not Attachment.objects.exists()


def _age(path, days: float) -> None:
    import os
    import time

    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_files_of_a_rolled_back_import_are_swept_after_a_day(unit_a, people, settings):
    """attachment_add succeeded, then the caller's transaction rolled back (an import row that
    failed later): the stored file belongs to nothing and the daily sweep removes it — and only
    it: kept attachments, young files and the importer's progress files stay."""
    from pathlib import Path

    from django.db import transaction
    from django.utils import timezone

    from gongkai.core.files.sweep import files_sweep_orphans

    root = Path(settings.MEDIA_ROOT)
    doc = make_document(unit_a, actor=people.clerk)
    kept = attachment_add(actor=people.clerk, document=doc, name="留.docx", data=docx_bytes("甲"))
    with pytest.raises(RuntimeError), transaction.atomic():
        attachment_add(actor=people.clerk, document=doc, name="弃.docx", data=docx_bytes("乙"))
        raise RuntimeError("导入的下一步失败")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    assert len(files) == 2 and Attachment.objects.count() == 1
    orphan = next(p for p in files if p.relative_to(root).as_posix() != kept.file.name)
    progress = root / "library" / "imports" / "progress" / "7.json"
    progress.parent.mkdir(parents=True)
    progress.write_text("{}")
    young = root / "library" / "2026" / "just-written.docx"
    young.write_bytes(b"x")
    for path in (*files, progress):
        _age(path, 2)

    size = orphan.stat().st_size
    assert files_sweep_orphans(now=timezone.now()) == {"files": 1, "bytes": size}
    assert not orphan.exists()
    assert (root / kept.file.name).exists() and progress.exists() and young.exists()
    assert kept.file.open("rb").read()[:2] == b"PK"


def test_sweeping_an_empty_media_folder_does_nothing(settings, db, tmp_path):
    from django.utils import timezone

    from gongkai.core.files.sweep import files_sweep_orphans

    settings.MEDIA_ROOT = tmp_path / "absent"
    assert files_sweep_orphans(now=timezone.now()) == {"files": 0, "bytes": 0}
