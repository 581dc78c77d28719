"""The contract's reads: status, the task list, and what a task produced.

Reads need no unit of work. A status read is served from the cache when it can (the bytes of
the last state change, checked for ownership against the owner stored beside them) and runs one
query on the lean read path (``ingenio.readdb``) on a miss; the list is one query there too.
Only the stage documents (the UI's report and file tree) are read through a session.
"""

from __future__ import annotations

import asyncio
import io
import math
import uuid
import zipfile
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingenio.auth.tokens import AuthUser, TokenCodec
from ingenio.clock import iso
from ingenio.errors import NotFound, TaskNotFound
from ingenio.readdb import ReadDatabase, ReadRow
from ingenio.storage.base import ArtifactStore
from ingenio.tasks.cache import StatusCache, pack, unpack
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.read_repository import TaskReadRepository
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.status import TaskStatus


class TaskReader:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        reads: ReadDatabase,
        cache: StatusCache,
        publisher: StatusPublisher,
        codec: TokenCodec,
        store: ArtifactStore,
    ) -> None:
        self.sessions = sessions
        self.reads = TaskReadRepository(reads)
        self.cache = cache
        self.publisher = publisher
        self.codec = codec
        self.store = store

    async def _owned(self, user: AuthUser, task_id: uuid.UUID) -> ReadRow:
        """The status view's columns of the user's task."""
        row = await self.reads.view(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        return row

    async def _documents(self, user: AuthUser, task_id: uuid.UUID) -> GenerationTask:
        """The user's task with its stage documents."""
        async with self.sessions() as session:
            row = await TaskRepository(session).get_owned(task_id, user.user_id)
        if row is None:
            raise TaskNotFound()
        return row

    async def status_json(self, user: AuthUser, task_id: uuid.UUID) -> bytes:
        """The status view's JSON: from the cache when possible, else from the database."""
        cached = await self.cache.get(str(task_id))
        if cached is not None and (entry := unpack(cached)) is not None:
            if entry.user_id != str(user.user_id):
                raise TaskNotFound()
            return entry.status_json
        row = await self._owned(user, task_id)
        status_json = self.publisher.render(row)
        # Versioned: if a worker cached a newer state since we read the row, that one stays.
        await self.cache.put(
            str(task_id),
            pack(str(row.user_id), row.version, status_json),
            row.version,
            self.publisher.ttl(row.status),
        )
        return status_json

    async def stream_token(self, user: AuthUser, task_id: uuid.UUID) -> dict[str, str]:
        """A short-lived token that opens this task's event stream, and nothing else."""
        await self._owned(user, task_id)
        issued = self.codec.issue_stream(user, task_id)
        return {"token": issued.token, "expiresAt": iso(issued.expires_at) or ""}

    async def signed_link(
        self, user: AuthUser, task_id: uuid.UUID, which: Literal["download", "preview"]
    ) -> str:
        """A fresh signed link to the task's ZIP or preview (the stable URLs redirect here)."""
        row = await self._owned(user, task_id)
        views = self.publisher.views
        url = views.download_url(row) if which == "download" else views.preview_url(row)
        if url is None:
            raise NotFound(
                "任务尚未完成，暂无可下载的文件" if which == "download" else "该任务没有预览"
            )
        return url

    async def result(self, user: AuthUser, task_id: uuid.UUID) -> dict[str, Any]:
        """What each agent produced, for the UI's report and file tree (null where not yet)."""
        row = await self._documents(user, task_id)
        project = row.generate_result or None
        return {
            "plan": row.plan_result,
            "appSpec": row.app_spec_content,
            "report": row.validate_result,
            "project": project,
        }

    async def project_file(self, user: AuthUser, task_id: uuid.UUID, path: str) -> dict[str, Any]:
        """One file of the generated project, read from the stored ZIP."""
        row = await self._owned(user, task_id)
        if row.status != "completed" or not row.zip_key:
            raise NotFound("任务尚未完成，暂无生成的文件")
        data = await self.store.get(row.zip_key)
        text = await asyncio.to_thread(read_zip_text, data, path)
        if text is None:
            raise NotFound("文件不存在")
        return {"path": path, "size": len(text.encode()), "content": text}

    async def list_page(
        self, user: AuthUser, page_num: int, page_size: int, status: TaskStatus | None
    ) -> dict[str, Any]:
        """``{total, pageNum, pageSize, pages, tasks}`` as the contract shows it."""
        total, rows = await self.reads.page(
            user.user_id, status.value if status else None, page_num, page_size
        )
        items = self.publisher.views
        return {
            "total": total,
            "pageNum": page_num,
            "pageSize": page_size,
            "pages": math.ceil(total / page_size) if total else 0,
            "tasks": [items.list_item(row) for row in rows],
        }


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
