"""The quality score: calibrated, explainable, monotonic, deterministic; and the review blend."""

from __future__ import annotations

import re

from ingenio.pipeline.appspec import Action, AppSpec, Operation, PageType
from ingenio.pipeline.report import ReviewResult, ReviewStatus, ScoreDimension, ValidationReport
from ingenio.pipeline.validation.rules import check_spec
from ingenio.pipeline.validation.scoring import ERROR_CAP, blend_review

from .specs import (
    clean_spec,
    crud,
    generic_spec,
    many_to_one,
    marketplace_spec,
    medium_spec,
    pages,
    role,
    text,
)

_DEDUCTION = re.compile(r"（-([\d.]+)分）")


def test_one_generic_entity_and_nothing_else_scores_well_below_60_but_is_valid() -> None:
    report = check_spec(generic_spec())
    assert report.is_valid
    assert report.quality_score < 50


def test_even_a_perfectly_described_lone_entity_cannot_pass_without_api_ui_and_roles() -> None:
    spec = generic_spec()
    item = spec.models[0]
    spec.description = "记录条目"
    item.description = "条目"
    item.fields = [text("name", "名称", 100, required=True), text("note", "备注", 200)]
    report = check_spec(spec)
    assert report.warnings
    assert report.quality_score < 60


def test_a_rich_consistent_marketplace_scores_at_least_85() -> None:
    report = check_spec(marketplace_spec())
    assert report.is_valid
    assert report.quality_score >= 85


def test_a_medium_draft_lands_between_generic_and_rich() -> None:
    generic = check_spec(generic_spec()).quality_score
    medium = check_spec(medium_spec()).quality_score
    rich = check_spec(marketplace_spec()).quality_score
    assert generic + 10 <= medium <= rich - 10
    assert 55 <= medium < 85


def test_fixing_problems_one_by_one_never_lowers_the_score() -> None:
    spec = medium_spec()
    book, category, loan = spec.models

    def add_relation() -> None:
        spec.relations.append(many_to_one("Loan", "book", "Book"))

    def unique_isbn() -> None:
        book.fields[1].unique = True

    def flesh_out_category() -> None:
        category.fields[0].required = True
        category.fields.append(text("code", "编码", 20, unique=True))

    def full_crud() -> None:
        spec.endpoints = [e for m in spec.models for e in crud(m.name, m.table_name)]

    def all_pages() -> None:
        spec.pages = [p for m in spec.models for p in pages(m.name, m.label)]

    def roles() -> None:
        spec.roles = [role("ADMIN", "管理员", {m.name: list(Action) for m in spec.models})]

    scores = [check_spec(spec).quality_score]
    for fix in (add_relation, unique_isbn, flesh_out_category, full_crud, all_pages, roles):
        fix()
        scores.append(check_spec(spec).quality_score)
    assert scores == sorted(scores), scores
    assert len(set(scores)) == len(scores), f"every fix should count: {scores}"
    assert scores[-1] >= 85
    assert loan.fields  # the spec was fixed in place, not replaced


def test_an_error_caps_the_score_and_fixing_it_restores_it() -> None:
    spec = marketplace_spec()
    spec.models[2].fields[4].reference = "Seller"  # Product.seller -> a model that does not exist
    broken = check_spec(spec)
    assert not broken.is_valid
    assert broken.quality_score <= ERROR_CAP
    consistency = _dimension(broken, "consistency")
    assert any("封顶" in note for note in consistency.notes)

    spec.models[2].fields[4].reference = "User"
    assert check_spec(spec).quality_score > broken.quality_score


def test_the_breakdown_explains_the_score() -> None:
    report = check_spec(medium_spec())
    assert abs(sum(d.weight for d in report.breakdown) - 1) < 1e-9
    assert {d.name for d in report.breakdown} == {
        "completeness",
        "consistency",
        "naming",
        "api_coverage",
        "ui_coverage",
        "security",
    }
    mean = sum(d.score * d.weight for d in report.breakdown)
    assert report.quality_score == int(mean + 1e-6)
    for dim in report.breakdown:
        assert dim.label  # Chinese display name
        lost = sum(float(x) for note in dim.notes for x in _DEDUCTION.findall(note))
        # Each note states what it cost; together they account for the dimension's score.
        assert abs(100 - lost - dim.score) < 1, (dim.name, dim.notes)
        assert (dim.score == 100) == (not dim.notes)


def test_notes_say_what_cost_points() -> None:
    report = check_spec(medium_spec())
    api = _dimension(report, "api_coverage")
    assert api.notes == ["增删改查：缺少6/15个增删改查端点（-32分）"]
    security = _dimension(report, "security")
    assert security.score == 0
    assert "角色定义：没有定义任何角色（-40分）" in security.notes


def test_any_warning_costs_at_least_a_point() -> None:
    spec = marketplace_spec()
    spec.models[0].fields[3].label = ""  # one label of about seventy
    report = check_spec(spec)
    assert [f.code for f in report.warnings] == ["LABEL_MISSING"]
    assert report.quality_score == 99


def test_check_spec_is_deterministic() -> None:
    spec = medium_spec()
    first = check_spec(spec)
    again = check_spec(AppSpec.model_validate_json(spec.model_dump_json()))
    assert first.model_dump() == again.model_dump()


def test_search_endpoints_and_dashboards_are_extras_not_requirements() -> None:
    spec = clean_spec()
    spec.pages = [p for p in spec.pages if p.type is not PageType.DASHBOARD]
    search = spec.endpoints[5].model_copy(
        update={"path": "/api/products/search", "operation": Operation.SEARCH}
    )
    spec.endpoints.append(search)
    assert check_spec(spec).quality_score == 100


# --- blending with an LLM review ------------------------------------------------------------


def test_blend_is_sixty_percent_rules_forty_percent_review() -> None:
    rules_only = check_spec(medium_spec())
    review = ReviewResult(score=90, weaknesses=["缺少权限设计", "借阅缺少归还流程"])
    blended = blend_review(rules_only, review)

    assert blended.quality_score == int(0.6 * rules_only.rule_score + 0.4 * 90 + 1e-6)
    assert blended.rule_score == rules_only.rule_score
    assert blended.review_status is ReviewStatus.OK
    assert blended.review_score == 90
    assert blended.review == review
    assert blended.review_note
    assert (blended.errors, blended.warnings) == (rules_only.errors, rules_only.warnings)


def test_blend_adds_a_review_dimension_that_explains_the_mix() -> None:
    rules_only = check_spec(medium_spec())
    blended = blend_review(rules_only, ReviewResult(score=40, weaknesses=["字段过少"]))
    *rule_dims, review_dim = blended.breakdown
    assert review_dim.name == "review"
    assert review_dim.score == 40
    assert review_dim.weight == 0.4
    assert abs(sum(d.weight for d in rule_dims) - 0.6) < 1e-3
    assert [d.score for d in rule_dims] == [d.score for d in rules_only.breakdown]
    formula = f"0.6 × 规则评分{rules_only.rule_score} + 0.4 × LLM评审40"
    assert formula in review_dim.notes[0]
    assert "不足：字段过少" in review_dim.notes


def test_a_good_review_cannot_lift_an_invalid_spec_over_the_cap() -> None:
    spec = marketplace_spec()
    spec.pages[0].model = "Nobody"
    blended = blend_review(check_spec(spec), ReviewResult(score=100))
    assert not blended.is_valid
    assert blended.quality_score == ERROR_CAP


def test_blending_twice_keeps_weights_and_score() -> None:
    rules_only = check_spec(medium_spec())
    review = ReviewResult(score=75)
    once = blend_review(rules_only, review)
    twice = blend_review(once, review)
    assert twice.model_dump() == once.model_dump()


def _dimension(report: ValidationReport, name: str) -> ScoreDimension:
    return next(d for d in report.breakdown if d.name == name)
