"""Objects of unit A for the URL walk (tests/test_url_walk.py), built on first use."""

from __future__ import annotations

from typing import Any


def walk_request(w: Any):
    """An information request handled by unit A (filed online today)."""
    if getattr(w, "_inforequest", None) is None:
        from .helpers import register

        w._inforequest = register(w.unit_a, actor=None)
    return w._inforequest


def walk_template(w: Any):
    if getattr(w, "_letter_template", None) is None:
        from gongkai.inforequests.models import LetterTemplate
        from gongkai.inforequests.services import letter_templates_seed

        letter_templates_seed(region=w.region)
        w._letter_template = LetterTemplate.objects.filter(region=w.region).first()
    return w._letter_template


def inforequest_samples(sample_cls) -> dict[str, Any]:
    from gongkai.inforequests.views_staff import ACTION_VIEWS

    ns = "workspace:inforequests"
    case = lambda w: {"pk": walk_request(w).pk}  # noqa: E731
    return {
        f"{ns}:list": sample_cls(),
        f"{ns}:register": sample_cls(),
        f"{ns}:templates": sample_cls(),
        f"{ns}:template_edit": sample_cls(lambda w: {"pk": walk_template(w).pk}, of_unit_a=True),
        f"{ns}:stats": sample_cls(),
        f"{ns}:demand": sample_cls(),
        f"{ns}:propose": sample_cls(),
        f"{ns}:case": sample_cls(case, of_unit_a=True),
        f"{ns}:attachment": sample_cls(lambda w: {**case(w), "file_pk": 1}, of_unit_a=True),
        f"{ns}:released": sample_cls(lambda w: {**case(w), "file_pk": 1}, of_unit_a=True),
        f"{ns}:letter": sample_cls(
            lambda w: {**case(w), "letter_pk": 1, "fmt": "docx"}, of_unit_a=True
        ),
        **{f"{ns}:case_{name}": sample_cls(case, of_unit_a=True) for name in ACTION_VIEWS},
    }
