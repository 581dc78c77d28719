"""The strict-schema transformer and the reply parser, on the three schemas the LLM fills."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from ingenio.pipeline.appspec import AppSpec, FieldType
from ingenio.pipeline.brains.llm.schema import (
    SchemaError,
    parse_reply,
    prompt_schema,
    strict_json_schema,
)
from ingenio.pipeline.plan import Complexity, PlanResult
from ingenio.pipeline.report import ReviewResult
from ingenio.testing.llm_fixtures import sample_spec

LLM_OUTPUTS: list[type[BaseModel]] = [PlanResult, AppSpec, ReviewResult]


def _objects(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    """Every object schema in the tree, with where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            found.append((path, node))
        for key, value in node.items():
            found += _objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _objects(value, f"{path}[{i}]")
    return found


def _keywords(node: Any) -> set[str]:
    """Every schema keyword used anywhere (property names excluded)."""
    if isinstance(node, list):
        return set().union(*(_keywords(v) for v in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node) - {"properties"}
    for key, value in node.items():
        if key == "properties":
            found |= set().union(*(_keywords(v) for v in value.values()))
        else:
            found |= _keywords(value)
    return found


@pytest.mark.parametrize("model", LLM_OUTPUTS, ids=lambda m: m.__name__)
def test_every_object_is_closed_and_requires_all_its_properties(model: type[BaseModel]) -> None:
    schema = strict_json_schema(model)
    objects = _objects(schema)
    assert objects
    for path, obj in objects:
        assert obj["additionalProperties"] is False, path
        assert obj["required"] == list(obj["properties"]), path


@pytest.mark.parametrize("model", LLM_OUTPUTS, ids=lambda m: m.__name__)
def test_uses_only_keywords_strict_mode_accepts(model: type[BaseModel]) -> None:
    used = _keywords(strict_json_schema(model))
    assert not used & {"default", "title", "const", "oneOf", "allOf", "examples"}
    schema_text = json.dumps(strict_json_schema(model))
    assert "#/$defs/" in schema_text or model is ReviewResult


def test_optional_fields_become_nullable_and_required_ones_do_not() -> None:
    field_spec = strict_json_schema(AppSpec)["$defs"]["FieldSpec"]["properties"]
    assert field_spec["name"] == {
        "description": "camelCase ASCII identifier, e.g. 'price'",
        "type": "string",
    }
    assert field_spec["required"] == {"anyOf": [{"type": "boolean"}, {"type": "null"}]}
    # Already nullable: not wrapped twice.
    assert field_spec["reference"]["anyOf"] == [{"type": "string"}, {"type": "null"}]


def test_constants_and_referenced_enums_survive_the_rewrite() -> None:
    app = strict_json_schema(AppSpec)["properties"]
    assert app["schemaVersion"]["anyOf"][0] == {"enum": ["1.0"], "type": "string"}
    plan = strict_json_schema(PlanResult)
    assert plan["properties"]["complexity"]["anyOf"][0] == {"$ref": "#/$defs/Complexity"}
    assert plan["$defs"]["Complexity"]["enum"] == [c.value for c in Complexity]
    field_type = strict_json_schema(AppSpec)["$defs"]["FieldSpec"]["properties"]["type"]
    assert field_type == {"$ref": "#/$defs/FieldType"}


def test_review_score_keeps_its_range() -> None:
    score = strict_json_schema(ReviewResult)["properties"]["score"]
    assert score == {"maximum": 100, "minimum": 0, "type": "integer"}


def test_free_form_dicts_are_refused() -> None:
    class Loose(BaseModel):
        name: str
        extras: dict[str, str]

    with pytest.raises(SchemaError, match="free-form"):
        strict_json_schema(Loose)


def test_a_ref_with_a_description_is_inlined() -> None:
    class Inner(BaseModel):
        value: int

    class Outer(BaseModel):
        inner: Inner = Field(description="the inner part")

    schema = strict_json_schema(Outer)
    inner = schema["properties"]["inner"]
    assert "$ref" not in inner
    assert inner["description"] == "the inner part"
    assert inner["properties"] == {"value": {"type": "integer"}}
    assert inner["additionalProperties"] is False


def test_prompt_schema_is_compact_plain_schema_with_defaults() -> None:
    text = prompt_schema(AppSpec)
    schema = json.loads(text)
    assert "title" not in schema
    assert schema["$defs"]["PageSpec"]["properties"]["title"] == {"type": "string"}
    assert schema["$defs"]["FieldSpec"]["properties"]["required"]["default"] is False
    assert "价格" in text  # not \u-escaped: a CJK character is one token, an escape is six
    assert text == json.dumps(schema, ensure_ascii=False, separators=(",", ":"))


def test_a_strict_reply_full_of_nulls_parses_to_the_defaults() -> None:
    spec = sample_spec()
    data = spec.model_dump(mode="json", by_alias=True)
    for model in data["models"]:
        model["description"] = None
        for field in model["fields"]:
            # What a strict-mode model sends for "not given" (0 is a real value: keep it).
            field.update({k: None for k, v in field.items() if v is False or v in ("", [])})
    data["roles"] = None
    parsed = parse_reply(json.dumps(data), AppSpec)
    assert parsed.models == spec.models
    assert parsed.roles == []
    assert parsed.models[1].fields[2].type is FieldType.REFERENCE


@pytest.mark.parametrize(
    "wrapping",
    ["```json\n{}\n```", "```\n{}\n```", "好的，这是结果：\n{}\n希望有帮助。", "  {}  "],
)
def test_packaging_around_the_object_is_tolerated(wrapping: str) -> None:
    review = {"score": 77, "strengths": ["清晰"]}
    parsed = parse_reply(wrapping.replace("{}", json.dumps(review)), ReviewResult)
    assert parsed == ReviewResult(score=77, strengths=["清晰"])


def test_content_that_does_not_validate_is_rejected() -> None:
    with pytest.raises(ValidationError):
        parse_reply('{"score": 140}', ReviewResult)
    with pytest.raises(json.JSONDecodeError):
        parse_reply("评分：八十分", ReviewResult)
