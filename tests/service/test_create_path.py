"""Creating a task on the lean insert path (``ingenio.insertdb``), on both backends."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.service.conftest import ApiFactory, _empty_postgres, api_factory, terminate_backends

from ingenio.insertdb import INSERT_APPLICATION_NAME, ThreadedSqliteInserts
from ingenio.migrate import upgrade
from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.tasks.repository import TASKS, TaskRepository
from ingenio.tasks.views import initial_agents


async def test_a_created_task_is_stored_whole_with_its_first_event(make_api: ApiFactory) -> None:
    hold = asyncio.Event()
    brain = ScriptedBrain(scripts={Stage.PLAN: StageScript(wait_for=hold)})
    async with make_api(brain=brain) as api:
        user = await api.register()
        body = {
            "userRequirement": "创建一个图书管理系统，支持借阅和归还",
            "skipValidation": True,
            "qualityThreshold": 85,
            "generatePreview": True,
            "packageName": "com.example.library",
        }
        resp = await api.client.post("/api/v1/generate/async", json=body, headers=user)
        assert resp.status_code == 200, resp.text
        task_id = resp.json()["data"]
        first_status = await api.status(user, task_id)
        async with api.container.sessions() as session:
            repo = TaskRepository(session)
            row = await repo.get(uuid.UUID(task_id))
            events = await repo.events_after(uuid.UUID(task_id), 0)
        assert row is not None
        assert row.user_requirement == body["userRequirement"]
        assert (row.skip_validation, row.quality_threshold) == (True, 85)
        assert (row.generate_preview, row.package_name) == (True, "com.example.library")
        assert row.version >= 1  # a worker may have claimed it already
        # The event history starts with exactly the pending status a reader was served.
        first = next(e for e in events if e[0] == 1)
        assert first[1] == "pending"
        pending = json.loads(first[2])
        assert pending["taskId"] == task_id
        assert pending["status"] == "pending"
        assert [a["status"] for a in pending["agents"]] == [a["status"] for a in initial_agents()]
        assert first_status["createdAt"] == pending["createdAt"]
        hold.set()
        await api.wait(user, task_id)


async def test_many_creates_at_once_each_store_one_task(make_api: ApiFactory) -> None:
    async with make_api() as api:
        user = await api.register()
        ids = await asyncio.gather(*(api.create_ok(user) for _ in range(30)))
        assert len(set(ids)) == 30
        page = await api.client.get("/api/v1/generate/tasks?pageSize=100", headers=user)
        assert page.json()["data"]["total"] == 30
        for task_id in ids:
            await api.wait(user, task_id)


async def test_creates_survive_the_database_closing_their_connections(
    pg_url: str, tmp_path: Path
) -> None:
    _empty_postgres(pg_url)
    async with api_factory({"database": pg_url, "redis": None}, tmp_path / "data")() as api:
        user = await api.register()
        await api.wait(user, await api.create_ok(user))
        assert terminate_backends(pg_url, INSERT_APPLICATION_NAME) >= 1
        for _ in range(3):
            task_id = await api.create_ok(user)
            assert (await api.wait(user, task_id))["status"] == "completed"


async def test_a_create_that_fails_does_not_fail_the_creates_committed_beside_it(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tasks.db'}"
    await upgrade(url)
    inserts = ThreadedSqliteInserts(url)
    try:
        first = _new_task()
        await inserts.insert([(TASKS, first)])
        again = dict(first)  # the same primary key: refused
        others = [_new_task() for _ in range(20)]
        results = await asyncio.gather(
            *(inserts.insert([(TASKS, t)]) for t in [*others[:10], again, *others[10:]]),
            return_exceptions=True,
        )
        failures = [r for r in results if isinstance(r, Exception)]
        assert len(failures) == 1
        assert isinstance(failures[0], sqlite3.IntegrityError)
        assert results[10] is failures[0]
    finally:
        await inserts.aclose()
    with sqlite3.connect(tmp_path / "tasks.db") as conn:
        [(count,)] = conn.execute("SELECT count(*) FROM generation_tasks").fetchall()
    assert count == 21


def _new_task() -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "id": uuid.uuid4(),
        "tenant_id": uuid.uuid4(),
        "user_id": uuid.uuid4(),
        "task_name": "图书管理",
        "user_requirement": "创建一个图书管理系统",
        "status": "pending",
        "progress": 0,
        "agents_info": initial_agents(),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
