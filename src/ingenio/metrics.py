"""Prometheus metrics at ``/metrics``: tasks by status, queue depth, stage durations, tokens, cost.

One registry per application instance (not the process-global default), so several apps in one
test process do not collide.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from ingenio.runner.base import RunnerStats

_STAGE_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.stage_seconds = Histogram(
            "ingenio_stage_duration_seconds",
            "Duration of completed pipeline stages",
            ["stage"],
            buckets=_STAGE_BUCKETS,
            registry=self.registry,
        )
        self.tasks_finished = Counter(
            "ingenio_tasks_finished_total",
            "Tasks that reached a terminal state",
            ["status"],
            registry=self.registry,
        )
        self.llm_tokens = Counter(
            "ingenio_llm_tokens_total",
            "LLM tokens used",
            ["stage", "kind"],
            registry=self.registry,
        )
        self.llm_cost = Counter(
            "ingenio_llm_cost_usd_total",
            "Estimated LLM cost in US dollars (known prices only)",
            ["stage"],
            registry=self.registry,
        )
        self.tasks_created = Counter(
            "ingenio_tasks_created_total",
            "Tasks accepted",
            registry=self.registry,
        )
        self.tasks_rejected = Counter(
            "ingenio_tasks_rejected_total",
            "Tasks refused",
            ["reason"],
            registry=self.registry,
        )

    def watch(self, runner_stats: Callable[[], RunnerStats]) -> None:
        self.registry.register(_RunnerCollector(runner_stats))

    async def render(self, tasks_by_status: Callable[[], Awaitable[dict[str, int]]]) -> bytes:
        """The exposition text; task counts by status are read from the database per scrape
        (one grouped query on an indexed column), so they agree across processes."""
        body = generate_latest(self.registry)
        counts = await tasks_by_status()
        lines = ["# HELP ingenio_tasks Tasks by status", "# TYPE ingenio_tasks gauge"]
        lines += [f'ingenio_tasks{{status="{s}"}} {n}' for s, n in sorted(counts.items())]
        return body + ("\n".join(lines) + "\n").encode()


class _RunnerCollector(Collector):
    def __init__(self, stats: Callable[[], RunnerStats]) -> None:
        self._stats = stats

    def collect(self) -> Iterable[Metric]:
        s = self._stats()
        yield GaugeMetricFamily(
            "ingenio_runner_running", "Tasks running in this process", value=s.running
        )
        yield GaugeMetricFamily(
            "ingenio_runner_queue_depth", "Tasks waiting in this process", value=s.queued
        )
