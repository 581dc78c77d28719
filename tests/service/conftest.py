"""The service under test, on both backends: the embedded default and PostgreSQL + Redis.

Every test that takes ``make_api`` or ``api`` runs twice. The PostgreSQL database is created
once per session and emptied before each test; Redis uses its own logical database, flushed
before each test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import redis
from pydantic import SecretStr
from tests.support.api import Api
from tests.support.infra import (
    REDIS_URL,
    RedisServer,
    redis_reachable,
    scratch_database,
    unavailable,
)

from ingenio.app import Overrides, create_app
from ingenio.config import (
    AuthSettings,
    CacheSettings,
    DatabaseSettings,
    DataSettings,
    RateLimitSettings,
    RunnerSettings,
    Settings,
    StorageSettings,
)
from ingenio.container import Container
from ingenio.pipeline.brains.base import Brain
from ingenio.storage.base import ArtifactStore

SERVICE_REDIS_DB = 11
TEST_SECRET = "test-secret-" + "x" * 40


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with scratch_database("ingenio_svc") as url:
        yield url


def _empty_postgres(url: str) -> None:
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('generation_tasks')").fetchone()
        if exists and exists[0]:
            conn.execute("TRUNCATE generation_tasks, users, tenants CASCADE")


def terminate_backends(pg_url: str, application_name: str) -> int:
    """Close, server side, every connection of ``application_name``; how many there were."""
    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = %s",
            (application_name,),
        ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of the test's own, which it may stop (the machine's is never touched)."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str | None]:
    if request.param == "embedded":
        return {"database": None, "redis": None}
    url: str = request.getfixturevalue("pg_url")
    _empty_postgres(url)
    redis_url = f"{REDIS_URL}/{SERVICE_REDIS_DB}"
    if not redis_reachable(redis_url):
        unavailable("Redis at " + REDIS_URL)
    redis.Redis.from_url(redis_url).flushdb()
    return {"database": url, "redis": redis_url}


def make_settings(
    data_dir: Path, backend: dict[str, str | None], **groups: dict[str, Any]
) -> Settings:
    runner = {
        "core_workers": 3,
        "max_workers": 5,
        "queue_capacity": 50,
        "shutdown_grace_seconds": 0.5,
        **groups.get("runner", {}),
    }
    return Settings(
        data=DataSettings(data_dir=data_dir),
        database=DatabaseSettings(url=backend["database"]),
        cache=CacheSettings(redis_url=backend["redis"], **groups.get("cache", {})),
        runner=RunnerSettings(**runner),
        auth=AuthSettings(jwt_secret=SecretStr(TEST_SECRET), **groups.get("auth", {})),
        rate_limit=RateLimitSettings(**groups.get("rate_limit", {})),
        storage=StorageSettings(**groups.get("storage", {})),
    )


ApiFactory = Callable[..., AbstractAsyncContextManager[Api]]


def api_factory(backend: dict[str, str | None], data_dir: Path) -> ApiFactory:
    """``async with factory(brain=..., runner={...}) as api``: a started app and a client.

    Several apps made from one factory share the backend (database, cache, data directory),
    which is how restarts are tested.
    """

    @asynccontextmanager
    async def factory(
        *,
        brain: Brain | None = None,
        store: ArtifactStore | None = None,
        **groups: dict[str, Any],
    ) -> AsyncIterator[Api]:
        settings = make_settings(data_dir, backend, **groups)
        app = create_app(settings, Overrides(brain=brain, store=store))
        async with app.router.lifespan_context(app):
            container: Container = app.state.container
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://ingenio") as c:
                yield Api(c, container)

    return factory


@pytest.fixture
def make_api(backend: dict[str, str | None], tmp_path: Path) -> ApiFactory:
    return api_factory(backend, tmp_path / "data")


@pytest.fixture
async def api(make_api: ApiFactory) -> AsyncIterator[Api]:
    async with make_api() as a:
        yield a
