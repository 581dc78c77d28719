"""Typed failures of the pipeline; ``message`` is what the user reads (in Chinese)."""

from __future__ import annotations

from ingenio.pipeline.events import Stage
from ingenio.pipeline.usage import ZERO_USAGE, TokenUsage


class PipelineError(Exception):
    """A stage failed in an expected way; the task fails with ``message``.

    ``usage`` carries tokens already spent before the failure (a reply that needed a repair call
    that failed too is still billed), so the task's cost stays honest.
    """

    def __init__(self, stage: Stage, message: str, usage: TokenUsage = ZERO_USAGE) -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message
        self.usage = usage


class QualityGateFailed(PipelineError):
    """The AppSpec is invalid or scored under the threshold (and skipValidation was off)."""


class BrainError(PipelineError):
    """The brain could not produce a valid result (LLM unreachable, unparseable after repair)."""


class RateLimited(BrainError):
    """The user's AI-call budget is spent and waiting for the window is not allowed."""


class CodegenError(PipelineError):
    """The generated project failed a check (for example a Kotlin parse error at file:line)."""


class StopPipeline(Exception):
    """Raised by an event sink to stop the run (the task was cancelled or taken over).

    The orchestrator lets it through untouched: it is neither a stage failure nor a bug.
    """
