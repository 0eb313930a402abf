"""Writes of annual reports. Views, commands, the demo and the worker call only these.

- drafting  — report_create / reports_open_year / report_refresh / report_enter /
              report_override / report_set_prose / report_import
- workflow  — the transition table: report_submit / _approve / _return / _reopen
"""

from gongkai.core.audit.verbs import register_verbs

from .drafting import (
    region_report_unit,
    report_build,
    report_create,
    report_enter,
    report_import,
    report_override,
    report_refresh,
    report_set_aggregate,
    report_set_prose,
    reports_open_year,
)
from .workflow import report_approve, report_reopen, report_return, report_submit

register_verbs(
    {
        "report.create": "编制年度报告",
        "report.refresh": "重新统计",
        "report.enter": "填报数据",
        "report.override": "改填统计数",
        "report.override_clear": "恢复统计数",
        "report.scope": "改变汇总范围",
        "report.edit": "修改报告文字",
        "report.import": "导入往年报告",
        "report.submit": "提交审核",
        "report.approve": "审核通过",
        "report.return": "退回修改",
        "report.publish": "发布",
        "report.reopen": "重新打开",
    }
)


__all__ = [
    "region_report_unit",
    "report_approve",
    "report_build",
    "report_create",
    "report_enter",
    "report_import",
    "report_override",
    "report_refresh",
    "report_reopen",
    "report_return",
    "report_set_aggregate",
    "report_set_prose",
    "report_submit",
    "reports_open_year",
]
