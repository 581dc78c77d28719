"""Rows to the contract's views. Runs once per state change (the result is cached as bytes)."""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from ingenio.clock import iso, utcnow
from ingenio.pipeline.events import STAGES
from ingenio.readdb import ReadRow
from ingenio.storage.base import ArtifactStore
from ingenio.tasks import status_json
from ingenio.tasks.estimates import StageTimings
from ingenio.tasks.models import GenerationTask
from ingenio.tasks.schemas import AgentView, TaskStatusView
from ingenio.tasks.status import AGENT_NAMES, AgentStatus, TaskStatus


class NewTask:
    """A task about to be inserted, read like a row: its values, None for every other column."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values
        # Read as plain attributes: __getattr__ runs only for the columns not given.
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return None

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values.values())


# A task as the views read it: the ORM row a write returned, a lean read's row, a new task.
TaskRow = GenerationTask | ReadRow | NewTask

ZIP_TYPE = "application/zip"
_MAX_LINKS = 50_000  # signed links remembered (about 20 MB at most)
HTML_TYPE = "text/html; charset=utf-8"


_INITIAL_AGENTS = tuple(
    AgentView(
        agent_type=stage.value,
        agent_name=AGENT_NAMES[stage],
        status=AgentStatus.PENDING.value,
        status_description=AgentStatus.PENDING.description,
    ).model_dump(mode="json")
    for stage in STAGES
)


def initial_agents() -> list[dict[str, Any]]:
    """The four agents of a new task, all pending (fresh copies: callers change them)."""
    return [{**agent, "metadata": {}} for agent in _INITIAL_AGENTS]


def mark_running_agents(
    agents: list[dict[str, Any]] | None, status: AgentStatus, **fields: Any
) -> list[dict[str, Any]]:
    """A copy of ``agents`` with each running one set to ``status`` (and ``fields``)."""
    return [
        {**a, "status": status.value, "statusDescription": status.description, **fields}
        if a.get("status") == AgentStatus.RUNNING.value
        else a
        for a in (agents or initial_agents())
    ]


def artifact_keys(task_id: str, app_name: str) -> tuple[str, str]:
    """Storage keys of a task's ZIP and preview; the ZIP's name is the download's file name."""
    slug = re.sub(r"(?<!^)(?=[A-Z])", "-", app_name).lower()
    slug = re.sub(r"[^a-z0-9-]+", "", slug).strip("-") or "app"
    return f"tasks/{task_id}/{slug}.zip", f"tasks/{task_id}/preview.html"


class TaskViews:
    """Builds status and list views; signs artifact links so a browser can open them.

    Links expire on the hour (at least ``url_ttl - 1 h`` from now), so one signature serves
    every view of a task for an hour: a list page of finished tasks no longer signs each row.
    """

    def __init__(self, store: ArtifactStore, url_ttl: int, timings: StageTimings) -> None:
        self.store = store
        self.url_ttl = url_ttl
        self.timings = timings
        self._links: OrderedDict[tuple[str, int], str] = OrderedDict()

    def _link(self, key: str, filename: str, content_type: str) -> str:
        now = int(time.time())
        expires_at = (now + self.url_ttl) // 3600 * 3600
        memo = self._links.get((key, expires_at))
        if memo is None:
            memo = self.store.url(
                key, filename=filename, content_type=content_type, expires_in=expires_at - now
            )
            self._links[(key, expires_at)] = memo
            if len(self._links) > _MAX_LINKS:
                self._links.popitem(last=False)
        return memo

    def download_url(self, row: TaskRow) -> str | None:
        return self.zip_link(row.status, row.zip_key)

    def zip_link(self, status: str, zip_key: str | None) -> str | None:
        if status != TaskStatus.COMPLETED or not zip_key:
            return None
        return self._link(zip_key, zip_key.rsplit("/", 1)[-1], ZIP_TYPE)

    def preview_url(self, row: TaskRow) -> str | None:
        if row.status != TaskStatus.COMPLETED or not row.preview_key:
            return None
        return self._link(row.preview_key, "preview.html", HTML_TYPE)

    def status_fields(self, row: TaskRow) -> dict[str, Any]:
        """``TaskStatusView``'s fields by Python name; agents and usage as stored."""
        status = TaskStatus(row.status)
        agents = row.agents_info or initial_agents()
        remaining = 0 if status.is_terminal else self.timings.remaining_seconds(agents, utcnow())
        return {
            "task_id": str(row.id),
            "task_name": row.task_name,
            "user_requirement": row.user_requirement,
            "status": status.value,
            "status_description": status.description,
            "current_agent": row.current_agent,
            "progress": row.progress,
            "agents": agents,
            "started_at": iso(row.started_at),
            "completed_at": iso(row.completed_at),
            "estimated_remaining_seconds": remaining,
            "app_spec_id": str(row.app_spec_id) if row.app_spec_id else None,
            "quality_score": row.quality_score,
            "download_url": self.download_url(row),
            "preview_url": self.preview_url(row),
            "token_usage": row.token_usage or {},
            "error_message": row.error_message,
            "created_at": iso(row.created_at),
            "updated_at": iso(row.updated_at),
        }

    def status(self, row: TaskRow) -> TaskStatusView:
        """The view as its model (the reference ``status_json`` is tested against)."""
        return status_json.model(self.status_fields(row))

    def status_json(self, row: TaskRow) -> bytes:
        """The view's JSON bytes, as cached, streamed and served."""
        return status_json.dumps(self.status_fields(row))

    def list_item(self, row: ReadRow) -> dict[str, Any]:
        """One task of a list page, in the contract's field order (a dict: no model per row)."""
        status = str(row.status)
        app_spec_id = row.app_spec_id
        return {
            "taskId": str(row.id),
            "taskName": row.task_name,
            "status": status,
            "statusDescription": TaskStatus(status).description,
            "progress": row.progress,
            "currentAgent": row.current_agent,
            "appSpecId": str(app_spec_id) if app_spec_id else None,
            "qualityScore": row.quality_score,
            "downloadUrl": self.zip_link(status, row.zip_key),
            "errorMessage": row.error_message,
            "createdAt": iso(row.created_at),
            "completedAt": iso(row.completed_at),
            "updatedAt": iso(row.updated_at),
        }
