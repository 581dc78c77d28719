"""The Redis status cache as the contract designs it, and the service without it.

These tests use a private redis-server (it gets paused and stopped) and the machine's
PostgreSQL; the machine's shared Redis is never touched.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import uuid
from pathlib import Path

import pytest
import redis
from sqlalchemy import update
from tests.service.conftest import ApiFactory, _empty_postgres, api_factory
from tests.support.infra import RedisServer

from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.tasks.models import GenerationTask

KEY = "ingenio:generation:task:{}"


@pytest.fixture
def make_api_redis(pg_url: str, private_redis: RedisServer, tmp_path: Path) -> ApiFactory:
    _empty_postgres(pg_url)
    return api_factory({"database": pg_url, "redis": private_redis.url}, tmp_path / "data")


async def test_status_is_cached_under_the_documented_key_and_ttls(
    make_api_redis: ApiFactory, private_redis: RedisServer
) -> None:
    r = redis.Redis.from_url(private_redis.url)
    hold = asyncio.Event()
    brain = ScriptedBrain(scripts={Stage.PLAN: StageScript(wait_for=hold)})
    async with make_api_redis(brain=brain) as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id, statuses={"planning"})
        key = KEY.format(task_id)
        value = json.loads(r.get(key) or b"{}")
        assert value["status"]["status"] == "planning"
        assert 3500 < r.ttl(key) <= 3600
        hold.set()
        await api.wait(user, task_id)
        value = json.loads(r.get(key) or b"{}")
        assert value["status"]["status"] == "completed"
        assert 86000 < r.ttl(key) <= 86400


async def test_reads_come_from_the_cache_and_a_miss_heals_it(
    make_api_redis: ApiFactory, private_redis: RedisServer
) -> None:
    r = redis.Redis.from_url(private_redis.url)
    async with make_api_redis() as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id)
        # Change the row behind the cache's back: a cache hit does not see it.
        async with api.container.sessions() as session, session.begin():
            await session.execute(
                update(GenerationTask)
                .where(GenerationTask.id == uuid.UUID(task_id))
                .values(task_name="changed")
            )
        assert (await api.status(user, task_id))["taskName"] != "changed"
        # A miss reads the database and writes the value back.
        r.delete(KEY.format(task_id))
        assert (await api.status(user, task_id))["taskName"] == "changed"
        assert r.exists(KEY.format(task_id))


async def test_redis_going_away_is_invisible_to_clients(
    make_api_redis: ApiFactory, private_redis: RedisServer
) -> None:
    hold = asyncio.Event()
    brain = ScriptedBrain(scripts={Stage.EXECUTE: StageScript(wait_for=hold)})
    async with make_api_redis(brain=brain) as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id, statuses={"executing"})

        private_redis.stop()
        hold.set()
        data = await api.wait(user, task_id)  # every poll answered, from the database
        assert data["status"] == "completed"
        listing = await api.client.get("/api/v1/generate/tasks", headers=user)
        assert listing.status_code == 200
        assert listing.json()["data"]["tasks"][0]["status"] == "completed"
        other = await api.create_ok(user)
        assert (await api.wait(user, other))["status"] == "completed"
        ready = await api.client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["data"]["cache"] == "unavailable"

        private_redis.start()  # same port, empty: the cache fills again on the next reads
        await asyncio.sleep(1.1)  # past the back-off after the last failure
        assert (await api.status(user, task_id))["status"] == "completed"
        r = redis.Redis.from_url(private_redis.url)
        assert r.exists(KEY.format(task_id))


async def test_writes_missed_during_an_outage_never_leave_a_stale_status(
    make_api_redis: ApiFactory, private_redis: RedisServer
) -> None:
    hold = asyncio.Event()
    brain = ScriptedBrain(scripts={Stage.EXECUTE: StageScript(wait_for=hold)})
    async with make_api_redis(brain=brain) as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id, statuses={"executing"})
        # Redis keeps its data but stops answering for 3 s: the completion's write is missed
        # and the old "executing" value is still stored when it comes back.
        subprocess.run(
            ["redis-cli", "-p", str(private_redis.port), "CLIENT", "PAUSE", "3000", "ALL"],
            check=True,
            capture_output=True,
        )
        hold.set()
        data = await api.wait(user, task_id)
        assert data["status"] == "completed"
        await asyncio.sleep(3.2)
        for _ in range(3):
            assert (await api.status(user, task_id))["status"] == "completed"
