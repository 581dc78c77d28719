"""The Procrastinate app's schedule, read without a database."""

from __future__ import annotations

import pytest

from ingenio.config import DatabaseSettings, RunnerSettings, Settings
from ingenio.runner.queue import REAP, make_queue_app


@pytest.mark.parametrize("every", [1, 5, 7, 30])
def test_the_reaper_runs_every_configured_number_of_seconds(every: int) -> None:
    settings = Settings(
        database=DatabaseSettings(url="postgresql+psycopg://nobody@127.0.0.1:1/none"),
        runner=RunnerSettings(reaper_every_seconds=every),
    )
    app = make_queue_app(settings)
    [periodic] = [p for p in app.periodic_registry.periodic_tasks.values() if p.task.name == REAP]
    start = 1_800_000_000.0  # a whole minute
    ticks = [periodic.croniter.get_next(float, start_time=start)]
    while len(ticks) < 5:
        ticks.append(periodic.croniter.get_next(float))
    gaps = {round(b - a) for a, b in zip([start, *ticks], ticks, strict=False)}
    # A cron step restarts at each minute, so a step that does not divide 60 leaves one
    # shorter gap there; never a longer one.
    assert max(gaps) == every
