"""A distributed deployment for the tests of this package, on real PostgreSQL and Redis.

One scratch database (migrated with ``ingenio migrate``), one Redis logical database, two API
processes and a fleet of worker processes are shared by the package's tests: starting Python
processes costs seconds each on a loaded machine. The fake LLM listens on one fixed port (the
processes' ``INGENIO_LLM_BASE_URL``) and each test starts its own on it, scripted as it needs.
Every test leaves no live task behind, so the next one starts with idle workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import redis

from ingenio.testing.fake_llm import FakeLLM, Reply, SmartSource
from ingenio.testing.processes import free_port
from tests.distributed.observe import Observer, libpq
from tests.distributed.processes import DIST_REDIS_DB, Deployment, Fleet, migrate
from tests.support.infra import (
    REDIS_URL,
    redis_reachable,
    scratch_database,
    unavailable,
)
from tests.support.server import ServerProcess


@pytest.fixture(scope="package")
def redis_url() -> str:
    url = f"{REDIS_URL}/{DIST_REDIS_DB}"
    if not redis_reachable(url):
        unavailable("Redis at " + REDIS_URL)
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="package")
def llm_port() -> int:
    return free_port()


@pytest.fixture
def fake_llm(llm_port: int) -> Iterator[Callable[[Reply], FakeLLM]]:
    """``fake = fake_llm(Reply.hang())``: this test's fake LLM on the deployment's port."""
    started: list[FakeLLM] = []

    def start(default: Reply) -> FakeLLM:
        # Fixed answers: the offline brain's would cost the test process CPU the workers need.
        fake = FakeLLM(
            port=llm_port, default=default, smart_source=SmartSource.FIXTURES, hang_limit=120
        ).__enter__()
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.close()


@pytest.fixture(scope="package")
def deployment(
    redis_url: str, llm_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    root = tmp_path_factory.mktemp("distributed")
    with scratch_database("ingenio_dist") as url:
        migrate(url, root / "data")
        yield Deployment(url, redis_url, f"http://127.0.0.1:{llm_port}/v1", root / "data")


@pytest.fixture(scope="package")
def apis(deployment: Deployment) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """API processes A and B."""
    a, b = deployment.api(), deployment.api()
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda s: s.start(timeout=180), (a, b)))
        yield a, b
    finally:
        a.stop()
        b.stop()


@pytest.fixture(scope="package")
def fleet(deployment: Deployment) -> Iterator[Fleet]:
    fleet = Fleet(deployment)
    yield fleet
    fleet.stop()


@pytest.fixture
def observer(deployment: Deployment) -> Iterator[Observer]:
    """Reads the shared database; afterwards cancels whatever the test left running."""
    observer = Observer(deployment.database_url)
    yield observer
    observer.close()
    settle(deployment.database_url)


def settle(database_url: str) -> None:
    """Cancel live tasks and abort their jobs, as the API's cancel does."""
    with psycopg.connect(libpq(database_url), autocommit=True) as conn:
        conn.execute(
            "SELECT procrastinate_cancel_job_v1(job_id, true, false) FROM generation_tasks "
            "WHERE status NOT IN ('completed', 'failed', 'cancelled') AND job_id IS NOT NULL"
        )
        conn.execute(
            "UPDATE generation_tasks SET status = 'cancelled', version = version + 1 "
            "WHERE status NOT IN ('completed', 'failed', 'cancelled')"
        )
