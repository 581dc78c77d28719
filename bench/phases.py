"""One backend, start to finish: load the data, then idle memory, requests and streams, polling.

Between servers, tasks a server left unfinished (created tasks still queued) are cancelled in
the database directly, so the next server's recovery does not run them on the measured CPU.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg

from bench import infra
from bench.client import create_tasks, mint_tokens
from bench.config import Config
from bench.dataset import Dataset, Docs
from bench.http_bench import HttpBench, Timing
from bench.polling import llm_env, measure_polling, start_slow_llm, stop_slow_llm
from bench.results import BackendResult
from bench.seed import load_postgres, load_sqlite
from bench.server import ServerProcess
from bench.streams import measure_streams

Log = Callable[[str], None]
LABELS = {
    "embedded": "embedded default (SQLite + in-process cache)",
    "postgres": "PostgreSQL + Redis",
}
_LIVE = "('pending', 'planning', 'executing', 'validating', 'generating')"
# Queued tasks must never be refused during the create figure: the queue is effectively unbounded.
PARKED_ENV = {
    "BENCH_PARKED_BRAIN": "1",
    "INGENIO_RUNNER_CORE_WORKERS": "1",
    "INGENIO_RUNNER_MAX_WORKERS": "1",
    "INGENIO_RUNNER_QUEUE_CAPACITY": "10000000",
    "INGENIO_RUNNER_SHUTDOWN_GRACE_SECONDS": "0",
}


@dataclass
class Backend:
    key: str
    data_dir: Path
    env: dict[str, str]
    cancel_live: Callable[[], None]
    flush_cache: Callable[[], None] | None
    db_busy: Callable[[], bool] | None = None


@contextmanager
def open_backend(
    key: str, workdir: Path, ds: Dataset, docs: list[Docs], log: Log
) -> Iterator[tuple[Backend, float]]:
    """Loads the data; yields the backend and how long loading took."""
    data_dir = workdir / key / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if key == "embedded":
        db = data_dir / "ingenio.db"
        load_sqlite(db, ds, docs)

        def cancel_sqlite() -> None:
            with sqlite3.connect(db) as con:
                con.execute(
                    f"UPDATE generation_tasks SET status='cancelled' WHERE status IN {_LIVE}"
                )

        yield Backend(key, data_dir, {}, cancel_sqlite, None), time.monotonic() - started
        return
    with infra.scratch_database() as url:
        dsn = infra.plain_dsn(url)
        infra.flush_redis()
        load_postgres(url, dsn, ds, docs)
        env = {"INGENIO_DATABASE_URL": url, "INGENIO_REDIS_URL": infra.redis_url()}

        def cancel_pg() -> None:
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(
                    f"UPDATE generation_tasks SET status='cancelled' WHERE status IN {_LIVE}"
                )

        backend = Backend(key, data_dir, env, cancel_pg, infra.flush_redis, infra.pg_busy(dsn))
        try:
            yield backend, time.monotonic() - started
        finally:
            infra.flush_redis()


def run_backend(
    key: str, cfg: Config, ds: Dataset, docs: list[Docs], workdir: Path, log: Log
) -> BackendResult:
    result = BackendResult(key, LABELS[key])
    tokens = mint_tokens(ds)
    log(f"[{key}] loading {len(ds.task_ids):,} tasks")
    with open_backend(key, workdir, ds, docs, log) as (backend, seconds):
        result.seed_seconds = seconds
        log(f"[{key}] loaded in {seconds:.0f} s")
        every_phase = key in cfg.all_phases
        if every_phase:
            _idle(backend, tokens, cfg.idle_wait, result, log)
        _requests_and_streams(backend, cfg, ds, tokens, workdir, result, log)
        backend.cancel_live()
        if backend.flush_cache is not None:
            backend.flush_cache()
        if every_phase:
            _polling(backend, cfg, tokens, result, log)
            backend.cancel_live()
    return result


def _idle(
    backend: Backend, tokens: list[str], wait: float, result: BackendResult, log: Log
) -> None:
    """``ingenio serve`` itself: memory after start, and after it ran one offline task."""
    with ServerProcess(backend.data_dir, backend.env, launcher=False) as server:
        time.sleep(wait)
        result.idle_rss_mb = server.rss_mb()
        [task_id] = create_tasks(server.url, tokens[:1])
        deadline = time.monotonic() + 120
        headers = {"Authorization": "Bearer " + tokens[0]}
        while time.monotonic() < deadline:
            reply = httpx.get(f"{server.url}/api/v1/generate/status/{task_id}", headers=headers)
            if reply.json()["data"]["status"] in ("completed", "failed"):
                break
            time.sleep(0.2)
        time.sleep(wait)
        result.idle_rss_after_task_mb = server.rss_mb()
    log(
        f"[{backend.key}] idle RSS {result.idle_rss_mb:.0f} MB, "
        f"{result.idle_rss_after_task_mb:.0f} MB after one task"
    )


def _requests_and_streams(
    backend: Backend,
    cfg: Config,
    ds: Dataset,
    tokens: list[str],
    workdir: Path,
    result: BackendResult,
    log: Log,
) -> None:
    with ServerProcess(backend.data_dir, {**backend.env, **PARKED_ENV}) as server:
        bench = HttpBench(
            ds,
            tokens,
            Timing(cfg.seconds, cfg.warmup),
            workdir / backend.key / "load",
            hit_set=cfg.hit_set,
            hit_rounds=cfg.hit_rounds,
            log=log,
            server=server,
            flush_cache=backend.flush_cache,
            db_busy=backend.db_busy,
            connections=cfg.connections,
            cached_keys=infra.redis_keys if backend.flush_cache is not None else None,
        )
        result.figures = bench.run_all()
        owners = [i % len(tokens) for i in range(cfg.streams)]
        ids = create_tasks(server.url, [tokens[o] for o in owners])
        targets = [(t, tokens[o]) for t, o in zip(ids, owners, strict=True)]
        result.streams = measure_streams(server, targets, cfg.stream_hold, workdir / backend.key)
        s = result.streams
        log(
            f"[{backend.key}] {s.streams} streams ({s.failed} failed): "
            f"{s.rss_before_mb:.0f} -> {s.rss_open_mb:.0f} MB"
        )


def _polling(
    backend: Backend, cfg: Config, tokens: list[str], result: BackendResult, log: Log
) -> None:
    proc, base_url = start_slow_llm(cfg.poll_delay)
    try:
        env = {**backend.env, **llm_env(base_url, cfg.poll_running)}
        with ServerProcess(backend.data_dir, env) as server:
            result.polling = measure_polling(
                server,
                tokens,
                cfg.poll_delay,
                cfg.poll_warmup,
                cfg.poll_window,
                cfg.poll_running,
                cfg.poll_clients,
            )
    finally:
        stop_slow_llm(proc)
    p = result.polling
    log(
        f"[{backend.key}] polling: {p.tasks_per_second:.2f} tasks/s, "
        f"poll p99 {p.poll_p99_ms:.1f} ms, {json.dumps(p.finished)}"
    )
