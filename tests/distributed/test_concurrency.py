"""Two API processes, two workers: many tasks, each run exactly once, within each worker's slots."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable

import pytest

from ingenio.testing.fake_llm import FakeLLM, Reply
from tests.distributed.observe import (
    TERMINAL,
    ConcurrencySampler,
    Observer,
    create,
    stage_calls,
    status,
    tagged_requirement,
)
from tests.distributed.processes import Deployment, Fleet, WorkerProcess, wait_until
from tests.support.server import ServerProcess, register

TASKS = 40

pytestmark = pytest.mark.slow  # OS processes, seconds each


def test_forty_tasks_through_alternating_apis_each_run_once(
    apis: tuple[ServerProcess, ServerProcess],
    fleet: Fleet,
    fake_llm: Callable[[Reply], FakeLLM],
    observer: Observer,
    deployment: Deployment,
) -> None:
    fake = fake_llm(Reply.smart().delayed(0.3))  # three calls per task: each holds a slot ~1 s
    workers = fleet.ensure([2, 3])
    a, b = apis
    user = register(a.url, "many-" + uuid.uuid4().hex[:8])

    tags: dict[str, str] = {}
    with ConcurrencySampler(deployment.database_url) as sampler:
        for i in range(TASKS):
            tag, requirement = tagged_requirement()
            tags[create((a, b)[i % 2].url, user, requirement)] = tag
        wait_until(
            lambda: set(observer.statuses(tags).values()) <= TERMINAL, 240, "all tasks finished"
        )

    assert Counter(observer.statuses(tags).values()) == {"completed": TASKS}
    # Written by workers, readable through either API process.
    some = next(iter(tags))
    assert status(b.url, user, some)["downloadUrl"]
    assert status(a.url, user, some)["progress"] == 100

    # No task ran twice: one attempt, one start in all worker logs, one plan call at the LLM.
    assert {observer.task(t)["attempt"] for t in tags} == {1}
    starts = Counter(t for w in workers for t, _ in w.started_tasks() if t in tags)
    assert starts == Counter(dict.fromkeys(tags, 1))
    for task_id, tag in tags.items():
        assert stage_calls(fake, tag) == {"plan": 1, "execute": 1, "validate": 1}, task_id

    # Never more running on a worker than its --concurrency; both workers took part.
    assert len(sampler.samples) > 50
    owner = {wid: worker_running(workers, seen) for wid, seen in sampler.tasks_of(tags).items()}
    assert len(set(owner.values())) == len(workers), owner
    peaks = sampler.peaks(tags)
    for worker_id, peak in peaks.items():
        assert peak <= owner[worker_id].concurrency, (owner[worker_id].name, peak)
    # The bound was reached, so the check above was not vacuous.
    assert any(peak == owner[wid].concurrency for wid, peak in peaks.items())


def worker_running(workers: list[WorkerProcess], task_ids: set[str]) -> WorkerProcess:
    """The worker process whose log shows it started every one of ``task_ids``."""
    [worker] = [w for w in workers if task_ids <= {t for t, _ in w.started_tasks()}]
    return worker
