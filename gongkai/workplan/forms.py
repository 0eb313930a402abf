from __future__ import annotations

from django import forms

from .models import ProgressReport


class ImportForm(forms.Form):
    file = forms.FileField(label="工作要点文件", required=False)
    text = forms.CharField(label="或粘贴工作要点文字", required=False, widget=forms.Textarea)
    year = forms.IntegerField(
        label="计划年度",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "年度应为四位数年份，如 2026。",
            "min_value": "年度应为四位数年份，如 2026。",
            "max_value": "年度应为四位数年份，如 2026。",
        },
    )


class PlanForm(forms.Form):
    title = forms.CharField(
        label="标题", max_length=300, error_messages={"required": "请填写标题。"}
    )
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    issuer = forms.CharField(label="发文机关", max_length=200, required=False)
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": "年度应为四位数年份。", "required": "请填写年度。"},
    )


class TaskForm(forms.Form):
    text = forms.CharField(
        label="任务内容", widget=forms.Textarea, error_messages={"required": "任务内容不能为空。"}
    )
    due = forms.DateField(
        label="完成时限",
        required=False,
        error_messages={"invalid": "完成时限请按 2026-06-30 的格式填写，或留空。"},
    )
    due_text = forms.CharField(label="时限原文", max_length=100, required=False)
    lead = forms.TypedMultipleChoiceField(label="牵头单位", coerce=int, required=False)
    support = forms.TypedMultipleChoiceField(label="配合单位", coerce=int, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.name) for u in units]
        self.fields["lead"].choices = choices
        self.fields["support"].choices = choices
        for name in ("lead", "support"):
            self.fields[name].error_messages["invalid_choice"] = "请从列表中选择本县的单位。"


class MapForm(forms.Form):
    name = forms.CharField(max_length=200)
    units = forms.TypedMultipleChoiceField(label="对应单位", coerce=int, required=False)
    ignore = forms.BooleanField(label="不指定单位（这不是单位名称）", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(u.pk, u.name) for u in units]
        self.fields["units"].error_messages["invalid_choice"] = "请从列表中选择本县的单位。"


class ReportForm(forms.Form):
    status = forms.ChoiceField(
        label="进展情况",
        choices=ProgressReport.Status.choices,
        error_messages={"required": "请选择进展情况。", "invalid_choice": "请选择进展情况。"},
    )
    percent = forms.IntegerField(
        label="完成比例（%）",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "完成比例请填写 0 到 100 的整数。",
            "min_value": "完成比例应在 0 到 100 之间。",
            "max_value": "完成比例应在 0 到 100 之间。",
        },
    )
    text = forms.CharField(
        label="落实情况", widget=forms.Textarea, error_messages={"required": "请填写落实情况。"}
    )
    evidence_urls = forms.CharField(
        label="佐证链接（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "认可"), ("send_back", "退回")],
        error_messages={"required": "请选择认可或退回。", "invalid_choice": "请选择认可或退回。"},
    )
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea)


def first_error(form: forms.Form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "填写有误，请检查。"
