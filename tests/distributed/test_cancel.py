"""Cancel from any API process: a waiting task never runs; a running one stops on its worker."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import pytest

from ingenio.testing.fake_llm import FakeLLM, Reply
from tests.distributed.observe import (
    Observer,
    cancel,
    create,
    llm_aborted,
    stage_calls,
    status,
    tagged_requirement,
)
from tests.distributed.processes import Deployment, Fleet, wait_until
from tests.support.server import ServerProcess, register

pytestmark = pytest.mark.slow  # OS processes, seconds each


def test_cancel_through_another_api_process(
    apis: tuple[ServerProcess, ServerProcess],
    fleet: Fleet,
    fake_llm: Callable[[Reply], FakeLLM],
    observer: Observer,
    deployment: Deployment,
) -> None:
    fake = fake_llm(Reply.hang())  # every LLM call waits until its client goes away
    workers = fleet.ensure([2, 3])
    a, b = apis
    user = register(a.url, "cancel-" + uuid.uuid4().hex[:8])

    # Fill every worker slot with a task stuck in its plan call; the next task must wait.
    slots = sum(w.concurrency for w in workers)
    running = {}
    for _ in range(slots):
        tag, requirement = tagged_requirement()
        running[create(a.url, user, requirement)] = tag
    assert fake.wait_for_requests(slots, timeout=60), "not every slot took a task"
    waiting_tag, requirement = tagged_requirement()
    waiting = create(a.url, user, requirement)

    resp = cancel(b.url, user, waiting)
    assert resp.status_code == 200, resp.text
    assert status(b.url, user, waiting)["status"] == "cancelled"
    [waiting_job] = observer.jobs_for(waiting)
    assert waiting_job["status"] == "cancelled"

    # A running task, cancelled through B: its worker (somewhere) stops it within 2 s.
    victim, victim_tag = next(iter(running.items()))
    assert observer.jobs_for(victim)[0]["status"] == "doing"
    started = time.monotonic()
    resp = cancel(b.url, user, victim)
    assert resp.status_code == 200, resp.text
    assert status(a.url, user, victim)["status"] == "cancelled"
    left = 2 - (time.monotonic() - started)
    wait_until(lambda: llm_aborted(fake, victim_tag), left, "the LLM request aborted in 2 s")
    stopped_after = time.monotonic() - started
    wait_until(lambda: observer.jobs_for(victim)[0]["status"] != "doing", 5, "the job stopped")

    # Free every slot; the cancelled waiting task still never starts.
    for task_id in list(running)[1:]:
        assert cancel(b.url, user, task_id).status_code == 200
    wait_until(
        lambda: all(observer.jobs_for(t)[0]["status"] != "doing" for t in running),
        10,
        "all running jobs stopped",
    )
    tag, requirement = tagged_requirement()
    fake.script(Reply.smart())  # a later task is served, proving the slots are free again
    later = create(a.url, user, requirement)
    wait_until(lambda: stage_calls(fake, tag)["plan"] >= 1, 30, "a later task started")

    assert stage_calls(fake, waiting_tag) == {}, "the cancelled waiting task ran"
    [waiting_job] = observer.jobs_for(waiting)
    assert waiting_job["status"] == "cancelled"
    assert "started" not in observer.job_events(waiting_job["id"])
    for worker in workers:
        assert waiting not in {t for t, _ in worker.started_tasks()}

    row = observer.task(victim)
    assert row["status"] == "cancelled"
    assert (row["zip_key"], row["download_url"]) == (None, None)
    assert not (deployment.data_dir / "artifacts" / "tasks" / victim).exists()
    assert cancel(b.url, user, later).status_code == 200
    print(f"running task stopped {stopped_after:.2f}s after the cancel request")
