"""Staff forms. They only shape input; the services check the rules and say what is wrong."""

from __future__ import annotations

from django import forms

from gongkai.core.errors import GongkaiError

from .models import (
    CatalogColumn,
    CleanupReview,
    Document,
    Interpretation,
    StandardCatalogArea,
    Topic,
)


def _chinese(form: forms.Form) -> None:
    for field in form.fields.values():
        field.error_messages["required"] = f"请填写{field.label}。"
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = (
                f"{field.label}格式不正确，请按 2026-11-23 的格式填写。"
            )
        if isinstance(field, forms.DateTimeField):
            field.error_messages["invalid"] = f"{field.label}格式不正确，请选择日期和时间。"
        if isinstance(field, forms.ModelChoiceField | forms.ChoiceField):
            field.error_messages["invalid_choice"] = f"请从列表中选择{field.label}。"


def add_service_error(form: forms.Form, exc: GongkaiError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class TopicChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return f"　{obj.name}" if obj.parent_id else obj.name


class DocumentForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(
        label="发文字号",
        max_length=60,
        required=False,
        help_text="如 示府办〔2026〕12号；没有可不填。",
    )
    written_on = forms.DateField(label="成文日期", widget=forms.DateInput(attrs={"type": "date"}))
    topic = TopicChoice(label="主题分类", queryset=Topic.objects.order_by("code"), required=False)
    genre = forms.ChoiceField(label="体裁", choices=Document.Genre.choices)
    keywords = forms.CharField(label="主题词", max_length=200, required=False)
    is_normative = forms.BooleanField(label="属于行政规范性文件", required=False)
    needs_interpretation = forms.BooleanField(label="需要政策解读", required=False)
    effective_from = forms.DateField(
        label="施行日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    effective_until = forms.DateField(
        label="有效期至",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="到期后系统自动将文件标为“失效”。",
    )
    disclosure = forms.ChoiceField(label="公开属性", choices=Document.Disclosure.choices)
    disclosure_reason = forms.CharField(
        label="不主动公开的依据和理由",
        max_length=300,
        required=False,
        help_text="公开属性不是“主动公开”时必填，如：条例第十四条（国家秘密）。",
    )
    catalog_columns = forms.ModelMultipleChoiceField(
        label="法定主动公开内容栏目",
        queryset=CatalogColumn.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    standard_areas = forms.ModelMultipleChoiceField(
        label="基层政务公开标准目录领域",
        queryset=StandardCatalogArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label="内容概述",
        max_length=100,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="用于公开目录，不超过 100 字。",
    )
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="可粘贴带格式的内容；脚本、样式等不安全的内容会被自动去除。",
    )
    scheduled_for = forms.DateTimeField(
        label="定时发布时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="留空则终审通过后立即发布。",
    )

    def __init__(self, *args, region=None, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import catalog_columns_for

        if region is not None:
            self.fields["catalog_columns"].queryset = catalog_columns_for(region)
        if units:
            self.fields["unit"] = forms.ModelChoiceField(
                label="发布机构", queryset=units, empty_label=None
            )
            self.order_fields(["unit"])
        _chinese(self)
        self.fields["summary"].error_messages["max_length"] = "内容概述不能超过 100 字。"

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("unit", None)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _chinese(self)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _chinese(self)
        self.fields["file"].error_messages["required"] = "请选择要上传的文件。"
        self.fields["file"].error_messages["empty"] = "上传的文件是空的。"


class InterpretationForm(forms.Form):
    title = forms.CharField(label="解读标题", max_length=300)
    forms_ = forms.MultipleChoiceField(
        label="解读形式", choices=Interpretation.Form.choices, widget=forms.CheckboxSelectMultiple
    )
    body = forms.CharField(
        label="解读内容", required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    media_links = forms.CharField(
        label="图解、音视频等链接",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个：标题 空格 网址，如：一图读懂 https://www.example.gov.cn/tj/1.html",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _chinese(self)
        self.fields["forms_"].error_messages["required"] = "请至少选择一种解读形式。"

    def service_kwargs(self) -> dict:
        links = []
        for line in self.cleaned_data["media_links"].splitlines():
            parts = line.strip().rsplit(None, 1)
            if not parts:
                continue
            url = parts[-1]
            links.append({"title": parts[0] if len(parts) == 2 else url, "url": url})
        return {
            "title": self.cleaned_data["title"],
            "forms": self.cleaned_data["forms_"],
            "body": self.cleaned_data["body"],
            "media_links": links,
        }


class LinkForm(forms.Form):
    interpretation = forms.IntegerField(label="解读编号", min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _chinese(self)


class CampaignForm(forms.Form):
    title = forms.CharField(label="清理工作名称", max_length=200)
    closes_on = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _chinese(self)


class DecisionForm(forms.Form):
    document = forms.IntegerField(label="文件", min_value=1)
    decision = forms.ChoiceField(label="清理结果", choices=CleanupReview.Decision.choices)
    note = forms.CharField(label="说明", max_length=300, required=False)
    amended_by = forms.CharField(label="修改后的文件索引号", max_length=80, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _chinese(self)
