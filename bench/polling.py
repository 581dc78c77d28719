"""Throughput with 50 tasks running while 200 clients poll every 2 s.

The server runs the LLM brain against a slow fake LLM (a separate process), with a pool of 50.
The driver keeps the pool full (about 50 more tasks queued behind the running ones, a new one
created for each that finishes), and 200 clients each poll a live task's status every 2 s, as
the contract tells clients to. Counted over a fixed window after a warm-up: tasks finished per
second, the pollers' latencies, and the server's CPU use.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.client import CREATE_BODY, CREATE_PATH
from bench.http1 import Connection, HttpError
from bench.server import ROOT, ServerProcess

PERIOD = 2.0  # the contract's polling period
LLM_CALLS_PER_TASK = 3  # plan, execute, review
TERMINAL = {"completed", "failed", "cancelled"}


@dataclass
class PollFigures:
    running: int
    clients: int
    llm_delay: float
    window: float
    finished: dict[str, int]
    polls: int
    poll_errors: int
    poll_p50_ms: float
    poll_p99_ms: float
    server_cpu_percent: float
    create_errors: int
    error_kinds: dict[str, int]

    @property
    def tasks_per_second(self) -> float:
        return sum(self.finished.values()) / self.window

    @property
    def ideal_per_second(self) -> float:
        """What the pool could finish if only the LLM's latency counted."""
        return self.running / (LLM_CALLS_PER_TASK * self.llm_delay)


def start_slow_llm(delay: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.slow_llm", "--delay", str(delay)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def stop_slow_llm(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def llm_env(base_url: str, running: int) -> dict[str, str]:
    return {
        "INGENIO_BRAIN": "llm",
        "INGENIO_LLM_BASE_URL": base_url,
        "INGENIO_LLM_API_KEY": "sk-bench-not-a-key",
        "INGENIO_AI_CALLS_PER_HOUR": "1000000",
        "INGENIO_RUNNER_CORE_WORKERS": str(running),
        "INGENIO_RUNNER_MAX_WORKERS": str(running),
        "INGENIO_RUNNER_QUEUE_CAPACITY": "1000",
        "INGENIO_RUNNER_SHUTDOWN_GRACE_SECONDS": "0",  # the tasks left are not measured
    }


class _Driver:
    def __init__(
        self,
        server: ServerProcess,
        tokens: list[str],
        warmup: float,
        window: float,
        running: int,
        clients: int,
    ) -> None:
        self.running, self.clients = running, clients
        parts = urlsplit(server.url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.server, self.tokens = server, tokens
        self.live: list[str] = []
        self.owner: dict[str, str] = {}
        self.finished: dict[str, int] = {}
        self.latencies: list[float] = []
        self.polls = self.poll_errors = self.create_errors = self.created = 0
        self.error_kinds: Counter[str] = Counter()
        self.warmup, self.window = warmup, window
        # Set once the pool is full: the warm-up and the window start only then.
        self.window_start = self.deadline = float("inf")
        self.ready = asyncio.Event()
        self.creator = Connection(self.host, self.port)
        self.create_lock = asyncio.Lock()

    async def create(self, conn: Connection | None = None) -> None:
        token = self.tokens[self.created % len(self.tokens)]
        self.created += 1
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        try:
            if conn is not None:
                status, body = await conn.request("POST", CREATE_PATH, headers, CREATE_BODY)
            else:
                async with self.create_lock:  # one connection: one client submitting work
                    status, body = await self.creator.request(
                        "POST", CREATE_PATH, headers, CREATE_BODY
                    )
        except HttpError as exc:
            status, body = 0, b""
            self.error_kinds["create: " + str(exc)[:80]] += 1
        if status != 200:
            self.create_errors += 1
            if status:
                self.error_kinds[f"create: HTTP {status}"] += 1
            return
        task_id = str(json.loads(body)["data"])
        self.owner[task_id] = token
        self.live.append(task_id)

    async def poller(self, n: int) -> None:
        conn = Connection(self.host, self.port)
        await asyncio.sleep(n * PERIOD / self.clients)  # spread the clients over the period
        tick = time.monotonic()
        while tick < self.deadline:
            if self.live:
                await self._poll(conn, self.live[n % len(self.live)])
            tick += PERIOD
            await asyncio.sleep(max(0.0, tick - time.monotonic()))
        await conn.close()

    async def _poll(self, conn: Connection, task_id: str) -> None:
        started = time.monotonic()
        headers = {"Authorization": "Bearer " + self.owner[task_id]}
        try:
            status, body = await conn.request("GET", f"/api/v1/generate/status/{task_id}", headers)
        except HttpError as exc:
            status, body = 0, b""
            self.error_kinds[str(exc)[:80]] += 1
        now = time.monotonic()
        in_window = self.window_start <= now < self.deadline
        if in_window:
            self.polls += 1
            self.latencies.append((now - started) * 1000)
        if status != 200:
            self.poll_errors += in_window
            if status:
                self.error_kinds[f"HTTP {status}"] += 1
            return
        state = json.loads(body)["data"]["status"]
        if state in TERMINAL and task_id in self.live:
            self.live.remove(task_id)
            if in_window:
                self.finished[state] = self.finished.get(state, 0) + 1
            await self.create()

    async def _fill(self, count: int) -> None:
        conn = Connection(self.host, self.port)
        for _ in range(count):
            await self.create(conn)
        await conn.close()

    async def run(self) -> None:
        # The pool's tasks plus as many queued, created by a few clients at once: one client
        # alone would spend the warm-up creating them on a busy server.
        await asyncio.gather(*(self._fill(2 * self.running // 8 + 1) for _ in range(8)))
        self.window_start = time.monotonic() + self.warmup
        self.deadline = self.window_start + self.window
        self.ready.set()
        await asyncio.gather(*(self.poller(n) for n in range(self.clients)))
        await self.creator.close()


def measure_polling(
    server: ServerProcess,
    tokens: list[str],
    llm_delay: float,
    warmup: float,
    window: float,
    running: int,
    clients: int,
) -> PollFigures:
    driver = _Driver(server, tokens, warmup, window, running, clients)
    cpu: list[float] = []

    async def main() -> None:
        async def sample_cpu() -> None:
            await driver.ready.wait()
            await asyncio.sleep(max(0.0, driver.window_start - time.monotonic()))
            cpu0, t0 = server.cpu_seconds(), time.monotonic()
            await asyncio.sleep(max(0.0, driver.deadline - time.monotonic()))
            cpu.append((server.cpu_seconds() - cpu0) / (time.monotonic() - t0) * 100)

        await asyncio.gather(driver.run(), sample_cpu())

    asyncio.run(main())
    lat = sorted(driver.latencies) or [0.0]
    return PollFigures(
        running=running,
        clients=clients,
        llm_delay=llm_delay,
        window=window,
        finished=driver.finished,
        polls=driver.polls,
        poll_errors=driver.poll_errors,
        poll_p50_ms=lat[len(lat) // 2],
        poll_p99_ms=lat[min(len(lat) - 1, int(len(lat) * 0.99))],
        server_cpu_percent=cpu[0] if cpu else 0.0,
        create_errors=driver.create_errors,
        error_kinds=dict(driver.error_kinds),
    )
