"""Crash recovery: a worker killed mid-stage, and every worker killed across a database restart."""

from __future__ import annotations

import signal
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from ingenio.testing.fake_llm import FakeLLM, Reply
from tests.distributed.observe import (
    TERMINAL,
    Observer,
    create,
    stage_calls,
    status,
    tagged_requirement,
)
from tests.distributed.private_pg import PrivatePostgres
from tests.distributed.processes import (
    FAST_RUNNER,
    Deployment,
    Fleet,
    migrate,
    start_workers,
    wait_until,
)
from tests.support.server import ServerProcess, register

STALLED_AFTER = float(FAST_RUNNER["INGENIO_RUNNER_STALLED_AFTER_SECONDS"])

pytestmark = pytest.mark.slow  # OS processes, seconds each


def test_kill_9_mid_stage_resumes_on_the_other_worker(
    apis: tuple[ServerProcess, ServerProcess],
    fleet: Fleet,
    fake_llm: Callable[[Reply], FakeLLM],
    observer: Observer,
) -> None:
    fake = fake_llm(Reply.smart().delayed(3))  # each LLM call is in flight for 3 s
    workers = fleet.ensure([2, 3])
    a, _ = apis
    user = register(a.url, "kill-" + uuid.uuid4().hex[:8])
    tag, requirement = tagged_requirement()
    task_id = create(a.url, user, requirement)

    # Plan and execute are done and stored; the validate call is in flight.
    wait_until(lambda: stage_calls(fake, tag)["validate"] == 1, 90, "validate call sent")
    [holder] = [w for w in workers if (task_id, 1) in w.started_tasks()]
    [other] = [w for w in workers if w is not holder]
    holder.kill(signal.SIGKILL)
    killed = time.monotonic()
    validate = [
        r for r in fake.requests if tag in r.text("user") and "验证Agent" in r.text("system")
    ]
    assert fake.wait_for_abort(5), "the killed worker's call is not seen aborted"
    assert validate[0].outcome == "aborted", "not killed mid-stage"

    resumed = wait_until(lambda: observer.task(task_id)["attempt"] == 2, 30, "task resumed")
    wait_until(
        lambda: observer.task(task_id)["status"] in TERMINAL,
        30 - (time.monotonic() - killed),
        "task finished within 30 s of the kill",
    )
    row = observer.task(task_id)
    assert row["status"] == "completed", row["error_message"]
    assert row["attempt"] == 2
    assert (task_id, 2) in other.started_tasks()
    # Finished stages were not run again; the interrupted one was.
    assert stage_calls(fake, tag) == {"plan": 1, "execute": 1, "validate": 2}
    assert status(a.url, user, task_id)["agents"][0]["status"] == "completed"
    # Nothing left running: the dead worker's job is closed, the new one succeeded.
    assert [j["status"] for j in observer.jobs_for(task_id)] == ["failed", "succeeded"]
    print(f"resumed {resumed:.1f}s after kill -9; finished after {time.monotonic() - killed:.1f}s")


def test_postgres_restart_with_every_worker_dead_loses_no_task(
    fake_llm: Callable[[Reply], FakeLLM], redis_url: str, llm_port: int, tmp_path: Path
) -> None:
    fake_llm(Reply.smart().delayed(1))
    with PrivatePostgres() as pg:
        url = pg.create_database("ingenio")
        migrate(url, tmp_path / "data")
        deployment = Deployment(
            url, redis_url, f"http://127.0.0.1:{llm_port}/v1", tmp_path / "data"
        )
        api = deployment.api()
        with ThreadPoolExecutor(2) as pool:
            api_started = pool.submit(api.start, 180)
            workers = start_workers(deployment, [2, 2])
            api_started.result()
        observer = Observer(url)
        try:
            user = register(api.url, "pgrestart-" + uuid.uuid4().hex[:8])
            tasks = [create(api.url, user, tagged_requirement()[1]) for _ in range(8)]
            wait_until(lambda: doing(observer) == 4, 90, "every slot busy")

            for worker in workers:
                worker.kill(signal.SIGKILL)
            killed_at = observer.now()
            observer.close()
            pg.restart_immediate()
            workers = start_workers(deployment, [2, 2])
            observer = Observer(url)

            # One reaper pass after the dead workers count as dead: nothing is left stranded.
            wait_until(
                lambda: (
                    observer.reaper_passes_since(killed_at + timedelta(seconds=STALLED_AFTER)) >= 1
                ),
                60,
                "a reaper pass after the workers' deaths",
            )
            live = {
                r["id"]
                for r in observer.rows(
                    "SELECT id FROM procrastinate_workers "
                    "WHERE last_heartbeat > now() - make_interval(secs => %s)",
                    STALLED_AFTER,
                )
            }
            for task_id in tasks:
                row = observer.task(task_id)
                job = observer.rows("SELECT * FROM procrastinate_jobs WHERE id = %s", row["job_id"])
                assert (
                    row["status"] in TERMINAL
                    or job[0]["status"] == "todo"
                    or (job[0]["status"] == "doing" and job[0]["worker_id"] in live)
                ), (row["status"], job)

            wait_until(
                lambda: set(observer.statuses(tasks).values()) <= TERMINAL, 180, "all finished"
            )
            assert set(observer.statuses(tasks).values()) == {"completed"}
            assert {observer.task(t)["attempt"] for t in tasks} <= {1, 2}
            # The API process outlived the restart: it reads what the new workers wrote.
            assert status(api.url, user, tasks[0])["status"] == "completed"
        finally:
            observer.close()
            for worker in workers:
                worker.stop()
            api.stop()


def doing(observer: Observer) -> int:
    rows = observer.rows(
        "SELECT count(*) AS n FROM procrastinate_jobs "
        "WHERE task_name = 'ingenio.run_task' AND status = 'doing'"
    )
    return int(rows[0]["n"])
