"""Token counts of one call: the provider's figures, or an estimate flagged as such."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from openai.types import CompletionUsage

# Per-message framing the chat format adds (role markers and separators), as OpenAI documents it.
_MESSAGE_OVERHEAD = 4


@dataclass(frozen=True)
class CallTokens:
    prompt: int
    completion: int
    cached: int = 0
    estimated: bool = False


def read_usage(
    usage: CompletionUsage | None, prompt_texts: Iterable[str], completion_text: str
) -> CallTokens:
    """The reply's usage; when the provider sent none, an estimate from the texts."""
    if usage is None:
        texts = list(prompt_texts)
        prompt = sum(estimate_tokens(t) + _MESSAGE_OVERHEAD for t in texts)
        return CallTokens(prompt, estimate_tokens(completion_text), 0, estimated=True)
    return CallTokens(usage.prompt_tokens, usage.completion_tokens, _cached_tokens(usage))


def _cached_tokens(usage: CompletionUsage) -> int:
    details = usage.prompt_tokens_details
    if details is not None and details.cached_tokens:
        return details.cached_tokens
    # DeepSeek reports prompt_cache_hit_tokens, Moonshot a top-level cached_tokens.
    extra = usage.model_extra or {}
    for key in ("prompt_cache_hit_tokens", "cached_tokens"):
        value = extra.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return 0


def estimate_tokens(text: str) -> int:
    """About one token per CJK character and one per four other characters.

    Real tokenizers cannot be loaded offline (tiktoken downloads its encodings), so this is a
    rough rule whose result is always flagged as estimated, never passed off as a count.
    """
    wide = sum(1 for ch in text if _is_wide(ch))
    return wide + math.ceil((len(text) - wide) / 4)


def _is_wide(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3000 <= code <= 0x9FFF  # CJK punctuation, kana, CJK unified ideographs (+ ext. A)
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and later
    )
