"""JSON Schemas for the LLM: strict structured output, a compact prompt copy, and the way back.

Strict ``json_schema`` mode (OpenAI, vLLM, Ollama, Qwen) accepts a subset of JSON Schema: every
object closes with ``additionalProperties: false`` and lists every property in ``required``, so an
optional property becomes ``anyOf [T, null]``; ``default``, ``title``, ``const``, ``oneOf`` and a
``$ref`` with sibling keywords are not accepted. ``strict_json_schema`` derives that dialect from
the pydantic model, and ``parse_reply`` undoes it: a ``null`` stands for "not given", so it is
dropped before validation and the model's default applies.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
Schema = dict[str, Any]

# Keywords strict mode rejects or that only cost prompt tokens.
_DROPPED = frozenset({"title", "default", "examples"})
_FENCE = re.compile(r"^```[a-zA-Z]*\s*\n?(.*?)\n?```\s*$", re.DOTALL)


class SchemaError(ValueError):
    """The model cannot be expressed in strict mode (for example a free-form dict field)."""


def strict_json_schema(model: type[BaseModel]) -> Schema:
    """The model's JSON Schema (camelCase names) rewritten for strict structured output."""
    return copy.deepcopy(_strict_schema(model))


@functools.cache
def _strict_schema(model: type[BaseModel]) -> Schema:
    # Cached: generating AppSpec's schema takes about 7 ms, on the event loop, for every call.
    root = copy.deepcopy(model.model_json_schema(by_alias=True))
    defs: Schema = root.get("$defs", {})
    return _strict(root, defs, "$")


@functools.cache
def prompt_schema(model: type[BaseModel]) -> str:
    """The model's plain JSON Schema as compact text for a prompt (json_object mode).

    Defaults stay in: they tell the model what it may leave out.
    """
    schema = _without_titles(model.model_json_schema(by_alias=True))
    return json.dumps(schema, ensure_ascii=False, separators=(",", ":"))


def response_format(model: type[BaseModel]) -> Schema:
    return {
        "type": "json_schema",
        "json_schema": {
            "name": model.__name__,
            "strict": True,
            "schema": strict_json_schema(model),
        },
    }


def parse_reply(content: str, model: type[M]) -> M:
    """Validate a reply against ``model``; raises ``json.JSONDecodeError`` or ``ValidationError``.

    Lenient about packaging only (a Markdown fence, prose around one JSON object), never about
    content: the object itself must validate.
    """
    data = json.loads(_json_text(content))
    return model.model_validate(_drop_nulls(data))


def _json_text(content: str) -> str:
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        return fenced.group(1).strip()
    if not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        if 0 <= start < end:
            return text[start : end + 1]
    return text


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _strict(node: Schema, defs: Schema, path: str) -> Schema:
    node = {k: v for k, v in node.items() if k not in _DROPPED}
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "$ref" in node and len(node) > 1:
        # A $ref with siblings (a description) is rejected: inline the target instead.
        target = defs[node.pop("$ref").rsplit("/", 1)[-1]]
        node = {**{k: v for k, v in target.items() if k not in _DROPPED}, **node}
    if "$defs" in node:
        node["$defs"] = {
            name: _strict(d, defs, f"$defs.{name}") for name, d in node["$defs"].items()
        }
    if "oneOf" in node:
        node["anyOf"] = node.pop("oneOf")
    if "allOf" in node:
        parts = node.pop("allOf")
        if len(parts) != 1:
            raise SchemaError(f"{path}: allOf with several parts is not supported in strict mode")
        node = {**parts[0], **node}
        return _strict(node, defs, path)
    if node.get("type") == "object" or "properties" in node:
        node = _strict_object(node, defs, path)
    if isinstance(node.get("items"), dict):
        node["items"] = _strict(node["items"], defs, f"{path}[]")
    if "anyOf" in node:
        node["anyOf"] = [_strict(v, defs, path) for v in node["anyOf"]]
    return node


def _strict_object(node: Schema, defs: Schema, path: str) -> Schema:
    props = node.get("properties")
    extra = node.get("additionalProperties")
    if props is None or extra not in (None, False):
        raise SchemaError(f"{path}: free-form object (no fixed properties) is not allowed")
    required = set(node.get("required", []))
    closed: Schema = {}
    for name, sub in props.items():
        sub = _strict(sub, defs, f"{path}.{name}")
        closed[name] = sub if name in required or _nullable(sub) else _with_null(sub)
    node["properties"] = closed
    node["required"] = list(props)
    node["additionalProperties"] = False
    return node


def _nullable(node: Schema) -> bool:
    kind = node.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(v.get("type") == "null" for v in node.get("anyOf", []))


def _with_null(node: Schema) -> Schema:
    if "anyOf" in node:
        return {**node, "anyOf": [*node["anyOf"], {"type": "null"}]}
    description = node.pop("description", None)
    wrapped: Schema = {"anyOf": [node, {"type": "null"}]}
    if description:
        wrapped["description"] = description
    return wrapped


def _without_titles(value: Any) -> Any:
    if isinstance(value, dict):
        # A string "title" is the keyword; a dict "title" is a property of that name (PageSpec).
        return {
            k: _without_titles(v)
            for k, v in value.items()
            if k != "title" or not isinstance(v, str)
        }
    if isinstance(value, list):
        return [_without_titles(v) for v in value]
    return value
