"""ValidationReport: the validate agent's (验证Agent) explainable quality verdict."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ingenio.camel import CamelModel


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ReviewStatus(StrEnum):
    NOT_RUN = "not_run"  # offline brain: rules only, by design
    OK = "ok"  # LLM review blended into the score
    FAILED = "failed"  # review attempted, failed; score falls back to rules only


class Finding(CamelModel):
    code: str = Field(description="stable machine code, e.g. 'REF_UNKNOWN_MODEL'")
    path: str = Field(description="JSON path into the AppSpec, e.g. '$.models[0].fields[2]'")
    message: str
    suggestion: str = ""
    severity: Severity


class ScoreDimension(CamelModel):
    name: str = Field(description="rubric dimension id: completeness, consistency, naming, ...")
    label: str
    score: int = Field(ge=0, le=100)
    weight: float = Field(ge=0)
    notes: list[str] = Field(default_factory=list)


class ReviewResult(CamelModel):
    """What an LLM reviewer returns: a score with reasons, blended with the rule score."""

    score: int = Field(ge=0, le=100)
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)


class ValidationReport(CamelModel):
    is_valid: bool
    quality_score: int = Field(ge=0, le=100)
    errors: list[Finding] = Field(default_factory=list)
    warnings: list[Finding] = Field(default_factory=list)
    breakdown: list[ScoreDimension] = Field(default_factory=list)
    rule_score: int = Field(ge=0, le=100)
    review_score: int | None = None
    review_status: ReviewStatus = ReviewStatus.NOT_RUN
    review_note: str = ""
    review: ReviewResult | None = None

    def result_summary(self) -> str:
        return f"质量评分{self.quality_score}，{len(self.errors)}个错误，{len(self.warnings)}个警告"
