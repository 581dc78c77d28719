"""What differs between OpenAI-compatible providers: base URL, JSON mode, thinking switch, key.

Facts from each provider's documentation, checked 2026-11 (shared/notes/llm-and-kotlin-facts.md).
An unknown provider is treated conservatively: ``json_object`` (the mode every compatible server
implements), no extra body, and a base URL the operator must give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ingenio.config import JsonMode


class ResponseMode(StrEnum):
    JSON_SCHEMA = "json_schema"
    JSON_OBJECT = "json_object"


@dataclass(frozen=True)
class Provider:
    name: str
    base_url: str | None
    # Strict json_schema structured output is honoured (not just accepted and ignored).
    json_schema: bool = False
    # Merged into the request body of JSON stages: reasoning output is not JSON and costs tokens.
    thinking_off: Mapping[str, Any] = field(default_factory=dict)
    # Local servers accept any key; cloud providers answer 401 without one.
    needs_key: bool = True


_THINKING_DISABLED: Mapping[str, Any] = {"thinking": {"type": "disabled"}}

PROVIDERS: Mapping[str, Provider] = {
    p.name: p
    for p in (
        Provider("openai", "https://api.openai.com/v1", json_schema=True),
        # DeepSeek may return blank content in json_object mode; the repair call covers it.
        Provider("deepseek", "https://api.deepseek.com", thinking_off=_THINKING_DISABLED),
        # DashScope compatible mode: JSON output only in non-thinking mode.
        Provider(
            "qwen",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
            json_schema=True,
            thinking_off={"enable_thinking": False},
        ),
        Provider(
            "qwen-intl",
            "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
            json_schema=True,
            thinking_off={"enable_thinking": False},
        ),
        # Moonshot's newer models speak their own schema dialect: json_object is the safe default.
        Provider("moonshot", "https://api.moonshot.cn/v1"),
        # GLM may think by default.
        Provider("zhipu", "https://open.bigmodel.cn/api/paas/v4/", thinking_off=_THINKING_DISABLED),
        Provider("ollama", "http://localhost:11434/v1", json_schema=True, needs_key=False),
        Provider("vllm", None, json_schema=True, needs_key=False),
    )
}


def provider_for(name: str) -> Provider:
    key = name.strip().lower()
    return PROVIDERS.get(key) or Provider(key, None, needs_key=False)


def response_mode(provider: Provider, setting: JsonMode) -> ResponseMode:
    """The structured-output mode to request; an explicit setting beats the provider table."""
    if setting is JsonMode.JSON_SCHEMA:
        return ResponseMode.JSON_SCHEMA
    if setting is JsonMode.JSON_OBJECT:
        return ResponseMode.JSON_OBJECT
    return ResponseMode.JSON_SCHEMA if provider.json_schema else ResponseMode.JSON_OBJECT
