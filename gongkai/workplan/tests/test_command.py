"""`gongkai workplan parse FILE [--region CODE] --json`: prints the plan, saves nothing."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[3]


def run(*args) -> dict:
    out = StringIO()
    call_command("workplan", "parse", *args, stdout=out)
    return json.loads(out.getvalue())


def test_parse_prints_the_plan_as_json():
    data = run(str(FIXTURES / "plan_numbered.txt"), "--json")
    assert set(data) >= {"title", "issuer", "doc_number", "date", "year", "tasks"}
    assert (data["doc_number"], data["date"], data["year"]) == (
        "示政办发〔2026〕8号",
        "2026-04-10",
        2026,
    )
    first = data["tasks"][0]
    assert set(first) >= {
        "path",
        "text",
        "lead_units",
        "support_units",
        "units_unresolved",
        "due",
        "due_text",
        "targets",
    }
    assert first["lead_units"][:2] == ["县发改局", "县工信局"]  # as written: no region given
    assert first["due"] == "2026-12-31"
    assert data["tasks"][3]["targets"] == [{"text": "每年至少召开1次", "count": 1}]


@pytest.mark.django_db
def test_parse_with_a_region_gives_canonical_names(region):
    from gongkai.orgs.models import Unit, UnitAlias
    from gongkai.orgs.tests.factories import UnitFactory

    made = {}
    for code, (name, short, kind) in enumerate(
        [
            ("示范县发展和改革局", "县发改局", Unit.Kind.DEPARTMENT),
            ("示范县工业和信息化局", "县工信局", Unit.Kind.DEPARTMENT),
            ("示范县住房和城乡建设局", "县住建局", Unit.Kind.DEPARTMENT),
            ("示范县人民政府办公室", "县政府办", Unit.Kind.OFFICE),
            ("城关镇", "", Unit.Kind.TOWNSHIP),
            ("东城街道", "", Unit.Kind.TOWNSHIP),
        ]
    ):
        made[name] = UnitFactory(
            region=region, name=name, short_name=short, kind=kind, code=f"U{code:03d}"
        )
    UnitAlias.objects.create(region=region, unit=made["示范县人民政府办公室"], alias="县府办")
    before = (Unit.objects.count(), UnitAlias.objects.count())
    data = run(str(FIXTURES / "plan_numbered.txt"), "--region", "shifan", "--json")
    first, second, _, fourth, fifth = data["tasks"]
    assert first["lead_units"] == ["示范县发展和改革局", "示范县工业和信息化局", "相关镇（街道）"]
    assert first["units_unresolved"] == ["县特色产业发展中心"]
    assert first["unit_groups"] == ["相关镇（街道）"]
    assert second["lead_units"] == ["示范县发展和改革局", "示范县住房和城乡建设局"]
    assert fourth["lead_units"] == ["示范县人民政府办公室"]
    # 各镇（街道） → every township, 各部门 → every department
    assert fifth["lead_units"] == [
        "城关镇",
        "东城街道",
        "示范县发展和改革局",
        "示范县工业和信息化局",
        "示范县住房和城乡建设局",
    ]
    assert (Unit.objects.count(), UnitAlias.objects.count()) == before  # nothing saved


@pytest.mark.django_db
def test_unknown_region_is_refused():
    with pytest.raises(CommandError, match="没有代码为“nowhere”的行政区域"):
        run(str(FIXTURES / "plan_numbered.txt"), "--region", "nowhere", "--json")


def test_bad_file_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("关于召开会议的通知\n请准时参加。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="看起来不是工作要点"):
        run(str(path), "--json")


def test_exit_code_is_non_zero_for_a_bad_file(tmp_path):
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "workplan", "parse", str(path), "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "文件是空的" in result.stderr
    assert result.stdout == ""
