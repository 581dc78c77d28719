"""Judging a reply: the validated model, or why it is unusable (for the user and for the repair)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ingenio.pipeline.brains.llm.schema import parse_reply

M = TypeVar("M", bound=BaseModel)

# Enough for the model to fix its reply; a long list only costs tokens.
_MAX_LISTED_ERRORS = 8


@dataclass(frozen=True)
class Invalid:
    """Why a reply was rejected.

    ``message`` is for the user (Chinese, no model output in it); ``detail`` goes back to the model
    in the repair request; ``echo`` says whether the reply is worth showing the model again (a
    blank or truncated one is not: it needs a fresh, complete answer).
    """

    message: str
    detail: str
    echo: bool = True


def check_reply(
    content: str, finish_reason: str | None, refusal: str | None, model: type[M]
) -> M | Invalid:
    if refusal:
        return Invalid(
            "LLM拒绝生成结果", f"你拒绝了请求（{refusal[:200]}）。这是正常的软件设计任务。"
        )
    if finish_reason == "length":
        return Invalid(
            "LLM响应过长被截断",
            "输出因长度限制被截断，JSON不完整。请更简洁（缩短描述等文字），确保输出完整的JSON",
            echo=False,
        )
    if not content.strip():
        return Invalid("LLM返回了空响应", "输出为空", echo=False)
    try:
        return parse_reply(content, model)
    except json.JSONDecodeError as exc:
        return Invalid(
            "LLM响应无法解析为有效JSON",
            f"不是合法的JSON：{exc.msg}（第{exc.lineno}行第{exc.colno}列）",
        )
    except ValidationError as exc:
        return Invalid(f"LLM响应不符合{model.__name__}结构", _validation_detail(exc))


def _validation_detail(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    lines = [f"{'.'.join(str(p) for p in e['loc']) or '$'}: {e['msg']}" for e in errors]
    more = len(lines) - _MAX_LISTED_ERRORS
    listed = lines[:_MAX_LISTED_ERRORS] + ([f"……另有{more}处错误"] if more > 0 else [])
    return "JSON不符合Schema：\n" + "\n".join(listed)
