"""Creating a task on the lean insert path (``ingenio.insertdb``), on both backends."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.service.conftest import ApiFactory, _empty_postgres, api_factory, terminate_backends

from ingenio.insertdb import INSERT_APPLICATION_NAME
from ingenio.migrate import upgrade
from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.sqlite_writer import ThreadedSqliteInserts
from ingenio.tasks.repository import EVENTS, TASKS, TaskRepository
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


async def test_creates_grouped_together_are_each_stored_with_their_event(tmp_path: Path) -> None:
    """Creates waiting together share one transaction, each table's rows in one INSERT; a
    group whose creates differ in columns (so that a task would come after another create's
    event) is retried create by create. Either way every task arrives with its own event."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'tasks.db'}"
    await upgrade(url)
    inserts = ThreadedSqliteInserts(url)
    tasks = [_new_task() for _ in range(40)]
    for i, task in enumerate(tasks):
        if i % 3 == 0:  # a second shape of task row
            task["package_name"] = f"com.example.app{i}"
    try:
        await asyncio.gather(
            *(
                inserts.insert([(TASKS, t), (EVENTS, _first_event(t, f"payload-{i}"))])
                for i, t in enumerate(tasks)
            )
        )
        # Same-shaped creates only: one group, one INSERT per table.
        same = [_new_task() for _ in range(40)]
        await asyncio.gather(
            *(inserts.insert([(TASKS, t), (EVENTS, _first_event(t, "same"))]) for t in same)
        )
    finally:
        await inserts.aclose()
    with sqlite3.connect(tmp_path / "tasks.db") as conn:
        stored = dict(conn.execute("SELECT id, package_name FROM generation_tasks").fetchall())
        events = conn.execute("SELECT task_id, seq, payload FROM task_events").fetchall()
    assert len(stored) == 80
    for i, task in enumerate(tasks):
        assert stored[task["id"].hex] == task.get("package_name")
        assert (task["id"].hex, 1, f"payload-{i}") in events
    assert sorted(e[0] for e in events) == sorted(stored)


async def test_creates_reach_the_database_file_without_waiting_for_a_commit_to_copy_them(
    tmp_path: Path,
) -> None:
    """The writer's commits leave checkpoints to a thread of their own: the database file (not
    only the WAL beside it) holds the creates soon after, while the writer is still open."""
    db = tmp_path / "tasks.db"
    url = f"sqlite+aiosqlite:///{db}"
    await upgrade(url)
    inserts = ThreadedSqliteInserts(url)
    try:
        tasks = [_new_task() for _ in range(200)]
        await asyncio.gather(*(inserts.insert([(TASKS, t)]) for t in tasks))
        copied = 0
        for _ in range(100):  # up to 10 s; it takes one checkpoint interval
            shutil.copyfile(db, tmp_path / "file-only.db")  # the file alone, without its WAL
            with sqlite3.connect(tmp_path / "file-only.db") as conn:
                [(copied,)] = conn.execute("SELECT count(*) FROM generation_tasks").fetchall()
            if copied == 200:
                break
            await asyncio.sleep(0.1)
        assert copied == 200
    finally:
        await inserts.aclose()


def _first_event(task: dict[str, Any], payload: str) -> dict[str, Any]:
    return {"task_id": task["id"], "seq": 1, "status": "pending", "payload": payload}


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
