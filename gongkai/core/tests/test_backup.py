"""A backup taken from a running site restores the data it held, on SQLite and PostgreSQL."""

import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.orgs.models import Region, Unit


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_the_data_of_the_backup(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "附件.txt").write_text("原件", encoding="utf-8")
    region = Region.objects.create(code="bk", name="备份县人民政府", short_name="备份县")
    Unit.objects.create(region=region, kind="department", name="备份县财政局", code="900001")
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", out=archive)

    Unit.objects.filter(code="900001").update(name="改过的名字")
    Region.objects.create(code="later", name="后来的县", short_name="后来")
    (tmp_path / "media" / "附件.txt").write_text("被改了", encoding="utf-8")

    call_command("restore", str(archive), yes=True)

    assert Unit.objects.get(code="900001").name == "备份县财政局"
    assert not Region.objects.filter(code="later").exists()
    assert (tmp_path / "media" / "附件.txt").read_text(encoding="utf-8") == "原件"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(__file__, arcname="something.py")
    with pytest.raises(CommandError, match="不是公开平台的备份文件"):
        call_command("restore", str(bogus), yes=True)


def test_restore_refuses_a_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "nope.tar.gz"), yes=True)
