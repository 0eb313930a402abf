"""The back-office import: upload → check in the background → errors by row or confirm → import,
with a status box that htmx polls until the job is finished."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.library.importer.models import ImportRun
from gongkai.library.importer.progress import FileProgress
from gongkai.library.models import Document
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

from .test_import_service import row, write_xlsx

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def office(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="office_web")


def bodies_zip(n: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for i in range(1, n + 1):
            z.writestr(f"body{i}.txt", f"第{i}份正文：现就农村公路养护工作通知如下。")
    return buffer.getvalue()


def upload(client, tmp_path, rows, action="check", zipped=True):
    path = write_xlsx(tmp_path / "台账.xlsx", rows)
    data = {
        "source": SimpleUploadedFile("台账.xlsx", path.read_bytes(), content_type=XLSX),
        "action": action,
    }
    if zipped:
        data["bodies"] = SimpleUploadedFile("正文.zip", bodies_zip(len(rows)))
    return client.post(reverse("workspace:library_import"), data)


def test_check_then_confirm_imports(client, office, tmp_path, django_capture_on_commit_callbacks):
    client.force_login(office)
    assert client.get(reverse("workspace:library_import")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, tmp_path, [row(i) for i in range(1, 4)])
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:library_import_run", args=[run.pk])
    run.refresh_from_db()
    assert run.dry_run and run.status == ImportRun.Status.DONE
    assert Document.objects.count() == 0  # a check writes nothing
    page = client.get(response["Location"]).content.decode()
    assert "检查通过：将新建 3 份" in page
    assert "确认导入" in page
    assert "hx-get" not in page  # finished: no more polling

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workspace:library_import_confirm", args=[run.pk]))
    real = ImportRun.objects.exclude(pk=run.pk).get()
    assert response["Location"] == reverse("workspace:library_import_run", args=[real.pk])
    real.refresh_from_db()
    assert (real.status, real.created) == (ImportRun.Status.DONE, 3)
    assert Document.objects.filter(status=Document.Status.PUBLISHED).count() == 3
    assert "已导入：新建 3 份" in client.get(response["Location"]).content.decode()


def test_a_failed_check_lists_the_rows(
    client, office, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(office)
    rows = [row(1), row(2, 发布机构="示范县发展改革局"), row(3, 成文日期="2021-02-30")]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, tmp_path, rows, action="import")
    run = ImportRun.objects.get()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "未导入任何文件" in page
    assert "第 3 行" in page and "示范县发展和改革局" in page  # the suggestion
    assert "第 4 行" in page and "不是存在的日期" in page
    assert "确认导入" not in page
    assert Document.objects.count() == 0
    response = client.post(reverse("workspace:library_import_confirm", args=[run.pk]))
    assert ImportRun.objects.count() == 1


def test_status_box_polls_while_running(client, office, region):
    client.force_login(office)
    run = ImportRun.objects.create(region=region, file_name="大文件.jsonl", format="jsonl")
    url = reverse("workspace:library_import_status", args=[run.pk])
    box = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in box and "排队中" in box
    FileProgress(run.pk)("write", 500, 1000)
    box = client.get(url).content.decode()
    assert "导入 500/1,000（50.0%）" in box
    assert '<progress max="1000" value="500">' in box


def test_bad_uploads_change_nothing(client, office):
    client.force_login(office)
    response = client.post(
        reverse("workspace:library_import"),
        {"source": SimpleUploadedFile("台账.xls", b"\xd0\xcf\x11\xe0old excel")},
    )
    assert response.status_code == 400
    assert "旧版 Excel" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_unit_staff_cannot_import(client, people):
    client.force_login(people.head)
    assert client.get(reverse("workspace:library_import")).status_code == 403


def test_the_office_finds_the_import_page_from_the_library_and_units_do_not(client, office, people):
    link = reverse("workspace:library_import")
    client.force_login(office)
    assert f'href="{link}"' in client.get(reverse("workspace:library_documents")).content.decode()
    client.force_login(people.head)
    assert link not in client.get(reverse("workspace:library_documents")).content.decode()
