"""Test data for information requests: a valid applicant, requests registered through the
service, and a way to pin "today" (the clock and every date check depend on it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.core.text.pii import id_check_char

D = dt.date.fromisoformat


def resident_id(body17: str = "11010519491231002") -> str:
    return body17 + id_check_char(body17)


ID_NUMBER = resident_id()
PHONE = "13800138000"


def applicant(**overrides: Any) -> dict[str, Any]:
    data = {
        "applicant_kind": "natural",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "contact_person": "",
        "phone": PHONE,
        "email": "zhangsan@example.com",
        "address": "示范县人民路 1 号",
        "postcode": "639900",
        "description": "请公开示范县2026年城区老旧小区改造项目的实施方案和资金安排。",
        "form_wanted": "electronic",
        "way_wanted": "email",
    }
    data.update(overrides)
    return data


class Today:
    """Pins the services' today() (``services._common.today``), and so every page and check."""

    def __init__(self, monkeypatch, day: dt.date):
        self.monkeypatch = monkeypatch
        self.set(day)

    def set(self, day: dt.date | str) -> dt.date:
        day = D(day) if isinstance(day, str) else day
        self.day = day
        self.monkeypatch.setattr("gongkai.inforequests.services._common.today", lambda: day)
        return day


def register(unit, *, actor=None, received_on="2026-09-28", channel="in_person", **overrides):
    from gongkai.inforequests import services

    return services.info_request_register(
        region=unit.region,
        unit=unit,
        applicant=applicant(**overrides),
        channel=channel,
        received_on=received_on,
        actor=actor,
    )
