"""What every stage function returns to the orchestrator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ingenio.pipeline.usage import ZERO_USAGE, TokenUsage

T = TypeVar("T")


@dataclass(frozen=True)
class StageOutcome(Generic[T]):
    output: T
    summary: str
    usage: TokenUsage = ZERO_USAGE
    metadata: dict[str, Any] = field(default_factory=dict)
