"""LLMBrain against the fake OpenAI-compatible server: replies, repairs, usage, request shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.llm import LLMBrain
from ingenio.pipeline.brains.llm.schema import strict_json_schema
from ingenio.pipeline.errors import BrainError, RateLimited
from ingenio.pipeline.events import Stage
from ingenio.pipeline.plan import PlanResult
from ingenio.testing.fake_llm import FakeLLM, FakeUsage, Reply, SmartSource
from ingenio.testing.llm_fixtures import sample_plan, sample_review, sample_spec

REQUIREMENT = "创建一个校园二手交易平台，支持商品发布、搜索、聊天和交易评价"


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    with FakeLLM(smart_source=SmartSource.FIXTURES) as server:
        yield server


class Recorder:
    """A BrainContext whose gate and progress callback remember what happened, in order."""

    def __init__(self, refuse_after: int | None = None) -> None:
        self.events: list[str] = []
        self.progress: list[int] = []
        self._refuse_after = refuse_after

    async def gate(self) -> None:
        if self._refuse_after is not None and self.events.count("gate") >= self._refuse_after:
            raise RateLimited(Stage.PLAN, "AI调用次数已达上限")
        self.events.append("gate")

    async def on_progress(self, percent: int, message: str) -> None:
        self.progress.append(percent)
        self.events.append(f"progress:{message}")

    @property
    def ctx(self) -> BrainContext:
        return BrainContext(call_gate=self.gate, on_progress=self.on_progress)


async def test_three_stages_succeed_with_usage_and_cost(fake: FakeLLM) -> None:
    fake.script(
        Reply.json(sample_plan(), usage=FakeUsage(1_000, 200)),
        Reply.json(sample_spec(), usage=FakeUsage(3_000, 2_000, cached=1_000)),
        Reply.json(sample_review(), usage=FakeUsage(2_500, 100)),
    )
    async with LLMBrain(fake.settings()) as brain:
        plan = await brain.plan(REQUIREMENT, BrainContext())
        spec = await brain.execute(REQUIREMENT, plan.value, None, BrainContext())
        review = await brain.review(REQUIREMENT, spec.value, BrainContext())

    assert plan.value == sample_plan()
    assert spec.value == sample_spec()
    assert review is not None
    assert review.value == sample_review()
    # gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per 1M tokens.
    assert plan.usage.model_dump() == {
        "promptTokens": 1_000,
        "completionTokens": 200,
        "cachedTokens": 0,
        "calls": 1,
        "estimated": False,
        "cost": pytest.approx((1_000 * 0.15 + 200 * 0.60) / 1e6),
    }
    assert spec.usage.cached_tokens == 1_000
    assert spec.usage.cost == pytest.approx((2_000 * 0.15 + 1_000 * 0.075 + 2_000 * 0.6) / 1e6)
    assert review.usage.total_tokens == 2_600


async def test_each_stage_uses_its_own_model_and_unpriced_models_cost_none(
    fake: FakeLLM,
) -> None:
    settings = fake.settings(model="house-model", plan_model="planner-x", execute_model="coder-y")
    async with LLMBrain(settings) as brain:
        plan = await brain.plan(REQUIREMENT, BrainContext())
        spec = await brain.execute(REQUIREMENT, plan.value, None, BrainContext())
        review = await brain.review(REQUIREMENT, spec.value, BrainContext())
    assert [r.model for r in fake.requests] == ["planner-x", "coder-y", "house-model"]
    assert review is not None
    assert [plan.usage.cost, spec.usage.cost, review.usage.cost] == [None, None, None]
    assert plan.usage.prompt_tokens > 0  # tokens are still counted


async def test_openai_gets_a_strict_json_schema_and_no_extra_body(fake: FakeLLM) -> None:
    async with LLMBrain(fake.settings(provider="openai")) as brain:
        await brain.plan(REQUIREMENT, BrainContext())
    body = fake.requests[0].body
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {
            "name": "PlanResult",
            "strict": True,
            "schema": strict_json_schema(PlanResult),
        },
    }
    assert "thinking" not in body
    assert "enable_thinking" not in body
    assert REQUIREMENT in fake.requests[0].text("user")


async def test_deepseek_gets_json_object_a_schema_in_the_prompt_and_thinking_off(
    fake: FakeLLM,
) -> None:
    async with LLMBrain(fake.settings(provider="deepseek", model="deepseek-v4-flash")) as brain:
        plan = await brain.plan(REQUIREMENT, BrainContext())
        await brain.execute(REQUIREMENT, plan.value, "edu.campus.market", BrainContext())
    plan_request, execute_request = fake.requests
    assert plan_request.body["response_format"] == {"type": "json_object"}
    assert plan_request.body["thinking"] == {"type": "disabled"}
    system = plan_request.text("system")
    assert "JSON" in system
    assert "JSON Schema（PlanResult）" in system
    assert '"appName"' in system
    assert "JSON Schema（AppSpec）" in execute_request.text("system")
    assert "edu.campus.market" in execute_request.text("user")
    assert plan.usage.cost is not None  # deepseek-v4-flash is in the bundled table


@pytest.mark.parametrize(
    ("provider", "expected"),
    [
        ("qwen", {"enable_thinking": False}),
        ("zhipu", {"thinking": {"type": "disabled"}}),
        ("moonshot", {}),
    ],
)
async def test_thinking_is_disabled_where_the_provider_allows(
    fake: FakeLLM, provider: str, expected: dict[str, Any]
) -> None:
    async with LLMBrain(fake.settings(provider=provider)) as brain:
        await brain.plan(REQUIREMENT, BrainContext())
    body = fake.requests[0].body
    extras = {k: body[k] for k in ("thinking", "enable_thinking") if k in body}
    assert extras == expected


async def test_malformed_json_gets_exactly_one_repair_call(fake: FakeLLM) -> None:
    fake.script(
        Reply.text('{"appName": "CampusMarketplace", ', usage=FakeUsage(500, 20)),
        Reply.json(sample_plan(), usage=FakeUsage(600, 150)),
    )
    async with LLMBrain(fake.settings()) as brain:
        reply = await brain.plan(REQUIREMENT, BrainContext())
    assert reply.value == sample_plan()
    assert len(fake.requests) == 2
    repair = fake.requests[1].messages
    assert repair[-2] == {"role": "assistant", "content": '{"appName": "CampusMarketplace", '}
    assert repair[-1]["role"] == "user"
    assert "不是合法的JSON" in repair[-1]["content"]
    assert (reply.usage.calls, reply.usage.prompt_tokens, reply.usage.completion_tokens) == (
        2,
        1_100,
        170,
    )


async def test_malformed_twice_fails_with_the_usage_of_both_calls(fake: FakeLLM) -> None:
    fake.script(
        Reply.text("好的，我来设计这个平台。", usage=FakeUsage(500, 20)),
        Reply.text("抱歉，还是文字。", usage=FakeUsage(700, 30)),
        Reply.json(sample_plan()),  # never requested
    )
    async with LLMBrain(fake.settings()) as brain:
        with pytest.raises(BrainError) as caught:
            await brain.plan(REQUIREMENT, BrainContext())
    error = caught.value
    assert error.stage is Stage.PLAN
    assert error.message == "LLM响应无法解析为有效JSON（修正一次后仍无效）"
    assert (error.usage.calls, error.usage.prompt_tokens, error.usage.completion_tokens) == (
        2,
        1_200,
        50,
    )
    assert error.usage.cost == pytest.approx((1_200 * 0.15 + 50 * 0.6) / 1e6)
    assert len(fake.requests) == 2


async def test_schema_mismatch_is_sent_back_with_the_failing_path(fake: FakeLLM) -> None:
    fake.script(Reply.json({"score": 140, "strengths": ["完整"]}), Reply.json(sample_review()))
    async with LLMBrain(fake.settings()) as brain:
        reply = await brain.review(REQUIREMENT, sample_spec(), BrainContext())
    assert reply is not None
    assert reply.value.score == 84
    repair = fake.requests[1].messages[-1]["content"]
    assert "score" in repair
    assert "100" in repair  # pydantic's "less than or equal to 100"


async def test_a_second_mismatch_says_which_schema_was_not_met(fake: FakeLLM) -> None:
    fake.script(Reply.json({"score": "高"}), Reply.json({"score": -1}))
    async with LLMBrain(fake.settings()) as brain:
        with pytest.raises(BrainError, match="LLM响应不符合ReviewResult结构") as caught:
            await brain.review(REQUIREMENT, sample_spec(), BrainContext())
    assert caught.value.stage is Stage.VALIDATE


@pytest.mark.parametrize("bad", [Reply.blank(), Reply.truncated()], ids=["blank", "length"])
async def test_blank_or_truncated_content_is_repaired_without_echoing_it(
    fake: FakeLLM, bad: Reply
) -> None:
    fake.script(bad, Reply.json(sample_plan()))
    async with LLMBrain(fake.settings()) as brain:
        reply = await brain.plan(REQUIREMENT, BrainContext())
    assert reply.value == sample_plan()
    assert reply.usage.calls == 2
    repair = fake.requests[1].messages
    assert [m["role"] for m in repair] == ["system", "user", "user"]


async def test_truncated_twice_tells_the_user_the_reply_was_too_long(fake: FakeLLM) -> None:
    fake.script(Reply.truncated(), Reply.truncated())
    async with LLMBrain(fake.settings()) as brain:
        with pytest.raises(BrainError, match="LLM响应过长被截断"):
            await brain.plan(REQUIREMENT, BrainContext())


async def test_missing_usage_is_estimated_and_flagged(fake: FakeLLM) -> None:
    fake.script(Reply.json(sample_plan(), usage=None))
    async with LLMBrain(fake.settings()) as brain:
        reply = await brain.plan(REQUIREMENT, BrainContext())
    usage = reply.usage
    assert usage.estimated
    assert usage.calls == 1
    # The prompt holds the system prompt plus the requirement; the reply is the plan JSON.
    assert usage.prompt_tokens > len(REQUIREMENT)
    assert usage.completion_tokens >= len(sample_plan().model_dump_json(by_alias=True)) // 4
    assert usage.cost is not None


async def test_one_estimated_call_flags_the_whole_stage(fake: FakeLLM) -> None:
    fake.script(Reply.text("不是JSON", usage=None), Reply.json(sample_plan()))
    async with LLMBrain(fake.settings()) as brain:
        reply = await brain.plan(REQUIREMENT, BrainContext())
    assert reply.usage.estimated
    assert reply.usage.calls == 2


async def test_the_gate_is_awaited_before_every_call_including_the_repair(
    fake: FakeLLM,
) -> None:
    fake.script(Reply.text("不是JSON"), Reply.json(sample_plan()))
    recorder = Recorder()
    async with LLMBrain(fake.settings()) as brain:
        await brain.plan(REQUIREMENT, recorder.ctx)
    assert recorder.events.count("gate") == len(fake.requests) == 2
    gates = [i for i, e in enumerate(recorder.events) if e == "gate"]
    assert recorder.events[gates[1] - 1] == "progress:LLM输出无效，请求修正"
    assert recorder.progress == sorted(recorder.progress)
    assert recorder.events[-1] == "progress:LLM输出校验通过"


async def test_a_refused_gate_propagates_and_sends_nothing(fake: FakeLLM) -> None:
    recorder = Recorder(refuse_after=0)
    async with LLMBrain(fake.settings()) as brain:
        with pytest.raises(RateLimited):
            await brain.plan(REQUIREMENT, recorder.ctx)
    assert fake.requests == []


async def test_a_gate_refusing_the_repair_still_bills_the_first_call(fake: FakeLLM) -> None:
    fake.script(Reply.text("不是JSON", usage=FakeUsage(400, 10)))
    recorder = Recorder(refuse_after=1)
    async with LLMBrain(fake.settings()) as brain:
        with pytest.raises(RateLimited) as caught:
            await brain.plan(REQUIREMENT, recorder.ctx)
    assert (caught.value.usage.calls, caught.value.usage.prompt_tokens) == (1, 400)
    assert len(fake.requests) == 1


async def test_an_operator_price_table_prices_a_self_hosted_model(
    fake: FakeLLM, tmp_path: Path
) -> None:
    table = tmp_path / "prices.yaml"
    table.write_text(
        "updated: 2026-01-01\nproviders:\n  vllm:\n    qwen3-32b:\n"
        "      - {since: 2026-01-01, input: 0.02, output: 0.04}\n",
        encoding="utf-8",
    )
    fake.script(Reply.json(sample_plan(), usage=FakeUsage(1_000_000, 500_000)))
    settings = fake.settings(provider="vllm", model="qwen3-32b", price_table=table)
    async with LLMBrain(settings) as brain:
        reply = await brain.plan(REQUIREMENT, BrainContext())
    assert reply.usage.cost == pytest.approx(0.02 + 0.02)
