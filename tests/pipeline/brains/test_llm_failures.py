"""LLMBrain when the provider misbehaves: rate limits, 5xx, hangs, cancellation, bad config."""

from __future__ import annotations

import asyncio
import logging
import socket
import traceback
from collections.abc import Iterator

import pytest

from ingenio.config import BrainKind, LLMSettings
from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.llm import LLMBrain
from ingenio.pipeline.errors import BrainError
from ingenio.pipeline.events import Stage
from ingenio.testing.fake_llm import FakeLLM, Reply, SmartSource
from ingenio.testing.llm_fixtures import sample_plan

REQUIREMENT = "做一个图书馆管理系统，管理图书、读者和借阅记录"
SECRET = "sk-live-3f9a7c1e5b2d4a6f8e0c"


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    with FakeLLM(smart_source=SmartSource.FIXTURES) as server:
        yield server


def _llm_settings(**values: object) -> LLMSettings:
    # INGENIO_BRAIN is an alias the constructor does not take by field name.
    return LLMSettings(**values).model_copy(update={"brain": BrainKind.LLM})  # type: ignore[arg-type]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_429_with_retry_after_is_retried_and_succeeds(fake: FakeLLM) -> None:
    fake.script(Reply.rate_limited(retry_after=0.05), Reply.json(sample_plan()))
    async with LLMBrain(fake.settings(max_retries=2)) as brain:
        reply = await brain.plan(REQUIREMENT, BrainContext())
    assert reply.value == sample_plan()
    assert [r.reply.value for r in fake.requests] == ["error", "content"]
    assert fake.requests[1].headers.get("x-stainless-retry-count") == "1"
    assert reply.usage.calls == 1  # a retried request is one call, billed once


async def test_repeated_500_fails_after_the_configured_retries(fake: FakeLLM) -> None:
    fake.script(*[Reply.error(500, retry_after=0.01)] * 3, Reply.json(sample_plan()))
    async with LLMBrain(fake.settings(max_retries=2)) as brain:
        with pytest.raises(BrainError) as caught:
            await brain.plan(REQUIREMENT, BrainContext())
    assert caught.value.message == "LLM服务调用失败：HTTP 500"
    assert caught.value.stage is Stage.PLAN
    assert len(fake.requests) == 3


async def test_rate_limit_that_never_lifts_says_so(fake: FakeLLM) -> None:
    fake.script(Reply.rate_limited(0.01), Reply.rate_limited(0.01))
    async with LLMBrain(fake.settings(max_retries=1)) as brain:
        with pytest.raises(BrainError, match="HTTP 429"):
            await brain.plan(REQUIREMENT, BrainContext())


async def test_a_failed_repair_call_still_reports_the_first_calls_usage(fake: FakeLLM) -> None:
    fake.script(Reply.text("不是JSON"), Reply.error(503, retry_after=0.01))
    async with LLMBrain(fake.settings(max_retries=0)) as brain:
        with pytest.raises(BrainError, match="HTTP 503") as caught:
            await brain.plan(REQUIREMENT, BrainContext())
    assert caught.value.usage.calls == 1
    assert caught.value.usage.completion_tokens > 0


async def test_cancelling_aborts_the_in_flight_request(fake: FakeLLM) -> None:
    fake.script(Reply.hang())
    async with LLMBrain(fake.settings()) as brain:
        call = asyncio.create_task(brain.plan(REQUIREMENT, BrainContext()))
        assert await asyncio.to_thread(fake.wait_for_requests, 1)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        # The fake sees the connection closed while it still owed a reply.
        assert await asyncio.to_thread(fake.wait_for_abort, 5.0)
    assert [r.outcome for r in fake.requests] == ["aborted"]


async def test_a_slow_reply_times_out_with_a_readable_message(fake: FakeLLM) -> None:
    fake.script(Reply.hang())
    async with LLMBrain(fake.settings(timeout_seconds=0.2, max_retries=0)) as brain:
        with pytest.raises(BrainError) as caught:
            await brain.plan(REQUIREMENT, BrainContext())
    assert caught.value.message == "LLM请求超时（超过0.2秒）"
    assert await asyncio.to_thread(fake.wait_for_abort, 5.0)


async def test_an_unreachable_server_is_a_connection_error() -> None:
    settings = _llm_settings(
        provider="vllm", base_url=f"http://127.0.0.1:{_closed_port()}/v1", max_retries=0
    )
    async with LLMBrain(settings) as brain:
        with pytest.raises(BrainError, match="无法连接LLM服务"):
            await brain.plan(REQUIREMENT, BrainContext())


async def test_the_api_key_never_appears_in_errors_or_logs(
    fake: FakeLLM, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # Providers quote (part of) the key in 401 bodies; this one quotes all of it.
    fake.script(
        Reply.error(401, message=f"Incorrect API key provided: {SECRET}"),
        Reply.text(f"echo {SECRET}"),
        Reply.error(500, message=f"key {SECRET} rejected"),
    )
    errors: list[BrainError] = []
    async with LLMBrain(fake.settings(api_key=SECRET, max_retries=0)) as brain:
        for _ in range(2):
            try:
                await brain.plan(REQUIREMENT, BrainContext())
            except BrainError as exc:
                errors.append(exc)

    assert [e.message for e in errors] == [
        "LLM服务认证失败：HTTP 401，请检查API密钥",
        "LLM服务调用失败：HTTP 500",
    ]
    assert fake.requests[0].headers["authorization"] == f"Bearer {SECRET}"  # it was used
    for error in errors:
        rendered = "".join(traceback.format_exception(error)) + repr(error)
        assert SECRET not in rendered
    assert caplog.records
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in repr(record.__dict__)
