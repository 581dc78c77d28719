"""The LLM brain: any OpenAI-compatible chat API (OpenAI, DeepSeek, Qwen, Moonshot, Zhipu, ...)."""

from ingenio.pipeline.brains.llm.brain import LLMBrain
from ingenio.pipeline.brains.llm.prices import PriceTable

__all__ = ["LLMBrain", "PriceTable"]
