"""The CallGate a task's brain awaits before every LLM call, enforcing the user's budget.

The gate is built once per task, before the pipeline runs, but ``RateLimited`` must name the
stage that was refused. Rather than rebuild a gate per stage (the pipeline owns that loop), the
gate asks a ``stage`` callable at the moment it refuses. ``StageTracker`` is the usual source: it
wraps the task's event sink and remembers the last ``StageStarted``, which always precedes any LLM
call of that stage.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable

from ingenio.pipeline.brains.base import CallGate
from ingenio.pipeline.errors import RateLimited
from ingenio.pipeline.events import EventSink, PipelineEvent, Stage, StageStarted, discard_events
from ingenio.ratelimit.base import AICallLimiter

log = logging.getLogger("ingenio.ratelimit")

Sleep = Callable[[float], Awaitable[None]]


class StageTracker:
    """An EventSink that remembers the running stage and passes every event on to ``events``."""

    def __init__(self, events: EventSink = discard_events, initial: Stage = Stage.PLAN) -> None:
        self._events = events
        self._stage = initial

    def current_stage(self) -> Stage:
        return self._stage

    async def __call__(self, event: PipelineEvent) -> None:
        if isinstance(event, StageStarted):
            self._stage = event.stage
        await self._events(event)


def make_call_gate(
    limiter: AICallLimiter,
    user_id: str,
    max_wait: float,
    *,
    stage: Callable[[], Stage],
    sleep: Sleep = asyncio.sleep,
) -> CallGate:
    """A gate that takes one call from ``user_id``'s budget, waiting if it may.

    When the budget is spent the gate sleeps until the next slot frees and tries again, as long
    as its total waiting for this one call stays within ``max_wait`` seconds (0: never wait).
    A wait that would exceed it is not started: the gate raises ``RateLimited`` at once with
    the time left, so a task does not hold a worker only to fail later. Another task of the
    same user may take the freed slot first; the retry then waits again, within the same total.
    """

    async def gate() -> None:
        waited = 0.0
        while True:
            wait = await limiter.acquire(user_id)
            if wait <= 0:
                return
            if waited + wait > max_wait:
                log.info(
                    "ratelimit.refused",
                    extra={"user_id": user_id, "retry_after": round(wait, 3)},
                )
                raise RateLimited(stage(), budget_spent_message(limiter, wait))
            log.debug("ratelimit.wait", extra={"user_id": user_id, "seconds": round(wait, 3)})
            await sleep(wait)
            waited += wait

    return gate


def budget_spent_message(limiter: AICallLimiter, retry_after: float) -> str:
    """What the user reads: AI调用次数已达上限（每小时100次），请N分钟后重试 (N rounded up)."""
    minutes = max(1, math.ceil(retry_after / 60))
    budget = f"{_per_window(limiter.window)}{limiter.limit}次"
    return f"AI调用次数已达上限（{budget}），请{minutes}分钟后重试"


def _per_window(window: float) -> str:
    if window == 3600:
        return "每小时"
    if window % 3600 == 0:
        return f"每{int(window // 3600)}小时"
    if window % 60 == 0:
        return f"每{int(window // 60)}分钟"
    return f"每{window:g}秒"
