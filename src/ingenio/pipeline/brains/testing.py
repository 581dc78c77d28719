"""A scripted brain for tests: the offline brain's content with delays, hangs and failures.

Shipped beside the real brains (like httpx's ``MockTransport``) so the service's tests drive the
real pipeline, recorder, runner and API while choosing how long each stage takes, whether it
hangs until cancelled, fails, or reports token usage. It counts its calls per stage, which is how
tests prove that a resumed task did not run a finished stage again.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import Brain, BrainContext, BrainReply
from ingenio.pipeline.errors import BrainError
from ingenio.pipeline.events import Stage
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.report import ReviewResult
from ingenio.pipeline.usage import ZERO_USAGE, TokenUsage


@dataclass
class StageScript:
    delay: float = 0.0
    hang: bool = False  # wait until cancelled
    wait_for: asyncio.Event | None = None  # hold the stage until the test sets this event
    fail: str | None = None  # raise BrainError with this message
    usage: TokenUsage = ZERO_USAGE
    # Pass through the call gate like a real LLM call (for rate-limit tests).
    gated: bool = False


@dataclass
class ScriptedBrain:
    """Implements ``Brain``; ``review`` runs only when a script for it is given."""

    inner: Brain | None = None
    scripts: dict[Stage, StageScript] = field(default_factory=dict)
    review_score: int | None = None
    calls: Counter[Stage] = field(default_factory=Counter)
    cancelled: Counter[Stage] = field(default_factory=Counter)
    # Set when a stage's brain call begins; created up front so tests can wait on them.
    entered: dict[Stage, asyncio.Event] = field(
        default_factory=lambda: {stage: asyncio.Event() for stage in Stage}
    )

    @property
    def name(self) -> str:
        return "scripted"

    def _content(self) -> Brain:
        if self.inner is None:
            from ingenio.pipeline.brains.offline import OfflineBrain

            self.inner = OfflineBrain()
        return self.inner

    async def _act(self, stage: Stage, ctx: BrainContext) -> StageScript:
        script = self.scripts.get(stage, StageScript())
        self.calls[stage] += 1
        self.entered[stage].set()
        if script.gated:
            await ctx.call_gate()
        try:
            if script.hang:
                await asyncio.Event().wait()
            if script.wait_for is not None:
                await script.wait_for.wait()
            if script.delay:
                await asyncio.sleep(script.delay)
        except asyncio.CancelledError:
            self.cancelled[stage] += 1  # proof that the in-flight "call" was aborted
            raise
        if script.fail:
            raise BrainError(stage, script.fail, usage=script.usage)
        return script

    async def plan(self, requirement: str, ctx: BrainContext) -> BrainReply[PlanResult]:
        script = await self._act(Stage.PLAN, ctx)
        reply = await self._content().plan(requirement, ctx)
        return BrainReply(reply.value, script.usage)

    async def execute(
        self, requirement: str, plan: PlanResult, package_name: str | None, ctx: BrainContext
    ) -> BrainReply[AppSpec]:
        script = await self._act(Stage.EXECUTE, ctx)
        reply = await self._content().execute(requirement, plan, package_name, ctx)
        return BrainReply(reply.value, script.usage)

    async def review(
        self, requirement: str, spec: AppSpec, ctx: BrainContext
    ) -> BrainReply[ReviewResult] | None:
        if Stage.VALIDATE not in self.scripts and self.review_score is None:
            self.calls[Stage.VALIDATE] += 1
            return None
        script = await self._act(Stage.VALIDATE, ctx)
        if self.review_score is None:
            return None
        return BrainReply(ReviewResult(score=self.review_score), script.usage)
