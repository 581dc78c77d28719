"""One JSON-producing chat call: structured output, one repair, usage and cost, readable errors.

The SDK retries 408/409/429/5xx and connection errors itself (``max_retries``, honouring
``Retry-After``) and aborts the HTTP request when the awaiting task is cancelled, so neither is
re-implemented here. What is added: the per-user call gate before every call, validation against
the stage's pydantic model with at most one repair call, usage summed over both calls, and
failures as ``BrainError`` with a Chinese message that never contains the API key.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

import httpx2
from openai import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncOpenAI,
    AuthenticationError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
)
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat
from pydantic import BaseModel

from ingenio.config import ConfigError, LLMSettings
from ingenio.pipeline.brains.base import BrainContext, BrainReply
from ingenio.pipeline.brains.llm.prices import PriceTable
from ingenio.pipeline.brains.llm.prompts import StagePrompt, repair_request, system_message
from ingenio.pipeline.brains.llm.providers import ResponseMode, provider_for, response_mode
from ingenio.pipeline.brains.llm.replies import Invalid, check_reply
from ingenio.pipeline.brains.llm.schema import response_format
from ingenio.pipeline.brains.llm.tokens import CallTokens, read_usage
from ingenio.pipeline.errors import BrainError, RateLimited
from ingenio.pipeline.events import Stage
from ingenio.pipeline.usage import ZERO_USAGE, TokenUsage

log = logging.getLogger("ingenio.llm")
M = TypeVar("M", bound=BaseModel)

# An unreachable host should fail fast even when replies may legitimately take minutes.
_MAX_CONNECT_SECONDS = 10.0


@dataclass(frozen=True)
class _Reply:
    content: str
    finish_reason: str | None
    refusal: str | None
    usage: TokenUsage


class JsonChat:
    """An ``AsyncOpenAI`` client configured from ``LLMSettings``; one per brain."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        prices: PriceTable | None = None,
        http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        self._provider = provider_for(settings.provider)
        base_url = settings.base_url or self._provider.base_url
        if not base_url:
            raise ConfigError(
                f"INGENIO_LLM_BASE_URL must be set for provider '{settings.provider}'"
            )
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        if not key and self._provider.needs_key:
            raise ConfigError(f"INGENIO_LLM_API_KEY must be set for provider '{settings.provider}'")
        self._secret = key
        self._mode = response_mode(self._provider, settings.json_mode)
        self._prices = prices or PriceTable.load(settings.price_table)
        self._temperature = settings.temperature
        self._timeout = settings.timeout_seconds
        self._client = AsyncOpenAI(
            # Local servers ignore the key but the SDK insists on one; an explicit value also
            # keeps OPENAI_API_KEY from the environment from being sent to another provider.
            api_key=key or "unused",
            base_url=base_url,
            timeout=httpx2.Timeout(
                settings.timeout_seconds,
                connect=min(settings.timeout_seconds, _MAX_CONNECT_SECONDS),
            ),
            max_retries=settings.max_retries,
            http_client=http_client,
        )

    async def aclose(self) -> None:
        await self._client.close()

    async def complete(
        self,
        stage: Stage,
        prompt: StagePrompt[M],
        model: str,
        request: str,
        ctx: BrainContext,
        *,
        progress: tuple[int, int] = (20, 90),
    ) -> BrainReply[M]:
        """Ask for ``prompt.output`` as JSON; repair an invalid reply once, then give up."""
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": system_message(prompt, self._mode)},
            {"role": "user", "content": request},
        ]
        start, end = progress
        await ctx.on_progress(start, f"调用LLM（{model}）")
        usage = ZERO_USAGE
        reply = await self._gated_call(stage, prompt, model, messages, ctx, usage, "first")
        usage += reply.usage
        checked = check_reply(reply.content, reply.finish_reason, reply.refusal, prompt.output)
        if not isinstance(checked, Invalid):
            await ctx.on_progress(end, "LLM输出校验通过")
            return BrainReply(checked, usage)

        log.warning("llm.reply.invalid", extra={"stage": stage.value, "reason": checked.detail})
        await ctx.on_progress((start + end) // 2, "LLM输出无效，请求修正")
        if checked.echo:
            messages.append({"role": "assistant", "content": reply.content})
        messages.append({"role": "user", "content": repair_request(checked.detail, prompt)})
        reply = await self._gated_call(stage, prompt, model, messages, ctx, usage, "repair")
        usage += reply.usage
        repaired = check_reply(reply.content, reply.finish_reason, reply.refusal, prompt.output)
        if isinstance(repaired, Invalid):
            log.warning(
                "llm.reply.invalid", extra={"stage": stage.value, "reason": repaired.detail}
            )
            raise BrainError(stage, f"{repaired.message}（修正一次后仍无效）", usage=usage)
        await ctx.on_progress(end, "LLM输出校验通过")
        return BrainReply(repaired, usage)

    async def _gated_call(
        self,
        stage: Stage,
        prompt: StagePrompt[M],
        model: str,
        messages: Sequence[ChatCompletionMessageParam],
        ctx: BrainContext,
        spent: TokenUsage,
        attempt: str,
    ) -> _Reply:
        try:
            await ctx.call_gate()
        except RateLimited as exc:
            # Keep the type (and whatever the limiter attached) but bill what was already spent.
            exc.usage = spent + exc.usage
            raise
        started = time.monotonic()
        try:
            completion = await self._client.chat.completions.create(
                model=model,
                messages=messages,
                temperature=self._temperature,
                response_format=self._response_format(prompt),
                extra_body=dict(self._provider.thinking_off) or None,
            )
        except OpenAIError as exc:
            reason = self._describe(exc)
            log.warning(
                "llm.call.error",
                extra={
                    "stage": stage.value,
                    "model": model,
                    "attempt": attempt,
                    "reason": reason,
                    "detail": self._redact(str(exc))[:500],
                },
            )
            # Not chained: the SDK's exception text is the provider's, which may quote the key.
            raise BrainError(stage, reason, usage=spent) from None
        reply = self._reply(completion, model, messages)
        log.info(
            "llm.call",
            extra={
                "stage": stage.value,
                "model": model,
                "attempt": attempt,
                "finish_reason": reply.finish_reason,
                "prompt_tokens": reply.usage.prompt_tokens,
                "completion_tokens": reply.usage.completion_tokens,
                "cached_tokens": reply.usage.cached_tokens,
                "estimated": reply.usage.estimated,
                "cost": reply.usage.cost,
                "duration_ms": int((time.monotonic() - started) * 1000),
            },
        )
        return reply

    def _response_format(self, prompt: StagePrompt[M]) -> ResponseFormat:
        if self._mode is ResponseMode.JSON_SCHEMA:
            return cast(ResponseFormat, response_format(prompt.output))
        return {"type": "json_object"}

    def _reply(
        self, completion: ChatCompletion, model: str, messages: Sequence[ChatCompletionMessageParam]
    ) -> _Reply:
        choice = completion.choices[0] if completion.choices else None
        content = (choice.message.content if choice else None) or ""
        refusal = choice.message.refusal if choice else None
        prompt_texts = [str(m.get("content") or "") for m in messages]
        tokens = read_usage(completion.usage, prompt_texts, content)
        cost = self._cost(model, tokens)
        if cost is None and completion.model and completion.model != model:
            # The model that answered (e.g. a dated snapshot) is what the provider bills.
            cost = self._cost(completion.model, tokens)
        usage = TokenUsage(
            prompt_tokens=tokens.prompt,
            completion_tokens=tokens.completion,
            cached_tokens=tokens.cached,
            calls=1,
            estimated=tokens.estimated,
            cost=cost,
        )
        return _Reply(content, choice.finish_reason if choice else None, refusal, usage)

    def _cost(self, model: str, tokens: CallTokens) -> float | None:
        return self._prices.cost(
            self._provider.name,
            model,
            prompt_tokens=tokens.prompt,
            cached_tokens=tokens.cached,
            completion_tokens=tokens.completion,
        )

    def _describe(self, exc: OpenAIError) -> str:
        if isinstance(exc, APITimeoutError):
            return f"LLM请求超时（超过{self._timeout:g}秒）"
        if isinstance(exc, APIConnectionError):
            return "无法连接LLM服务，请检查网络或服务地址"
        if isinstance(exc, AuthenticationError | PermissionDeniedError):
            return f"LLM服务认证失败：HTTP {exc.status_code}，请检查API密钥"
        if isinstance(exc, RateLimitError):
            return "LLM服务限流：HTTP 429，重试后仍失败，请稍后再试"
        if isinstance(exc, APIStatusError):
            return f"LLM服务调用失败：HTTP {exc.status_code}"
        return "LLM服务调用失败"

    def _redact(self, text: str) -> str:
        return text.replace(self._secret, "***") if len(self._secret) >= 4 else text
