"""Writes of the policy library. Each function is one audited, atomic action.

- documents        — document_create / document_update / attachment_add / attachment_remove /
                     document_relate (index numbers allocated here)
- workflow         — the transition table: document_submit / _approve / _return / _publish /
                     _withdraw, document_set_validity, the scheduled-publication and expiry tasks
- findings         — the secrecy and privacy check: document_scan, finding_release
- interpretations  — interpretation_create / _update / _approve / _link, document_exempt
- cleanup          — cleanup_open / cleanup_decide / cleanup_close
"""

from gongkai.core.audit.verbs import register_verbs

register_verbs(
    {
        "document.create": "新建文件",
        "document.update": "修改文件",
        "document.attach": "上传附件",
        "document.detach": "删除附件",
        "document.relate": "关联修改/替代文件",
        "document.submit": "提交审核",
        "document.approve": "审核通过",
        "document.return": "退回修改",
        "document.schedule": "定时发布",
        "document.publish": "发布",
        "document.withdraw": "撤回",
        "document.validity": "变更有效性",
        "document.scan": "保密审查（自动检查）",
        "document.finding_release": "确认可公开（保密审查）",
        "document.exempt": "免于解读",
        "interpretation.create": "新建解读",
        "interpretation.update": "修改解读",
        "interpretation.link": "关联解读",
        "interpretation.approve": "审定解读",
        "interpretation.publish": "发布解读",
        "cleanup.open": "启动文件清理",
        "cleanup.decide": "清理决定",
        "cleanup.close": "结束文件清理",
    }
)
