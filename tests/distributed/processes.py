"""The OS processes of a distributed deployment, as tests start and kill them.

``Deployment`` is the environment every process of one deployment shares (database, Redis, the
fake LLM, the data directory for local artifacts, short runner intervals); API processes are
``tests.support.server.ServerProcess``; ``WorkerProcess`` runs ``ingenio worker``;
``start_workers`` starts several and waits until Procrastinate knows them; ``Fleet`` keeps a
set of workers across tests and restarts them only when a test needs other ones.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.distributed.observe import Observer
from tests.support.server import IngenioProcess, ServerProcess

DIST_REDIS_DB = 14  # the Redis logical database these tests flush

# Short intervals so recovery happens in seconds. A worker is declared dead after 10 s without a
# heartbeat: on a two-core machine at load 13 the gap between two 0.5 s heartbeats reached
# 4.3 s, and a live worker declared dead has its task run a second time.
FAST_RUNNER = {
    "INGENIO_RUNNER_HEARTBEAT_SECONDS": "1",
    "INGENIO_RUNNER_STALLED_AFTER_SECONDS": "10",
    "INGENIO_RUNNER_REAPER_EVERY_SECONDS": "2",
    "INGENIO_RUNNER_POLL_SECONDS": "0.5",
    "INGENIO_RUNNER_SHUTDOWN_GRACE_SECONDS": "1",
}


@dataclass
class Deployment:
    """What the processes of one deployment share."""

    database_url: str
    redis_url: str
    llm_base_url: str
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    def process_env(self, **extra: str) -> dict[str, str]:
        return {
            "INGENIO_RUNNER": "procrastinate",
            "INGENIO_DATABASE_URL": self.database_url,
            # Migrated once by the test; processes starting together must not race to do it.
            "INGENIO_DATABASE_AUTO_MIGRATE": "false",
            "INGENIO_REDIS_URL": self.redis_url,
            "INGENIO_BRAIN": "llm",
            "INGENIO_LLM_BASE_URL": self.llm_base_url,
            "INGENIO_LLM_API_KEY": "sk-fake",
            "INGENIO_LLM_MODEL": "gpt-4o-mini",
            "INGENIO_AI_CALLS_PER_HOUR": "100000",
            **FAST_RUNNER,
            **self.env,
            **extra,
        }

    def api(self, **extra: str) -> ServerProcess:
        return ServerProcess(self.data_dir, self.process_env(**extra))

    def worker(self, concurrency: int, **extra: str) -> WorkerProcess:
        return WorkerProcess(self.data_dir, self.process_env(**extra), concurrency)


_TASK_START = re.compile(r"task\.start .*taskId=([0-9a-f-]{36}).*attempt=(\d+)")
_counter = iter(range(1, 1_000_000))


class WorkerProcess(IngenioProcess):
    """``python -m ingenio.cli.main worker --concurrency N`` with its own log file."""

    def __init__(self, data_dir: Path, env: dict[str, str], concurrency: int) -> None:
        self.concurrency = concurrency
        self.name = f"worker-{next(_counter)}"
        super().__init__(data_dir, env, data_dir.parent / f"{self.name}.log")

    def start(self) -> WorkerProcess:
        """Start without waiting: callers wait for several workers at once (see ``Observer``)."""
        self.spawn("worker", "--concurrency", str(self.concurrency))
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def started_tasks(self) -> list[tuple[str, int]]:
        """(task id, attempt) of every task this worker began, from its ``task.start`` lines."""
        return [(m[1], int(m[2])) for m in _TASK_START.finditer(self.log())]

    def stop(self) -> None:
        """SIGTERM (graceful), then SIGKILL if it does not exit in time."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


def wait_until(condition: object, timeout: float, what: str, every: float = 0.05) -> float:
    """Poll ``condition()`` until true; returns the seconds it took."""
    assert callable(condition)
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout}s")
        time.sleep(every)
    return time.monotonic() - started


def migrate(database_url: str, data_dir: Path) -> None:
    """``ingenio migrate``: our tables and Procrastinate's schema."""
    data_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "ingenio.cli.main", "migrate"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("INGENIO_")},
            "INGENIO_DATABASE_URL": database_url,
            "INGENIO_DATA_DIR": str(data_dir),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


class Fleet:
    """The worker processes of the shared deployment, restarted only when a test needs others."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.workers: list[WorkerProcess] = []
        self._config: tuple[tuple[int, ...], tuple[tuple[str, str], ...]] | None = None

    def ensure(self, concurrencies: list[int], **env: str) -> list[WorkerProcess]:
        config = (tuple(concurrencies), tuple(sorted(env.items())))
        if config == self._config and all(w.alive for w in self.workers):
            return self.workers
        self.stop()
        self.workers = start_workers(self.deployment, concurrencies, **env)
        self._config = config
        return self.workers

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers, self._config = [], None


def start_workers(
    deployment: Deployment, concurrencies: list[int], **env: str
) -> list[WorkerProcess]:
    """Start workers together; return once each has registered with Procrastinate."""
    observer = Observer(deployment.database_url)
    try:
        before = observer.worker_ids()
        workers = [deployment.worker(c, **env).start() for c in concurrencies]

        def ready() -> bool:
            for worker in workers:
                if not worker.alive:
                    raise AssertionError(f"{worker.name} exited:\n{worker.log()}")
            started = all("worker.started" in w.log() for w in workers)
            return started and len(observer.worker_ids() - before) >= len(workers)

        wait_until(ready, 180, "workers registered", every=0.2)
        return workers
    finally:
        observer.close()
