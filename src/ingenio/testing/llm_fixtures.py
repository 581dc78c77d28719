"""Valid answers for the fake LLM's smart mode: fixed fixtures, or the offline brain's output.

The stage of a request is read from what ``LLMBrain`` sends: the ``json_schema`` name, or in
json_object mode the ``JSON Schema（Name）`` line of its system prompt. The requirement and the
plan are read back from the ``<requirement>`` and ``<plan>`` blocks of the user message.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ingenio.pipeline.appspec import (
    Action,
    AppSpec,
    DataModel,
    EndpointSpec,
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
from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.plan import PlannedEndpoint, PlannedEntity, PlanResult
from ingenio.pipeline.report import ReviewResult

_SCHEMA_IN_PROMPT = re.compile(r"JSON Schema（(\w+)）")
_REQUIREMENT = re.compile(r"<requirement>\n(.*)\n</requirement>", re.DOTALL)
_PLAN = re.compile(r"<plan>\n(.*?)\n</plan>", re.DOTALL)


class SmartSource(StrEnum):
    AUTO = "auto"  # the offline brain when it is installed, else the fixtures
    OFFLINE = "offline"
    FIXTURES = "fixtures"


def requested_output(request: Mapping[str, Any]) -> str | None:
    """The schema name a chat request asks for (PlanResult, AppSpec, ReviewResult), if any."""
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return str(fmt.get("json_schema", {}).get("name"))
    for message in request.get("messages") or []:
        found = _SCHEMA_IN_PROMPT.search(str(message.get("content") or ""))
        if found:
            return found.group(1)
    return None


def smart_answer(request: Mapping[str, Any], source: SmartSource) -> str:
    """JSON text answering the request; prose when the request is not one of the three stages."""
    output = requested_output(request)
    user = "\n".join(
        str(m.get("content") or "")
        for m in request.get("messages") or []
        if m.get("role") == "user"
    )
    found = _REQUIREMENT.search(user)
    requirement = found.group(1).replace("<\\/requirement>", "</requirement>") if found else ""
    offline = _offline_brain(source)
    if output == "PlanResult":
        plan = (
            sample_plan()
            if offline is None
            else asyncio.run(offline.plan(requirement, BrainContext())).value
        )
        return plan.model_dump_json(by_alias=True)
    if output == "AppSpec":
        plan_text = _PLAN.search(user)
        plan = PlanResult.model_validate_json(plan_text.group(1)) if plan_text else sample_plan()
        spec = (
            sample_spec()
            if offline is None
            else asyncio.run(offline.execute(requirement, plan, None, BrainContext())).value
        )
        return spec.model_dump_json(by_alias=True)
    if output == "ReviewResult":
        return sample_review().model_dump_json(by_alias=True)
    return json.dumps({"note": "fake LLM: no known schema requested"})


def _offline_brain(source: SmartSource) -> Any:
    if source is SmartSource.FIXTURES:
        return None
    try:
        from ingenio.pipeline.brains.offline import OfflineBrain
    except ImportError:
        if source is SmartSource.OFFLINE:
            raise
        return None
    return OfflineBrain()


def sample_plan() -> PlanResult:
    return PlanResult(
        app_name="CampusMarketplace",
        display_name="校园二手交易平台",
        summary="学生发布、搜索和购买二手商品",
        entities=[
            PlannedEntity(name="User", label="用户", key_attributes=["用户名", "邮箱"]),
            PlannedEntity(name="Product", label="商品", key_attributes=["标题", "价格", "状态"]),
        ],
        features=["商品发布", "商品搜索"],
        endpoints=[
            PlannedEndpoint(method=HttpMethod.GET, path="/api/products", description="商品列表"),
            PlannedEndpoint(method=HttpMethod.POST, path="/api/products", description="发布商品"),
        ],
    )


def sample_spec() -> AppSpec:
    user = DataModel(
        name="User",
        label="用户",
        table_name="users",
        fields=[
            FieldSpec(
                name="username",
                label="用户名",
                type=FieldType.STRING,
                required=True,
                unique=True,
                min_length=3,
                max_length=32,
            ),
            FieldSpec(
                name="email",
                label="邮箱",
                type=FieldType.STRING,
                required=True,
                unique=True,
                max_length=120,
            ),
        ],
    )
    product = DataModel(
        name="Product",
        label="商品",
        table_name="products",
        fields=[
            FieldSpec(
                name="title", label="标题", type=FieldType.STRING, required=True, max_length=100
            ),
            FieldSpec(
                name="price", label="价格", type=FieldType.DECIMAL, required=True, min_value=0
            ),
            FieldSpec(
                name="seller",
                label="卖家",
                type=FieldType.REFERENCE,
                required=True,
                reference="User",
            ),
        ],
    )
    models = [user, product]
    return AppSpec(
        app_name="CampusMarketplace",
        display_name="校园二手交易平台",
        package_name="com.example.campusmarketplace",
        description="学生发布、搜索和购买二手商品",
        models=models,
        relations=[
            RelationSpec(
                from_model="Product",
                to_model="User",
                kind=RelationKind.MANY_TO_ONE,
                field_name="seller",
                label="卖家",
            )
        ],
        endpoints=[e for m in models for e in _crud(m.name, m.table_name)],
        pages=[
            *(
                PageSpec(
                    name=f"{m.name}{suffix}", title=f"{m.label}{title}", type=kind, model=m.name
                )
                for m in models
                for suffix, title, kind in (
                    ("List", "列表", PageType.LIST),
                    ("Detail", "详情", PageType.DETAIL),
                    ("Form", "表单", PageType.FORM),
                )
            ),
            PageSpec(name="Dashboard", title="概览", type=PageType.DASHBOARD),
        ],
        roles=[
            RoleSpec(
                name="ADMIN",
                label="管理员",
                permissions=[Permission(model=m.name, actions=list(Action)) for m in models],
            ),
            RoleSpec(
                name="STUDENT",
                label="学生",
                permissions=[Permission(model="Product", actions=[Action.CREATE, Action.READ])],
            ),
        ],
    )


def sample_review() -> ReviewResult:
    return ReviewResult(
        score=84,
        strengths=["实体与需求一致", "关系完整"],
        weaknesses=["缺少订单实体"],
        suggestions=["增加订单（Order）以支持交易"],
    )


def _crud(model: str, table: str) -> list[EndpointSpec]:
    base, one = f"/api/{table}", f"/api/{table}/{{id}}"
    return [
        EndpointSpec(method=HttpMethod.GET, path=base, model=model, operation=Operation.LIST),
        EndpointSpec(method=HttpMethod.GET, path=one, model=model, operation=Operation.GET),
        EndpointSpec(method=HttpMethod.POST, path=base, model=model, operation=Operation.CREATE),
        EndpointSpec(method=HttpMethod.PUT, path=one, model=model, operation=Operation.UPDATE),
        EndpointSpec(method=HttpMethod.DELETE, path=one, model=model, operation=Operation.DELETE),
    ]
