"""`docs/openapi.yaml`: OpenAPI 3.0.3 for exactly the endpoints the controllers expose.

Built as data and dumped with PyYAML's safe dumper, so labels are quoted by the library.
"""

from __future__ import annotations

from typing import Any

import yaml

from ingenio.pipeline.codegen.escaping import clean_text
from ingenio.pipeline.codegen.kotlin_web import PAGE_SIZE
from ingenio.pipeline.codegen.model import Entity, Field, Kind, Project

OPENAPI_VERSION = "3.0.3"

# libyaml's emitter when PyYAML has it: the pure-Python one took ~1 s for 30 entities, most of
# the whole generation. Same document either way, and safe (no Python tags).
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]
    def ignore_aliases(self, data: Any) -> bool:
        # Shared dicts (the id schema) would otherwise become &id001 anchors: valid YAML, but
        # unreadable and refused by some OpenAPI tools.
        return True


_SCHEMAS: dict[Kind, dict[str, Any]] = {
    Kind.STRING: {"type": "string"},
    Kind.TEXT: {"type": "string"},
    Kind.INT: {"type": "integer", "format": "int32"},
    Kind.LONG: {"type": "integer", "format": "int64"},
    Kind.DECIMAL: {"type": "number"},
    Kind.BOOLEAN: {"type": "boolean"},
    Kind.DATE: {"type": "string", "format": "date"},
    Kind.DATETIME: {"type": "string", "format": "date-time"},
    Kind.REFERENCE: {"type": "integer", "format": "int64"},
    Kind.MANY: {"type": "array", "items": {"type": "integer", "format": "int64"}},
}
_ID = {"type": "integer", "format": "int64"}
_TIMESTAMP = {"type": "string", "format": "date-time"}


def render_openapi(project: Project) -> str:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "ErrorResponse": _error_schema(),
        "FieldViolation": {
            "type": "object",
            "required": ["field", "message"],
            "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
        },
    }
    for entity in project.entities:
        paths.update(_paths(entity))
        schemas[entity.create_request] = _request_schema(entity)
        schemas[entity.update_request] = _request_schema(entity)
        schemas[entity.response] = _response_schema(entity)
        schemas[entity.class_name + "Page"] = _page_schema(entity)
    document = {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": clean_text(project.display_name) or project.app_class,
            "description": clean_text(project.description),
            "version": "0.0.1",
        },
        "tags": [{"name": e.tag, "description": e.class_name} for e in project.entities],
        "paths": paths,
        "components": {"schemas": schemas},
    }
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _paths(e: Entity) -> dict[str, Any]:
    tag = [e.tag]
    id_param = {"name": "id", "in": "path", "required": True, "schema": _ID}
    error = _json(_ref("ErrorResponse"), "Error")
    list_params: list[dict[str, Any]] = []
    if e.text_fields:
        fields = ", ".join(f.prop for f in e.text_fields)
        list_params.append(
            {
                "name": "q",
                "in": "query",
                "required": False,
                "description": f"Case-insensitive search in: {fields}",
                "schema": {"type": "string"},
            }
        )
    list_params += [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        {
            "name": "size",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": PAGE_SIZE},
        },
        {
            "name": "sort",
            "in": "query",
            "required": False,
            "description": "property,asc|desc",
            "schema": {"type": "array", "items": {"type": "string"}},
        },
    ]
    body = {"create": e.create_request, "update": e.update_request}
    name = e.class_name
    return {
        e.path: {
            "get": {
                "tags": tag,
                "summary": f"List {name}",
                "operationId": f"list{name}",
                "parameters": list_params,
                "responses": {"200": _json(_ref(name + "Page"), "OK")},
            },
            "post": {
                "tags": tag,
                "summary": f"Create {name}",
                "operationId": f"create{name}",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(body["create"])}},
                },
                "responses": {"201": _json(_ref(e.response), "Created"), "400": error},
            },
        },
        e.path + "/search": {
            "get": {
                "tags": tag,
                "summary": f"Search {name}",
                "operationId": f"search{name}",
                "parameters": list_params,
                "responses": {"200": _json(_ref(name + "Page"), "OK")},
            },
        },
        e.path + "/{id}": {
            "parameters": [id_param],
            "get": {
                "tags": tag,
                "summary": f"Get {name}",
                "operationId": f"get{name}",
                "responses": {"200": _json(_ref(e.response), "OK"), "404": error},
            },
            "put": {
                "tags": tag,
                "summary": f"Update {name}",
                "operationId": f"update{name}",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(body["update"])}},
                },
                "responses": {"200": _json(_ref(e.response), "OK"), "400": error, "404": error},
            },
            "delete": {
                "tags": tag,
                "summary": f"Delete {name}",
                "operationId": f"delete{name}",
                "responses": {"204": {"description": "Deleted"}, "404": error, "409": error},
            },
        },
    }


def _field_schema(f: Field) -> dict[str, Any]:
    schema: dict[str, Any] = dict(_SCHEMAS.get(f.kind, {"type": "string"}))
    if f.enum is not None:
        schema = {"type": "string", "enum": [c.name for c in f.enum.constants]}
    if f.min_length:
        schema["minLength"] = f.min_length
    if f.size_max is not None:
        schema["maxLength"] = f.size_max
    if f.min_value is not None:
        schema["minimum"] = float(f.min_value) if f.kind is Kind.DECIMAL else int(f.min_value)
    if f.max_value is not None:
        schema["maximum"] = float(f.max_value) if f.kind is Kind.DECIMAL else int(f.max_value)
    description = clean_text(" ".join(filter(None, (f.label, f.description))))
    if description:
        schema["description"] = description
    return schema


def _request_schema(e: Entity) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.dto: _field_schema(f) for f in e.fields},
    }
    required = [f.dto for f in e.fields if f.required and f.kind is not Kind.MANY]
    if required:
        schema["required"] = required
    return schema


def _response_schema(e: Entity) -> dict[str, Any]:
    properties: dict[str, Any] = {"id": _ID}
    for f in e.fields:
        properties[f.dto] = _field_schema(f) | ({} if f.required else {"nullable": True})
    properties |= {"createdAt": _TIMESTAMP, "updatedAt": _TIMESTAMP}
    return {
        "type": "object",
        "required": ["id", "createdAt", "updatedAt"],
        "properties": properties,
    }


def _page_schema(e: Entity) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "content": {"type": "array", "items": _ref(e.response)},
            "page": {"type": "integer"},
            "size": {"type": "integer"},
            "totalElements": {"type": "integer", "format": "int64"},
            "totalPages": {"type": "integer"},
        },
    }


def _error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["status", "error", "message"],
        "properties": {
            "status": {"type": "integer"},
            "error": {"type": "string"},
            "message": {"type": "string"},
            "violations": {"type": "array", "items": _ref("FieldViolation")},
        },
    }
