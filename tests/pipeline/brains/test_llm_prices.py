"""The dated price table, provider quirks, and the token estimate used when usage is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openai.types import CompletionUsage
from pydantic import ValidationError

from ingenio.config import JsonMode
from ingenio.pipeline.brains.llm.prices import PriceTable
from ingenio.pipeline.brains.llm.providers import ResponseMode, provider_for, response_mode
from ingenio.pipeline.brains.llm.tokens import estimate_tokens, read_usage


def test_bundled_table_prices_a_known_model_from_its_dated_entry() -> None:
    table = PriceTable.load()
    # gpt-4o-mini: $0.15 in, $0.075 cached in, $0.60 out per 1M tokens.
    cost = table.cost(
        "openai",
        "gpt-4o-mini",
        prompt_tokens=1_000_000,
        cached_tokens=200_000,
        completion_tokens=500_000,
        on=date(2026, 11, 1),
    )
    assert cost == pytest.approx(0.8 * 0.15 + 0.2 * 0.075 + 0.5 * 0.60)


def test_unknown_model_or_provider_or_day_costs_none() -> None:
    table = PriceTable.load()

    def cost(provider: str, model: str, on: date = date(2026, 11, 1)) -> float | None:
        return table.cost(
            provider, model, prompt_tokens=100, cached_tokens=0, completion_tokens=100, on=on
        )

    assert cost("openai", "gpt-unknown") is None
    assert cost("somecloud", "gpt-4o-mini") is None
    # Before the first dated price there is no price, not the nearest one.
    assert cost("deepseek", "deepseek-v4-flash", on=date(2026, 1, 1)) is None
    assert cost("deepseek", "deepseek-v4-flash") is not None
    # Mainland DashScope bills in CNY: deliberately absent from a USD table.
    assert cost("qwen", "qwen-plus") is None


def test_the_latest_price_in_effect_applies(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "updated: 2026-06-01\n"
        "providers:\n"
        "  DeepSeek:\n"
        "    deepseek-x:\n"
        "      - {since: 2025-01-01, input: 1.0, output: 2.0}\n"
        "      - {since: 2026-03-01, input: 0.5, output: 1.0}\n",
        encoding="utf-8",
    )
    table = PriceTable.load(path)
    million = 1_000_000
    for day, expected in ((date(2025, 6, 1), 3.0), (date(2026, 6, 1), 1.5)):
        cost = table.cost(
            "deepseek",
            "deepseek-x",
            prompt_tokens=million,
            cached_tokens=0,
            completion_tokens=million,
            on=day,
        )
        assert cost == expected
    # Without a cached price, cached tokens are billed as ordinary input.
    cached = table.cost(
        "deepseek",
        "deepseek-x",
        prompt_tokens=10,
        cached_tokens=10,
        completion_tokens=0,
        on=date(2026, 6, 1),
    )
    assert cached == pytest.approx(10 * 0.5 / 1_000_000)


def test_a_table_in_another_currency_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("currency: CNY\nupdated: 2026-06-01\nproviders: {}\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        PriceTable.load(path)


@pytest.mark.parametrize(
    ("provider", "mode"),
    [
        ("openai", ResponseMode.JSON_SCHEMA),
        ("ollama", ResponseMode.JSON_SCHEMA),
        ("vllm", ResponseMode.JSON_SCHEMA),
        ("qwen", ResponseMode.JSON_SCHEMA),
        ("deepseek", ResponseMode.JSON_OBJECT),
        ("moonshot", ResponseMode.JSON_OBJECT),
        ("zhipu", ResponseMode.JSON_OBJECT),
        ("my-own-gateway", ResponseMode.JSON_OBJECT),
    ],
)
def test_auto_json_mode_follows_the_provider_table(provider: str, mode: ResponseMode) -> None:
    assert response_mode(provider_for(provider), JsonMode.AUTO) is mode


def test_an_explicit_json_mode_overrides_the_provider() -> None:
    assert response_mode(provider_for("deepseek"), JsonMode.JSON_SCHEMA) is ResponseMode.JSON_SCHEMA
    assert response_mode(provider_for("openai"), JsonMode.JSON_OBJECT) is ResponseMode.JSON_OBJECT


def test_token_estimate_counts_cjk_per_character_and_latin_per_four() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("校园二手交易平台") == 8
    assert estimate_tokens("abcdefgh") == 2
    assert estimate_tokens("商品price") == 2 + 2
    assert estimate_tokens("，。！") == 3  # full-width punctuation is CJK too


def test_cached_tokens_are_read_from_any_provider_dialect() -> None:
    openai_style = CompletionUsage.model_validate(
        {
            "prompt_tokens": 100,
            "completion_tokens": 10,
            "total_tokens": 110,
            "prompt_tokens_details": {"cached_tokens": 64},
        }
    )
    deepseek_style = CompletionUsage.model_validate(
        {
            "prompt_tokens": 100,
            "completion_tokens": 10,
            "total_tokens": 110,
            "prompt_cache_hit_tokens": 80,
            "prompt_cache_miss_tokens": 20,
        }
    )
    assert read_usage(openai_style, [], "").cached == 64
    assert read_usage(deepseek_style, [], "").cached == 80
    missing = read_usage(None, ["你好", "hello world!"], "好")
    assert missing.estimated
    assert (missing.prompt, missing.completion) == (2 + 4 + 3 + 4, 1)
