"""The web UI against the real service: two ``ingenio serve`` processes for the whole session.

``fast`` runs the offline brain (a task completes in about a second) for everything that needs
finished tasks; ``slow`` runs the LLM brain against a fake OpenAI-compatible server that takes a
second per call, so a task can be watched while it runs and cancelled in the middle. Each test
registers its own user, so tests share the servers but never their data.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from ingenio.testing.fake_llm import FakeLLM, Reply
from tests.support.browser import browser, context, page, page_watch
from tests.web.client import Service

__all__ = ["browser", "context", "page", "page_watch"]

# One LLM call takes this long: a task then spends a few seconds in its stages, enough to see it
# move and to cancel it, and short enough to keep the suite quick.
LLM_DELAY_SECONDS = 1.0
AI_CALLS_PER_HOUR = 6
# Start-up (imports, then migrating a fresh database) takes 5 s on a quiet machine and took 78 s
# on the shared two-core one under heavy load.
START_TIMEOUT = 180


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeLLM]:
    with FakeLLM(default=Reply.smart().delayed(LLM_DELAY_SECONDS)) as fake:
        yield fake


@pytest.fixture(scope="session")
def services(
    tmp_path_factory: pytest.TempPathFactory, fake_llm: FakeLLM
) -> Iterator[tuple[Service, Service]]:
    root = tmp_path_factory.mktemp("web")
    llm_env = {
        "INGENIO_BRAIN": "llm",
        "INGENIO_LLM_BASE_URL": fake_llm.base_url,
        "INGENIO_LLM_API_KEY": "sk-fake",
        "INGENIO_LLM_MODEL": "gpt-4o-mini",
        # A task makes three LLM calls: each test's user runs one or two tasks, and the budget
        # test spends it with two.
        "INGENIO_AI_CALLS_PER_HOUR": str(AI_CALLS_PER_HOUR),
    }
    fast = Service.create(root / "fast", {})
    slow = Service.create(root / "slow", llm_env)
    try:
        # Both start at once: start-up is mostly imports and a migration, each in its own process.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda s: s.process.start(timeout=START_TIMEOUT), (fast, slow)))
        yield fast, slow
    finally:
        for service in (fast, slow):
            service.process.__exit__(None, None, None)


@pytest.fixture(scope="session")
def fast(services: tuple[Service, Service]) -> Service:
    return services[0]


@pytest.fixture(scope="session")
def slow(services: tuple[Service, Service]) -> Service:
    return services[1]


@pytest.fixture
def username() -> str:
    return "u_" + uuid.uuid4().hex[:12]
