"""Readable Chinese messages for request validation errors (400), one line each.

Schemas raise ``PydanticCustomError("ingenio", "<message>")`` for rules with a message of their
own (the contract's 用户需求不能为空, for example); every other pydantic error type is rendered
from the field's Chinese label and a template, so no raw English error text reaches a user.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

FIELD_LABELS = {
    "userRequirement": "用户需求",
    "skipValidation": "skipValidation（是否跳过质量验证）",
    "qualityThreshold": "质量评分阈值",
    "generatePreview": "generatePreview（是否生成预览）",
    "packageName": "包名",
    "taskId": "任务ID",
    "pageNum": "页码",
    "pageSize": "每页数量",
    "status": "任务状态",
    "username": "用户名",
    "password": "密码",
    "lastEventId": "Last-Event-ID",
}

_TYPE_ERRORS = {
    "bool_type",
    "bool_parsing",
    "int_type",
    "int_parsing",
    "int_from_float",
    "string_type",
    "float_type",
    "float_parsing",
    "uuid_type",
    "uuid_parsing",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "list_type",
}


def _label(loc: Sequence[Any]) -> str:
    names = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    if not names:
        return "请求体"
    return FIELD_LABELS.get(names[-1], names[-1])


def validation_message(errors: Sequence[Any]) -> str:
    """The message for the first error (a user fixes one thing at a time)."""
    if not errors:
        return "请求参数错误"
    err = errors[0]
    kind: str = err.get("type", "")
    loc = err.get("loc", ())
    ctx = err.get("ctx") or {}
    label = _label(loc)
    if kind == "ingenio":
        return str(err.get("msg"))
    if kind == "json_invalid":
        return "请求体不是合法的JSON"
    if kind == "missing":
        return "请求体不能为空" if label == "请求体" else f"{label}不能为空"
    if kind == "extra_forbidden":
        return f"不支持的参数：{loc[-1] if loc else ''}"
    if kind in _TYPE_ERRORS:
        return "请求体必须是JSON对象" if label == "请求体" else f"{label}类型错误"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{label}不能小于{ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{label}不能大于{ctx.get('le', ctx.get('lt'))}"
    if kind == "string_too_long":
        return f"{label}不能超过{ctx.get('max_length')}个字符"
    if kind == "string_too_short":
        return f"{label}不能少于{ctx.get('min_length')}个字符"
    if kind in ("enum", "literal_error"):
        return f"{label}取值无效"
    return f"{label}格式错误"
