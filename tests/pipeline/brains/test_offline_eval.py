"""The offline brain against the evaluation set: entity recall, validity and quality per case."""

from __future__ import annotations

import pytest
from tests.pipeline.eval import CASES, EvalCase, entity_recall

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.offline import OfflineBrain
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.validation.rules import check_spec

MIN_RECALL = 0.90
MIN_FAMILY_SCORE = 80


async def _run(requirement: str) -> tuple[PlanResult, AppSpec]:
    brain, ctx = OfflineBrain(), BrainContext()
    plan = (await brain.plan(requirement, ctx)).value
    spec = (await brain.execute(requirement, plan, None, ctx)).value
    return plan, spec


def test_the_set_covers_every_family_in_both_languages() -> None:
    families = {
        "marketplace", "ecommerce", "library", "blog", "forum", "todo", "crm", "hospital",
        "course", "restaurant", "hotel", "inventory", "hr", "event",
    }  # fmt: skip
    assert len(CASES) >= 25
    for language in ("zh", "en"):
        assert families <= {c.family for c in CASES if c.language == language}, language
    assert any(c.family == "mixed" for c in CASES)


async def test_entity_recall_over_the_whole_set_is_at_least_90_percent() -> None:
    results: dict[str, list[str]] = {}
    for case in CASES:
        _, spec = await _run(case.requirement)
        results[case.id] = [m.name for m in spec.models]
    recall = entity_recall(results)
    misses = {
        case.id: [list(m) for m in case.misses(results[case.id])]
        for case in CASES
        if case.misses(results[case.id])
    }
    assert recall >= MIN_RECALL, f"recall {recall:.1%}; missed per case: {misses}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_each_case_gives_a_valid_spec_in_its_language(case: EvalCase) -> None:
    plan, spec = await _run(case.requirement)
    report = check_spec(spec)
    assert report.is_valid, [e.message for e in report.errors]
    assert plan.language == spec.language == case.language
    assert len(spec.models) >= max(case.min_entities, 1)
    assert [e.name for e in plan.entities] == [m.name for m in spec.models]


@pytest.mark.parametrize("case", [c for c in CASES if c.family != "mixed"], ids=lambda c: c.id)
async def test_recognised_families_give_rich_specs(case: EvalCase) -> None:
    _, spec = await _run(case.requirement)
    report = check_spec(spec)
    notes = [n for d in report.breakdown for n in d.notes]
    assert report.quality_score >= MIN_FAMILY_SCORE, notes
    assert spec.roles
    assert spec.endpoints
    assert spec.pages
