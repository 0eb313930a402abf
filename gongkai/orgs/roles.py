"""The roles a person can hold. Codes are stable: duties and policy rules name them."""

from django.db import models


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    SECRECY = "secrecy", "保密审查员"
    HEAD = "head", "单位负责人"
    OFFICE_ADMIN = "office_admin", "公开办管理员"


UNIT_ROLES = {Role.CLERK, Role.REVIEWER, Role.SECRECY, Role.HEAD}
REGION_ROLES = {Role.OFFICE_ADMIN}
