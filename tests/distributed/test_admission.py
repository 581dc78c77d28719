"""Creating a task in distributed mode: one transaction for the row and its job, and a queue
limit that holds however many API processes admit tasks at once."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import psycopg
import pytest
from pydantic import SecretStr
from sqlalchemy import text

from ingenio.app import create_app
from ingenio.auth.tokens import AuthUser
from ingenio.config import (
    AuthSettings,
    DatabaseSettings,
    DataSettings,
    RunnerKind,
    RunnerSettings,
    Settings,
)
from ingenio.container import Container
from ingenio.db import UnitOfWork
from ingenio.migrate import upgrade_sync
from ingenio.tasks.repository import NewTaskWriter
from ingenio.tasks.schemas import CreateTaskBody
from ingenio.tasks.service import TaskService
from tests.distributed.observe import REQUIREMENT, libpq
from tests.support.infra import scratch_database
from tests.support.server import TEST_SECRET


@pytest.fixture(scope="module")
def db_url() -> Iterator[str]:
    """A database of its own: no worker of the other tests may take the jobs made here."""
    with scratch_database("ingenio_admit") as url:
        upgrade_sync(url)
        yield url


def settings(url: str, data_dir: Path, **runner: object) -> Settings:
    return Settings(
        data=DataSettings(data_dir=data_dir),
        database=DatabaseSettings(url=url, auto_migrate=False),
        runner=RunnerSettings.model_validate(
            {"INGENIO_RUNNER": RunnerKind.PROCRASTINATE, **runner}
        ),
        auth=AuthSettings(jwt_secret=SecretStr(TEST_SECRET)),
    )


@asynccontextmanager
async def api_process(config: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, Container]]:
    """What an API process holds (its own engine and pools), served in this process."""
    app = create_app(config)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ingenio") as client:
            yield client, app.state.container


async def register(client: httpx.AsyncClient) -> dict[str, str]:
    name = "u" + uuid.uuid4().hex[:10]
    resp = await client.post(
        "/api/v1/auth/register", json={"username": name, "password": "pass-word-123"}
    )
    assert resp.status_code == 200, resp.text
    return {"Authorization": "Bearer " + resp.json()["data"]["token"]}


def service(uow: UnitOfWork, c: Container) -> TaskService:
    return TaskService(
        uow, NewTaskWriter(c.inserts), c.runner, c.cache, c.publisher, None, c.metrics
    )


def committed(
    url: str, task_id: uuid.UUID
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The task's row (id, job id) and its jobs (id, status), as another connection sees them."""
    with psycopg.connect(libpq(url)) as conn:
        rows = conn.execute(
            "SELECT id, job_id FROM generation_tasks WHERE id = %s", (task_id,)
        ).fetchall()
        jobs = conn.execute(
            "SELECT id, status::text FROM procrastinate_jobs WHERE args->>'task_id' = %s",
            (str(task_id),),
        ).fetchall()
    return rows, jobs


async def test_rollback_after_create_leaves_no_row_and_no_job(db_url: str, tmp_path: Path) -> None:
    async with api_process(settings(db_url, tmp_path)) as (client, container):
        user: AuthUser = container.codec.verify((await register(client))["Authorization"][7:])
        body = CreateTaskBody.model_validate({"userRequirement": REQUIREMENT})

        uow = UnitOfWork(container.sessions)
        try:
            task_id = await service(uow, container).create(user, body)
            # Inside the transaction the job was deferred, on the row's own connection.
            in_tx = await uow.session.scalar(
                text("SELECT count(*) FROM procrastinate_jobs WHERE args->>'task_id' = :id"),
                {"id": str(task_id)},
            )
            assert in_tx == 1
            await uow.rollback()
        finally:
            await uow.close()
        assert committed(db_url, task_id) == ([], [])

        # The same path committed leaves both, the row naming its job. It also shows the
        # rollback released the capacity lock: this create would otherwise wait forever.
        uow = UnitOfWork(container.sessions)
        try:
            task_id = await asyncio.wait_for(service(uow, container).create(user, body), 30)
            await uow.commit()
        finally:
            await uow.close()
        rows, jobs = committed(db_url, task_id)
        assert [job_id for _, job_id in rows] == [job_id for job_id, _ in jobs]
        assert [state for _, state in jobs] == ["todo"]


async def test_queue_capacity_is_exact_across_api_processes(db_url: str, tmp_path: Path) -> None:
    capacity, attempts = 5, 14
    # A queue of its own, empty at the start, with no worker to drain it.
    config = settings(db_url, tmp_path, queue_capacity=capacity, queue_name="capacity-test")
    async with api_process(config) as (a, _), api_process(config) as (b, _):
        user = await register(a)
        replies = await asyncio.gather(
            *(
                (a, b)[i % 2].post(
                    "/api/v1/generate/async", json={"userRequirement": REQUIREMENT}, headers=user
                )
                for i in range(attempts)
            )
        )
    assert Counter(r.status_code for r in replies) == {200: capacity, 429: attempts - capacity}
    with psycopg.connect(libpq(db_url)) as conn:
        waiting = conn.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE queue_name = 'capacity-test'"
        ).fetchone()
    assert waiting == (capacity,)
