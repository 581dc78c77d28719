"""Validate stage (验证Agent): deterministic rule checks, blended with an LLM review if any."""

from __future__ import annotations

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import Brain, BrainContext
from ingenio.pipeline.errors import BrainError
from ingenio.pipeline.report import ReviewStatus, ValidationReport
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.stages.outcome import StageOutcome
from ingenio.pipeline.usage import ZERO_USAGE
from ingenio.pipeline.validation.rules import check_spec
from ingenio.pipeline.validation.scoring import blend_review

QUALITY_GATE_INVALID = "AppSpec质量不达标，请优化需求后重试"


def quality_gate(report: ValidationReport, request: GenerationRequest) -> str | None:
    """The failure message if the gate stops this task, else None (see spec Decisions)."""
    if request.skip_validation:
        return None
    if not report.is_valid:
        return QUALITY_GATE_INVALID
    if report.quality_score < request.quality_threshold:
        return (
            f"质量评分({report.quality_score})低于阈值({request.quality_threshold})，"
            "请优化需求后重试"
        )
    return None


async def validate_stage(
    request: GenerationRequest, spec: AppSpec, brain: Brain, ctx: BrainContext
) -> StageOutcome[ValidationReport]:
    await ctx.on_progress(10, "规则检查")
    report = check_spec(spec)
    usage = ZERO_USAGE
    await ctx.on_progress(50, "质量评审")
    try:
        reply = await brain.review(request.requirement, spec, ctx)
    except BrainError as exc:
        # The rules alone still give an explainable score; say why the review is missing.
        report = report.model_copy(
            update={
                "review_status": ReviewStatus.FAILED,
                "review_note": f"LLM评审失败，仅使用规则评分：{exc.message}",
            }
        )
    else:
        if reply is not None:
            report = blend_review(report, reply.value)
            usage = reply.usage
    return StageOutcome(
        output=report,
        summary=report.result_summary(),
        usage=usage,
        metadata={
            "qualityScore": report.quality_score,
            "isValid": report.is_valid,
            "errorCount": len(report.errors),
            "warningCount": len(report.warnings),
            "reviewStatus": report.review_status.value,
        },
    )
