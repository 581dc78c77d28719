"""Token usage and cost, summed per stage and per task."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from ingenio.camel import CamelModel


class TokenUsage(CamelModel):
    """Tokens one or more LLM calls used, and what they cost.

    ``cost`` is in US dollars; ``None`` means the price of a model involved is unknown, and then
    the sum stays unknown: a guess would be worse than no figure. ``estimated`` is set when a
    provider returned no usage and the count was estimated from the text.
    """

    # A value object: frozen makes it hashable, which dataclasses require of a field default
    # (BrainReply.usage, StageOutcome.usage default to ZERO_USAGE).
    model_config = ConfigDict(frozen=True)  # merged with CamelModel's config

    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    cached_tokens: int = Field(default=0, ge=0)
    calls: int = Field(default=0, ge=0)
    estimated: bool = False
    cost: float | None = 0.0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: TokenUsage) -> TokenUsage:
        cost = None if self.cost is None or other.cost is None else round(self.cost + other.cost, 8)
        return TokenUsage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
            calls=self.calls + other.calls,
            estimated=self.estimated or other.estimated,
            cost=cost,
        )


ZERO_USAGE = TokenUsage()
