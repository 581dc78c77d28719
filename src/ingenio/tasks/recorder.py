"""Pipeline events to the task row: the row first (compare-and-set), then cache and listeners.

The system this replaces never wrote its intermediate states: progress read 0, then 10, then
100, and ``currentAgent`` stayed ``plan``. Here every stage start, progress step and completion
is a write, fenced by the attempt number; when a write finds the task terminal (cancelled, timed
out) or taken over by a newer attempt, it raises ``StopPipeline`` and the run stops.
"""

from __future__ import annotations

import copy
import logging
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.aio import complete_then_cancel
from ingenio.clock import iso, utcnow
from ingenio.metrics import Metrics
from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.errors import StopPipeline
from ingenio.pipeline.events import (
    PipelineEvent,
    Stage,
    StageCompleted,
    StageFailed,
    StageProgress,
    StageStarted,
    overall_progress,
)
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.project import GeneratedProject
from ingenio.pipeline.report import ValidationReport
from ingenio.pipeline.usage import TokenUsage
from ingenio.tasks.estimates import StageTimings
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import STAGE_STATUS, AgentStatus, TaskStatus
from ingenio.tasks.usage import usage_document
from ingenio.tasks.views import initial_agents, mark_running_agents

log = logging.getLogger("ingenio.tasks")


class TaskRecorder:
    """The pipeline's EventSink for one attempt of one task."""

    def __init__(
        self,
        row: GenerationTask,
        sessions: async_sessionmaker[AsyncSession],
        publisher: StatusPublisher,
        timings: StageTimings,
        metrics: Metrics,
    ) -> None:
        self.task_id: uuid.UUID = row.id
        self.user_id = row.user_id
        self.attempt = row.attempt
        self.agents: list[dict[str, Any]] = copy.deepcopy(row.agents_info or initial_agents())
        self.usage = dict((row.token_usage or {}).get("stages", {}))
        self.progress = row.progress
        self._sessions = sessions
        self._publisher = publisher
        self._timings = timings
        self._metrics = metrics

    def _agent(self, stage: Stage) -> dict[str, Any]:
        return next(a for a in self.agents if a["agentType"] == stage.value)

    def _set_agent_status(self, agent: dict[str, Any], status: AgentStatus) -> None:
        agent["status"] = status.value
        agent["statusDescription"] = status.description

    async def __call__(self, event: PipelineEvent) -> None:
        if isinstance(event, StageStarted):
            await self._started(event)
        elif isinstance(event, StageProgress):
            await self._progress(event)
        elif isinstance(event, StageCompleted):
            await self._completed(event)
        else:
            await self._failed(event)

    async def _started(self, event: StageStarted) -> None:
        agent = self._agent(event.stage)
        self._set_agent_status(agent, AgentStatus.RUNNING)
        agent.update(
            startedAt=iso(event.at),
            completedAt=None,
            durationMs=None,
            progress=0,
            resultSummary=None,
            errorMessage=None,
        )
        await self.write(
            status=STAGE_STATUS[event.stage].value,
            current_agent=event.stage.value,
            progress=self._advance(overall_progress(event.stage, 0)),
        )

    async def _progress(self, event: StageProgress) -> None:
        agent = self._agent(event.stage)
        agent["progress"] = max(int(agent.get("progress") or 0), event.percent)
        await self.write(progress=self._advance(overall_progress(event.stage, event.percent)))

    async def _completed(self, event: StageCompleted) -> None:
        agent = self._agent(event.stage)
        self._set_agent_status(agent, AgentStatus.COMPLETED)
        agent.update(
            completedAt=iso(event.at),
            durationMs=event.duration_ms,
            progress=100,
            resultSummary=event.summary,
            metadata={**event.metadata, "usage": _usage_meta(event.usage)},
        )
        self._timings.observe(event.stage, event.duration_ms / 1000)
        self._metrics.stage_seconds.labels(event.stage.value).observe(event.duration_ms / 1000)
        values = self._usage_values(event.stage, event.usage)
        values.update(_output_columns(event.output))
        values["progress"] = self._advance(overall_progress(event.stage, 100))
        await self.write(**values)

    async def _failed(self, event: StageFailed) -> None:
        agent = self._agent(event.stage)
        self._set_agent_status(agent, AgentStatus.FAILED)
        agent.update(
            completedAt=iso(event.at), durationMs=event.duration_ms, errorMessage=event.message
        )
        values = self._usage_values(event.stage, event.usage)
        if event.output is not None:
            values.update(_output_columns(event.output))
        await self.write(**values)

    def _advance(self, progress: int) -> int:
        # Monotonic, and 100 only once the task is completed (artifacts stored).
        self.progress = max(self.progress, min(99, progress))
        return self.progress

    def _usage_values(self, stage: Stage, usage: TokenUsage) -> dict[str, Any]:
        if usage.calls == 0 and usage.total_tokens == 0:
            return {}
        self.usage[stage.value] = usage.model_dump(mode="json")
        for kind, n in (("prompt", usage.prompt_tokens), ("completion", usage.completion_tokens)):
            self._metrics.llm_tokens.labels(stage.value, kind).inc(n)
        if usage.cost:
            self._metrics.llm_cost.labels(stage.value).inc(usage.cost)
        return {"token_usage": usage_document(self.usage)}

    async def write(self, **values: Any) -> GenerationTask:
        """Apply ``values`` if this attempt still owns a live task; else stop the pipeline.

        A cancellation (user cancel, shutdown, timeout) that arrives during the write waits for
        it to land: cancelling a database call half-way only aborts the connection, and the
        write is a few milliseconds.
        """
        values["agents_info"] = copy.deepcopy(self.agents)
        values["updated_at"] = utcnow()
        return await complete_then_cancel(self._write(values))

    async def _write(self, values: dict[str, Any]) -> GenerationTask:
        async with self._sessions() as session, session.begin():
            row = await TaskRepository(session).update_live(self.task_id, self.attempt, values)
            if row is None:
                raise StopPipeline()
            status_json = await self._publisher.record(session, row)
        await self._publisher.announce(row, status_json)
        return row

    async def finish(self, status: TaskStatus, **values: Any) -> GenerationTask | None:
        """The terminal write; None when the task was already final (e.g. cancelled)."""
        now = utcnow()
        if status is TaskStatus.FAILED:
            self.agents = mark_running_agents(
                self.agents, AgentStatus.FAILED, errorMessage=values.get("error_message")
            )
        try:
            row = await self.write(status=status.value, completed_at=now, **values)
        except StopPipeline:
            return None
        self._metrics.tasks_finished.labels(status.value).inc()
        return row


def _usage_meta(usage: TokenUsage) -> dict[str, Any]:
    return {
        "promptTokens": usage.prompt_tokens,
        "completionTokens": usage.completion_tokens,
        "cachedTokens": usage.cached_tokens,
        "calls": usage.calls,
        "estimated": usage.estimated,
        "cost": usage.cost,
    }


def _output_columns(output: object) -> dict[str, Any]:
    if isinstance(output, PlanResult):
        return {"plan_result": output.model_dump(mode="json")}
    if isinstance(output, AppSpec):
        return {"app_spec_content": output.model_dump(mode="json"), "app_spec_id": uuid.uuid4()}
    if isinstance(output, ValidationReport):
        return {
            "validate_result": output.model_dump(mode="json"),
            "quality_score": output.quality_score,
        }
    if isinstance(output, GeneratedProject):
        return {"generate_result": output.model_dump(mode="json")}
    return {}
