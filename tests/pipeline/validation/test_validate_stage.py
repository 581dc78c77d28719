"""The validate stage end to end with the shipped scripted brain: blend, fallback, rules only."""

from __future__ import annotations

from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.testing import ScriptedBrain, StageScript
from ingenio.pipeline.events import Stage
from ingenio.pipeline.report import ReviewStatus
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.stages.validate import quality_gate, validate_stage
from ingenio.pipeline.validation.rules import check_spec

from .specs import generic_spec, medium_spec

REQUEST = GenerationRequest(requirement="图书馆借阅系统")


async def test_a_reviewing_brain_is_blended_into_the_score() -> None:
    spec = medium_spec()
    rules_only = check_spec(spec)
    brain = ScriptedBrain(review_score=95)
    outcome = await validate_stage(REQUEST, spec, brain, BrainContext())
    report = outcome.output
    assert report.review_status is ReviewStatus.OK
    assert report.quality_score == int(0.6 * rules_only.rule_score + 0.4 * 95 + 1e-6)
    assert outcome.metadata["qualityScore"] == report.quality_score
    assert outcome.metadata["reviewStatus"] == "ok"


async def test_a_failed_review_falls_back_to_rules_and_says_so() -> None:
    spec = medium_spec()
    brain = ScriptedBrain(scripts={Stage.VALIDATE: StageScript(fail="评审超时")})
    outcome = await validate_stage(REQUEST, spec, brain, BrainContext())
    report = outcome.output
    assert report.review_status is ReviewStatus.FAILED
    assert "评审超时" in report.review_note
    assert report.quality_score == report.rule_score == check_spec(spec).rule_score
    assert report.review_score is None


async def test_without_a_reviewer_the_rules_decide_and_the_gate_explains() -> None:
    outcome = await validate_stage(REQUEST, generic_spec(), ScriptedBrain(), BrainContext())
    report = outcome.output
    assert report.review_status is ReviewStatus.NOT_RUN
    assert report.is_valid
    message = quality_gate(report, REQUEST)
    assert message == f"质量评分({report.quality_score})低于阈值(70)，请优化需求后重试"
    assert outcome.summary.startswith(f"质量评分{report.quality_score}，0个错误")
