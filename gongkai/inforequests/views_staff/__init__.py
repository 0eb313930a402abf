"""依申请公开 in the staff workspace: the list, registration, the case page and its actions,
letters, templates, statistics and the 条例第四十四条 demand view. Views only call services and
selectors; every action is a POST form whose errors come back as a Chinese message.

- cases             — request_list, case_detail (case_context)
- intake            — request_register; the applicant form's fields (shared with the public form)
- actions           — ACTIONS: one POST view per verb (ACTION_VIEWS)
- files             — attachment, released-file and letter downloads
- letter_templates  — template_list, template_edit (the office)
- figures           — stats_view; demand_view, demand_propose (条例第四十四条)
"""

from .actions import ACTION_VIEWS, ACTIONS
from .cases import case_context, case_detail, request_list
from .figures import demand_propose, demand_view, stats_view
from .files import attachment_download, letter_download, released_download
from .intake import APPLICANT_FIELDS, applicant_from_post, form_choices, request_register
from .letter_templates import template_edit, template_list

__all__ = [
    "ACTIONS",
    "ACTION_VIEWS",
    "APPLICANT_FIELDS",
    "applicant_from_post",
    "attachment_download",
    "case_context",
    "case_detail",
    "demand_propose",
    "demand_view",
    "form_choices",
    "letter_download",
    "released_download",
    "request_list",
    "request_register",
    "stats_view",
    "template_edit",
    "template_list",
]
