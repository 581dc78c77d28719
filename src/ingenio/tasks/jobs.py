"""Running one task, whichever runner calls it, and recovering tasks a crash left behind.

A run claims a new attempt (fencing out any older one), resumes at the first stage without a
stored result, runs under the task's deadline (fixed when execution first started, so retries do
not extend it), stores the artifacts and only then marks the task completed. Cancellation is a
plain asyncio cancellation: the row is already final when it arrives, so nothing is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.aio import complete_then_cancel
from ingenio.clock import as_utc, utcnow
from ingenio.config import Settings
from ingenio.metrics import Metrics
from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import Brain, CallGate, open_gate
from ingenio.pipeline.errors import PipelineError, StopPipeline
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.report import ValidationReport
from ingenio.pipeline.request import GenerationRequest, PipelineResult, PriorResults
from ingenio.pipeline.run import run_pipeline
from ingenio.ratelimit.base import AICallLimiter
from ingenio.ratelimit.gate import StageTracker, make_call_gate
from ingenio.storage.base import ArtifactStore
from ingenio.tasks.estimates import StageTimings
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.recorder import TaskRecorder
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import TaskStatus, timeout_message
from ingenio.tasks.views import HTML_TYPE, ZIP_TYPE, artifact_keys

log = logging.getLogger("ingenio.tasks")

INTERNAL_FAILURE = "任务执行失败：服务器内部错误"
TOO_MANY_ATTEMPTS = "任务执行多次中断（已尝试{n}次），已停止重试，请重新创建任务"


@dataclass
class ExecutionDeps:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    brain: Brain
    store: ArtifactStore
    publisher: StatusPublisher
    timings: StageTimings
    metrics: Metrics
    # The per-user AI-call budget; None when the brain makes no LLM calls (offline).
    limiter: AICallLimiter | None


class TaskExecutor:
    def __init__(self, deps: ExecutionDeps) -> None:
        self.deps = deps

    async def __call__(self, task_id: uuid.UUID) -> None:
        d = self.deps
        timeout = timedelta(seconds=d.settings.runner.task_timeout_seconds)
        async with d.sessions() as session, session.begin():
            repo = TaskRepository(session)
            row = await repo.get(task_id)
            if row is None or TaskStatus(row.status).is_terminal:
                return
            claimed = await repo.claim(task_id, row.attempt, utcnow(), timeout)
            if claimed is None:  # cancelled or taken by another attempt meanwhile
                return
            claimed_json = await d.publisher.record(session, claimed)
        recorder = TaskRecorder(claimed, d.sessions, d.publisher, d.timings, d.metrics)
        if claimed.attempt > d.settings.runner.max_attempts:
            await self._fail(recorder, TOO_MANY_ATTEMPTS.format(n=claimed.attempt - 1))
            return
        log.info(
            "task.start",
            extra={
                "taskId": str(task_id),
                "userId": str(claimed.user_id),
                "attempt": claimed.attempt,
            },
        )
        await complete_then_cancel(d.publisher.announce(claimed, claimed_json))
        assert claimed.deadline_at is not None
        seconds_left = (as_utc(claimed.deadline_at) - utcnow()).total_seconds()
        events = StageTracker(recorder)
        try:
            async with asyncio.timeout(max(0.0, seconds_left)):
                result = await run_pipeline(
                    _request(claimed),
                    d.brain,
                    events,
                    prior=_prior(claimed),
                    call_gate=self._gate(claimed, events),
                )
                await self._complete(recorder, claimed, result)
        except TimeoutError:
            await self._fail(recorder, timeout_message(d.settings.runner.task_timeout_seconds))
        except StopPipeline:
            log.info("task.stopped", extra={"taskId": str(task_id)})
        except PipelineError as exc:
            await self._fail(recorder, exc.message)
        except Exception:
            log.exception("task.crashed", extra={"taskId": str(task_id)})
            await self._fail(recorder, INTERNAL_FAILURE)

    def _gate(self, row: GenerationTask, events: StageTracker) -> CallGate:
        limiter = self.deps.limiter
        if limiter is None:
            return open_gate
        max_wait = self.deps.settings.rate_limit.ai_call_max_wait_seconds
        return make_call_gate(limiter, str(row.user_id), max_wait, stage=events.current_stage)

    async def _fail(self, recorder: TaskRecorder, message: str) -> None:
        row = await recorder.finish(TaskStatus.FAILED, error_message=message)
        if row is not None:
            log.error(
                "task.failed",
                extra={"taskId": str(row.id), "userId": str(row.user_id), "reason": message},
            )

    async def _complete(
        self, recorder: TaskRecorder, row: GenerationTask, result: PipelineResult
    ) -> None:
        store = self.deps.store
        zip_key, preview_key = artifact_keys(str(row.id), result.app_spec.app_name)
        uploads = [(zip_key, result.project.zip_bytes, ZIP_TYPE)]
        if result.project.preview_html is not None:
            uploads.append((preview_key, result.project.preview_html.encode(), HTML_TYPE))
        keys = [key for key, _, _ in uploads]
        done = None
        try:
            await _put_all(store, uploads)
            done = await recorder.finish(
                TaskStatus.COMPLETED,
                progress=100,
                zip_key=zip_key,
                preview_key=preview_key if len(uploads) > 1 else None,
                download_url=f"/api/v1/generate/download/{row.id}",
                preview_url=f"/api/v1/generate/preview/{row.id}" if len(uploads) > 1 else None,
            )
        finally:
            if done is None:  # cancelled, timed out or failed: publish nothing
                await asyncio.shield(_delete_all(store, keys))
        if done is None:
            return
        log.info(
            "task.completed",
            extra={
                "taskId": str(row.id),
                "userId": str(row.user_id),
                "appSpecId": str(done.app_spec_id),
            },
        )


async def _put_all(store: ArtifactStore, uploads: list[tuple[str, bytes, str]]) -> None:
    # A cancellation waits for the write in flight, so the clean-up after it deletes
    # everything that was written and nothing is left running.
    for key, data, content_type in uploads:
        await complete_then_cancel(store.put(key, data, content_type=content_type))


async def _delete_all(store: ArtifactStore, keys: list[str]) -> None:
    for key in keys:
        with contextlib.suppress(Exception):
            await store.delete(key)


def _request(row: GenerationTask) -> GenerationRequest:
    return GenerationRequest(
        requirement=row.user_requirement,
        skip_validation=row.skip_validation,
        quality_threshold=row.quality_threshold,
        generate_preview=row.generate_preview,
        package_name=row.package_name,
    )


def _prior(row: GenerationTask) -> PriorResults:
    """Results of stages an earlier attempt finished; unreadable ones are simply redone."""
    try:
        plan = PlanResult.model_validate(row.plan_result) if row.plan_result else None
        spec = AppSpec.model_validate(row.app_spec_content) if row.app_spec_content else None
        report = (
            ValidationReport.model_validate(row.validate_result)
            if row.validate_result and spec
            else None
        )
    except ValidationError:
        log.warning("task.prior_unreadable", extra={"taskId": str(row.id)})
        return PriorResults()
    if plan is None:
        return PriorResults()
    return PriorResults(plan=plan, app_spec=spec if plan else None, report=report)
