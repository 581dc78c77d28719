"""LLMBrain: the plan, execute and review agents backed by any OpenAI-compatible chat API."""

from __future__ import annotations

from typing import Self

import httpx2

from ingenio.config import LLMSettings
from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import BrainContext, BrainReply
from ingenio.pipeline.brains.llm.client import JsonChat
from ingenio.pipeline.brains.llm.prices import PriceTable
from ingenio.pipeline.brains.llm.prompts import (
    EXECUTE,
    PLAN,
    REVIEW,
    execute_request,
    plan_request,
    review_request,
)
from ingenio.pipeline.events import Stage
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.report import ReviewResult


class LLMBrain:
    """A ``Brain`` that asks a chat model for JSON, stage by stage.

    Owns one HTTP client: build it once (at start-up) and ``await aclose()`` when done.
    ``http_client`` is the seam for a custom transport (proxy, test transport).
    """

    def __init__(
        self,
        settings: LLMSettings,
        *,
        prices: PriceTable | None = None,
        http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        self._chat = JsonChat(settings, prices=prices, http_client=http_client)
        self._models = {
            Stage.PLAN: settings.plan_model or settings.model,
            Stage.EXECUTE: settings.execute_model or settings.model,
            Stage.VALIDATE: settings.validate_model or settings.model,
        }

    @property
    def name(self) -> str:
        return "llm"

    async def plan(self, requirement: str, ctx: BrainContext) -> BrainReply[PlanResult]:
        return await self._chat.complete(
            Stage.PLAN, PLAN, self._models[Stage.PLAN], plan_request(requirement), ctx
        )

    async def execute(
        self, requirement: str, plan: PlanResult, package_name: str | None, ctx: BrainContext
    ) -> BrainReply[AppSpec]:
        request = execute_request(requirement, plan, package_name)
        return await self._chat.complete(
            Stage.EXECUTE, EXECUTE, self._models[Stage.EXECUTE], request, ctx
        )

    async def review(
        self, requirement: str, spec: AppSpec, ctx: BrainContext
    ) -> BrainReply[ReviewResult] | None:
        # The validate stage reports 50% before the review; continue from there.
        return await self._chat.complete(
            Stage.VALIDATE,
            REVIEW,
            self._models[Stage.VALIDATE],
            review_request(requirement, spec),
            ctx,
            progress=(60, 95),
        )

    async def aclose(self) -> None:
        await self._chat.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
