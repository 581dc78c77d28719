"""Everything the app builds at start-up and closes at shutdown, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ingenio.auth.tokens import TokenCodec
from ingenio.config import Settings
from ingenio.metrics import Metrics
from ingenio.pipeline.brains.base import Brain
from ingenio.ratelimit.base import AICallLimiter
from ingenio.runner.base import TaskRunner
from ingenio.storage.base import ArtifactStore
from ingenio.storage.signing import UrlSigner
from ingenio.tasks.bus import EventBus
from ingenio.tasks.cache import StatusCache
from ingenio.tasks.estimates import StageTimings
from ingenio.tasks.publisher import StatusPublisher


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    codec: TokenCodec
    cache: StatusCache
    store: ArtifactStore
    signer: UrlSigner
    limiter: AICallLimiter
    brain: Brain
    publisher: StatusPublisher
    timings: StageTimings
    metrics: Metrics
    runner: TaskRunner
    bus: EventBus
    redis: Redis | None = None
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def llm_limited(self) -> bool:
        """Whether tasks spend the per-user AI-call budget (only an LLM brain does)."""
        return self.brain.name != "offline"
