"""What the fake LLM server answers: scripted ``Reply`` values and their wire format."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel

from ingenio.pipeline.brains.llm.tokens import estimate_tokens


class ReplyKind(StrEnum):
    CONTENT = "content"  # a chat completion with the given content
    ERROR = "error"  # an HTTP error status with an OpenAI-style error body
    HANG = "hang"  # never answers; ends when the client disconnects (recorded as aborted)
    SMART = "smart"  # valid JSON for the plan / execute / review request it receives


@dataclass(frozen=True)
class FakeUsage:
    prompt: int
    completion: int
    cached: int = 0


@dataclass(frozen=True)
class Reply:
    """One scripted answer. Build it with the class methods; ``delayed`` adds a wait first."""

    kind: ReplyKind = ReplyKind.SMART
    content: str = ""
    finish_reason: str = "stop"
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    # "auto": counted from the texts; None: the reply carries no usage (as some providers do).
    usage: FakeUsage | Literal["auto"] | None = "auto"
    delay: float = 0.0

    @classmethod
    def json(cls, value: BaseModel | Mapping[str, Any] | list[Any], **kw: Any) -> Reply:
        data = (
            value.model_dump(mode="json", by_alias=True) if isinstance(value, BaseModel) else value
        )
        return cls(ReplyKind.CONTENT, json.dumps(data, ensure_ascii=False), **kw)

    @classmethod
    def text(cls, content: str, **kw: Any) -> Reply:
        """Any content as is: prose instead of JSON, broken JSON, a fenced block."""
        return cls(ReplyKind.CONTENT, content, **kw)

    @classmethod
    def blank(cls, **kw: Any) -> Reply:
        return cls(ReplyKind.CONTENT, "", **kw)

    @classmethod
    def truncated(cls, content: str = '{"appName": "Campus', **kw: Any) -> Reply:
        return cls(ReplyKind.CONTENT, content, finish_reason="length", **kw)

    @classmethod
    def error(cls, status: int, *, retry_after: float | None = None, message: str = "") -> Reply:
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        return cls(
            ReplyKind.ERROR, message or f"fake error {status}", status=status, headers=headers
        )

    @classmethod
    def rate_limited(cls, retry_after: float = 0.05) -> Reply:
        return cls.error(429, retry_after=retry_after, message="Rate limit reached")

    @classmethod
    def hang(cls) -> Reply:
        return cls(ReplyKind.HANG)

    @classmethod
    def smart(cls, **kw: Any) -> Reply:
        return cls(ReplyKind.SMART, **kw)

    def delayed(self, seconds: float) -> Reply:
        return replace(self, delay=seconds)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reply:
        """A reply from a script file: ``{"kind": "json", "content": {...}, "delay": 0.5}``.

        Kinds: json, text, blank, truncated, error (with status, retry_after), hang, smart;
        ``usage`` may be null (none sent) or ``{"prompt": 10, "completion": 5, "cached": 0}``.
        """
        kind = data["kind"]
        kw: dict[str, Any] = {}
        if "usage" in data:
            kw["usage"] = None if data["usage"] is None else FakeUsage(**data["usage"])
        builders: dict[str, Any] = {
            "json": lambda: cls.json(data["content"], **kw),
            "text": lambda: cls.text(data["content"], **kw),
            "blank": lambda: cls.blank(**kw),
            "truncated": lambda: cls.truncated(data.get("content", '{"appName": "Ca'), **kw),
            "error": lambda: cls.error(data["status"], retry_after=data.get("retry_after")),
            "hang": cls.hang,
            "smart": lambda: cls.smart(**kw),
        }
        if kind not in builders:
            raise ValueError(f"unknown reply kind {kind!r}; expected one of {sorted(builders)}")
        reply: Reply = builders[kind]()
        return reply.delayed(float(data.get("delay", 0)))


def error_body(reply: Reply) -> bytes:
    kind = "rate_limit_error" if reply.status == 429 else "server_error"
    body = {"error": {"message": reply.content, "type": kind, "code": str(reply.status)}}
    return json.dumps(body).encode()


def completion_body(reply: Reply, content: str, request: Mapping[str, Any]) -> bytes:
    """A non-streaming ``chat.completion`` object."""
    body: dict[str, Any] = {
        **_envelope(request, "chat.completion"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "finish_reason": reply.finish_reason,
                "logprobs": None,
            }
        ],
    }
    usage = _usage(reply, content, request)
    if usage is not None:
        body["usage"] = usage
    return json.dumps(body, ensure_ascii=False).encode()


def stream_body(reply: Reply, content: str, request: Mapping[str, Any]) -> bytes:
    """Server-sent ``chat.completion.chunk`` events; usage last, only if the client asked."""
    envelope = _envelope(request, "chat.completion.chunk")
    pieces = [content[i : i + 16] for i in range(0, len(content), 16)] or [""]
    events: list[dict[str, Any]] = [
        {
            **envelope,
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
            ],
        },
        *(
            {**envelope, "choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]}
            for p in pieces
        ),
        {**envelope, "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}]},
    ]
    options = request.get("stream_options") or {}
    usage = _usage(reply, content, request)
    if options.get("include_usage") and usage is not None:
        events.append({**envelope, "choices": [], "usage": usage})
    lines = [f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events]
    return ("".join(lines) + "data: [DONE]\n\n").encode()


def _envelope(request: Mapping[str, Any], obj: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake-{uuid.uuid4().hex[:12]}",
        "object": obj,
        "created": int(time.time()),
        "model": str(request.get("model", "fake-model")),
    }


def _usage(reply: Reply, content: str, request: Mapping[str, Any]) -> dict[str, Any] | None:
    if reply.usage is None:
        return None
    if reply.usage == "auto":
        messages = request.get("messages") or []
        prompt = sum(estimate_tokens(str(m.get("content") or "")) + 4 for m in messages)
        counts = FakeUsage(prompt, estimate_tokens(content))
    else:
        counts = reply.usage
    return {
        "prompt_tokens": counts.prompt,
        "completion_tokens": counts.completion,
        "total_tokens": counts.prompt + counts.completion,
        "prompt_tokens_details": {"cached_tokens": counts.cached},
    }
