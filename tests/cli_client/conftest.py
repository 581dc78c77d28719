"""The client commands against real servers: ``ingenio serve`` in subprocesses, and the CLI run
the way a user runs it, as a process with its own config file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingenio.testing.fake_llm import FakeLLM, Reply
from tests.cli_client.support import Cli
from tests.support.server import ServerProcess


@pytest.fixture(scope="session")
def offline_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The default service: offline brain, SQLite; a task takes well under a second."""
    with ServerProcess(tmp_path_factory.mktemp("cli-offline") / "data") as server:
        yield server


@pytest.fixture(scope="session")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """An LLM-backed service whose model takes 2 s a call: slow enough to watch, and to cancel
    from a second command even when a loaded machine takes seconds to start one."""
    with FakeLLM(default=Reply.smart().delayed(2.0)) as fake:
        env = {
            "INGENIO_BRAIN": "llm",
            "INGENIO_LLM_BASE_URL": fake.base_url,
            "INGENIO_LLM_API_KEY": "sk-fake",
            "INGENIO_LLM_MODEL": "gpt-4o-mini",
        }
        with ServerProcess(tmp_path_factory.mktemp("cli-slow") / "data", env) as server:
            yield server


@pytest.fixture
def cli(offline_server: ServerProcess, tmp_path: Path) -> Cli:
    """Logged in as a new user of the offline server."""
    client = Cli(offline_server.url, tmp_path / "client.json")
    client.login()
    return client


@pytest.fixture
def slow_cli(slow_server: ServerProcess, tmp_path: Path) -> Cli:
    client = Cli(slow_server.url, tmp_path / "client.json")
    client.login()
    return client
