"""``create_app()``: nothing happens at import; the lifespan builds and closes every client."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from redis.asyncio import BlockingConnectionPool, Redis

from ingenio.artifacts.endpoints import router as artifacts_router
from ingenio.auth.endpoints import router as auth_router
from ingenio.auth.tokens import TokenCodec
from ingenio.config import RunnerKind, Settings
from ingenio.container import Container
from ingenio.db import create_engine, session_factory
from ingenio.http import install_error_handlers
from ingenio.metrics import Metrics
from ingenio.migrate import upgrade
from ingenio.ops.endpoints import router as ops_router
from ingenio.pipeline.brains.base import Brain
from ingenio.pipeline.brains.factory import close_brain, make_brain
from ingenio.pipeline.events import Stage
from ingenio.ratelimit.base import AICallLimiter
from ingenio.ratelimit.memory import MemoryAICallLimiter
from ingenio.ratelimit.redis import RedisAICallLimiter
from ingenio.ratelimit.resilient import ResilientLimiter
from ingenio.runner.local import LocalRunner
from ingenio.storage.base import ArtifactStore
from ingenio.storage.factory import make_store
from ingenio.storage.local import LocalArtifactStore
from ingenio.storage.signing import UrlSigner
from ingenio.tasks.bus import EventBus, LocalBus, RedisBus
from ingenio.tasks.cache import MemoryCache, RedisCache, ResilientCache, StatusCache
from ingenio.tasks.endpoints import router as tasks_router
from ingenio.tasks.estimates import StageTimings
from ingenio.tasks.jobs import ExecutionDeps, TaskExecutor
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.recovery import recover_unfinished
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.views import TaskViews
from ingenio.web.routes import router as web_router

log = logging.getLogger("ingenio")


@dataclass(frozen=True)
class Overrides:
    """Seams for tests and embedding: a brain or a store built by the caller."""

    brain: Brain | None = None
    store: ArtifactStore | None = None


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
    """Every long-lived client, each registered on ``stack`` to be closed in reverse order."""
    settings.data.data_dir.mkdir(parents=True, exist_ok=True)
    if settings.database.auto_migrate:
        await upgrade(settings.database_url)
    engine = create_engine(
        settings.database_url, pool_size=settings.database.pool_size, echo=settings.database.echo
    )
    stack.push_async_callback(engine.dispose)
    sessions = session_factory(engine)

    secret = settings.jwt_secret()
    codec = TokenCodec(
        secret, settings.auth.token_ttl_seconds, settings.auth.stream_token_ttl_seconds
    )
    signer = UrlSigner(hashlib.sha256(b"ingenio-artifact-url:" + secret.encode()).digest())
    overrides = overrides or Overrides()
    store = overrides.store or await _open_store(settings, signer)
    stack.push_async_callback(store.aclose)

    redis: Redis | None = None
    cache: StatusCache
    limiter: AICallLimiter
    bus: EventBus
    if settings.cache.redis_url:
        # A blocking pool: redis-py's default pool raises once more than max_connections
        # commands are in flight, which a burst of status reads reaches easily. Short timeouts:
        # a Redis that stops answering must cost a request milliseconds, not seconds.
        pool = BlockingConnectionPool.from_url(
            settings.cache.redis_url,
            max_connections=64,
            timeout=1,
            socket_connect_timeout=0.5,
            socket_timeout=0.5,
            health_check_interval=10,
        )
        redis = Redis(connection_pool=pool)
        # A client given its pool does not close it: the pool is closed explicitly.
        stack.push_async_callback(pool.aclose)
        stack.push_async_callback(redis.aclose)
        cache = ResilientCache(RedisCache(redis))
        limiter = ResilientLimiter(
            RedisAICallLimiter(redis, settings.rate_limit.ai_calls_per_hour),
            MemoryAICallLimiter(settings.rate_limit.ai_calls_per_hour),
        )
        # The subscription waits indefinitely for messages, so no read timeout on its client.
        listener = Redis.from_url(
            settings.cache.redis_url, socket_connect_timeout=0.5, health_check_interval=30
        )
        stack.push_async_callback(listener.aclose)
        bus = RedisBus(listener)
    else:
        cache = MemoryCache()
        limiter = MemoryAICallLimiter(settings.rate_limit.ai_calls_per_hour)
        bus = LocalBus()
    await bus.start()
    stack.push_async_callback(bus.aclose)

    brain = overrides.brain or make_brain(settings.llm)
    stack.push_async_callback(close_brain, brain)

    async with sessions() as session:
        timings = StageTimings(_seed(await TaskRepository(session).recent_agents(50)))
    views = TaskViews(store, settings.storage.url_ttl_seconds, timings)
    publisher = StatusPublisher(
        cache, views, bus, settings.cache.cache_ttl_running, settings.cache.cache_ttl_terminal
    )
    metrics = Metrics()
    deps = ExecutionDeps(
        settings=settings,
        sessions=sessions,
        brain=brain,
        store=store,
        publisher=publisher,
        timings=timings,
        metrics=metrics,
        limiter=limiter if brain.name != "offline" else None,
    )
    if settings.runner.kind is not RunnerKind.LOCAL:
        raise NotImplementedError("only the local runner is available in this build")
    runner = LocalRunner(
        settings.runner,
        TaskExecutor(deps),
        lambda: recover_unfinished(sessions, publisher, settings.runner),
    )
    metrics.watch(runner.stats)
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        codec=codec,
        cache=cache,
        store=store,
        signer=signer,
        limiter=limiter,
        brain=brain,
        publisher=publisher,
        timings=timings,
        metrics=metrics,
        runner=runner,
        bus=bus,
        redis=redis,
    )


async def _open_store(settings: Settings, signer: UrlSigner) -> ArtifactStore:
    store = make_store(settings, signer, settings.server.public_base_url or "")
    if isinstance(store, LocalArtifactStore):
        await store.sweep_temp_files()  # leftovers of a writer that crashed mid-write
    else:
        from ingenio.storage.s3 import S3ArtifactStore

        if isinstance(store, S3ArtifactStore):
            await store.ensure_bucket()
    return store


def _seed(histories: list[list[dict[str, object]]]) -> dict[Stage, float]:
    """Average stage durations of recent completed tasks, to start the estimates from."""
    sums: dict[Stage, list[float]] = {}
    for agents in histories:
        for agent in agents:
            duration = agent.get("durationMs")
            if isinstance(duration, int) and agent.get("status") == "completed":
                sums.setdefault(Stage(str(agent["agentType"])), []).append(duration / 1000)
    return {stage: sum(v) / len(v) for stage, v in sums.items()}
