"""The four endpoints, field for field as the contract documents them."""

from __future__ import annotations

import re
import uuid

from tests.support.api import REQUIREMENT, Api

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
STATUS_FIELDS = [
    "taskId",
    "taskName",
    "userRequirement",
    "status",
    "statusDescription",
    "currentAgent",
    "progress",
    "agents",
    "startedAt",
    "completedAt",
    "estimatedRemainingSeconds",
    "appSpecId",
    "qualityScore",
    "downloadUrl",
    "previewUrl",
    "tokenUsage",
    "errorMessage",
    "createdAt",
    "updatedAt",
]
AGENT_FIELDS = [
    "agentType",
    "agentName",
    "status",
    "statusDescription",
    "startedAt",
    "completedAt",
    "durationMs",
    "progress",
    "resultSummary",
    "errorMessage",
    "metadata",
]
LIST_FIELDS = [
    "taskId",
    "taskName",
    "status",
    "statusDescription",
    "progress",
    "currentAgent",
    "appSpecId",
    "qualityScore",
    "downloadUrl",
    "errorMessage",
    "createdAt",
    "completedAt",
    "updatedAt",
]


async def test_create_returns_a_uuid_in_the_envelope(api: Api) -> None:
    user = await api.register()
    resp = await api.create(user)
    body = resp.json()
    assert resp.status_code == 200
    assert list(body) == ["code", "message", "data", "timestamp"]
    assert body["code"] == 200
    assert body["message"] == "成功"
    assert uuid.UUID(body["data"]).version == 4
    assert ISO_UTC.match(body["timestamp"])


async def test_completed_status_has_every_documented_field(api: Api) -> None:
    user = await api.register()
    task_id = await api.create_ok(user, generatePreview=True)
    data = await api.wait(user, task_id)

    assert list(data) == STATUS_FIELDS
    assert data["status"] == "completed", data["errorMessage"]
    assert data["statusDescription"] == "任务完成"
    assert data["taskId"] == task_id
    assert data["taskName"] == REQUIREMENT[:20] + "..."
    assert data["userRequirement"] == REQUIREMENT
    assert data["currentAgent"] == "generate"
    assert data["progress"] == 100
    assert data["estimatedRemainingSeconds"] == 0
    assert uuid.UUID(data["appSpecId"])
    assert 0 <= data["qualityScore"] <= 100
    assert data["downloadUrl"]
    assert data["previewUrl"]
    assert data["errorMessage"] is None
    for key in ("startedAt", "completedAt", "createdAt", "updatedAt"):
        assert ISO_UTC.match(data[key]), key
    assert data["tokenUsage"] == {
        "planTokens": 0,
        "executeTokens": 0,
        "validateTokens": 0,
        "totalTokens": 0,
        "estimatedCost": 0.0,
    }

    agents = data["agents"]
    assert [a["agentType"] for a in agents] == ["plan", "execute", "validate", "generate"]
    assert [a["agentName"] for a in agents] == [
        "规划Agent",
        "执行Agent",
        "验证Agent",
        "代码生成Agent",
    ]
    for agent in agents:
        assert list(agent) == AGENT_FIELDS
        assert agent["status"] == "completed"
        assert agent["statusDescription"] == "已完成"
        assert agent["progress"] == 100
        assert agent["durationMs"] >= 0
        assert agent["resultSummary"]
        assert agent["completedAt"] >= agent["startedAt"]
    assert re.match(r"^识别\d+个实体，\d+个API端点$", agents[0]["resultSummary"])


async def test_a_short_requirement_is_its_own_task_name(api: Api) -> None:
    user = await api.register()
    task_id = await api.create_ok(user, "做一个待办事项应用")
    assert (await api.status(user, task_id))["taskName"] == "做一个待办事项应用"


async def test_pending_status_is_readable_immediately_with_nulls_present(api: Api) -> None:
    user = await api.register()
    task_id = await api.create_ok(user)
    data = await api.status(user, task_id)
    assert list(data) == STATUS_FIELDS
    assert data["status"] in {
        "pending",
        "planning",
        "executing",
        "validating",
        "generating",
        "completed",
    }
    if data["status"] == "pending":
        assert data["downloadUrl"] is None
        assert data["qualityScore"] is None
        assert data["completedAt"] is None
        assert data["progress"] == 0


async def test_cancel_answers_as_documented(api: Api) -> None:
    user = await api.register()
    task_id = await api.create_ok(user)
    await api.wait(user, task_id)
    resp = await api.cancel(user, task_id)
    assert resp.status_code == 400
    assert resp.json()["message"] == "任务无法取消（当前状态：completed）"
    assert resp.json()["data"] is None


async def test_list_is_newest_first_with_paging_and_filter(api: Api) -> None:
    user = await api.register()
    ids = [await api.create_ok(user, f"创建一个待办事项应用 第{i}个") for i in range(5)]
    for task_id in ids:
        await api.wait(user, task_id)

    resp = await api.client.get("/api/v1/generate/tasks?pageNum=1&pageSize=2", headers=user)
    page = resp.json()["data"]
    assert resp.status_code == 200
    assert (page["total"], page["pageNum"], page["pageSize"], page["pages"]) == (5, 1, 2, 3)
    assert [t["taskId"] for t in page["tasks"]] == ids[::-1][:2]
    assert list(page["tasks"][0]) == LIST_FIELDS

    last = (
        await api.client.get("/api/v1/generate/tasks?pageNum=3&pageSize=2", headers=user)
    ).json()["data"]
    assert [t["taskId"] for t in last["tasks"]] == [ids[0]]

    empty = (await api.client.get("/api/v1/generate/tasks?status=failed", headers=user)).json()[
        "data"
    ]
    assert empty == {"total": 0, "pageNum": 1, "pageSize": 10, "pages": 0, "tasks": []}
    done = (await api.client.get("/api/v1/generate/tasks?status=completed", headers=user)).json()[
        "data"
    ]
    assert done["total"] == 5


async def test_docs_health_and_metrics(api: Api) -> None:
    assert (await api.client.get("/docs")).status_code == 200
    spec = (await api.client.get("/openapi.json")).json()
    assert "/api/v1/generate/async" in spec["paths"]
    health = await api.client.get("/healthz")
    assert health.json()["data"] == {"status": "ok"}
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["data"] == {"database": "ok", "cache": "ok", "storage": "ok"}
    user = await api.register()
    await api.wait(user, await api.create_ok(user))
    text = (await api.client.get("/metrics")).text
    assert 'ingenio_tasks{status="completed"} 1' in text
    assert "ingenio_runner_queue_depth" in text
    assert 'ingenio_stage_duration_seconds_count{stage="generate"}' in text
