"""The ``token_usage`` document: the contract's per-agent totals plus each stage's details."""

from __future__ import annotations

from typing import Any

from ingenio.pipeline.usage import TokenUsage


def usage_document(stages: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``{planTokens, executeTokens, validateTokens, totalTokens, estimatedCost, stages}``.

    The cost is unknown (null) as soon as one stage's cost is unknown: a partial sum would read
    as the whole price.
    """
    parsed = {stage: TokenUsage.model_validate(u) for stage, u in stages.items()}
    total = sum(parsed.values(), TokenUsage())
    return {
        "planTokens": parsed["plan"].total_tokens if "plan" in parsed else 0,
        "executeTokens": parsed["execute"].total_tokens if "execute" in parsed else 0,
        "validateTokens": parsed["validate"].total_tokens if "validate" in parsed else 0,
        "totalTokens": total.total_tokens,
        "estimatedCost": None if total.cost is None else round(total.cost, 6),
        "estimated": total.estimated,
        "stages": stages,
    }
