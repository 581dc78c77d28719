"""Building the long-lived parts the API process and the worker process share.

Nothing happens at import. ``build_core`` opens the database engine (migrating first when
configured), the cache, the artifact store, the brain and the event bus, and registers each on
an ``AsyncExitStack`` so they close in reverse order.
"""

from __future__ import annotations

import hashlib
from contextlib import AsyncExitStack
from dataclasses import dataclass

from redis.asyncio import BlockingConnectionPool, Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ingenio.auth.tokens import TokenCodec
from ingenio.config import Settings
from ingenio.db import create_engine, session_factory
from ingenio.insertdb import InsertDatabase, open_inserts
from ingenio.metrics import Metrics
from ingenio.migrate import upgrade
from ingenio.pipeline.brains.base import Brain
from ingenio.pipeline.brains.factory import close_brain, make_brain
from ingenio.pipeline.events import Stage
from ingenio.ratelimit.base import AICallLimiter
from ingenio.ratelimit.memory import MemoryAICallLimiter
from ingenio.ratelimit.redis import RedisAICallLimiter
from ingenio.ratelimit.resilient import ResilientLimiter
from ingenio.readdb import ReadDatabase, open_reads
from ingenio.storage.base import ArtifactStore
from ingenio.storage.factory import make_store
from ingenio.storage.local import LocalArtifactStore
from ingenio.storage.signing import UrlSigner
from ingenio.tasks.bus import EventBus, LocalBus, RedisBus
from ingenio.tasks.cache import MemoryCache, RedisCache, ResilientCache, StatusCache
from ingenio.tasks.estimates import StageTimings
from ingenio.tasks.jobs import ExecutionDeps
from ingenio.tasks.publisher import StatusPublisher
from ingenio.tasks.repository import TaskRepository
from ingenio.tasks.views import TaskViews


@dataclass(frozen=True)
class Overrides:
    """Seams for tests and embedding: a brain or a store built by the caller."""

    brain: Brain | None = None
    store: ArtifactStore | None = None


@dataclass
class Core:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    reads: ReadDatabase
    inserts: InsertDatabase
    codec: TokenCodec
    cache: StatusCache
    store: ArtifactStore
    signer: UrlSigner
    limiter: AICallLimiter
    brain: Brain
    publisher: StatusPublisher
    timings: StageTimings
    metrics: Metrics
    bus: EventBus
    redis: Redis | None

    @property
    def llm_limited(self) -> bool:
        """Whether tasks spend the per-user AI-call budget (only an LLM brain does)."""
        return self.brain.name != "offline"

    def execution_deps(self) -> ExecutionDeps:
        return ExecutionDeps(
            settings=self.settings,
            sessions=self.sessions,
            brain=self.brain,
            store=self.store,
            publisher=self.publisher,
            timings=self.timings,
            metrics=self.metrics,
            limiter=self.limiter if self.llm_limited else None,
        )


async def build_core(
    settings: Settings, stack: AsyncExitStack, overrides: Overrides | None = None
) -> Core:
    """Every long-lived client, each registered on ``stack`` to be closed in reverse order."""
    settings.data.data_dir.mkdir(parents=True, exist_ok=True)
    if settings.database.auto_migrate:
        await upgrade(settings.database_url)
    engine = create_engine(
        settings.database_url, pool_size=settings.database.pool_size, echo=settings.database.echo
    )
    stack.push_async_callback(engine.dispose)
    sessions = session_factory(engine)
    reads = open_reads(settings.database_url, pool_size=settings.database.pool_size)
    stack.push_async_callback(reads.aclose)
    inserts = open_inserts(settings.database_url, pool_size=settings.database.pool_size)
    stack.push_async_callback(inserts.aclose)

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
        redis = _redis(stack, settings.cache.redis_url, max_connections=128)
        cache = ResilientCache(RedisCache(redis))
        # The AI-call budget has a pool of its own, so a burst of status reads can never
        # starve the workers' calls to it (seen under load: both failed together).
        limiter_redis = _redis(stack, settings.cache.redis_url, max_connections=16)
        limiter = ResilientLimiter(
            RedisAICallLimiter(limiter_redis, settings.rate_limit.ai_calls_per_hour),
            MemoryAICallLimiter(settings.rate_limit.ai_calls_per_hour),
        )
        # The subscription waits indefinitely for messages, so no read timeout on its client.
        listener = Redis.from_url(
            settings.cache.redis_url, socket_connect_timeout=0.5, health_check_interval=30
        )
        stack.push_async_callback(listener.aclose)
        bus = RedisBus(listener, publisher=redis)
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
    return Core(
        settings=settings,
        engine=engine,
        sessions=sessions,
        reads=reads,
        inserts=inserts,
        codec=codec,
        cache=cache,
        store=store,
        signer=signer,
        limiter=limiter,
        brain=brain,
        publisher=publisher,
        timings=timings,
        metrics=metrics,
        bus=bus,
        redis=redis,
    )


def _redis(stack: AsyncExitStack, url: str, *, max_connections: int) -> Redis:
    """A client on a blocking pool, closed with ``stack``.

    Blocking: redis-py's default pool raises once more than ``max_connections`` commands are in
    flight, which a burst of status reads reaches easily. Short timeouts: a Redis that stops
    answering must cost a request about a second, once, before the cache steps aside.
    """
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=2,
        socket_connect_timeout=0.5,
        socket_timeout=1.0,
        health_check_interval=10,
    )
    client = Redis(connection_pool=pool)
    # A client given its pool does not close it: the pool is closed explicitly.
    stack.push_async_callback(pool.aclose)
    stack.push_async_callback(client.aclose)
    return client


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
