"""FastAPI dependencies: the container, the unit of work, the current user, the services."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from ingenio.auth.tokens import STREAM, AuthUser
from ingenio.container import Container
from ingenio.db import UnitOfWork
from ingenio.errors import BadRequest, Unauthorized
from ingenio.tasks.service import TaskService


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


async def get_uow(container: ContainerDep) -> AsyncIterator[UnitOfWork]:
    """Commits after the handler returns and before the response is sent (scope="function"),
    so a client never receives the id of a task that is not committed yet."""
    async with container.sessions() as session:
        uow = UnitOfWork(session)
        try:
            yield uow
        except BaseException:
            await uow.rollback()
            raise
        await uow.commit()


UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("无效的登录凭证")
    return token.strip()


def current_user(request: Request, container: ContainerDep) -> AuthUser:
    token = bearer_token(request)
    if token is None:
        raise Unauthorized("未登录，请先登录")
    return container.codec.verify(token)


CurrentUser = Annotated[AuthUser, Depends(current_user)]


def stream_user(
    request: Request, container: Container, task_id: uuid.UUID, token: str | None
) -> AuthUser:
    """The header's access token, or else a stream token made for exactly this task."""
    header = bearer_token(request)
    if header is not None:
        return container.codec.verify(header)
    if token:
        return container.codec.verify(token, typ=STREAM, task_id=task_id)
    raise Unauthorized("未登录，请先登录")


def parse_task_id(task_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(task_id)
    except ValueError as exc:
        raise BadRequest("任务ID格式错误") from exc


def get_task_service(container: ContainerDep, uow: UowDep) -> TaskService:
    return TaskService(
        uow,
        container.runner,
        container.cache,
        container.publisher,
        container.limiter if container.llm_limited else None,
        container.metrics,
        container.codec,
        container.store,
    )


TaskServiceDep = Annotated[TaskService, Depends(get_task_service)]
