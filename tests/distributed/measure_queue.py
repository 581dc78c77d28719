"""Measure distributed mode: queue throughput with trivial tasks, and recovery after kill -9.

    python -m tests.distributed.measure_queue throughput --workers 1 2 --concurrency 4 --tasks 60
    python -m tests.distributed.measure_queue recovery --repeat 3

Throughput: tasks are created (offline brain) while no worker runs, then N workers start; the
figure is tasks divided by the time from the first task's start to the last one's completion,
both read from the task rows, so process start-up is not counted. Recovery: a task's worker is
killed (SIGKILL) while its LLM call is in flight; the figure is the time until another worker
claims the task's next attempt. Runner settings are the defaults unless given as INGENIO_*
variables. Needs the machine's PostgreSQL and Redis (tests/support/infra.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import time
import uuid
from pathlib import Path
from tempfile import TemporaryDirectory

from ingenio.config import RunnerSettings
from ingenio.testing.fake_llm import FakeLLM, Reply, SmartSource
from tests.distributed.observe import TERMINAL, Observer, create, stage_calls, tagged_requirement
from tests.distributed.processes import (
    DIST_REDIS_DB,
    Deployment,
    WorkerProcess,
    migrate,
    start_workers,
    wait_until,
)
from tests.support.infra import REDIS_URL, scratch_database
from tests.support.server import register


def deployment(url: str, llm_url: str, root: Path, brain: str) -> Deployment:
    """The shipped runner defaults (not the tests' short intervals), unless set in the
    environment of this command."""
    timing = ("heartbeat_seconds", "stalled_after_seconds", "reaper_every_seconds", "poll_seconds")
    env = {}
    for field in timing:
        name = f"INGENIO_RUNNER_{field.upper()}"
        env[name] = os.environ.get(name, str(RunnerSettings.model_fields[field].default))
    env.update(INGENIO_BRAIN=brain, INGENIO_RUNNER_QUEUE_CAPACITY="10000")
    return Deployment(url, f"{REDIS_URL}/{DIST_REDIS_DB}", llm_url, root / "data", env)


def cpu_seconds(worker: WorkerProcess) -> float:
    """User + system CPU time the worker process has used so far (Linux /proc)."""
    assert worker.proc is not None
    fields = Path(f"/proc/{worker.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def throughput(workers: int, concurrency: int, tasks: int) -> tuple[float, float]:
    """(tasks per second, worker CPU seconds per task)."""
    with TemporaryDirectory(prefix="ingenio-measure-") as tmp, scratch_database("ingenio_m") as url:
        root = Path(tmp)
        migrate(url, root / "data")
        dep = deployment(url, "http://127.0.0.1:9/v1", root, "offline")
        api = dep.api().start(timeout=180)
        observer = Observer(url)
        try:
            user = register(api.url, "measure-" + uuid.uuid4().hex[:6])
            ids = [create(api.url, user, tagged_requirement()[1]) for _ in range(tasks)]
            fleet = start_workers(dep, [concurrency] * workers)
            idle_cpu = sum(cpu_seconds(w) for w in fleet)  # start-up, not counted
            wait_until(lambda: set(observer.statuses(ids).values()) <= TERMINAL, 1800, "done")
            cpu = sum(cpu_seconds(w) for w in fleet) - idle_cpu
            row = observer.rows(
                "SELECT count(*) FILTER (WHERE status = 'completed') AS ok, "
                "extract(epoch FROM max(completed_at) - min(started_at)) AS span "
                "FROM generation_tasks"
            )[0]
            assert row["ok"] == tasks, row
            for worker in fleet:
                worker.stop()
            return tasks / float(row["span"]), cpu / tasks
        finally:
            observer.close()
            api.stop()


def recovery(repeat: int) -> list[float]:
    seconds: list[float] = []
    with (
        FakeLLM(default=Reply.hang(), smart_source=SmartSource.FIXTURES) as fake,
        TemporaryDirectory(prefix="ingenio-measure-") as tmp,
        scratch_database("ingenio_m") as url,
    ):
        root = Path(tmp)
        migrate(url, root / "data")
        dep = deployment(url, fake.base_url, root, "llm")
        api = dep.api().start(timeout=180)
        observer = Observer(url)
        user = register(api.url, "measure-" + uuid.uuid4().hex[:6])
        fleet = start_workers(dep, [2, 2])
        try:
            for _ in range(repeat):
                if sum(w.alive for w in fleet) < 2:
                    fleet = [w for w in fleet if w.alive] + start_workers(dep, [2])
                seconds.append(kill_and_resume(fake, api.url, user, fleet, observer))
            return seconds
        finally:
            for worker in fleet:
                worker.stop()
            observer.close()
            api.stop()


def kill_and_resume(
    fake: FakeLLM, url: str, user: dict[str, str], fleet: list[WorkerProcess], observer: Observer
) -> float:
    tag, requirement = tagged_requirement()
    task_id = create(url, user, requirement)
    wait_until(lambda: stage_calls(fake, tag)["plan"] == 1, 120, "plan call")
    [holder] = [w for w in fleet if (task_id, 1) in w.started_tasks()]
    holder.kill(signal.SIGKILL)
    killed = time.monotonic()
    wait_until(lambda: observer.task(task_id)["attempt"] == 2, 120, "resumed")
    took = time.monotonic() - killed
    observer.conn.execute(
        "SELECT procrastinate_cancel_job_v1(job_id, true, false) FROM generation_tasks "
        "WHERE id = %s",
        (task_id,),
    )
    observer.conn.execute(
        "UPDATE generation_tasks SET status = 'cancelled' WHERE id = %s", (task_id,)
    )
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    tp = sub.add_parser("throughput")
    tp.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    tp.add_argument("--concurrency", type=int, default=4)
    tp.add_argument("--tasks", type=int, default=60)
    rc = sub.add_parser("recovery")
    rc.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.what == "throughput":
        for n in args.workers:
            rate, cpu = throughput(n, args.concurrency, args.tasks)
            print(
                f"{n} worker(s) x {args.concurrency} slots: {rate:.2f} tasks/s, "
                f"{cpu:.3f} worker CPU-s per task",
                flush=True,
            )
    else:
        runs = recovery(args.repeat)
        print(
            "kill -9 to resumed on another worker: "
            + ", ".join(f"{s:.1f}s" for s in runs)
            + f" (median {statistics.median(runs):.1f}s)"
        )


if __name__ == "__main__":
    main()
