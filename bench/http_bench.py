"""The request figures: bare reference, status (hit, miss), list (page 1, deep), create.

Each runs for a fixed time after a warm-up, at 64 connections (in the full run), against one
server. The bare endpoint is measured first and last; the reference is the mean of the two, so
a machine that got busier or quieter during the run shifts the reference with it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.client import CREATE_BODY, CREATE_PATH, read_each
from bench.dataset import Dataset
from bench.load import CONNECTIONS, LoadResult, Workload, run_load
from bench.server import ServerProcess

STATUS = "/api/v1/generate/status/{}"
LIST = "/api/v1/generate/tasks?pageNum={}&pageSize=10{}"
FILTER = "&status=completed"


@dataclass
class Figure:
    key: str
    label: str
    result: LoadResult
    note: str = ""
    # Server CPU per request: unlike requests/s, it hardly moves when other work shares the
    # machine, so it is the figure to compare between runs.
    cpu_us: float = 0.0


@dataclass
class Timing:
    seconds: float
    warmup: float


class HttpBench:
    def __init__(
        self,
        ds: Dataset,
        tokens: list[str],
        timing: Timing,
        workdir: Path,
        *,
        hit_set: int,
        hit_rounds: int = 1,
        log: Callable[[str], None],
        server: ServerProcess,
        flush_cache: Callable[[], None] | None = None,
        db_busy: Callable[[], bool] | None = None,
        connections: int = CONNECTIONS,
        cached_keys: Callable[[], int] | None = None,
    ) -> None:
        self.url, self.ds, self.tokens, self.timing = server.url, ds, tokens, timing
        self.workdir, self.log, self.flush_cache = workdir, log, flush_cache
        self.server, self.db_busy, self.connections = server, db_busy, connections
        self.cached_keys = cached_keys
        self.hit_rounds = hit_rounds
        self._cpu_us = 0.0
        rng = random.Random(7)
        documented = ds.documented_tasks()
        rng.shuffle(documented)
        self.hits = documented[:hit_set]
        # Misses read tasks at random, as many as there are: at wrk's rate a miss run needs
        # more than the documented tasks (it ran out of them in 3 s and read hits after that).
        hits = set(self.hits)
        self.misses = [i for i in ds.outside_lists() if i not in hits]
        rng.shuffle(self.misses)
        self.figures: dict[str, Figure] = {}

    def _status(self, i: int) -> tuple[str, int]:
        return STATUS.format(self.ds.task_ids[i]), self.ds.owners[i]

    def _load(self, load: Workload, seconds: float) -> LoadResult:
        self.server.wait_quiet(self.db_busy)
        cpu = self.server.cpu_seconds()
        result = run_load(self.url, load, seconds, self.workdir, connections=self.connections)
        # The requests in flight at the end were partly paid for and not counted: one per
        # connection against thousands, except on the slowest endpoints.
        self._cpu_us = (self.server.cpu_seconds() - cpu) * 1e6 / max(1, result.requests)
        return result

    def _record(self, key: str, label: str, result: LoadResult, note: str) -> Figure:
        if result.requests == 0:
            note = (note + "; " if note else "") + "no request completed in time"
        figure = Figure(key, label, result, note, self._cpu_us)
        self.figures[key] = figure
        self.log(
            f"  {label:<44} {result.rps:8.0f} req/s  p50 {result.p50_ms:7.2f} ms  "
            f"p99 {result.p99_ms:7.2f} ms  cpu {self._cpu_us:6.0f} us/req  "
            f"errors {result.error_count}  {note}"
        )
        return figure

    def _run(self, key: str, label: str, load: Workload, note: str = "") -> Figure:
        if self.timing.warmup > 0:
            self._load(load, self.timing.warmup)
        return self._record(key, label, self._load(load, self.timing.seconds), note)

    def bare(self, key: str) -> Figure:
        return self._run(key, "bare JSON endpoint", Workload("bare", [("/bench/bare", 0)], ["-"]))

    def status_hit(self) -> Figure:
        paths = [self._status(i) for i in self.hits]
        primed = read_each(self.url, [(p, self.tokens[o]) for p, o in paths])
        if set(primed) != {200}:
            raise RuntimeError(f"priming the status cache failed: {dict(primed)}")
        load = Workload("status-hit", paths, self.tokens)
        if self.timing.warmup > 0:
            self._load(load, self.timing.warmup)
        runs = []
        for _ in range(self.hit_rounds):
            result = self._load(load, self.timing.seconds)
            runs.append((result.p99_ms, result, self._cpu_us))
        runs.sort(key=lambda run: run[0])
        _, median, self._cpu_us = runs[len(runs) // 2]
        note = f"{len(paths)} tasks read once before"
        if len(runs) > 1:
            note += "; p99 of the runs: " + ", ".join(f"{p99:.1f}" for p99, _, _ in runs) + " ms"
        return self._record("status_hit", "status, cache hit", median, note)

    def status_miss(self) -> Figure:
        """Every request reads a task no one has read since the cache was emptied."""
        if self.flush_cache is not None:
            self.flush_cache()
        misses = [self._status(i) for i in self.misses]
        # The warm-up takes its own slice: a task read during it would be a hit later.
        warm = int(len(misses) * 0.2) if self.timing.warmup > 0 else 0
        if warm:
            warmup = Workload("status-miss-warm", misses[:warm], self.tokens, "sequence")
            self._load(warmup, self.timing.warmup)
        pool = misses[warm:]
        result = self._load(
            Workload("status-miss", pool, self.tokens, "sequence"), self.timing.seconds
        )
        # Requests still in flight when wrk stops were sent but not counted: allow for them.
        wrapped = max(0, result.requests + self.connections - len(pool))
        note = f"{len(pool):,} never-read tasks"
        if wrapped:
            note += f"; up to {wrapped:,} reads wrapped around (hits)"
        if self.cached_keys is not None:
            # Every miss writes its status back: the count shows the reads really missed.
            note += f"; {self.cached_keys():,} statuses written back to Redis"
        return self._record("status_miss", "status, cache miss", result, note)

    def lists(self, deep_pages: int = 200) -> None:
        ds = self.ds
        normal = [u for u in range(len(ds.users)) if u != ds.heavy]
        heavy_all = ds.count(ds.heavy)
        heavy_done = ds.count(ds.heavy, "completed")

        def deep(total: int, status: str) -> list[tuple[str, int]]:
            last = min(100 + deep_pages, total // 10)  # pages past offset 1,000 that exist
            return [(LIST.format(p, status), ds.heavy) for p in range(101, last + 1)]

        first, first_f = LIST.format(1, ""), LIST.format(1, FILTER)
        cases = [
            ("list_p1", "list page 1 (~100-task users)", [(first, u) for u in normal]),
            ("list_p1_f", "list page 1, status filter", [(first_f, u) for u in normal]),
            ("heavy_p1", "list page 1 (5,000-task user)", [(first, ds.heavy)]),
            ("heavy_deep", "list deep page, offset >= 1,000", deep(heavy_all, "")),
            ("heavy_p1_f", "list page 1 (5,000-task user), filter", [(first_f, ds.heavy)]),
            ("heavy_deep_f", "list deep page, filter", deep(heavy_done, FILTER)),
        ]
        for key, label, requests in cases:
            if not requests:
                raise RuntimeError(f"{key}: the dataset has no such page")
            self._run(key, label, Workload(key, requests, self.tokens))

    def create(self) -> Figure:
        users = list(range(len(self.ds.users)))
        return self._run(
            "create",
            "create",
            Workload(
                "create",
                [(CREATE_PATH, u) for u in users],
                self.tokens,
                "random",
                "POST",
                CREATE_BODY,
            ),
        )

    def run_all(self) -> dict[str, Figure]:
        self.bare("bare_before")
        self.status_hit()
        self.status_miss()
        self.lists()
        self.create()
        self.bare("bare_after")
        return self.figures
