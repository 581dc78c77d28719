"""The four operations of the contract. Never commits: the request's unit of work does.

Ownership is checked here, once, for every operation: another user's task behaves exactly like
a task that does not exist (404), so ids cannot be probed.
"""

from __future__ import annotations

import asyncio
import io
import logging
import math
import uuid
import zipfile
from typing import Any, Literal

from ingenio.auth.tokens import AuthUser, TokenCodec
from ingenio.clock import iso, utcnow
from ingenio.db import UnitOfWork
from ingenio.errors import NotFound, TaskNotCancellable, TaskNotFound, TooManyRequests
from ingenio.metrics import Metrics
from ingenio.ratelimit.base import AICallLimiter
from ingenio.runner.base import TaskRunner
from ingenio.storage.base import ArtifactStore
from ingenio.tasks.cache import StatusCache, pack, unpack
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.schemas import CreateTaskBody, TaskPage, task_name_for
from ingenio.tasks.status import AgentStatus, TaskStatus
from ingenio.tasks.views import initial_agents

log = logging.getLogger("ingenio.tasks")


class TaskService:
    def __init__(
        self,
        uow: UnitOfWork,
        runner: TaskRunner,
        cache: StatusCache,
        publisher: StatusPublisher,
        limiter: AICallLimiter | None,
        metrics: Metrics,
        codec: TokenCodec,
        store: ArtifactStore,
    ) -> None:
        self.codec = codec
        self.store = store
        self.uow = uow
        self.repo = TaskRepository(uow.session)
        self.runner = runner
        self.cache = cache
        self.publisher = publisher
        self.limiter = limiter
        self.metrics = metrics

    async def create(self, user: AuthUser, body: CreateTaskBody) -> uuid.UUID:
        log.info(
            "task.create",
            extra={"userId": str(user.user_id), "requirement": body.user_requirement[:50]},
        )
        if self.limiter is not None:  # only an LLM brain spends the AI-call budget
            wait = await self.limiter.retry_after(str(user.user_id))
            if wait > 0:
                self.metrics.tasks_rejected.labels("rate_limit").inc()
                raise TooManyRequests(
                    f"AI调用次数已达上限，请{max(1, math.ceil(wait / 60))}分钟后重试", wait
                )
        try:
            admission = await self.runner.admit(self.uow)
        except TooManyRequests:
            self.metrics.tasks_rejected.labels("queue_full").inc()
            raise
        now = utcnow()
        row = await self.repo.add(
            GenerationTask(
                id=uuid.uuid4(),
                tenant_id=user.tenant_id,
                user_id=user.user_id,
                task_name=task_name_for(body.user_requirement),
                user_requirement=body.user_requirement,
                status=TaskStatus.PENDING.value,
                progress=0,
                agents_info=initial_agents(),
                skip_validation=body.skip_validation,
                quality_threshold=body.quality_threshold,
                generate_preview=body.generate_preview,
                package_name=body.package_name,
                attempt=0,
                version=1,
                created_at=now,
                updated_at=now,
                token_usage=None,
            )
        )
        await admission.enqueue(row.id)
        status_json = await self.publisher.record(self.uow.session, row)

        async def announce() -> None:
            await self.publisher.announce(row, status_json)
            self.metrics.tasks_created.inc()
            log.info("task.created", extra={"taskId": str(row.id), "userId": str(user.user_id)})

        # Registered after the admission's hook: the pending status is cached before a worker
        # can overwrite it with a later state.
        self.uow.after_commit(announce)
        return row.id

    async def status_json(self, user: AuthUser, task_id: uuid.UUID) -> bytes:
        """The status view's JSON: from the cache when possible, else from the database."""
        cached = await self.cache.get(str(task_id))
        if cached is not None and (entry := unpack(cached)) is not None:
            if entry.user_id != str(user.user_id):
                raise TaskNotFound()
            return entry.status_json
        row = await self.repo.get(task_id)
        if row is None or row.user_id != user.user_id:
            raise TaskNotFound()
        status_json = self.publisher.render(row)
        # Versioned: if a worker cached a newer state since we read the row, that one stays.
        await self.cache.put(
            str(task_id),
            pack(str(row.user_id), row.version, status_json),
            row.version,
            self.publisher.ttl(row.status),
        )
        return status_json

    async def cancel(self, user: AuthUser, task_id: uuid.UUID) -> None:
        row = await self.repo.get_owned(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        if TaskStatus(row.status).is_terminal:
            raise TaskNotCancellable(row.status)
        now = iso(utcnow())
        agents = [
            {
                **a,
                "status": AgentStatus.CANCELLED.value,
                "statusDescription": AgentStatus.CANCELLED.description,
                "completedAt": now,
            }
            if a.get("status") == AgentStatus.RUNNING.value
            else a
            for a in (row.agents_info or initial_agents())
        ]
        cancelled = await self.repo.cancel(task_id, user.user_id, utcnow(), agents)
        if cancelled is None:  # finished between our read and our write
            current = await self.repo.get_owned(task_id, user.user_id)
            raise TaskNotCancellable(current.status if current else row.status)
        status_json = await self.publisher.record(self.uow.session, cancelled)

        async def stop_work() -> None:
            await self.publisher.announce(cancelled, status_json)
            await self.runner.cancel(task_id)
            self.metrics.tasks_finished.labels("cancelled").inc()
            log.info("task.cancelled", extra={"taskId": str(task_id), "userId": str(user.user_id)})

        self.uow.after_commit(stop_work)

    async def stream_token(self, user: AuthUser, task_id: uuid.UUID) -> dict[str, str]:
        """A short-lived token that opens this task's event stream, and nothing else."""
        if await self.repo.get_owned(task_id, user.user_id) is None:
            raise TaskNotFound()
        issued = self.codec.issue_stream(user, task_id)
        return {"token": issued.token, "expiresAt": iso(issued.expires_at) or ""}

    async def signed_link(
        self, user: AuthUser, task_id: uuid.UUID, which: Literal["download", "preview"]
    ) -> str:
        """A fresh signed link to the task's ZIP or preview (the stable URLs redirect here)."""
        row = await self.repo.get_owned(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        views = self.publisher.views
        url = views.download_url(row) if which == "download" else views.preview_url(row)
        if url is None:
            raise NotFound(
                "任务尚未完成，暂无可下载的文件" if which == "download" else "该任务没有预览"
            )
        return url

    async def result(self, user: AuthUser, task_id: uuid.UUID) -> dict[str, Any]:
        """What each agent produced, for the UI's report and file tree (null where not yet)."""
        row = await self.repo.get_owned(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        project = row.generate_result or None
        return {
            "plan": row.plan_result,
            "appSpec": row.app_spec_content,
            "report": row.validate_result,
            "project": project,
        }

    async def project_file(self, user: AuthUser, task_id: uuid.UUID, path: str) -> dict[str, Any]:
        """One file of the generated project, read from the stored ZIP."""
        row = await self.repo.get_owned(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        if row.status != "completed" or not row.zip_key:
            raise NotFound("任务尚未完成，暂无生成的文件")
        data = await self.store.get(row.zip_key)
        text = await asyncio.to_thread(read_zip_text, data, path)
        if text is None:
            raise NotFound("文件不存在")
        return {"path": path, "size": len(text.encode()), "content": text}

    async def list_page(
        self, user: AuthUser, page_num: int, page_size: int, status: TaskStatus | None
    ) -> TaskPage:
        total, rows = await self.repo.page(
            user.user_id, status.value if status else None, page_num, page_size
        )
        return TaskPage(
            total=total,
            page_num=page_num,
            page_size=page_size,
            pages=math.ceil(total / page_size) if total else 0,
            tasks=[self.publisher.views.list_item(r) for r in rows],
        )


MAX_VIEWABLE_BYTES = 1_000_000


def read_zip_text(data: bytes, path: str) -> str | None:
    """The text of ``path`` inside the ZIP (as listed in the manifest), or None."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            info = archive.getinfo(path)
        except KeyError:
            return None
        if info.file_size > MAX_VIEWABLE_BYTES:
            return None
        return archive.read(info).decode("utf-8", errors="replace")
