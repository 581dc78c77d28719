"""The per-user AI-call budget (100 LLM calls per rolling hour by default).

``RedisAICallLimiter`` is shared by every process; ``MemoryAICallLimiter`` serves a single
process and tests. ``make_call_gate`` turns either into the pipeline's ``CallGate``.
"""

from ingenio.ratelimit.base import AICallLimiter
from ingenio.ratelimit.gate import StageTracker, budget_spent_message, make_call_gate
from ingenio.ratelimit.memory import MemoryAICallLimiter
from ingenio.ratelimit.redis import RedisAICallLimiter

__all__ = [
    "AICallLimiter",
    "MemoryAICallLimiter",
    "RedisAICallLimiter",
    "StageTracker",
    "budget_spent_message",
    "make_call_gate",
]
