"""The dated price table (``prices.yaml`` beside this module, or the operator's own file)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

_PER_TOKENS = 1_000_000


class Price(BaseModel):
    """US dollars per 1M tokens, in effect from ``since``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    since: date
    input: float = Field(ge=0)
    cached_input: float | None = Field(default=None, ge=0)
    output: float = Field(ge=0)


class PriceTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: Literal["USD"] = "USD"
    updated: date
    providers: dict[str, dict[str, list[Price]]] = Field(default_factory=dict)

    @field_validator("providers")
    @classmethod
    def _lowercase_providers(
        cls, value: dict[str, dict[str, list[Price]]]
    ) -> dict[str, dict[str, list[Price]]]:
        # Provider names are matched case-insensitively, like INGENIO_LLM_PROVIDER.
        return {name.strip().lower(): models for name, models in value.items()}

    @classmethod
    def load(cls, path: Path | None = None) -> PriceTable:
        """The operator's table at ``path``, else the bundled one."""
        if path is None:
            text = resources.files(__package__).joinpath("prices.yaml").read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        return cls.model_validate(yaml.safe_load(text))

    def price(self, provider: str, model: str, on: date | None = None) -> Price | None:
        history = self.providers.get(provider.strip().lower(), {}).get(model, [])
        day = on or datetime.now(UTC).date()
        in_effect = [p for p in history if p.since <= day]
        return max(in_effect, key=lambda p: p.since) if in_effect else None

    def cost(
        self,
        provider: str,
        model: str,
        *,
        prompt_tokens: int,
        cached_tokens: int,
        completion_tokens: int,
        on: date | None = None,
    ) -> float | None:
        """Dollars for one call, or None when the model has no price on that day."""
        price = self.price(provider, model, on)
        if price is None:
            return None
        cached = min(cached_tokens, prompt_tokens)
        cached_rate = price.input if price.cached_input is None else price.cached_input
        dollars = (
            (prompt_tokens - cached) * price.input
            + cached * cached_rate
            + completion_tokens * price.output
        ) / _PER_TOKENS
        return round(dollars, 8)
