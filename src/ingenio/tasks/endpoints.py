"""The contract's four endpoints under ``/api/v1/generate``. Thin: auth, body, one call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, Request
from starlette.responses import Response, StreamingResponse

from ingenio.deps import (
    ContainerDep,
    CurrentUser,
    TaskReaderDep,
    parse_task_id,
    stream_user,
    task_service,
)
from ingenio.errors import BadRequest, TaskNotFound
from ingenio.http import ok, ok_raw
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.schemas import CreateTaskBody
from ingenio.tasks.status import TaskStatus
from ingenio.tasks.stream import task_events

router = APIRouter(prefix="/api/v1/generate", tags=["generate"])


@router.post("/async", summary="创建异步生成任务")
async def create_task(
    body: Annotated[CreateTaskBody, Body()], user: CurrentUser, container: ContainerDep
) -> Response:
    async with task_service(container) as tasks:
        task_id = await tasks.create(user, body)
    return ok(str(task_id))


@router.get("/status/{taskId}", summary="查询任务状态")
async def task_status(taskId: str, user: CurrentUser, reader: TaskReaderDep) -> Response:
    return ok_raw(await reader.status_json(user, parse_task_id(taskId)))


@router.post("/cancel/{taskId}", summary="取消任务")
async def cancel_task(taskId: str, user: CurrentUser, container: ContainerDep) -> Response:
    task_id = parse_task_id(taskId)
    async with task_service(container) as tasks:
        await tasks.cancel(user, task_id)
    return ok("任务已取消")


@router.get("/tasks", summary="获取用户任务列表")
async def list_tasks(
    user: CurrentUser,
    reader: TaskReaderDep,
    pageNum: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    pageSize: Annotated[int, Query(ge=1, le=100)] = 10,
    status: Annotated[str | None, Query()] = None,
) -> Response:
    return ok(await reader.list_page(user, pageNum, pageSize, _status(status)))


def _status(value: str | None) -> TaskStatus | None:
    if value is None or value == "":
        return None
    try:
        return TaskStatus(value)
    except ValueError as exc:
        allowed = "、".join(s.value for s in TaskStatus)
        raise BadRequest(f"任务状态筛选值无效：{value}（可选：{allowed}）") from exc


@router.post("/events/{taskId}/token", summary="获取事件流令牌（供浏览器EventSource使用）")
async def stream_token(taskId: str, user: CurrentUser, reader: TaskReaderDep) -> Response:
    return ok(await reader.stream_token(user, parse_task_id(taskId)))


@router.get(
    "/events/{taskId}",
    summary="任务事件流（Server-Sent Events）",
    response_class=StreamingResponse,
    description="每次状态变化推送一条 `status` 事件（内容与状态查询相同），id 为递增序号；"
    "断线后携带 Last-Event-ID 重连不会丢失事件；终态之后推送 `end` 并关闭。"
    "认证：Authorization 头，或 `token` 参数（由 /events/{taskId}/token 获取的短期令牌）。",
)
async def task_event_stream(
    taskId: str,
    request: Request,
    container: ContainerDep,
    token: Annotated[str | None, Query()] = None,
    lastEventId: Annotated[int | None, Query(ge=0)] = None,
) -> StreamingResponse:
    task_id = parse_task_id(taskId)
    user = stream_user(request, container, task_id, token)
    async with container.sessions() as session:
        row = await TaskRepository(session).get_owned(task_id, user.user_id)
    if row is None:
        raise TaskNotFound()
    last = lastEventId if lastEventId is not None else _last_event_id(request)
    return StreamingResponse(
        task_events(task_id, last, container.sessions, container.bus),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _last_event_id(request: Request) -> int:
    raw = request.headers.get("last-event-id", "").strip()
    if not raw:
        return 0
    if not raw.isdecimal():
        raise BadRequest("Last-Event-ID格式错误")
    return int(raw)


@router.get("/result/{taskId}", summary="任务的各阶段结果（规划、AppSpec、质量报告、文件清单）")
async def task_result(taskId: str, user: CurrentUser, reader: TaskReaderDep) -> Response:
    return ok(await reader.result(user, parse_task_id(taskId)))


@router.get("/files/{taskId}", summary="读取生成项目中的一个文件（文本）")
async def project_file(
    taskId: str,
    path: Annotated[str, Query(min_length=1, max_length=500)],
    user: CurrentUser,
    reader: TaskReaderDep,
) -> Response:
    return ok(await reader.project_file(user, parse_task_id(taskId), path))
