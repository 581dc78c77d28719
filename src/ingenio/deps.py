"""FastAPI dependencies: the container, the unit of work, the current user, the services.

All of them are ``async def``: FastAPI runs a plain ``def`` dependency in a thread pool, and that
hop cost more than everything else on the status path together (measured: about 20x slower
under load).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request

from ingenio.auth.tokens import STREAM, AuthUser
from ingenio.container import Container
from ingenio.db import UnitOfWork
from ingenio.errors import BadRequest, Unauthorized
from ingenio.tasks.reader import TaskReader
from ingenio.tasks.repository import NewTaskWriter
from ingenio.tasks.service import TaskService


async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


@asynccontextmanager
async def unit_of_work(container: Container) -> AsyncIterator[UnitOfWork]:
    """Committed when the block ends normally, rolled back when it raises."""
    uow = UnitOfWork(container.sessions)
    try:
        yield uow
    except BaseException:
        await uow.rollback()
        raise
    else:
        await uow.commit()
    finally:
        await uow.close()


async def get_uow(container: ContainerDep) -> AsyncIterator[UnitOfWork]:
    """Commits after the handler returns and before the response is sent (scope="function"),
    so a client never receives the id of a task that is not committed yet."""
    async with unit_of_work(container) as uow:
        yield uow


UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("无效的登录凭证")
    return token.strip()


async def current_user(request: Request) -> AuthUser:
    container: Container = request.app.state.container
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


@asynccontextmanager
async def task_service(container: Container) -> AsyncIterator[TaskService]:
    """The task writes' service in a unit of work of its own, committed before the handler
    returns: so a client never receives the id of a task that is not committed yet.

    A context manager in the handler rather than a generator dependency, because FastAPI's
    machinery for the latter (an exit stack, a wrapped context manager, a shielded exit) cost
    a create 40 µs, more than its own bookkeeping."""
    async with unit_of_work(container) as uow:
        yield _task_service(container, uow)


def _task_service(container: Container, uow: UnitOfWork) -> TaskService:
    limiter = container.limiter if container.llm_limited else None
    return TaskService(
        uow,
        NewTaskWriter(container.inserts),
        container.runner,
        container.cache,
        container.publisher,
        limiter,
        container.metrics,
    )


async def get_task_reader(request: Request) -> TaskReader:
    reader: TaskReader = request.app.state.container.reader
    return reader


TaskReaderDep = Annotated[TaskReader, Depends(get_task_reader)]
