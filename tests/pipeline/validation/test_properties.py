"""Whatever AppSpec a model or a person produces, the validator answers and never raises.

The strategies mirror the pydantic models field by field. Names come from a small pool that mixes
good, duplicate, reserved, implicit, empty and non-ASCII names with arbitrary text, so that
references, relations, endpoints and pages hit both existing and missing models often.
"""

from __future__ import annotations

from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from ingenio.pipeline.appspec import (
    Action,
    AppSpec,
    DataModel,
    EndpointSpec,
    EnumValue,
    FieldSpec,
    FieldType,
    HttpMethod,
    Operation,
    PageSpec,
    PageType,
    Permission,
    RelationKind,
    RelationSpec,
    RoleSpec,
)
from ingenio.pipeline.report import ReviewResult, ReviewStatus
from ingenio.pipeline.validation.catalog import RULES
from ingenio.pipeline.validation.rules import check_spec
from ingenio.pipeline.validation.scoring import ERROR_CAP, blend_review

M = TypeVar("M", bound=BaseModel)


def _model(cls: type[M], **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[M]:
    # Through model_validate, by field name: the models' signatures use the camelCase aliases,
    # which st.builds would fill in a second time.
    return st.fixed_dictionaries(fields).map(cls.model_validate)


_POOL = [
    "User",
    "Order",
    "user",
    "order",
    "",
    " ",
    "class",
    "String",
    "id",
    "createdAt",
    "商品",
    "My Model",
    "ADMIN",
    "user_orders",
    "orderNo",
    "email",
]
names = st.sampled_from(_POOL) | st.text(max_size=12)
model_names = st.sampled_from(["User", "Order", "Product", "order", "Ghost", ""])
short = st.text(max_size=6)
bounds = st.none() | st.floats(allow_nan=True, allow_infinity=True)

fields = _model(
    FieldSpec,
    name=names,
    label=short,
    type=st.sampled_from(FieldType),
    description=short,
    required=st.booleans(),
    unique=st.booleans(),
    min_length=st.none() | st.integers(0, 500),
    max_length=st.none() | st.integers(1, 500),
    min_value=bounds,
    max_value=bounds,
    enum_values=st.lists(_model(EnumValue, name=names, label=short), max_size=3),
    reference=st.none() | model_names,
)
models = _model(
    DataModel,
    name=model_names | names,
    label=short,
    table_name=names,
    description=short,
    fields=st.lists(fields, max_size=5),
)
relations = _model(
    RelationSpec,
    from_model=model_names,
    to_model=model_names,
    kind=st.sampled_from(RelationKind),
    field_name=names,
    label=short,
)
endpoints = _model(
    EndpointSpec,
    method=st.sampled_from(HttpMethod),
    path=st.sampled_from(["/api/users", "/api/users/{id}", "/api/users/{userId}/", "/users", ""])
    | st.text(max_size=12),
    model=model_names,
    operation=st.sampled_from(Operation),
    summary=short,
)
pages = _model(
    PageSpec,
    name=names,
    title=short,
    type=st.sampled_from(PageType),
    model=st.none() | model_names,
)
roles = _model(
    RoleSpec,
    name=names,
    label=short,
    description=short,
    permissions=st.lists(
        _model(Permission, model=model_names, actions=st.lists(st.sampled_from(Action))),
        max_size=3,
    ),
)
specs = _model(
    AppSpec,
    app_name=names,
    display_name=short,
    package_name=st.sampled_from(["com.example.app", "app", "com.class.x", ""]) | names,
    description=short,
    language=st.sampled_from(["zh", "en"]),
    models=st.lists(models, max_size=5),
    relations=st.lists(relations, max_size=4),
    endpoints=st.lists(endpoints, max_size=6),
    pages=st.lists(pages, max_size=4),
    roles=st.lists(roles, max_size=3),
)

# No example database: it would leave a .hypothesis folder in the work tree. No deadline: the
# machine is shared, and speed is measured in bench/, not asserted here.
_SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SETTINGS
@given(specs)
def test_check_spec_never_raises_and_stays_in_range(spec: AppSpec) -> None:
    report = check_spec(spec)
    assert 0 <= report.quality_score <= 100
    assert report.quality_score == report.rule_score
    assert report.is_valid is (not report.errors)
    if report.errors:
        assert report.quality_score <= ERROR_CAP
    for finding in report.errors + report.warnings:
        assert finding.code in RULES
        assert finding.path.startswith("$")
        assert finding.severity is RULES[finding.code].severity
    for dim in report.breakdown:
        assert 0 <= dim.score <= 100
    assert check_spec(spec) == report


@_SETTINGS
@given(specs, st.integers(0, 100))
def test_blend_stays_in_range_and_keeps_the_cap(spec: AppSpec, review_score: int) -> None:
    blended = blend_review(check_spec(spec), ReviewResult(score=review_score))
    assert 0 <= blended.quality_score <= 100
    assert blended.review_status is ReviewStatus.OK
    if blended.errors:
        assert blended.quality_score <= ERROR_CAP
    assert abs(sum(d.weight for d in blended.breakdown) - 1) < 1e-3
