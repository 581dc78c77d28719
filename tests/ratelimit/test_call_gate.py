"""The CallGate: calls pass within the budget, wait when allowed, else fail with the message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from ingenio.pipeline.errors import RateLimited
from ingenio.pipeline.events import PipelineEvent, Stage, StageProgress, StageStarted
from ingenio.ratelimit import (
    AICallLimiter,
    MemoryAICallLimiter,
    StageTracker,
    budget_spent_message,
    make_call_gate,
)

MakeLimiter = Callable[[int, float], AICallLimiter]
Sleep = Callable[[float], Awaitable[None]]
HOUR = 3600.0


def _execute_stage() -> Stage:
    return Stage.EXECUTE


async def _spend(limiter: AICallLimiter, user_id: str, advance: Callable[[float], None]) -> None:
    """Use the whole budget, one call every 10 minutes."""
    for _ in range(limiter.limit):
        assert await limiter.acquire(user_id) == 0.0
        advance(600)


async def test_the_gate_passes_calls_within_the_budget(
    make_limiter: MakeLimiter, user_id: str, sleep: Sleep, sleeps: list[float]
) -> None:
    limiter = make_limiter(3, HOUR)
    gate = make_call_gate(limiter, user_id, 0, stage=_execute_stage, sleep=sleep)
    for _ in range(3):
        await gate()
    assert sleeps == []
    assert await limiter.retry_after(user_id) > 0  # the three calls were counted


async def test_the_gate_waits_for_a_slot_when_the_wait_is_allowed(
    make_limiter: MakeLimiter,
    user_id: str,
    advance: Callable[[float], None],
    sleep: Sleep,
    sleeps: list[float],
) -> None:
    limiter = make_limiter(3, HOUR)
    await _spend(limiter, user_id, advance)  # calls at 0, 600, 1200; now 1800
    gate = make_call_gate(limiter, user_id, max_wait=1800, stage=_execute_stage, sleep=sleep)
    await gate()
    assert sleeps == [1800.0]  # slept exactly until the first call left the window
    assert await limiter.retry_after(user_id) == 600.0  # and then the call was counted


async def test_the_gate_refuses_at_once_when_the_wait_is_too_long(
    make_limiter: MakeLimiter,
    user_id: str,
    advance: Callable[[float], None],
    sleep: Sleep,
    sleeps: list[float],
) -> None:
    limiter = make_limiter(3, HOUR)
    await _spend(limiter, user_id, advance)  # the next slot frees in 1800 s = 30 min
    gate = make_call_gate(limiter, user_id, max_wait=1799, stage=_execute_stage, sleep=sleep)
    with pytest.raises(RateLimited) as info:
        await gate()
    assert info.value.stage is Stage.EXECUTE
    assert info.value.message == "AI调用次数已达上限（每小时3次），请30分钟后重试"
    assert sleeps == []


async def test_waits_add_up_against_max_wait(
    user_id: str, clock: Callable[[], float], advance: Callable[[float], None], sleeps: list[float]
) -> None:
    limiter = MemoryAICallLimiter(1, HOUR, clock)
    await limiter.acquire(user_id)  # the only slot frees in an hour

    async def contended_sleep(seconds: float) -> None:
        # While the gate sleeps, another task of the same user takes the freed slot.
        sleeps.append(seconds)
        advance(seconds)
        assert await limiter.acquire(user_id) == 0.0

    gate = make_call_gate(limiter, user_id, HOUR * 1.5, stage=_execute_stage, sleep=contended_sleep)
    with pytest.raises(RateLimited, match="请60分钟后重试"):
        await gate()
    assert sleeps == [HOUR]  # a second hour-long wait would exceed max_wait: not started


async def test_stage_tracker_names_the_running_stage_and_forwards_events() -> None:
    forwarded: list[PipelineEvent] = []

    async def sink(event: PipelineEvent) -> None:
        forwarded.append(event)

    tracker = StageTracker(sink)
    assert tracker.current_stage() is Stage.PLAN
    events: list[PipelineEvent] = [
        StageStarted(Stage.VALIDATE, datetime.now(UTC)),
        StageProgress(Stage.VALIDATE, 50, "检查实体"),
    ]
    for event in events:
        await tracker(event)
    assert tracker.current_stage() is Stage.VALIDATE
    assert forwarded == events


async def test_a_refusal_names_the_stage_the_tracker_saw(
    user_id: str, clock: Callable[[], float]
) -> None:
    limiter = MemoryAICallLimiter(1, HOUR, clock)
    tracker = StageTracker()
    gate = make_call_gate(limiter, user_id, 0, stage=tracker.current_stage)
    await tracker(StageStarted(Stage.PLAN, datetime.now(UTC)))
    await gate()
    await tracker(StageStarted(Stage.VALIDATE, datetime.now(UTC)))
    with pytest.raises(RateLimited) as info:
        await gate()
    assert info.value.stage is Stage.VALIDATE


@pytest.mark.parametrize(
    ("limit", "window", "retry_after", "expected"),
    [
        (100, 3600, 59 * 60 + 1, "AI调用次数已达上限（每小时100次），请60分钟后重试"),
        (100, 3600, 0.2, "AI调用次数已达上限（每小时100次），请1分钟后重试"),
        (20, 7200, 120, "AI调用次数已达上限（每2小时20次），请2分钟后重试"),
        (5, 600, 61, "AI调用次数已达上限（每10分钟5次），请2分钟后重试"),
    ],
)
def test_the_message_states_the_budget_and_rounds_minutes_up(
    limit: int, window: float, retry_after: float, expected: str
) -> None:
    assert budget_spent_message(MemoryAICallLimiter(limit, window), retry_after) == expected
