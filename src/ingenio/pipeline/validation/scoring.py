"""The explainable quality score, and its blend with an LLM review.

Each rubric dimension starts at 100 and loses a criterion's points in proportion to the share of
examined things that fail it ("3/12 string fields have no maximum length" costs 3/12 of 15
points), plus a fixed penalty per error. Ratios rather than per-finding penalties keep a large
spec with one slip from scoring below a tiny one, and make every deduction a sentence the user
can check. The quality score is the weighted mean of the dimensions, rounded down and capped
while the spec has errors.

Calibration (tests/pipeline/validation/test_scoring.py), against the default gate of 70: one
generic entity with two fields and nothing else scores 45; a plausible first draft (three models,
list/get/create endpoints, list pages only, no roles) about 60; a consistent marketplace with
full CRUD endpoints, list/detail/form pages and roles 100.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ingenio.pipeline.report import (
    ReviewResult,
    ReviewStatus,
    ScoreDimension,
    Severity,
    ValidationReport,
)
from ingenio.pipeline.validation.catalog import DIMENSION_LABELS, Dimension
from ingenio.pipeline.validation.collector import Collector, Issue, Subject

WEIGHTS: dict[Dimension, float] = {
    Dimension.COMPLETENESS: 0.25,
    Dimension.CONSISTENCY: 0.20,
    Dimension.NAMING: 0.10,
    Dimension.API: 0.20,
    Dimension.UI: 0.15,
    Dimension.SECURITY: 0.10,
}
ERROR_PENALTY = 10  # per error, in the error's own dimension
ERROR_CAP = 40  # an invalid spec never looks acceptable, whatever else it does well
RULE_SHARE = 0.6
REVIEW_SHARE = 0.4
REVIEW_NOTE = f"已融合LLM评审：规则评分占{RULE_SHARE:.0%}，LLM评审占{REVIEW_SHARE:.0%}"
_MAX_REVIEW_NOTES = 5  # the full review stays in report.review


@dataclass(frozen=True, slots=True)
class Criterion:
    dimension: Dimension
    label: str
    points: int
    subject: Subject
    codes: frozenset[str]
    shortfall: str  # filled with {bad} and {total}
    empty_ratio: float = 1.0  # share of points kept when nothing of the subject exists
    empty_note: str = ""


def _c(
    dimension: Dimension,
    label: str,
    points: int,
    subject: Subject,
    codes: str,
    shortfall: str,
    empty_note: str = "",
) -> Criterion:
    return Criterion(
        dimension,
        label,
        points,
        subject,
        frozenset(codes.split()),
        shortfall,
        0.0 if empty_note else 1.0,
        empty_note,
    )


_C, _K = Dimension.COMPLETENESS, Dimension.CONSISTENCY
_N, _A, _U, _S = Dimension.NAMING, Dimension.API, Dimension.UI, Dimension.SECURITY

# fmt: off
CRITERIA: tuple[Criterion, ...] = (
    _c(_C, "字段数量", 25, Subject.MODEL, "MODEL_NO_FIELDS MODEL_FEW_FIELDS",
       "{bad}/{total}个模型的字段少于2个"),
    _c(_C, "必填字段", 15, Subject.MODEL_WITH_FIELDS, "MODEL_NO_REQUIRED_FIELD",
       "{bad}/{total}个模型没有必填字段"),
    _c(_C, "显示名称", 20, Subject.LABEL, "LABEL_MISSING", "{bad}/{total}处缺少显示名称"),
    _c(_C, "描述说明", 10, Subject.DESCRIPTION, "DESCRIPTION_MISSING",
       "应用和模型中{bad}/{total}处缺少描述"),
    _c(_C, "长度约束", 15, Subject.STRING_FIELD, "STRING_NO_MAX_LENGTH",
       "{bad}/{total}个字符串字段没有设置最大长度"),
    _c(_C, "唯一约束", 15, Subject.NATURAL_KEY, "UNIQUE_KEY_MISSING",
       "{bad}/{total}个业务键字段（如邮箱、编号）没有标记唯一"),
    _c(_K, "引用关系", 50, Subject.REFERENCE_FIELD, "REF_NO_RELATION",
       "{bad}/{total}个引用字段没有对应的多对一关系"),
    _c(_K, "关系一致", 30, Subject.RELATION, "RELATION_TARGET_MISMATCH RELATION_NO_INVERSE",
       "{bad}/{total}个关系与引用字段不一致"),
    _c(_K, "权限目标", 20, Subject.PERMISSION, "PERMISSION_UNKNOWN_MODEL",
       "{bad}/{total}条权限指向不存在的模型"),
    _c(_N, "命名风格", 70, Subject.NAME,
       "NAME_NOT_PASCAL_CASE NAME_NOT_CAMEL_CASE NAME_NOT_SNAKE_CASE NAME_NOT_UPPER_SNAKE_CASE",
       "{bad}/{total}个名称不符合命名风格"),
    _c(_N, "保留字", 30, Subject.NAME, "NAME_RESERVED_KOTLIN NAME_RESERVED_SQL",
       "{bad}/{total}个名称与Kotlin或SQL保留字冲突"),
    _c(_A, "增删改查", 80, Subject.CRUD_SLOT, "MODEL_NOT_REACHABLE MODEL_MISSING_CRUD",
       "缺少{bad}/{total}个增删改查端点"),
    _c(_A, "端点规范", 20, Subject.ENDPOINT, "ENDPOINT_PATH_NOT_API ENDPOINT_DUPLICATE",
       "{bad}/{total}个端点路径不以/api/开头或路由重复", "没有任何API端点"),
    _c(_U, "页面覆盖", 100, Subject.PAGE_SLOT, "MODEL_MISSING_PAGES",
       "缺少{bad}/{total}个列表、详情或表单页面"),
    _c(_S, "角色定义", 40, Subject.ROLE_SET, "NO_ROLES", "没有定义任何角色"),
    _c(_S, "角色权限", 30, Subject.ROLE, "ROLE_NO_PERMISSIONS", "{bad}/{total}个角色没有权限",
       "没有可授权的角色"),
    _c(_S, "模型授权", 30, Subject.GUARDED_MODEL, "MODEL_WITHOUT_PERMISSION",
       "{bad}/{total}个模型没有任何角色授权", "没有角色对任何模型授权"),
)
# fmt: on


def build_report(out: Collector) -> ValidationReport:
    """Turn the checks' findings and counts into the scored, explained report."""
    units: Counter[str] = Counter()
    for issue in out.issues:
        units[issue.rule.code] += issue.units
    errors = [i for i in out.issues if i.rule.severity is Severity.ERROR]
    breakdown = [
        _dimension(dim, weight, units, out.counts, errors) for dim, weight in WEIGHTS.items()
    ]
    score = weighted_mean(breakdown)
    if errors and score > ERROR_CAP:
        owner = next(d for d in breakdown if d.name == errors[0].rule.dimension)
        owner.notes.append(f"存在{len(errors)}个错误，总分由{score}分封顶为{ERROR_CAP}分")
        score = ERROR_CAP
    return ValidationReport(
        is_valid=not errors,
        quality_score=score,
        errors=out.findings(Severity.ERROR),
        warnings=out.findings(Severity.WARNING),
        breakdown=breakdown,
        rule_score=score,
    )


def blend_review(report: ValidationReport, review: ReviewResult) -> ValidationReport:
    """Blend an LLM review into the rule score: 0.6 x rules + 0.4 x review, still capped while
    the spec has errors. The rule dimensions keep their relative weights, scaled to 0.6, and a
    ``review`` dimension carrying 0.4 explains the reviewer's part."""
    rule_dims = [d for d in report.breakdown if d.name != Dimension.REVIEW]
    total = sum(d.weight for d in rule_dims) or 1.0
    scaled = [
        d.model_copy(update={"weight": round(d.weight / total * RULE_SHARE, 4)}) for d in rule_dims
    ]
    blended = round_down(RULE_SHARE * report.rule_score + REVIEW_SHARE * review.score)
    notes = [
        f"综合评分 = {RULE_SHARE} × 规则评分{report.rule_score} + {REVIEW_SHARE} × "
        f"LLM评审{review.score} = {blended}"
    ]
    if report.errors and blended > ERROR_CAP:
        notes.append(f"存在{len(report.errors)}个错误，总分封顶为{ERROR_CAP}分")
        blended = ERROR_CAP
    notes.extend(f"不足：{text}" for text in review.weaknesses[:_MAX_REVIEW_NOTES])
    review_dim = ScoreDimension(
        name=Dimension.REVIEW.value,
        label=DIMENSION_LABELS[Dimension.REVIEW],
        score=review.score,
        weight=REVIEW_SHARE,
        notes=notes,
    )
    return report.model_copy(
        update={
            "quality_score": blended,
            "breakdown": [*scaled, review_dim],
            "review_score": review.score,
            "review_status": ReviewStatus.OK,
            "review_note": REVIEW_NOTE,
            "review": review,
        }
    )


def weighted_mean(dimensions: list[ScoreDimension]) -> int:
    total = sum(d.weight for d in dimensions)
    if total <= 0:
        return 0
    return round_down(sum(d.score * d.weight for d in dimensions) / total)


def round_down(value: float) -> int:
    """Scores are rounded down, so that any deduction, however small, shows: a spec with a
    warning never reads 100. Float noise goes first (0.6 * 85 is 50.99999999999999)."""
    return math.floor(round(value, 6))


def _dimension(
    dim: Dimension,
    weight: float,
    units: Counter[str],
    counts: Counter[Subject],
    errors: list[Issue],
) -> ScoreDimension:
    notes: list[str] = []
    lost = 0.0
    for criterion in CRITERIA:
        if criterion.dimension is not dim:
            continue
        total = counts[criterion.subject]
        if total == 0:
            kept, text = criterion.empty_ratio, criterion.empty_note
        else:
            bad = min(total, sum(units[code] for code in criterion.codes))
            kept, text = 1 - bad / total, criterion.shortfall.format(bad=bad, total=total)
        deduction = criterion.points * (1 - kept)
        if deduction > 0:
            lost += deduction
            notes.append(f"{criterion.label}：{text}（-{_points(deduction)}分）")
    own_errors = [e.rule.code for e in errors if e.rule.dimension is dim]
    if own_errors:
        penalty = ERROR_PENALTY * len(own_errors)
        lost += penalty
        codes = "、".join(dict.fromkeys(own_errors))
        notes.append(f"{len(own_errors)}个错误（{codes}）（-{penalty}分）")
    return ScoreDimension(
        name=dim.value,
        label=DIMENSION_LABELS[dim],
        score=max(0, round_down(100 - lost)),
        weight=weight,
        notes=notes,
    )


def _points(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)
