"""``/healthz`` (the process answers), ``/readyz`` (database, cache and storage reachable),
``/metrics`` (Prometheus)."""

from __future__ import annotations

import logging

import orjson
from fastapi import APIRouter
from sqlalchemy import text
from starlette.responses import Response

from ingenio.deps import ContainerDep
from ingenio.http import JSON_TYPE, envelope, ok
from ingenio.tasks.repository import TaskRepository

router = APIRouter(tags=["ops"])
log = logging.getLogger("ingenio.ops")


@router.get("/healthz", summary="存活检查")
async def healthz() -> Response:
    return ok({"status": "ok"})


@router.get("/readyz", summary="就绪检查")
async def readyz(container: ContainerDep) -> Response:
    checks: dict[str, str] = {}
    try:
        async with container.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        log.warning("readyz.database", extra={"reason": repr(exc)})
        checks["database"] = "unavailable"
    checks["cache"] = "ok" if await container.cache.ping() else "unavailable"
    try:
        await container.store.check()
        checks["storage"] = "ok"
    except Exception as exc:
        log.warning("readyz.storage", extra={"reason": repr(exc)})
        checks["storage"] = "unavailable"
    if all(v == "ok" for v in checks.values()):
        return ok(checks)
    return Response(
        envelope(503, "服务未就绪", orjson.dumps(checks)), status_code=503, media_type=JSON_TYPE
    )


@router.get("/metrics", include_in_schema=False)
async def metrics(container: ContainerDep) -> Response:
    async def counts() -> dict[str, int]:
        async with container.sessions() as session:
            return await TaskRepository(session).count_by_status()

    body = await container.metrics.render(counts)
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")
