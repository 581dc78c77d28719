"""One test per rule: break a clean spec in one place and expect that rule's code at that path."""

from __future__ import annotations

from collections.abc import Callable
from string import Formatter

import pytest

from ingenio.pipeline.appspec import (
    AppSpec,
    EnumValue,
    FieldSpec,
    FieldType,
    Operation,
    PageType,
    RelationKind,
    RelationSpec,
)
from ingenio.pipeline.report import Severity, ValidationReport
from ingenio.pipeline.validation.catalog import RULES
from ingenio.pipeline.validation.rules import check_spec

from .specs import clean_spec, text, typed

Mutation = Callable[[AppSpec], object]


def _product_field(index: int, **changes: object) -> Mutation:
    def mutate(spec: AppSpec) -> None:
        for key, value in changes.items():
            setattr(spec.models[1].fields[index], key, value)

    return mutate


def _append_fields(index: int, *fields: FieldSpec) -> Mutation:
    def mutate(spec: AppSpec) -> None:
        spec.models[index].fields.extend(fields)

    return mutate


def _duplicate_model(spec: AppSpec) -> None:
    twin = spec.models[0].model_copy(update={"name": "CATEGORY", "table_name": "categories2"})
    spec.models.append(twin)


def _drop_endpoints(model: str, *operations: Operation) -> Mutation:
    def mutate(spec: AppSpec) -> None:
        spec.endpoints = [
            e
            for e in spec.endpoints
            if not (e.model == model and (not operations or e.operation in operations))
        ]

    return mutate


def _ungrant(model: str) -> Mutation:
    def mutate(spec: AppSpec) -> None:
        for role in spec.roles:
            role.permissions = [p for p in role.permissions if p.model != model]

    return mutate


def _route_twin(spec: AppSpec) -> None:
    spec.endpoints.append(spec.endpoints[1].model_copy(update={"path": "/api/categories/{cid}"}))


CASES: list[tuple[str, Mutation, str]] = [
    # errors
    ("NO_MODELS", lambda s: setattr(s, "models", []), "$.models"),
    ("MODEL_NAME_DUPLICATE", _duplicate_model, "$.models[2].name"),
    (
        "TABLE_NAME_DUPLICATE",
        lambda s: setattr(s.models[1], "table_name", "Categories"),
        "$.models[1].tableName",
    ),
    (
        "FIELD_NAME_DUPLICATE",
        lambda s: s.models[1].fields.append(text("Title", "标题2")),
        "$.models[1].fields[5].name",
    ),
    (
        "FIELD_NAME_IMPLICIT",
        lambda s: s.models[0].fields.append(typed("created_at", "创建时间", FieldType.DATETIME)),
        "$.models[0].fields[2].name",
    ),
    ("REF_MISSING_TARGET", _product_field(4, reference=None), "$.models[1].fields[4].reference"),
    ("REF_UNKNOWN_MODEL", _product_field(4, reference="Brand"), "$.models[1].fields[4].reference"),
    ("ENUM_NO_VALUES", _product_field(3, enum_values=[]), "$.models[1].fields[3].enumValues"),
    (
        "ENUM_VALUE_DUPLICATE",
        lambda s: s.models[1].fields[3].enum_values.append(EnumValue(name="SOLD", label="售罄")),
        "$.models[1].fields[3].enumValues[2].name",
    ),
    ("LENGTH_RANGE_INVALID", _product_field(0, min_length=101), "$.models[1].fields[0].minLength"),
    (
        "VALUE_RANGE_INVALID",
        _product_field(2, min_value=10.0, max_value=1.0),
        "$.models[1].fields[2].minValue",
    ),
    (
        "RELATION_UNKNOWN_MODEL",
        lambda s: setattr(s.relations[0], "to_model", "Brand"),
        "$.relations[0].toModel",
    ),
    (
        "RELATION_FIELD_UNKNOWN",
        lambda s: setattr(s.relations[0], "field_name", "brand"),
        "$.relations[0].fieldName",
    ),
    (
        "RELATION_FIELD_NOT_REFERENCE",
        lambda s: setattr(s.relations[0], "field_name", "title"),
        "$.relations[0].fieldName",
    ),
    (
        "ENDPOINT_UNKNOWN_MODEL",
        lambda s: setattr(s.endpoints[0], "model", "Brand"),
        "$.endpoints[0].model",
    ),
    ("PAGE_UNKNOWN_MODEL", lambda s: setattr(s.pages[0], "model", "Brand"), "$.pages[0].model"),
    ("PAGE_MISSING_MODEL", lambda s: setattr(s.pages[0], "model", None), "$.pages[0].model"),
    (
        "PACKAGE_NAME_INVALID",
        lambda s: setattr(s, "package_name", "com.example.class"),
        "$.packageName",
    ),
    # warnings
    ("NAME_NOT_PASCAL_CASE", lambda s: setattr(s, "app_name", "mini_shop"), "$.appName"),
    ("NAME_NOT_CAMEL_CASE", _product_field(0, name="Title"), "$.models[1].fields[0].name"),
    (
        "NAME_NOT_SNAKE_CASE",
        lambda s: setattr(s.models[0], "table_name", "Categories"),
        "$.models[0].tableName",
    ),
    ("NAME_NOT_UPPER_SNAKE_CASE", lambda s: setattr(s.roles[1], "name", "user"), "$.roles[1].name"),
    ("NAME_RESERVED_KOTLIN", _product_field(0, name="object"), "$.models[1].fields[0].name"),
    (
        "NAME_RESERVED_SQL",
        lambda s: setattr(s.models[0], "table_name", "user"),
        "$.models[0].tableName",
    ),
    ("MODEL_NO_FIELDS", lambda s: setattr(s.models[0], "fields", []), "$.models[0].fields"),
    ("MODEL_FEW_FIELDS", lambda s: s.models[0].fields.pop(), "$.models[0].fields"),
    (
        "MODEL_NO_REQUIRED_FIELD",
        lambda s: setattr(s.models[0].fields[0], "required", False),
        "$.models[0].fields",
    ),
    ("STRING_NO_MAX_LENGTH", _product_field(0, max_length=None), "$.models[1].fields[0].maxLength"),
    ("UNIQUE_KEY_MISSING", _product_field(1, unique=False), "$.models[1].fields[1].unique"),
    ("REF_NO_RELATION", lambda s: s.relations.pop(0), "$.models[1].fields[4]"),
    (
        "RELATION_TARGET_MISMATCH",
        lambda s: setattr(s.relations[0], "to_model", "Product"),
        "$.relations[0].toModel",
    ),
    (
        "RELATION_NO_INVERSE",
        lambda s: s.relations.append(
            RelationSpec(
                from_model="Product",
                to_model="Category",
                kind=RelationKind.ONE_TO_MANY,
                field_name="categories",
            )
        ),
        "$.relations[2]",
    ),
    (
        "PERMISSION_UNKNOWN_MODEL",
        lambda s: setattr(s.roles[1].permissions[0], "model", "Brand"),
        "$.roles[1].permissions[0].model",
    ),
    ("MODEL_NOT_REACHABLE", _drop_endpoints("Category"), "$.models[0]"),
    ("MODEL_MISSING_CRUD", _drop_endpoints("Product", Operation.DELETE), "$.models[1]"),
    ("ENDPOINT_DUPLICATE", _route_twin, "$.endpoints[10].path"),
    (
        "ENDPOINT_PATH_NOT_API",
        lambda s: setattr(s.endpoints[0], "path", "/categories"),
        "$.endpoints[0].path",
    ),
    ("MODEL_MISSING_PAGES", lambda s: s.pages.pop(2), "$.models[0]"),
    ("NO_ROLES", lambda s: setattr(s, "roles", []), "$.roles"),
    (
        "ROLE_NO_PERMISSIONS",
        lambda s: setattr(s.roles[1], "permissions", []),
        "$.roles[1].permissions",
    ),
    ("MODEL_WITHOUT_PERMISSION", _ungrant("Category"), "$.models[0]"),
    (
        "LABEL_MISSING",
        lambda s: setattr(s.models[0].fields[0], "label", "  "),
        "$.models[0].fields[0].label",
    ),
    (
        "DESCRIPTION_MISSING",
        lambda s: setattr(s.models[0], "description", ""),
        "$.models[0].description",
    ),
]


def _broken(mutate: Mutation) -> ValidationReport:
    spec = clean_spec()
    mutate(spec)
    return check_spec(spec)


def test_clean_spec_has_no_findings_and_full_marks() -> None:
    report = check_spec(clean_spec())
    assert (report.errors, report.warnings) == ([], [])
    assert report.is_valid
    assert report.quality_score == report.rule_score == 100


@pytest.mark.parametrize(("code", "mutate", "path"), CASES, ids=[c[0] for c in CASES])
def test_rule_reports_its_code_at_the_broken_path(code: str, mutate: Mutation, path: str) -> None:
    report = _broken(mutate)
    rule = RULES[code]
    findings = report.errors if rule.severity is Severity.ERROR else report.warnings
    hits = [f for f in findings if f.code == code]
    assert [f.path for f in hits] == [path], [f.code for f in report.errors + report.warnings]
    finding = hits[0]
    assert finding.severity is rule.severity
    assert finding.message
    assert finding.suggestion
    for template, text_ in ((rule.message, finding.message), (rule.suggestion, finding.suggestion)):
        for _, placeholder, _, _ in Formatter().parse(template):
            assert placeholder is None or f"{{{placeholder}}}" not in text_
    # An error makes the spec unusable; a warning only costs points.
    assert report.is_valid is (not report.errors)
    assert report.is_valid is (rule.severity is Severity.WARNING)
    assert report.quality_score < 100


def test_every_rule_in_the_catalog_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(RULES)


def test_messages_name_the_offending_things_in_chinese() -> None:
    report = _broken(_product_field(4, reference="Brand"))
    (finding,) = [f for f in report.errors if f.code == "REF_UNKNOWN_MODEL"]
    assert finding.message == "引用字段“Product.category”的目标模型“Brand”不存在"
    assert "Brand" in finding.suggestion

    report = _broken(_drop_endpoints("Product", Operation.DELETE, Operation.UPDATE))
    (finding,) = [f for f in report.warnings if f.code == "MODEL_MISSING_CRUD"]
    assert finding.message == "模型“Product”缺少以下操作的API端点：修改、删除"


@pytest.mark.parametrize("twin", ["TITLE", "title"])
def test_duplicate_field_names_are_case_insensitive(twin: str) -> None:
    report = _broken(_append_fields(1, text(twin, "重复")))
    assert [f.code for f in report.errors] == ["FIELD_NAME_DUPLICATE"]


def test_two_spellings_of_one_column_are_duplicates() -> None:
    # sortNo and sort_no would both become the column sort_no.
    report = _broken(_append_fields(0, text("sortNo", "序号"), text("sort_no", "序号2")))
    assert [f.path for f in report.errors] == ["$.models[0].fields[3].name"]


@pytest.mark.parametrize("name", ["id", "ID", "createdAt", "updated_at"])
def test_implicit_fields_are_recognised_in_any_spelling(name: str) -> None:
    report = _broken(_append_fields(0, text(name, "隐含")))
    assert [f.code for f in report.errors] == ["FIELD_NAME_IMPLICIT"]


def test_routes_differing_only_in_path_variable_names_are_duplicates() -> None:
    report = _broken(_route_twin)
    (finding,) = [f for f in report.warnings if f.code == "ENDPOINT_DUPLICATE"]
    assert "第2个端点" in finding.message


@pytest.mark.parametrize("page_type", [PageType.LIST, PageType.DETAIL, PageType.FORM])
def test_dashboards_need_no_model_but_other_pages_do(page_type: PageType) -> None:
    spec = clean_spec()
    assert spec.pages[6].type is PageType.DASHBOARD
    assert spec.pages[6].model is None
    spec.pages[6].type = page_type
    assert [f.code for f in check_spec(spec).errors] == ["PAGE_MISSING_MODEL"]


def test_reserved_words_are_flagged_where_they_would_bite() -> None:
    # A reference field named "order" becomes column order_id: no SQL problem.
    report = _broken(_product_field(4, name="order"))
    assert "NAME_RESERVED_SQL" not in {f.code for f in report.warnings}
    # A plain field named "order" is a reserved column; a model named String shadows Kotlin's.
    report = _broken(_product_field(0, name="order"))
    assert "NAME_RESERVED_SQL" in {f.code for f in report.warnings}
    report = _broken(lambda s: setattr(s.models[0], "name", "String"))
    assert "NAME_RESERVED_KOTLIN" in {f.code for f in report.warnings}


def test_natural_keys_are_exact_names_not_suffixes() -> None:
    report = _broken(_append_fields(0, text("zipCode", "邮编")))
    assert report.warnings == []
    report = _broken(_append_fields(0, text("email", "邮箱")))
    assert [f.code for f in report.warnings] == ["UNIQUE_KEY_MISSING"]


def test_long_user_supplied_names_are_shortened_in_messages() -> None:
    report = _broken(_product_field(4, reference="X" * 5000))
    (finding,) = report.errors
    assert len(finding.message) < 200
    assert finding.message.count("X") < 100
