"""What the pipeline tells its caller while it runs.

The service persists every event (row first, then cache), so these carry everything a status
reader needs: timings, summaries, usage, and each stage's output so that a restarted task can
resume at its first unfinished stage.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.project import GeneratedProject
from ingenio.pipeline.report import ValidationReport
from ingenio.pipeline.usage import TokenUsage


class Stage(StrEnum):
    PLAN = "plan"
    EXECUTE = "execute"
    VALIDATE = "validate"
    GENERATE = "generate"


STAGES: tuple[Stage, ...] = (Stage.PLAN, Stage.EXECUTE, Stage.VALIDATE, Stage.GENERATE)

# Share of the overall progress bar each stage owns (start, end). Weighted by how long the
# stages take with an LLM brain: planning and spec generation dominate.
STAGE_RANGES: dict[Stage, tuple[int, int]] = {
    Stage.PLAN: (0, 25),
    Stage.EXECUTE: (25, 55),
    Stage.VALIDATE: (55, 70),
    Stage.GENERATE: (70, 100),
}


def overall_progress(stage: Stage, stage_percent: int) -> int:
    """Map a stage's own 0-100 progress onto the task's 0-100 bar."""
    start, end = STAGE_RANGES[stage]
    pct = min(100, max(0, stage_percent))
    return start + (end - start) * pct // 100


StageOutput = PlanResult | AppSpec | ValidationReport | GeneratedProject


@dataclass(frozen=True)
class StageStarted:
    stage: Stage
    at: datetime


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    percent: int
    message: str = ""


@dataclass(frozen=True)
class StageCompleted:
    stage: Stage
    at: datetime
    duration_ms: int
    summary: str
    usage: TokenUsage
    output: StageOutput
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StageFailed:
    stage: Stage
    at: datetime
    duration_ms: int
    message: str
    usage: TokenUsage
    # Set when the stage produced something worth keeping despite failing: the quality gate
    # fails the validate stage but the report explains the score to the user.
    output: StageOutput | None = None


PipelineEvent = StageStarted | StageProgress | StageCompleted | StageFailed
EventSink = Callable[[PipelineEvent], Awaitable[None]]


async def discard_events(event: PipelineEvent) -> None:
    """An EventSink for callers that only want the result."""
