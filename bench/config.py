"""The two sizes of run: the full benchmark and the smoke run CI uses to keep this code alive."""

from __future__ import annotations

from dataclasses import dataclass

from bench.dataset import REQUIREMENTS


@dataclass(frozen=True)
class Config:
    mode: str
    tasks: int
    users: int
    heavy_tasks: int
    documented_share: float
    requirements: tuple[str, ...]
    seconds: float  # per request measurement
    warmup: float
    hit_set: int
    streams: int
    stream_hold: float
    poll_running: int
    poll_clients: int
    poll_delay: float
    poll_warmup: float
    poll_window: float
    pipeline_runs: int
    pipeline_cases: tuple[int, ...]
    connections: int = 64  # the issue's figure, and the reference measurements'
    # Cache hits are measured this many times and the run with the median p99 is kept: a 1%
    # tail in a 10 s window moves with whatever else the shared machine does in that window.
    hit_rounds: int = 3
    backends: tuple[str, ...] = ("embedded", "postgres")
    # Backends that also get the idle-memory and polling phases (the others: requests, streams).
    all_phases: tuple[str, ...] = ("embedded", "postgres")
    idle_wait: float = 2.0

    def describe(self) -> list[str]:
        return [
            f"- Data, loaded in bulk before each server starts: {self.tasks:,} tasks across "
            f"{self.users:,} users (one with {self.heavy_tasks:,}, one with 100), 85% completed, "
            f"10% failed at the quality gate, 5% cancelled, with agents and token usage; the "
            f"stage documents (plan, AppSpec, report, manifest) on every task of the two list "
            f"users and on {100 * self.documented_share:.0f}% of the others, which are the tasks "
            "the status figures read.",
            f"- Requests: {self.seconds:g} s per measurement after a {self.warmup:g} s warm-up, "
            f"{self.connections} connections, one load-generator thread in its own process; the "
            "bare endpoint first and last, the reference being their mean. Server CPU per "
            "request: the server process's CPU time during the measurement over the requests "
            "completed (PostgreSQL's and Redis's own CPU not included).",
            f"- Status, cache hit: {self.hit_set:,} tasks with documents read once, then random "
            f"reads among them, measured {self.hit_rounds} times (the run with the median p99 "
            "is the one shown). Cache miss: each request reads a different task, drawn at random "
            "from all the others, never read since the cache was emptied (Redis flushed; the "
            "in-process cache never held them).",
            "- Create: created tasks wait in the pool's queue behind a brain that never answers "
            "(named offline, so the request path is the default's): the pipeline's CPU is "
            "measured on its own, below, not mixed into the API's figures.",
            f"- Streams: {self.streams:,} `GET /api/v1/generate/events/{{id}}` held by a separate "
            f"process on pending tasks, each open once its first event arrived, held "
            f"{self.stream_hold:g} s.",
            f"- Polling: LLM brain against a fake LLM answering after {self.poll_delay:g} s (its "
            f"own process), pool of {self.poll_running}, about as many tasks queued, "
            f"{self.poll_clients} clients each polling a live task every 2 s; counted over "
            f"{self.poll_window:g} s after {self.poll_warmup:g} s.",
            f"- Pipeline: `run_pipeline` with the offline brain and a preview, in a fresh "
            f"process, {self.pipeline_runs} runs per size after a first (cold) one.",
        ]


FULL = Config(
    mode="full",
    tasks=100_000,
    users=1_000,
    heavy_tasks=5_000,
    documented_share=0.15,
    requirements=REQUIREMENTS,
    seconds=10,
    warmup=2,
    hit_set=2_000,
    streams=1_000,
    stream_hold=6,
    poll_running=50,
    poll_clients=200,
    poll_delay=1.0,
    poll_warmup=5,
    poll_window=30,
    pipeline_runs=5,
    pipeline_cases=(3, 10, 30),
)

SMOKE = Config(
    mode="smoke",
    tasks=2_000,
    users=20,
    heavy_tasks=1_400,  # enough completed tasks for a filtered page past offset 1,000
    documented_share=0.5,
    requirements=REQUIREMENTS[:2],
    seconds=1,
    warmup=0,
    hit_set=100,
    streams=50,
    stream_hold=2.2,  # every stream open and its first event received well before this
    poll_running=5,
    poll_clients=20,
    poll_delay=0.2,
    poll_warmup=1,
    poll_window=3,
    pipeline_runs=1,
    pipeline_cases=(3,),
    all_phases=("embedded",),
    idle_wait=0.5,
    # Fewer requests in flight: a busy CI machine still completes some in a 1 s window.
    connections=16,
    hit_rounds=1,
)
