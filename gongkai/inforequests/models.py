"""依申请公开: a request, its clock events, reply, letters, deliveries, fees and appeals.

The reply deadline is never typed: it is computed from the ``ClockEntry`` rows by
``gongkai.inforequests.clock.compute``; ``InfoRequest.due_on`` is a cache of that result, refreshed
in the same transaction as every change of the events, for sorting and filtering only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from .clock import Channel, ClockStatus
from .fees import FeeMethod
from .outcomes import (
    FLAT_OUTCOME_CHOICES,
    OUTCOME,
    AppealKind,
    AppealResult,
    ApplicantKind,
    ReplyType,
)

CHANNEL_CHOICES = [(c.value, c.label) for c in Channel]
CLOCK_STATUS_CHOICES = [(s.value, s.label) for s in ClockStatus]


class InfoRequest(models.Model):
    """One request for government information (条例第二十九条)."""

    class Status(models.TextChoices):
        # 条例第四十五条: 登记、审核、办理、答复、归档.
        REVIEW = "review", "已登记，待审核"
        CORRECTION = "correction", "等待申请人补正"
        HANDLING = "handling", "办理中"
        CONSULTING = "consulting", "征求意见中"
        AWAITING_FEE = "awaiting_fee", "等待缴费"
        REPLIED = "replied", "已答复，待送达"
        DELIVERED = "delivered", "已送达，待归档"
        ARCHIVED = "archived", "已归档"

    OPEN_STATUSES = ("review", "correction", "handling", "consulting", "awaiting_fee")

    class IdType(models.TextChoices):
        RESIDENT_ID = "resident_id", "居民身份证"
        RESIDENCE_PERMIT = "residence_permit", "港澳台居民居住证"
        PASSPORT = "passport", "护照"
        CREDIT_CODE = "credit_code", "统一社会信用代码"
        OTHER = "other", "其他证件"

    class FormWanted(models.TextChoices):
        PAPER = "paper", "纸质"
        ELECTRONIC = "electronic", "电子文档"
        OTHER = "other", "其他"

    class WayWanted(models.TextChoices):
        POST = "post", "邮寄"
        EMAIL = "email", "电子邮件"
        ONLINE = "online", "网上获取"
        PICKUP = "pickup", "当面领取"
        FAX = "fax", "传真"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="inforequests")
    tracking_code = models.CharField("查询码", max_length=32, unique=True)

    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    name = models.CharField("申请人姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    contact_person = models.CharField("联系人", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    # Normalised identity, for the status page check and repeat detection (item 8).
    id_key = models.CharField(max_length=40, db_index=True)
    phone_key = models.CharField(max_length=20, db_index=True)

    description = models.TextField("所需信息的名称、文号或便于查询的其他特征性描述")
    form_wanted = models.CharField("获取信息的形式", max_length=12, choices=FormWanted.choices)
    way_wanted = models.CharField("获取信息的方式", max_length=12, choices=WayWanted.choices)

    channel = models.CharField("申请渠道", max_length=20, choices=CHANNEL_CHOICES)
    submitted_on = models.DateField("提交日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期（条例第三十一条）")
    receipt_note = models.CharField("收到日期的确认情况", max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    status = models.CharField(
        "办理状态", max_length=16, choices=Status.choices, default=Status.REVIEW
    )
    # Caches of the clock's result (gongkai.inforequests.clock.compute), refreshed with the events.
    # due_on: the reply due date; while the clock is stopped, the date the pause must end by
    # (correction period, consultation answer, fee payment) — the next date the case must move by.
    due_on = models.DateField("答复期限", null=True, blank=True)
    clock_status = models.CharField(
        "期限状态", max_length=24, choices=CLOCK_STATUS_CHOICES, default="running"
    )
    # Filled when the case is decided (reply or closing): what the annual report counts.
    outcome = models.CharField("办理结果", max_length=32, choices=FLAT_OUTCOME_CHOICES, blank=True)
    decided_on = models.DateField("答复（办结）日期", null=True, blank=True)
    on_time = models.BooleanField("按期答复", null=True, blank=True)
    workdays_taken = models.PositiveSmallIntegerField("办理工作日", null=True, blank=True)

    # Archive (条例第四十五条) and the public archive of closed requests (opt-in).
    public_archive = models.BooleanField("在公开档案中展示", default=False)
    applicant_consent = models.BooleanField("申请人同意展示", default=False)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="ir_unit_status_due"),
            models.Index(fields=["region", "status", "due_on"], name="ir_region_status_due"),
            models.Index(fields=["region", "received_on"], name="ir_region_received"),
            models.Index(fields=["region", "decided_on", "received_on"], name="ir_region_decided"),
            models.Index(fields=["unit", "received_on"], name="ir_unit_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "review",
                        "correction",
                        "handling",
                        "consulting",
                        "awaiting_fee",
                        "replied",
                        "delivered",
                        "archived",
                    ]
                ),
                name="ir_status_valid",
            ),
            # A decided case has an outcome and a date; an open one has neither.
            models.CheckConstraint(
                condition=(
                    models.Q(outcome="", decided_on__isnull=True)
                    | (~models.Q(outcome="") & models.Q(decided_on__isnull=False))
                ),
                name="ir_outcome_with_date",
            ),
            models.CheckConstraint(
                condition=models.Q(public_archive=False) | models.Q(applicant_consent=True),
                name="ir_public_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_natural_person(self) -> bool:
        return self.applicant_kind == ApplicantKind.NATURAL

    @property
    def applicant_type_label(self) -> str:
        if self.is_natural_person:
            return "自然人"
        return f"法人或其他组织（{self.get_applicant_kind_display()}）"

    @property
    def outcome_info(self):
        return OUTCOME.get(self.outcome)

    @property
    def clock_status_label(self) -> str:
        return ClockStatus(self.clock_status).label


class ClockEntry(models.Model):
    """One clock event of the case, in order (the JSON form of ``clock.events``)."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="clock")
    seq = models.PositiveSmallIntegerField()
    date = models.DateField()
    event = models.JSONField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "期限事件"
        ordering = ["request", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["request", "seq"], name="ir_clock_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.event.get('event', '')}"


def _attachment_path(instance, filename: str) -> str:
    import secrets

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    today = dt.date.today()
    return f"inforequests/{today:%Y/%m}/{secrets.token_hex(12)}.{suffix}"


class Attachment(models.Model):
    """A file the applicant attached (identity proof, the corrected request, …). Private."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ReleasedFile(models.Model):
    """A file to be released with the reply. Scanned for personal data and secrecy marks; every
    finding must be cleared (by removing it or releasing it as harmless) before the reply."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="released")
    file = models.FileField(upload_to=_attachment_path)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64, db_index=True)
    pages = models.PositiveIntegerField("页数", default=1)
    text = models.TextField("提取的文字", blank=True)
    findings = models.JSONField("检查发现", default=list, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_note = models.CharField("审查意见", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "答复提供的文件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def blocked(self) -> bool:
        return bool(self.findings) and self.cleared_at is None


class Reply(models.Model):
    """The decision on the request: one outcome of the national table and the 第三十六条 type."""

    request = models.OneToOneField(InfoRequest, on_delete=models.CASCADE, related_name="reply")
    outcome = models.CharField("办理结果", max_length=32, choices=FLAT_OUTCOME_CHOICES)
    reply_type = models.CharField("答复类型", max_length=20, choices=ReplyType.choices)
    replied_on = models.DateField("答复日期")
    facts = models.TextField("答复内容（事实与理由）", blank=True)
    # 条例第三十七条: for partial disclosure, what was withheld and why: [{"part", "reason"}].
    withheld = models.JSONField("不予公开的部分及理由", default=list, blank=True)
    other_agency = models.CharField(
        "负责公开的机关（第三十六条第五项）", max_length=200, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "答复"

    def __str__(self) -> str:
        return f"{self.request} {self.get_outcome_display()}"

    @property
    def outcome_info(self):
        return OUTCOME[self.outcome]


class LetterTemplate(models.Model):
    """An editable letter (告知书/答复书) of the region: an outcome's letter, or a notice."""

    class Key(models.TextChoices):
        DISCLOSED = "disclosed", "予以公开告知书"
        PARTIAL = "partial", "部分公开告知书"
        WITHHELD = "withheld", "不予公开告知书"
        UNAVAILABLE = "unavailable", "无法提供告知书"
        REJECTED = "rejected", "不予处理告知书"
        OTHER = "other", "其他处理告知书"
        CORRECTION = "correction", "补正申请告知书"
        EXTENSION = "extension", "延期答复告知书"
        FEE = "fee", "收费通知书"

    region = models.ForeignKey("orgs.Region", on_delete=models.CASCADE, related_name="+")
    key = models.CharField("文书类型", max_length=16, choices=Key.choices)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["region", "key"]
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="ir_template_unique")]

    def __str__(self) -> str:
        return self.title


class Letter(models.Model):
    """A generated letter: the text as rendered, its .docx and .pdf, stored with the case."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="letters")
    key = models.CharField("文书类型", max_length=16, choices=LetterTemplate.Key.choices)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    docx = models.FileField(upload_to=_attachment_path)
    pdf = models.FileField(upload_to=_attachment_path, blank=True)
    pdf_error = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "告知书"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """送达: how and when the reply reached the applicant."""

    class Method(models.TextChoices):
        ONLINE = "online", "网上送达"
        POST = "post", "邮寄"
        IN_PERSON = "in_person", "当面送达"
        EMAIL = "email", "电子邮件"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="deliveries")
    method = models.CharField("送达方式", max_length=12, choices=Method.choices)
    delivered_on = models.DateField("送达日期")
    tracking_no = models.CharField("邮件单号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "送达记录"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.delivered_on} {self.get_method_display()}"


class FeeNotice(models.Model):
    """收费通知 (国办函〔2020〕109号): the basis, quantity, explanation and amount; payment."""

    request = models.OneToOneField(InfoRequest, on_delete=models.CASCADE, related_name="fee")
    method = models.CharField(
        "收费方式", max_length=12, choices=[(m.value, m.label) for m in FeeMethod]
    )
    quantity = models.PositiveIntegerField("件次或页数")
    explanation = models.JSONField("计算说明", default=list)
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    sent_on = models.DateField("发出日期")
    received_on = models.DateField("申请人收到日期")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "收费通知"

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount} 元"


class Appeal(models.Model):
    """行政复议 or 行政诉讼 about a request (annual report section 四)."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField("类型", max_length=20, choices=AppealKind.choices)
    body = models.CharField("复议机关/人民法院", max_length=100)
    filed_on = models.DateField("申请（起诉）日期")
    decided_on = models.DateField("决定（裁判）日期", null=True, blank=True)
    result = models.CharField(
        "结果", max_length=12, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    note = models.CharField("备注", max_length=300, blank=True)
    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["filed_on", "id"]
        indexes = [models.Index(fields=["region", "filed_on"], name="ir_appeal_region_filed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending") | models.Q(decided_on__isnull=False),
                name="ir_appeal_decided_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on} {self.get_result_display()}"


class Flag(models.Model):
    """Evidence for the handler (item 8): a likely repeat, or many requests in a month."""

    class Kind(models.TextChoices):
        REPEAT = "repeat", "疑似重复申请"
        MASS = "mass", "本月申请较多"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.CharField(max_length=300)
    related = models.ForeignKey(
        InfoRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "提示"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.message


class DisclosureProposal(models.Model):
    """条例第四十四条: a proposal to publish a released document proactively (for the library).

    The library picks open proposals up through ``selectors.disclosure_proposals`` (and the duty
    of kind ``library.propose`` in the unit's inbox)."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        DONE = "done", "已处理"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    released_file = models.ForeignKey(
        ReleasedFile, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    topic = models.CharField("主题", max_length=200)
    reason = models.TextField("理由")
    request_count = models.PositiveIntegerField("相关申请数", default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "主动公开建议"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.topic
