"""The service as operators run it: a process that is killed, stopped, or one of several."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.support.server import ServerProcess, register, wait_status

from ingenio.testing.fake_llm import FakeLLM, Reply

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"


@pytest.fixture
def slow_llm() -> Iterator[FakeLLM]:
    """An OpenAI-compatible server that answers correctly, but takes 1.5 s per call."""
    with FakeLLM(default=Reply.smart().delayed(1.5)) as fake:
        yield fake


def llm_env(fake: FakeLLM) -> dict[str, str]:
    return {
        "INGENIO_BRAIN": "llm",
        "INGENIO_LLM_BASE_URL": fake.base_url,
        "INGENIO_LLM_API_KEY": "sk-fake",
        "INGENIO_LLM_MODEL": "gpt-4o-mini",
    }


def create(url: str, headers: dict[str, str]) -> str:
    resp = httpx.post(
        url + "/api/v1/generate/async",
        headers=headers,
        timeout=10,
        json={"userRequirement": REQUIREMENT},
    )
    resp.raise_for_status()
    return str(resp.json()["data"])


def test_kill_9_mid_task_then_restart(tmp_path: Path, slow_llm: FakeLLM) -> None:
    server = ServerProcess(tmp_path / "data", llm_env(slow_llm))
    with server:
        user = register(server.url, "kill9")
        task_id = create(server.url, user)
        wait_status(server.url, user, task_id, {"executing"}, timeout=30)
        server.kill(signal.SIGKILL)

    restarted = ServerProcess(tmp_path / "data", llm_env(slow_llm), port=server.port)
    started = time.monotonic()
    with restarted:
        final = wait_status(restarted.url, user, task_id, {"completed", "failed"}, timeout=60)
        assert time.monotonic() - started < 60
    assert final["status"] == "completed", final
    agents = final["agents"]
    assert isinstance(agents, list)
    assert agents[0]["status"] == "completed"
    # The plan stage finished before the kill and was not run again: one plan call only.
    plan_calls = [r for r in slow_llm.requests if "（规划Agent）" in r.text("system")]
    assert len(plan_calls) == 1, [r.text("system")[:40] for r in slow_llm.requests]


def test_sigterm_stops_promptly_and_leaves_the_task_recoverable(
    tmp_path: Path, slow_llm: FakeLLM
) -> None:
    server = ServerProcess(tmp_path / "data", llm_env(slow_llm))
    with server:
        user = register(server.url, "sigterm")
        task_id = create(server.url, user)
        wait_status(server.url, user, task_id, {"planning"}, timeout=30)
        started = time.monotonic()
        code = server.kill(signal.SIGTERM)
        assert time.monotonic() - started < 15
        assert code in (0, -signal.SIGTERM)  # uvicorn re-raises the signal after shutdown
        assert "Traceback" not in server.log(), server.log()

    again = ServerProcess(tmp_path / "data", llm_env(slow_llm), port=server.port)
    with again:
        final = wait_status(again.url, user, task_id, {"completed", "failed"}, timeout=60)
    assert final["status"] == "completed", final
