"""``create_app()``: nothing happens at import; the lifespan builds and closes every client."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import fields

from fastapi import FastAPI

from ingenio.artifacts.endpoints import router as artifacts_router
from ingenio.auth.endpoints import router as auth_router
from ingenio.bootstrap import Core, Overrides, build_core
from ingenio.config import RunnerKind, Settings
from ingenio.container import Container
from ingenio.http import install_error_handlers
from ingenio.ops.endpoints import router as ops_router
from ingenio.ops.maintenance import Maintenance
from ingenio.runner.base import TaskRunner
from ingenio.runner.local import LocalRunner
from ingenio.tasks.endpoints import router as tasks_router
from ingenio.tasks.jobs import TaskExecutor
from ingenio.tasks.reader import TaskReader
from ingenio.tasks.recovery import recover_unfinished
from ingenio.web.routes import router as web_router

log = logging.getLogger("ingenio")

__all__ = ["Overrides", "build_container", "create_app"]


def create_app(settings: Settings | None = None, overrides: Overrides | None = None) -> FastAPI:
    settings = settings or Settings()
    overrides = overrides or Overrides()
    settings.jwt_secret()  # refuse a default secret before anything starts

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            container = await build_container(settings, stack, overrides)
            app.state.container = container
            await container.runner.start()
            stack.push_async_callback(container.runner.stop)
            maintenance = Maintenance(container.sessions)
            await maintenance.start()
            stack.push_async_callback(maintenance.stop)
            log.info(
                "app.started",
                extra={"runner": settings.runner.kind.value, "brain": container.brain.name},
            )
            yield

    app = FastAPI(
        title="ingenio",
        version="1.0.0",
        description="异步代码生成任务API：需求 → 规划 → AppSpec → 质量验证 → Kotlin项目",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(auth_router)
    app.include_router(tasks_router)
    app.include_router(artifacts_router)
    app.include_router(ops_router)
    app.include_router(web_router)
    return app


async def build_container(
    settings: Settings, stack: AsyncExitStack, overrides: Overrides | None = None
) -> Container:
    core = await build_core(settings, stack, overrides)
    runner = make_runner(core)
    core.metrics.watch(runner.stats)
    reader = TaskReader(
        core.sessions, core.reads, core.cache, core.publisher, core.codec, core.store
    )
    return Container(
        **{f.name: getattr(core, f.name) for f in fields(Core)}, runner=runner, reader=reader
    )


def make_runner(core: Core) -> TaskRunner:
    """The in-process pool (default), or Procrastinate: this process only accepts tasks."""
    if core.settings.runner.kind is RunnerKind.PROCRASTINATE:
        from ingenio.runner.distributed import ProcrastinateRunner

        return ProcrastinateRunner(core.settings, core.sessions)
    return LocalRunner(
        core.settings.runner,
        TaskExecutor(core.execution_deps()),
        lambda: recover_unfinished(core.sessions, core.publisher, core.settings.runner),
    )
