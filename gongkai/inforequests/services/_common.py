"""Small helpers the services share: today, input cleaning, the row lock, file checks.

``today()`` is the one place the app asks for today's date; tests and the demo loader pin it by
replacing ``_common.today``. Every service asks through ``_today()``, which looks ``today`` up
in this module when it runs, so the pinned date reaches every module of the package.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.orgs.policy import can

from ..models import InfoRequest

S = InfoRequest.Status

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_SUFFIXES = {"pdf", "jpg", "jpeg", "png", "doc", "docx", "txt"}
RELEASED_SUFFIXES = {"pdf", "docx", "txt"}
_MAGIC = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "docx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
}


def today() -> dt.date:
    """Today in the site's time zone; the one place the app asks (tests pin it)."""
    return timezone.localdate()


def _today() -> dt.date:
    return today()


def _clean(value: Any, *, label: str, field: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        raise GongkaiError(f"请填写{label}。", field=field)
    if len(text) > max_length:
        raise GongkaiError(
            f"{label}不能超过 {max_length} 个字（现在 {len(text)} 个字），请精简。", field=field
        )
    return text


def _choice(value: Any, choices, *, label: str, field: str) -> str:
    values = [c[0] for c in choices]
    if value not in values:
        raise GongkaiError(f"请选择{label}。", field=field)
    return value


def _date(value: Any, *, label: str, field: str, today: dt.date, not_before=None) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise GongkaiError(f"{label}应写成 YYYY-MM-DD，如 2026-09-28。", field=field) from None
    if not isinstance(value, dt.date):
        raise GongkaiError(f"请填写{label}。", field=field)
    if value > today:
        raise GongkaiError(f"{label} {value} 晚于今天，不能记录将来的日期。", field=field)
    if not_before is not None and value < not_before:
        raise GongkaiError(f"{label} {value} 早于 {not_before}，请核对。", field=field)
    return value


def phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")[-11:]


def id_key(number: str) -> str:
    return re.sub(r"[\s\-]", "", number or "").upper()


def _lock(request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_for_update().select_related("unit", "region").get(pk=request.pk)
    )


def _require(actor: Any, rule: str, request: InfoRequest) -> None:
    if actor is not None and not can(actor, rule, request):
        raise PermissionDenied()


def _check_file(name: str, content: bytes, *, suffixes: set[str], what: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in suffixes:
        allowed = "、".join(sorted(suffixes))
        raise GongkaiError(
            f"{what}“{name}”的类型不支持，请上传 {allowed} 格式的文件。", field="files"
        )
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise GongkaiError(
            f"{what}“{name}”超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB，请压缩后再上传。",
            field="files",
        )
    if not content:
        raise GongkaiError(f"{what}“{name}”是空文件。", field="files")
    magic = _MAGIC.get(suffix)
    if magic and not content.startswith(magic):
        raise GongkaiError(
            f"{what}“{name}”的内容与扩展名不符（不是真正的 .{suffix} 文件），请重新导出后上传。",
            field="files",
        )
    return suffix


def amount_yuan(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
