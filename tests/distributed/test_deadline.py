"""The deadline, fixed when a task first starts, holds on whichever worker runs the task."""

from __future__ import annotations

import signal
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest

from ingenio.testing.fake_llm import FakeLLM, Reply
from tests.distributed.observe import (
    TERMINAL,
    Observer,
    create,
    llm_aborted,
    stage_calls,
    status,
    tagged_requirement,
)
from tests.distributed.processes import Fleet, wait_until
from tests.support.server import ServerProcess, register

TIMEOUT = 4
MESSAGE = f"任务执行超时（超过{TIMEOUT}秒）"

pytestmark = pytest.mark.slow  # OS processes, seconds each


def test_deadline_fails_tasks_on_a_hanging_llm_on_any_worker(
    apis: tuple[ServerProcess, ServerProcess],
    fleet: Fleet,
    fake_llm: Callable[[Reply], FakeLLM],
    observer: Observer,
) -> None:
    fake = fake_llm(Reply.hang())
    workers = fleet.ensure([1, 1], INGENIO_RUNNER_TASK_TIMEOUT_SECONDS=str(TIMEOUT))
    a, b = apis
    user = register(a.url, "deadline-" + uuid.uuid4().hex[:8])
    tags = {}
    for api in (a, b):
        tag, requirement = tagged_requirement()
        tags[create(api.url, user, requirement)] = tag

    wait_until(lambda: set(observer.statuses(tags).values()) <= TERMINAL, 60, "both timed out")
    for task_id, tag in tags.items():
        row = observer.task(task_id)
        assert (row["status"], row["error_message"]) == ("failed", MESSAGE)
        assert status(b.url, user, task_id)["errorMessage"] == MESSAGE
        assert row["deadline_at"] - row["started_at"] == timedelta(seconds=TIMEOUT)
        assert llm_aborted(fake, tag), "the hanging LLM call was left running"
    # One slot per worker and both tasks hung: each worker ran one.
    ran = {w.name for w in workers for t, _ in w.started_tasks() if t in tags}
    assert len(ran) == len(workers)


def test_deadline_outlives_the_worker_that_started_the_task(
    apis: tuple[ServerProcess, ServerProcess],
    fleet: Fleet,
    fake_llm: Callable[[Reply], FakeLLM],
    observer: Observer,
) -> None:
    """Its worker dies; by the time the death is noticed the deadline has passed: no retry."""
    fake = fake_llm(Reply.hang())
    workers = fleet.ensure([1, 1], INGENIO_RUNNER_TASK_TIMEOUT_SECONDS=str(TIMEOUT))
    a, _ = apis
    user = register(a.url, "deadline-" + uuid.uuid4().hex[:8])
    tag, requirement = tagged_requirement()
    task_id = create(a.url, user, requirement)
    wait_until(lambda: stage_calls(fake, tag)["plan"] == 1, 60, "plan call sent")
    [holder] = [w for w in workers if (task_id, 1) in w.started_tasks()]
    holder.kill(signal.SIGKILL)

    wait_until(lambda: observer.task(task_id)["status"] in TERMINAL, 60, "task failed")
    row = observer.task(task_id)
    assert (row["status"], row["error_message"]) == ("failed", MESSAGE)
    assert row["attempt"] == 1  # not retried: the deadline had passed
    assert stage_calls(fake, tag) == {"plan": 1}
    assert all(j["status"] != "doing" for j in observer.jobs_for(task_id))
