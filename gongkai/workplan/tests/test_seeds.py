"""The five seed plans in ../shared/seeds (real county plans), when that folder is present.

The cases are selected by what is on disk: without the seeds there are simply no seed cases.
The expected task counts were counted by hand; expected/seed_NNN.json hold, per task index, the
units and deadline a person reads in the seed (not the seed's text).
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from gongkai.workplan.parsing import parse_file

SEEDS_DIR = Path(__file__).resolve().parents[4] / "shared" / "seeds"
EXPECTED_DIR = Path(__file__).parent / "expected"
SEEDS = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
SEED_IDS = [p.name[:3] for p in SEEDS]

HAND_COUNTS = {"000": 47, "001": 38, "002": 20, "003": 49, "004": 49}
METADATA = {
    "000": (
        "2021年全县政府信息公开重点工作安排",
        "渠县人民政府办公室",
        "渠府办〔2021〕54号",
        "2021-04-25",
        2021,
    ),
    "001": (
        "2021年冠县政务公开工作要点",
        "冠县人民政府办公室",
        "冠政办发〔2021〕9号",
        "2021-06-28",
        2021,
    ),
    "002": ("2023年全县政务公开工作要点", "", "", None, 2023),
    "003": ("2021年政务公开重点工作责任分工表", "", "", None, 2021),
    "004": (
        "2023年平阴县政务公开工作要点",
        "平阴县人民政府办公室",
        "平政办发〔2023〕5号",
        "2023-07-28",
        2023,
    ),
}
# A sample per seed: (task index, lead units, due).
SAMPLES = {
    "000": [
        (0, ["各乡镇（街道）政府"], None),
        (
            13,
            [
                "县卫生健康局",
                "县政府信息公开办公室",
                "各乡镇（街道）人民政府",
                "县应急管理局",
                "县教育和科学技术局",
                "县人力资源社会保障局",
                "县医疗保障局",
                "县民政局",
                "县住房城乡建设局",
            ],
            None,
        ),
        (35, ["县政府信息公开办公室"], "2021-12-31"),
        (45, ["县委目标绩效办"], None),
    ],
    "001": [
        (
            0,
            [
                "万善乡",
                "县发展和改革局",
                "县教育和体育局",
                "县自然资源和规划局",
                "县住房和城乡建设局",
                "县行政审批服务局",
                "县水务集团",
            ],
            None,
        ),
        (27, ["各乡镇（街道）", "县经济开发区", "县直有关部门"], "2021-12-31"),
        (35, ["县政府办公室"], None),
    ],
    "002": [(4, [], "2023-08-31"), (11, [], "2023-07-31"), (12, [], "2023-12-31"), (19, [], None)],
    "003": [
        (
            10,
            [
                "市发展改革委",
                "市城乡规划编制中心",
                "市级专项、空间、区域规划编制牵头部门（单位）",
                "市政府信息公开管理中心",
            ],
            None,
        ),
        (39, ["各县（市、区）人民政府"], "2021-12-31"),
        (48, ["市政府工作部门", "各县（市、区）人民政府", "达州高新区管委会"], None),
    ],
    "004": [
        (
            0,
            [
                "县发改局",
                "县工信局",
                "县特色产业发展中心",
                "县商务事业发展中心",
                "相关镇（街道）",
                "相关部门",
            ],
            "2023-12-31",
        ),
        (12, ["县司法局"], "2023-06-30"),
        (40, ["县自然资源局", "县生态环境局"], "2023-09-30"),
        (46, ["县政府办公室"], None),
    ],
}


@pytest.fixture(scope="module")
def parsed():
    return {p.name[:3]: parse_file(p) for p in SEEDS}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_task_is_found(parsed, seed):
    assert len(parsed[seed].tasks) == HAND_COUNTS[seed]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_metadata(parsed, seed):
    plan = parsed[seed]
    assert (plan.title, plan.issuer, plan.doc_number, _iso(plan.date), plan.year) == METADATA[seed]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_sampled_units_and_deadlines(parsed, seed):
    tasks = parsed[seed].tasks
    for index, lead, due in SAMPLES[seed]:
        assert (tasks[index].lead_units, _iso(tasks[index].due)) == (lead, due), index


def accuracy(plan, expected: dict) -> float:
    """Share of tasks whose units and deadline are both as expected."""
    right = sum(
        1
        for task, want in zip(plan.tasks, expected["tasks"], strict=False)
        if task.lead_units + task.support_units == want["units"] and _iso(task.due) == want["due"]
    )
    return right / expected["count"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_units_and_deadlines_right_for_95_percent(parsed, seed):
    expected = json.loads((EXPECTED_DIR / f"seed_{seed}.json").read_text(encoding="utf-8"))
    assert expected["count"] == HAND_COUNTS[seed]
    assert accuracy(parsed[seed], expected) >= 0.95


@pytest.mark.parametrize("seed", SEED_IDS)
def test_tasks_carry_their_section_path(parsed, seed):
    for task in parsed[seed].tasks:
        assert len(task.path) == 2
        assert task.path[0][:2].rstrip("、") in "一二三四五六七八九十"
        assert task.text
