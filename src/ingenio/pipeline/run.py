"""The orchestrator: plan -> execute -> validate (quality gate) -> generate, top to bottom.

Every stage is announced (StageStarted), may report progress, and ends with StageCompleted or
StageFailed carrying its duration, summary, usage and output. Cancellation (asyncio) passes
straight through: the caller decides what a cancelled task looks like.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

from ingenio.pipeline.brains.base import Brain, BrainContext, CallGate, open_gate
from ingenio.pipeline.errors import PipelineError, QualityGateFailed, StopPipeline
from ingenio.pipeline.events import (
    EventSink,
    Stage,
    StageCompleted,
    StageFailed,
    StageProgress,
    StageStarted,
    discard_events,
)
from ingenio.pipeline.request import GenerationRequest, PipelineResult, PriorResults
from ingenio.pipeline.stages.execute import execute_stage
from ingenio.pipeline.stages.generate import generate_stage
from ingenio.pipeline.stages.outcome import StageOutcome
from ingenio.pipeline.stages.plan import plan_stage
from ingenio.pipeline.stages.validate import quality_gate, validate_stage
from ingenio.pipeline.usage import TokenUsage

log = logging.getLogger("ingenio.pipeline")
T = TypeVar("T")

STAGE_LABELS = {
    Stage.PLAN: "规划Agent",
    Stage.EXECUTE: "执行Agent",
    Stage.VALIDATE: "验证Agent",
    Stage.GENERATE: "代码生成Agent",
}


async def run_pipeline(
    request: GenerationRequest,
    brain: Brain,
    events: EventSink = discard_events,
    *,
    prior: PriorResults | None = None,
    call_gate: CallGate = open_gate,
) -> PipelineResult:
    """Run the four agents; stages whose output is in ``prior`` are not run again."""
    prior = prior or PriorResults()
    runner = _StageRunner(events, call_gate)

    plan = prior.plan
    if plan is None:
        plan = await runner.run(Stage.PLAN, lambda ctx: plan_stage(request, brain, ctx))
    spec = prior.app_spec
    if spec is None:
        spec = await runner.run(Stage.EXECUTE, lambda ctx: execute_stage(request, plan, brain, ctx))
    report = prior.report
    if report is None:
        report = await runner.run(
            Stage.VALIDATE,
            lambda ctx: validate_stage(request, spec, brain, ctx),
            gate=lambda outcome: quality_gate(outcome.output, request),
        )
    project = await runner.run(Stage.GENERATE, lambda ctx: generate_stage(request, spec, ctx))
    return PipelineResult(plan, spec, report, project, usage=runner.usage)


class _StageRunner:
    def __init__(self, events: EventSink, call_gate: CallGate) -> None:
        self._events = events
        self._call_gate = call_gate
        self.usage: dict[Stage, TokenUsage] = {}

    async def run(
        self,
        stage: Stage,
        body: Callable[[BrainContext], Awaitable[StageOutcome[T]]],
        *,
        gate: Callable[[StageOutcome[T]], str | None] | None = None,
    ) -> T:
        started = time.monotonic()
        await self._events(StageStarted(stage, _now()))
        log.info("stage.start", extra={"stage": stage.value})
        last_percent = 0

        async def on_progress(percent: int, message: str) -> None:
            nonlocal last_percent
            percent = max(last_percent, min(99, percent))  # monotonic; 100 means completed
            last_percent = percent
            await self._events(StageProgress(stage, percent, message))

        ctx = BrainContext(call_gate=self._call_gate, on_progress=on_progress)
        try:
            outcome = await body(ctx)
        except StopPipeline:
            raise
        except PipelineError as exc:
            self.usage[stage] = exc.usage
            await self._failed(stage, started, exc.message)
            raise
        except Exception as exc:
            # Unexpected: keep the stack in the log, show the user a plain reason.
            log.exception("stage.error", extra={"stage": stage.value})
            message = f"{STAGE_LABELS[stage]}执行出现内部错误"
            await self._failed(stage, started, message)
            raise PipelineError(stage, message) from exc
        self.usage[stage] = outcome.usage
        blocked = gate(outcome) if gate else None
        if blocked:
            await self._failed(stage, started, blocked, outcome)
            raise QualityGateFailed(stage, blocked)
        duration_ms = _elapsed_ms(started)
        await self._events(
            StageCompleted(
                stage,
                _now(),
                duration_ms,
                outcome.summary,
                outcome.usage,
                outcome.output,  # type: ignore[arg-type]
                outcome.metadata,
            )
        )
        log.info("stage.complete", extra={"stage": stage.value, "duration_ms": duration_ms})
        return outcome.output

    async def _failed(
        self, stage: Stage, started: float, message: str, outcome: StageOutcome[T] | None = None
    ) -> None:
        duration_ms = _elapsed_ms(started)
        usage = outcome.usage if outcome else self.usage.get(stage, TokenUsage())
        output = outcome.output if outcome else None
        await self._events(
            StageFailed(
                stage,
                _now(),
                duration_ms,
                message,
                usage,
                output,  # type: ignore[arg-type]
            )
        )
        log.warning(
            "stage.error",
            extra={"stage": stage.value, "duration_ms": duration_ms, "reason": message},
        )


def _now() -> datetime:
    return datetime.now(UTC)


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
