"""Time left, from observed stage durations (an exponential running average per stage).

The system this replaces derived the estimate from the progress percentage and it grew without
end. Here each stage's expected duration is learned from finished stages (seeded at start-up from
recent tasks), and the estimate is the unfinished part of the current stage plus the expected
durations of the stages after it: never negative, and 0 once the task is terminal.
"""

from __future__ import annotations

from datetime import datetime

from ingenio.clock import as_utc
from ingenio.pipeline.events import STAGES, Stage

# Starting points before anything was observed: the offline brain's order of magnitude.
DEFAULT_STAGE_SECONDS = {
    Stage.PLAN: 1.0,
    Stage.EXECUTE: 1.0,
    Stage.VALIDATE: 0.5,
    Stage.GENERATE: 2.0,
}
_ALPHA = 0.2  # weight of the newest observation


class StageTimings:
    def __init__(self, seed: dict[Stage, float] | None = None) -> None:
        self._avg = dict(DEFAULT_STAGE_SECONDS)
        if seed:
            self._avg.update(seed)

    def observe(self, stage: Stage, seconds: float) -> None:
        self._avg[stage] = (1 - _ALPHA) * self._avg[stage] + _ALPHA * max(0.0, seconds)

    def average(self, stage: Stage) -> float:
        return self._avg[stage]

    def remaining_seconds(self, agents: list[dict[str, object]], now: datetime) -> int:
        """Expected seconds left for a running task whose agents look like ``agents``."""
        by_type = {a.get("agentType"): a for a in agents}
        total = 0.0
        for stage in STAGES:
            agent = by_type.get(stage.value, {})
            status = agent.get("status", "pending")
            if status == "completed":
                continue
            expected = self._avg[stage]
            started = agent.get("startedAt")
            if status == "running" and isinstance(started, str):
                elapsed = (now - as_utc(datetime.fromisoformat(started))).total_seconds()
                total += max(0.0, expected - elapsed)
            else:
                total += expected
        return max(0, round(total))
