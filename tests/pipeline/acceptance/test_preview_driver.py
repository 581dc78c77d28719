"""The generic preview driver picks values that satisfy a form, or knows that it cannot."""

from __future__ import annotations

from typing import Any

from tests.pipeline.acceptance.preview_driver import plan_form


def entity(*fields: dict[str, Any], rows: int = 1) -> dict[str, Any]:
    return {"fields": list(fields), "rows": [{"id": i + 1} for i in range(rows)]}


def test_values_respect_types_and_bounds() -> None:
    form = entity(
        {"type": "string", "required": True, "minLength": 30, "maxLength": 40},
        {"type": "int", "required": True, "min": 2.5, "max": 9},
        {"type": "decimal", "max": -3},
        {"type": "enum", "required": True, "options": [["A", "甲"], ["B", "乙"]]},
        {"type": "reference", "required": True, "ref": 0},
        {"type": "boolean"},
        {"type": "datetime"},
    )
    fills = plan_form([form], 0, "t7")
    assert fills is not None
    values = [f.value for f in fills]
    text = values[0]
    assert text is not None
    assert 30 <= len(text) <= 40
    assert "t7" in text
    assert values[1:] == ["3", "-3.0", "A", "1", "true", "2024-05-20T09:30"]


def test_a_tiny_text_limit_still_gets_a_value() -> None:
    fills = plan_form([entity({"type": "string", "required": True, "maxLength": 2})], 0, "t7")
    assert fills is not None
    assert fills[0].value == "t7"


def test_unfillable_required_fields_make_the_form_unfillable() -> None:
    impossible = [
        {"type": "int", "required": True, "min": 1.2, "max": 1.8},
        {"type": "string", "required": True, "minLength": 5, "maxLength": 3},
        {"type": "enum", "required": True, "options": []},
    ]
    for field in impossible:
        assert plan_form([entity(field)], 0, "t7") is None, field
    no_targets = [entity(rows=0), entity({"type": "reference", "required": True, "ref": 0})]
    assert plan_form(no_targets, 1, "t7") is None


def test_unfillable_optional_fields_are_left_empty() -> None:
    fills = plan_form([entity({"type": "int", "min": 5, "max": 1})], 0, "t7")
    assert fills is not None
    assert fills[0].value is None
