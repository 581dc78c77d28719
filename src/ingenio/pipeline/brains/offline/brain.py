"""OfflineBrain: the default brain, deterministic and free, with no model and no network."""

from __future__ import annotations

import asyncio

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import BrainContext, BrainReply
from ingenio.pipeline.brains.offline.analysis import analyse
from ingenio.pipeline.brains.offline.builder import build_plan, build_spec
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.report import ReviewResult


class OfflineBrain:
    """Understands a requirement with a bilingual lexicon and app-family templates.

    Same input, byte-identical output; zero tokens; never raises for any string (a requirement
    it cannot read yields a valid one-entity spec that the quality gate then scores low). The
    work is CPU (about 15 ms for 30 entities, 60 ms more the first time while the lexicon
    loads), so it runs in a worker thread and the event loop keeps serving status reads.
    """

    @property
    def name(self) -> str:
        return "offline"

    async def plan(self, requirement: str, ctx: BrainContext) -> BrainReply[PlanResult]:
        return BrainReply(await asyncio.to_thread(_plan, requirement))

    async def execute(
        self, requirement: str, plan: PlanResult, package_name: str | None, ctx: BrainContext
    ) -> BrainReply[AppSpec]:
        # package_name is applied by the execute stage; the spec carries the default for app_name.
        return BrainReply(await asyncio.to_thread(_spec, requirement, plan))

    async def review(
        self, requirement: str, spec: AppSpec, ctx: BrainContext
    ) -> BrainReply[ReviewResult] | None:
        return None


def _plan(requirement: str) -> PlanResult:
    return build_plan(analyse(requirement))


def _spec(requirement: str, plan: PlanResult) -> AppSpec:
    return build_spec(analyse(requirement), plan)
