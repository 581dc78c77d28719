"""The fake OpenAI-compatible server, driven by the real openai SDK and from another process."""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam

from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.llm import LLMBrain
from ingenio.testing.fake_llm import FakeLLM, FakeUsage, Reply, SmartSource
from ingenio.testing.llm_fixtures import requested_output

MESSAGES: list[ChatCompletionMessageParam] = [{"role": "user", "content": "你好"}]


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    with FakeLLM(smart_source=SmartSource.FIXTURES) as server:
        yield server


def _client(base_url: str) -> AsyncOpenAI:
    return AsyncOpenAI(api_key="sk-fake", base_url=base_url, max_retries=0, timeout=10)


async def test_streaming_sends_the_content_in_chunks_and_usage_last(fake: FakeLLM) -> None:
    content = json.dumps({"score": 90, "strengths": ["结构清晰，实体齐全"]}, ensure_ascii=False)
    fake.script(Reply.text(content, usage=FakeUsage(120, 30, cached=100)), Reply.text(content))
    async with _client(fake.base_url) as client:
        stream = await client.chat.completions.create(
            model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
        chunks = [chunk async for chunk in stream]
        plain = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        plain_chunks = [chunk async for chunk in plain]

    assert len(chunks) > 3
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == content
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    last = chunks[-1]
    assert last.choices == []
    assert last.usage is not None
    assert (last.usage.prompt_tokens, last.usage.completion_tokens) == (120, 30)
    assert last.usage.prompt_tokens_details is not None
    assert last.usage.prompt_tokens_details.cached_tokens == 100
    assert all(c.usage is None for c in plain_chunks)  # usage only when asked for


async def test_the_path_without_v1_is_served_too(fake: FakeLLM) -> None:
    async with _client(f"http://127.0.0.1:{fake.port}") as client:
        reply = await client.chat.completions.create(model="m", messages=MESSAGES)
    assert fake.requests[0].path == "/chat/completions"
    assert reply.choices[0].message.content  # smart mode answers something


async def test_concurrent_requests_each_get_one_scripted_reply(fake: FakeLLM) -> None:
    fake.script(*(Reply.text(f"reply-{i}") for i in range(12)))
    async with _client(fake.base_url) as client:
        replies = await asyncio.gather(
            *(client.chat.completions.create(model=f"m{i}", messages=MESSAGES) for i in range(12))
        )
    assert sorted(r.choices[0].message.content or "" for r in replies) == sorted(
        f"reply-{i}" for i in range(12)
    )
    assert sorted(r.model for r in fake.requests) == sorted(f"m{i}" for i in range(12))
    assert {r.outcome for r in fake.requests} == {"answered"}


async def test_errors_carry_status_retry_after_and_an_openai_error_body(fake: FakeLLM) -> None:
    fake.script(Reply.rate_limited(retry_after=7))
    request = urllib.request.Request(
        f"{fake.base_url}/chat/completions",
        data=json.dumps({"model": "m"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        await asyncio.to_thread(urllib.request.urlopen, request, timeout=5)
    error = caught.value
    assert error.code == 429
    assert error.headers["Retry-After"] == "7"
    assert json.loads(error.read())["error"]["type"] == "rate_limit_error"
    error.close()


async def test_closing_does_not_wait_for_idle_keep_alive_clients() -> None:
    server = FakeLLM(smart_source=SmartSource.FIXTURES)
    with server:
        client = _client(server.base_url)
        await client.chat.completions.create(model="m", messages=MESSAGES)
        # The client keeps its connection open; closing the server must not block on it.
    await client.close()


def test_the_stage_is_read_from_the_schema_name_or_the_prompt() -> None:
    schema_request = {
        "response_format": {"type": "json_schema", "json_schema": {"name": "AppSpec"}}
    }
    prompt_request = {
        "messages": [{"role": "system", "content": "…JSON Schema（ReviewResult）：{}"}]
    }
    assert requested_output(schema_request) == "AppSpec"
    assert requested_output(prompt_request) == "ReviewResult"
    assert requested_output({"messages": MESSAGES}) is None


def test_reply_scripts_refuse_unknown_kinds() -> None:
    assert Reply.from_dict({"kind": "error", "status": 500}).status == 500
    assert Reply.from_dict({"kind": "json", "content": {"a": 1}, "usage": None}).usage is None
    with pytest.raises(ValueError, match="unknown reply kind"):
        Reply.from_dict({"kind": "teapot"})


async def test_another_process_can_run_and_drive_the_fake(tmp_path: Path) -> None:
    script = tmp_path / "replies.json"
    script.write_text(json.dumps([{"kind": "text", "content": "from the script"}]), "utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ingenio.testing.fake_llm",
            "--port",
            "0",
            "--smart",
            "fixtures",
            "--script",
            str(script),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        root = base_url.removesuffix("/v1")
        _post(f"{root}/_fake/replies", [{"kind": "text", "content": "from the API"}])

        async def two_calls() -> list[str]:
            async with _client(base_url) as client:
                replies = [
                    await client.chat.completions.create(model="m", messages=MESSAGES)
                    for _ in range(2)
                ]
            return [r.choices[0].message.content or "" for r in replies]

        assert await two_calls() == ["from the script", "from the API"]
        with urllib.request.urlopen(f"{root}/_fake/requests", timeout=5) as response:
            recorded = json.loads(response.read())
        assert [r["body"]["model"] for r in recorded] == ["m", "m"]
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0


def _post(url: str, payload: object) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 204


def _has_offline_brain() -> bool:
    if importlib.util.find_spec("ingenio.pipeline.brains.offline") is None:
        return False
    return hasattr(importlib.import_module("ingenio.pipeline.brains.offline"), "OfflineBrain")


@pytest.mark.skipif(not _has_offline_brain(), reason="the offline brain is not in the tree yet")
async def test_smart_mode_can_answer_with_the_offline_brain() -> None:
    requirement = "做一个图书馆管理系统，管理图书、读者和借阅记录"
    with FakeLLM(smart_source=SmartSource.OFFLINE) as server:
        async with LLMBrain(server.settings(provider="deepseek")) as brain:
            plan = await brain.plan(requirement, BrainContext())
            spec = await brain.execute(requirement, plan.value, None, BrainContext())
    assert plan.value.entities
    assert spec.value.models
    assert [r.outcome for r in server.requests] == ["answered", "answered"]
