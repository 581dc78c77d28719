"""The brain the settings ask for: offline (default, no key) or an OpenAI-compatible LLM."""

from __future__ import annotations

from ingenio.config import BrainKind, LLMSettings
from ingenio.pipeline.brains.base import Brain


def make_brain(settings: LLMSettings) -> Brain:
    """Build the configured brain; raises ``ConfigError`` for an unusable LLM configuration.

    Imports are lazy so that the offline path never loads the openai SDK and the LLM path never
    loads the offline brain's dictionaries.
    """
    if settings.brain is BrainKind.OFFLINE:
        from ingenio.pipeline.brains.offline import OfflineBrain

        return OfflineBrain()
    from ingenio.pipeline.brains.llm import LLMBrain

    return LLMBrain(settings)


async def close_brain(brain: Brain) -> None:
    """Release what a brain holds (the LLM brain's HTTP client); a no-op for the others."""
    aclose = getattr(brain, "aclose", None)
    if aclose is not None:
        await aclose()
