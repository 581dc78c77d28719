"""What a user of the offline brain relies on: sensible entities, consistent specs, own language."""

from __future__ import annotations

import re

import pytest
from tests.pipeline.eval import CASES

from ingenio.pipeline.appspec import AppSpec, FieldType, Operation, PageType, RelationKind
from ingenio.pipeline.brains.base import Brain, BrainContext
from ingenio.pipeline.brains.offline import OfflineBrain
from ingenio.pipeline.naming import default_package_name, is_valid_package_name
from ingenio.pipeline.plan import Complexity, PlanResult
from ingenio.pipeline.usage import ZERO_USAGE
from ingenio.pipeline.validation.rules import check_spec

CJK = re.compile(r"[\u3400-\u9fff]")
PASCAL = re.compile(r"[A-Z][A-Za-z0-9]*")
CAMEL = re.compile(r"[a-z][A-Za-z0-9]*")
SNAKE = re.compile(r"[a-z][a-z0-9_]*")
UPPER_SNAKE = re.compile(r"[A-Z][A-Z0-9_]*")
API_PATH = re.compile(r"/api/[a-z0-9-]+(/search|/\{id\})?")
CAMPUS = "创建一个校园二手交易平台，支持商品发布、搜索、聊天和交易评价"


async def _run(requirement: str) -> tuple[PlanResult, AppSpec]:
    brain, ctx = OfflineBrain(), BrainContext()
    plan = (await brain.plan(requirement, ctx)).value
    spec = (await brain.execute(requirement, plan, None, ctx)).value
    return plan, spec


def _labels(spec: AppSpec) -> list[str]:
    labels = [spec.display_name]
    for model in spec.models:
        labels.append(model.label)
        for field in model.fields:
            labels.extend([field.label, field.description, *(v.label for v in field.enum_values)])
    labels.extend(r.label for r in spec.relations)
    labels.extend(e.summary for e in spec.endpoints)
    labels.extend(p.title for p in spec.pages)
    labels.extend(text for r in spec.roles for text in (r.label, r.description))
    return labels


def assert_consistent(spec: AppSpec) -> None:
    """Every invariant a generator may rely on, for any spec the brain gives."""
    names = [m.name for m in spec.models]
    assert len(set(names)) == len(names)
    assert len({m.table_name for m in spec.models}) == len(names)
    many_to_one = {(r.from_model, r.field_name) for r in spec.relations
                   if r.kind is RelationKind.MANY_TO_ONE}  # fmt: skip
    for model in spec.models:
        assert PASCAL.fullmatch(model.name), model.name
        assert SNAKE.fullmatch(model.table_name), model.table_name
        assert model.fields
        assert model.label
        assert model.description
        field_names = [f.name.lower() for f in model.fields]
        assert len(set(field_names)) == len(field_names)
        assert not {"id", "createdat", "updatedat"} & set(field_names)
        for field in model.fields:
            assert CAMEL.fullmatch(field.name), field.name
            if field.type is FieldType.REFERENCE:
                assert field.reference in names
                assert (model.name, field.name) in many_to_one
            if field.type is FieldType.ENUM:
                assert len(field.enum_values) >= 2
                assert all(UPPER_SNAKE.fullmatch(v.name) for v in field.enum_values)
            if field.type is FieldType.STRING:
                assert field.max_length is not None
    for relation in spec.relations:
        assert {relation.from_model, relation.to_model} <= set(names)
    assert spec.package_name == default_package_name(spec.app_name)
    assert is_valid_package_name(spec.package_name)
    assert PASCAL.fullmatch(spec.app_name)


async def test_the_brain_is_named_offline_costs_nothing_and_does_not_review() -> None:
    brain: Brain = OfflineBrain()
    ctx = BrainContext()
    plan = await brain.plan(CAMPUS, ctx)
    spec = await brain.execute(CAMPUS, plan.value, None, ctx)
    assert brain.name == "offline"
    assert plan.usage == ZERO_USAGE
    assert spec.usage == ZERO_USAGE
    assert await brain.review(CAMPUS, spec.value, ctx) is None


async def test_the_campus_marketplace_example_from_the_issue() -> None:
    plan, spec = await _run(CAMPUS)
    names = {m.name for m in spec.models}
    assert {"User", "Product", "Category", "Message", "Order", "Review"} <= names
    assert (spec.app_name, spec.display_name, spec.language) == (
        "CampusMarketplace",
        "校园二手交易平台",
        "zh",
    )
    assert {m.name: m.label for m in spec.models}["Product"] == "商品"
    assert plan.result_summary() == f"识别{len(spec.models)}个实体，{len(spec.endpoints)}个API端点"
    report = check_spec(spec)
    assert report.is_valid
    assert report.quality_score >= 80


async def test_natural_keys_are_unique_and_core_fields_required() -> None:
    _, spec = await _run("图书馆管理系统：管理图书、读者和借阅记录")
    fields = {(m.name, f.name): f for m in spec.models for f in m.fields}
    assert fields["Book", "isbn"].unique
    assert fields["Book", "isbn"].required
    assert fields["Reader", "cardNo"].unique
    loan = fields["BorrowRecord", "book"]
    assert loan.type is FieldType.REFERENCE
    assert loan.reference == "Book"
    assert loan.required


async def test_references_have_relations_and_inverses_and_natural_many_to_many() -> None:
    _, spec = await _run("A blogging platform where authors write posts with tags and comments")
    kinds = {(r.from_model, r.to_model, r.kind, r.field_name) for r in spec.relations}
    assert ("Post", "User", RelationKind.MANY_TO_ONE, "author") in kinds
    assert ("User", "Post", RelationKind.ONE_TO_MANY, "author") in kinds
    assert ("Post", "Tag", RelationKind.MANY_TO_MANY, "tags") in kinds
    assert_consistent(spec)


async def test_every_model_has_crud_search_endpoints_and_list_detail_form_pages() -> None:
    _, spec = await _run("酒店预订系统，支持房型和房间管理、在线预订、入住登记和退房")
    for model in spec.models:
        endpoints = [e for e in spec.endpoints if e.model == model.name]
        assert {e.operation for e in endpoints} == set(Operation)
        assert all(API_PATH.fullmatch(e.path) for e in endpoints)
        pages = {p.type for p in spec.pages if p.model == model.name}
        assert pages == {PageType.LIST, PageType.DETAIL, PageType.FORM}
    paths = {(e.method, e.path) for e in spec.endpoints}
    assert len(paths) == len(spec.endpoints)
    assert ("GET", "/api/room-types/search") in {(e.method.value, e.path) for e in spec.endpoints}
    assert [p.type for p in spec.pages].count(PageType.DASHBOARD) == 1


async def test_roles_come_from_the_family_and_cover_every_model() -> None:
    _, spec = await _run("医院预约挂号系统，患者在线预约医生")
    roles = {r.name: r for r in spec.roles}
    assert set(roles) == {"ADMIN", "DOCTOR", "PATIENT"}
    models = {m.name for m in spec.models}
    for role in spec.roles:
        assert {p.model for p in role.permissions} == models
    patient = {p.model: set(p.actions) for p in roles["PATIENT"].permissions}
    assert patient["Doctor"] == {"read"}
    assert "create" in patient["Appointment"]


@pytest.mark.parametrize("case", [c for c in CASES if c.language == "en"], ids=lambda c: c.id)
async def test_english_requirements_get_english_labels(case: object) -> None:
    _, spec = await _run(case.requirement)  # type: ignore[attr-defined]
    assert spec.language == "en"
    assert not [label for label in _labels(spec) if CJK.search(label)]


@pytest.mark.parametrize("case", [c for c in CASES if c.language == "zh"], ids=lambda c: c.id)
async def test_chinese_requirements_get_chinese_labels(case: object) -> None:
    _, spec = await _run(case.requirement)  # type: ignore[attr-defined]
    assert spec.language == "zh"
    assert all(CJK.search(m.label) for m in spec.models)
    assert CJK.search(spec.display_name)
    assert_consistent(spec)


async def test_listed_objects_the_lexicon_does_not_know_become_entities() -> None:
    _, zh = await _run("质量管理系统，需要管理以下对象：客户、质检记录、砼配比单")
    by_label = {m.label: m for m in zh.models}
    assert by_label["质检记录"].name == "QualityInspectionRecord"
    assert PASCAL.fullmatch(by_label["砼配比单"].name)  # untranslatable: neutral ASCII name
    assert "Customer" in {m.name for m in zh.models}
    _, en = await _run("An app to manage widgets, gizmos and sprockets for a workshop")
    assert {"Widget", "Gizmo", "Sprocket"} <= {m.name for m in en.models}
    assert_consistent(zh)
    assert_consistent(en)


async def test_features_and_verbs_do_not_become_entities() -> None:
    _, spec = await _run("做一个待办应用，支持任务的创建、编辑、删除、搜索、统计和数据导出")
    assert {m.name for m in spec.models} == {"User", "Task", "TaskList", "Tag"}


@pytest.mark.parametrize(("case_id", "count"), [("erp-10-zh", 10), ("erp-10-en", 10),
                                                ("erp-30-zh", 30), ("erp-30-en", 30)])  # fmt: skip
async def test_explicitly_listed_models_keep_their_size(case_id: str, count: int) -> None:
    case = next(c for c in CASES if c.id == case_id)
    plan, spec = await _run(case.requirement)
    assert len(spec.models) == count
    assert plan.complexity is Complexity.COMPLEX
    assert_consistent(spec)
    assert check_spec(spec).quality_score >= 80


@pytest.mark.parametrize(
    ("requirement", "complexity"),
    [
        ("A todo app with tasks and tags", Complexity.SIMPLE),
        ("医院预约挂号系统，患者在线预约医生", Complexity.MEDIUM),
    ],
)
async def test_complexity_follows_the_entity_count(
    requirement: str, complexity: Complexity
) -> None:
    plan, _ = await _run(requirement)
    assert plan.complexity is complexity


async def test_the_spec_follows_the_plan_it_is_given() -> None:
    plan, _ = await _run(CAMPUS)
    trimmed = plan.model_copy(
        update={"entities": [e for e in plan.entities if e.name not in ("User", "Category")]}
    )
    spec = (await OfflineBrain().execute(CAMPUS, trimmed, None, BrainContext())).value
    assert [m.name for m in spec.models] == [e.name for e in trimmed.entities]
    assert_consistent(spec)  # references to the dropped models went with them
    assert check_spec(spec).is_valid
