from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from . import roles


class Region(models.Model):
    """A county (or district) served by this deployment; a prefecture may host several."""

    code = models.CharField(
        "区划代码",
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[0-9A-Za-z_-]+$", "区划代码只能包含字母、数字、下划线和连字符。")
        ],
    )
    name = models.CharField("名称", max_length=60)  # 示范县人民政府
    short_name = models.CharField("简称", max_length=30)  # 示范县
    host = models.CharField("专用域名", max_length=200, blank=True, db_index=True)
    path_prefix = models.CharField(
        "路径前缀",
        max_length=40,
        blank=True,
        help_text="集约化平台上以路径区分各县时填写，如 shifan（访问 /shifan/…）。",
        validators=[RegexValidator(r"^[a-z0-9-]*$", "路径前缀只能包含小写字母、数字和连字符。")],
    )
    # 索引号 format, per LAW.md a regional choice. Placeholders: {unit_code} {credit_code}
    # {year} {serial}. The library (issue 3) formats numbers with it.
    index_no_format = models.CharField(
        "索引号格式", max_length=100, default="{unit_code}/{year}-{serial:05d}"
    )
    office_name = models.CharField("政务公开办名称", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=60, blank=True)
    office_fax = models.CharField("传真", max_length=60, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    office_postcode = models.CharField("邮政编码", max_length=10, blank=True)
    icp_record = models.CharField("备案号", max_length=60, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "行政区域"
        ordering = ["sort", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["path_prefix"],
                condition=~models.Q(path_prefix=""),
                name="region_prefix_unique",
            ),
            models.UniqueConstraint(
                fields=["host"], condition=~models.Q(host=""), name="region_host_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name


class Unit(models.Model):
    """An organ of the region: the government, its office, a department, a township, …"""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        OFFICE = "office", "办公室/公开办"
        DEPARTMENT = "department", "政府部门"
        TOWNSHIP = "township", "乡镇（街道）"
        ZONE = "zone", "开发区"
        ENTERPRISE = "enterprise", "公共企事业单位"
        OTHER = "other", "其他单位"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    name = models.CharField("全称", max_length=100)  # 示范县发展和改革局
    short_name = models.CharField("简称", max_length=40, blank=True)  # 县发改局
    code = models.CharField(
        "单位代码",
        max_length=30,
        help_text="用于索引号，如 000014349。",
        validators=[RegexValidator(r"^[0-9A-Za-z-]+$", "单位代码只能包含字母、数字和连字符。")],
    )
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    # 三审: how many review levels a document of this unit passes (1–3).
    review_levels = models.PositiveSmallIntegerField(
        "审核级数", default=3, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    is_active = models.BooleanField("在用", default=True)
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["region", "sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="unit_code_unique_in_region"),
            models.UniqueConstraint(fields=["region", "name"], name="unit_name_unique_in_region"),
            models.CheckConstraint(
                condition=models.Q(review_levels__gte=1, review_levels__lte=3),
                name="unit_review_levels_1_3",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class UnitAlias(models.Model):
    """Another name a unit goes by in documents (县发改局, 县发展改革委 …); unique per region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField("别名", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "单位别名"
        constraints = [
            models.UniqueConstraint(fields=["region", "alias"], name="unit_alias_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.alias


class User(AbstractUser):
    """A member of staff. Citizens do not log in (they use tracking codes)."""

    display_name = models.CharField("姓名", max_length=40, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """A person holds a role in a unit (or, for region-wide roles, in a region)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField("角色", max_length=20, choices=roles.Role.choices)
    level = models.PositiveSmallIntegerField(
        "审核级别", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role", "level"],
                condition=models.Q(role="reviewer"),
                name="role_reviewer_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=~models.Q(role__in=["reviewer", "office_admin"]),
                name="role_unit_role_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "region", "role"],
                condition=models.Q(role="office_admin"),
                name="role_region_role_unique",
            ),
            # 审核人 has a level 1–3; no other role has one. (The isnull term matters: a CHECK
            # passes when its condition is NULL, and "NULL >= 1" is NULL, not false.)
            models.CheckConstraint(
                condition=(
                    models.Q(role="reviewer", level__isnull=False, level__gte=1, level__lte=3)
                    | (~models.Q(role="reviewer") & models.Q(level__isnull=True))
                ),
                name="role_level_only_for_reviewer",
            ),
            # Unit roles need a unit; the region-wide office admin has none.
            models.CheckConstraint(
                condition=(
                    models.Q(role="office_admin", unit__isnull=True)
                    | (~models.Q(role="office_admin") & models.Q(unit__isnull=False))
                ),
                name="role_unit_scope",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.label if self.unit_id else self.region.short_name
        level = f"（{self.level}级）" if self.level else ""
        return f"{self.user} · {where} · {self.get_role_display()}{level}"


class LoginAttempt(models.Model):
    """Failed and successful staff logins, for lockout and for the record."""

    username = models.CharField("用户名", max_length=150, db_index=True)
    ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    at = models.DateTimeField("时间", db_index=True)
    succeeded = models.BooleanField("成功", default=False)
    # Set on the failure that reached the threshold: the name (or the address) is refused
    # until then, whatever password is given (gongkai/orgs/lockout.py).
    user_locked_until = models.DateTimeField("账号锁定至", null=True, blank=True)
    ip_locked_until = models.DateTimeField("地址锁定至", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["ip", "at"]), models.Index(fields=["username", "at"])]

    def __str__(self) -> str:
        outcome = "成功" if self.succeeded else "失败"
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {outcome}"
