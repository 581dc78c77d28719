"""The event stream: every change, in order, exactly once, across reconnects and processes."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from tests.support.api import Api
from tests.support.infra import REDIS_URL, redis_reachable, scratch_database, unavailable
from tests.support.server import ServerProcess, register
from tests.support.sse import SseEvent, read_events

from ingenio.testing.fake_llm import FakeLLM, Reply

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"
EVENTS_REDIS_DB = 12


@pytest.fixture
def slow_llm() -> Iterator[FakeLLM]:
    with FakeLLM(default=Reply.smart().delayed(0.6)) as fake:
        yield fake


def llm_env(fake: FakeLLM) -> dict[str, str]:
    return {
        "INGENIO_BRAIN": "llm",
        "INGENIO_LLM_BASE_URL": fake.base_url,
        "INGENIO_LLM_API_KEY": "sk-fake",
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


def stream(
    url: str,
    task_id: str,
    headers: dict[str, str],
    *,
    last: int | None = None,
    limit: int | None = None,
    token: str | None = None,
    arrived: list[float] | None = None,
) -> list[SseEvent]:
    """Read a task's stream until it ends, or until ``limit`` status events (then hang up)."""
    params = {"token": token} if token else {}
    hdrs = dict(headers)
    if last is not None:
        hdrs["Last-Event-ID"] = str(last)
    events: list[SseEvent] = []
    with httpx.stream(
        "GET",
        f"{url}/api/v1/generate/events/{task_id}",
        headers=hdrs,
        params=params,
        timeout=httpx.Timeout(60, read=30),
    ) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        for event in read_events(resp):
            events.append(event)
            if arrived is not None:
                arrived.append(time.monotonic())
            if event.event == "end":
                break
            if limit is not None and len(events) >= limit:
                break
    return events


def test_a_reconnecting_client_gets_every_event_exactly_once(
    tmp_path: Path, slow_llm: FakeLLM
) -> None:
    with ServerProcess(tmp_path / "data", llm_env(slow_llm)) as server:
        user = register(server.url, "sse-user")
        task_id = create(server.url, user)

        first = stream(server.url, task_id, user, limit=3)  # then the connection drops
        assert [e.event for e in first] == ["status"] * 3
        rest = stream(server.url, task_id, user, last=first[-1].id)
        full = stream(server.url, task_id, user, last=0)  # the whole history, replayed

    received = [e for e in first + rest if e.event == "status"]
    assert [e.id for e in received] == [e.id for e in full if e.event == "status"]
    ids = [e.id for e in received]
    assert ids == list(range(1, len(ids) + 1)), "gaps or duplicates"
    assert rest[-1].event == "end"
    statuses = [e.json()["status"] for e in received]
    assert statuses[0] == "pending"
    assert statuses[-1] == "completed"
    for middle in ("planning", "executing", "validating", "generating"):
        assert middle in statuses
    progress = [e.json()["progress"] for e in received]
    assert progress == sorted(progress)
    # Each event carries the same payload as /status.
    assert set(received[-1].json()) >= {"taskId", "agents", "tokenUsage", "downloadUrl"}


@pytest.fixture
def shared_backend(tmp_path: Path) -> Iterator[dict[str, str]]:
    redis_url = f"{REDIS_URL}/{EVENTS_REDIS_DB}"
    if not redis_reachable(redis_url):
        unavailable("Redis at " + REDIS_URL)
    redis.Redis.from_url(redis_url).flushdb()
    with scratch_database("ingenio_sse") as db_url:
        yield {"INGENIO_DATABASE_URL": db_url, "INGENIO_REDIS_URL": redis_url}


def test_a_change_made_by_another_process_reaches_the_stream(
    tmp_path: Path, slow_llm: FakeLLM, shared_backend: dict[str, str]
) -> None:
    env = {**llm_env(slow_llm), **shared_backend}
    with ServerProcess(tmp_path / "a", env) as a, ServerProcess(tmp_path / "b", env) as b:
        user = register(b.url, "two-procs")
        task_id = create(b.url, user)  # runs in B's pool
        token = httpx.post(
            f"{a.url}/api/v1/generate/events/{task_id}/token", headers=user, timeout=10
        ).json()["data"]["token"]

        # Served by A, with the EventSource-style token only.
        times: list[float] = []
        events = stream(a.url, task_id, {}, token=token, arrived=times)

    statuses = [e.json()["status"] for e in events if e.event == "status"]
    assert statuses[-1] == "completed"
    assert {"planning", "executing", "validating", "generating"} <= set(statuses)
    # Live, not a replay at the end: the events arrived spread over the task's run.
    assert times[-1] - times[0] > 1.0


async def test_stream_access_rules(api: Api) -> None:
    alice, bob = await api.register(), await api.register()
    task_id = await api.create_ok(alice)
    other_task = await api.create_ok(alice)
    url = f"/api/v1/generate/events/{task_id}"

    assert (await api.client.get(url)).status_code == 401
    token_resp = await api.client.post(f"{url}/token", headers=alice)
    token = token_resp.json()["data"]["token"]
    wrong_task = await api.client.get(
        f"/api/v1/generate/events/{other_task}", params={"token": token}
    )
    assert wrong_task.status_code == 401
    assert (await api.client.get(url, headers=bob)).status_code == 404
    assert (await api.client.post(f"{url}/token", headers=bob)).status_code == 404
    bad_id = await api.client.get(url, headers={**alice, "Last-Event-ID": "abc"})
    assert bad_id.status_code == 400
    assert (
        await api.client.get(f"/api/v1/generate/events/{uuid.uuid4()}", headers=alice)
    ).status_code == 404
