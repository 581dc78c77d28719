"""The small interface every brain implements: offline (default), llm, and the test fake."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.report import ReviewResult
from ingenio.pipeline.usage import ZERO_USAGE, TokenUsage

T = TypeVar("T")

# Awaited before every LLM call; the service uses it to enforce the per-user AI-call budget.
# It returns when the call may proceed, or raises ``RateLimited``.
CallGate = Callable[[], Awaitable[None]]
# Progress inside the current stage, 0-100, with a short message.
ProgressCallback = Callable[[int, str], Awaitable[None]]


async def open_gate() -> None:
    """A CallGate that never limits."""


async def ignore_progress(percent: int, message: str) -> None:
    """A ProgressCallback that drops updates."""


@dataclass(frozen=True)
class BrainContext:
    call_gate: CallGate = open_gate
    on_progress: ProgressCallback = ignore_progress


@dataclass(frozen=True)
class BrainReply(Generic[T]):
    value: T
    usage: TokenUsage = ZERO_USAGE


class Brain(Protocol):
    """Turns a requirement into a plan and an AppSpec, and optionally reviews a spec.

    Implementations must honour asyncio cancellation promptly (abort in-flight requests) and
    raise ``BrainError`` with a user-readable message on failure.
    """

    @property
    def name(self) -> str: ...

    async def plan(self, requirement: str, ctx: BrainContext) -> BrainReply[PlanResult]: ...

    async def execute(
        self, requirement: str, plan: PlanResult, package_name: str | None, ctx: BrainContext
    ) -> BrainReply[AppSpec]: ...

    async def review(
        self, requirement: str, spec: AppSpec, ctx: BrainContext
    ) -> BrainReply[ReviewResult] | None:
        """An LLM's opinion of the spec, or None when this brain does not review (offline)."""
        ...
