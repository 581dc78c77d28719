"""What a caller asks the pipeline for, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.events import Stage
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.project import GeneratedProject
from ingenio.pipeline.report import ValidationReport
from ingenio.pipeline.usage import TokenUsage

MAX_REQUIREMENT_CHARS = 5000


@dataclass(frozen=True)
class GenerationRequest:
    requirement: str
    skip_validation: bool = False
    quality_threshold: int = 70
    generate_preview: bool = False
    package_name: str | None = None


@dataclass(frozen=True)
class PriorResults:
    """Outputs of stages a previous attempt finished; those stages are not run again."""

    plan: PlanResult | None = None
    app_spec: AppSpec | None = None
    report: ValidationReport | None = None


@dataclass
class PipelineResult:
    plan: PlanResult
    app_spec: AppSpec
    report: ValidationReport
    project: GeneratedProject
    usage: dict[Stage, TokenUsage] = field(default_factory=dict)
