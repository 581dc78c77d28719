"""What tests observe of a distributed deployment: rows, jobs, workers, LLM calls, HTTP replies.

Observations are read straight from PostgreSQL (our table and Procrastinate's) and from the fake
LLM's record of requests: what really happened, not what a process says about itself.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import httpx
import psycopg
from psycopg.rows import dict_row

from ingenio.testing.fake_llm import FakeLLM

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"
TERMINAL = frozenset({"completed", "failed", "cancelled"})
_STAGE_MARKERS = {"plan": "（规划Agent）", "execute": "（执行Agent）", "validate": "（验证Agent）"}


def libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def tagged_requirement() -> tuple[str, str]:
    """A requirement carrying a unique tag, so the fake LLM's requests can be told apart."""
    tag = "T" + uuid.uuid4().hex[:8]
    return tag, f"{REQUIREMENT}（编号{tag}）"


def stage_calls(fake: FakeLLM, tag: str) -> Counter[str]:
    """How many LLM requests each stage of the tagged task made."""
    calls: Counter[str] = Counter()
    for request in fake.requests:
        if tag not in request.text("user"):
            continue
        system = request.text("system")
        calls.update(s for s, marker in _STAGE_MARKERS.items() if marker in system)
    return calls


def llm_aborted(fake: FakeLLM, tag: str) -> bool:
    """Whether a request of the tagged task was abandoned by its client while pending."""
    return any(r.outcome == "aborted" and tag in r.text("user") for r in fake.requests)


class Observer:
    """Reads the deployment's database (one autocommit connection; use from one thread)."""

    def __init__(self, database_url: str) -> None:
        self.dsn = libpq(database_url)
        self.conn = psycopg.connect(self.dsn, autocommit=True, row_factory=dict_row)

    def close(self) -> None:
        self.conn.close()

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        return self.conn.execute(sql, params).fetchall()

    def task(self, task_id: str) -> dict[str, Any]:
        found = self.rows("SELECT * FROM generation_tasks WHERE id = %s", task_id)
        assert found, f"no row for task {task_id}"
        return found[0]

    def statuses(self, task_ids: Iterable[str]) -> dict[str, str]:
        ids = list(task_ids)
        rows = self.rows(
            "SELECT id::text, status FROM generation_tasks WHERE id::text = ANY(%s)", ids
        )
        return {r["id"]: r["status"] for r in rows}

    def jobs_for(self, task_id: str) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT id, status, worker_id, attempts FROM procrastinate_jobs "
            "WHERE task_name = 'ingenio.run_task' AND args->>'task_id' = %s ORDER BY id",
            task_id,
        )

    def job_events(self, job_id: int) -> list[str]:
        rows = self.rows(
            "SELECT type::text FROM procrastinate_events WHERE job_id = %s ORDER BY id", job_id
        )
        return [r["type"] for r in rows]

    def worker_ids(self) -> set[int]:
        return {r["id"] for r in self.rows("SELECT id FROM procrastinate_workers")}

    def now(self) -> datetime:
        value: datetime = self.rows("SELECT now() AS t")[0]["t"]
        return value

    def reaper_passes_since(self, since: datetime) -> int:
        """Reaper passes that both started and succeeded after ``since`` (database clock)."""
        rows = self.rows(
            "SELECT count(*) AS n FROM procrastinate_jobs j WHERE j.task_name = 'ingenio.reap' "
            "AND EXISTS (SELECT 1 FROM procrastinate_events e WHERE e.job_id = j.id "
            "            AND e.type = 'started' AND e.at > %s) "
            "AND EXISTS (SELECT 1 FROM procrastinate_events e WHERE e.job_id = j.id "
            "            AND e.type = 'succeeded')",
            since,
        )
        return int(rows[0]["n"])


class ConcurrencySampler:
    """Samples the run-task jobs in ``doing`` per Procrastinate worker id, on its own thread."""

    def __init__(self, database_url: str, every: float = 0.03) -> None:
        self.dsn = libpq(database_url)
        self.every = every
        self.samples: list[list[tuple[int, str]]] = []  # (worker id, task id) running, per sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)

    def __enter__(self) -> ConcurrencySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self._stop.is_set():
                rows = conn.execute(
                    "SELECT worker_id, args->>'task_id' FROM procrastinate_jobs "
                    "WHERE status = 'doing' AND task_name = 'ingenio.run_task' "
                    "AND worker_id IS NOT NULL"
                ).fetchall()
                self.samples.append([(int(w), str(t)) for w, t in rows])
                self._stop.wait(self.every)

    def peaks(self, task_ids: Iterable[str]) -> Counter[int]:
        """Worker id -> the most of ``task_ids`` seen running on it at once."""
        wanted, peak = set(task_ids), Counter[int]()
        for sample in self.samples:
            now = Counter(w for w, t in sample if t in wanted)
            for worker_id, n in now.items():
                peak[worker_id] = max(peak[worker_id], n)
        return peak

    def tasks_of(self, task_ids: Iterable[str]) -> dict[int, set[str]]:
        """Worker id -> which of ``task_ids`` were seen running on it."""
        wanted, seen = set(task_ids), dict[int, set[str]]()
        for sample in self.samples:
            for worker_id, task_id in sample:
                if task_id in wanted:
                    seen.setdefault(worker_id, set()).add(task_id)
        return seen


# --- the HTTP API, as a client of any API process uses it ------------------------------------


def create(url: str, headers: dict[str, str], requirement: str) -> str:
    resp = httpx.post(
        url + "/api/v1/generate/async",
        headers=headers,
        json={"userRequirement": requirement},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["data"])


def cancel(url: str, headers: dict[str, str], task_id: str) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/generate/cancel/{task_id}", headers=headers, timeout=30)


def status(url: str, headers: dict[str, str], task_id: str) -> dict[str, Any]:
    resp = httpx.get(f"{url}/api/v1/generate/status/{task_id}", headers=headers, timeout=30)
    assert resp.status_code == 200, resp.text
    data: dict[str, Any] = resp.json()["data"]
    return data
