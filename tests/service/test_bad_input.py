"""Bad input: a clear 400 with a readable Chinese message, and nothing created."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from tests.support.api import Api

CREATE = "/api/v1/generate/async"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "用户需求不能为空"),
        ({"userRequirement": ""}, "用户需求不能为空"),
        ({"userRequirement": "   \n\t "}, "用户需求不能为空"),
        ({"userRequirement": None}, "用户需求不能为空"),
        ({"userRequirement": "x" * 5001}, "用户需求不能超过5000个字符（当前5001个）"),
        ({"userRequirement": 123}, "用户需求类型错误"),
        ({"userRequirement": "图书\u0000管理"}, "用户需求包含不允许的空字符（\\u0000）"),
        ({"userRequirement": "图书管理", "qualityThreshold": 101}, "质量评分阈值必须在0到100之间"),
        ({"userRequirement": "图书管理", "qualityThreshold": -1}, "质量评分阈值必须在0到100之间"),
        ({"userRequirement": "图书管理", "qualityThreshold": "70"}, "质量评分阈值类型错误"),
        ({"userRequirement": "图书管理", "qualityThreshold": 70.5}, "质量评分阈值类型错误"),
        (
            {"userRequirement": "图书管理", "skipValidation": "yes"},
            "skipValidation（是否跳过质量验证）类型错误",
        ),
        (
            {"userRequirement": "图书管理", "generatePreview": 1},
            "generatePreview（是否生成预览）类型错误",
        ),
        (
            {"userRequirement": "图书管理", "packageName": "Com.Example.App"},
            "包名无效：包名片段“Com”不合法：只能使用小写字母、数字和下划线，且以字母开头",
        ),
        (
            {"userRequirement": "图书管理", "packageName": "com.example.class"},
            "包名无效：包名片段“class”是Kotlin/Java关键字，不能使用",
        ),
        (
            {"userRequirement": "图书管理", "packageName": "library"},
            "包名无效：包名至少需要两段，例如 com.example.app",
        ),
        (
            {"userRequirement": "图书管理", "packageName": "com..app"},
            "包名无效：包名片段“”不合法：只能使用小写字母、数字和下划线，且以字母开头",
        ),
        ({"userRequirement": "图书管理", "packageName": 42}, "包名类型错误"),
        ({"userRequirement": "图书管理", "qualitythreshold": 70}, "不支持的参数：qualitythreshold"),
    ],
)
async def test_invalid_bodies_are_rejected_and_nothing_is_created(
    api: Api, body: dict[str, Any], message: str
) -> None:
    user = await api.register()
    resp = await api.client.post(CREATE, json=body, headers=user)
    assert resp.status_code == 400
    assert resp.json() == {
        "code": 400,
        "message": message,
        "data": None,
        "timestamp": resp.json()["timestamp"],
    }
    listing = (await api.client.get("/api/v1/generate/tasks", headers=user)).json()["data"]
    assert listing["total"] == 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"userRequirement": "abc"', "请求体不是合法的JSON"),
        (b"", "请求体不能为空"),
        (b'["a", "b"]', "请求体必须是JSON对象"),
    ],
)
async def test_malformed_json_is_a_400(api: Api, raw: bytes, message: str) -> None:
    user = await api.register()
    resp = await api.client.post(
        CREATE, content=raw, headers={**user, "Content-Type": "application/json"}
    )
    assert resp.status_code == 400
    assert resp.json()["message"] == message


async def test_exactly_5000_characters_is_accepted(api: Api) -> None:
    user = await api.register()
    resp = await api.create(user, "图书馆" * 1666 + "书阅")
    assert resp.status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/generate/status/", "/api/v1/generate/cancel/"])
@pytest.mark.parametrize("task_id", ["not-a-uuid", "123", "550e8400-e29b-41d4-a716-44665544000"])
async def test_a_malformed_task_id_is_a_400(api: Api, path: str, task_id: str) -> None:
    user = await api.register()
    method = api.client.get if "status" in path else api.client.post
    resp = await method(path + task_id, headers=user)
    assert resp.status_code == 400
    assert resp.json()["message"] == "任务ID格式错误"


@pytest.mark.parametrize("path", ["/api/v1/generate/status/", "/api/v1/generate/cancel/"])
async def test_an_unknown_task_is_a_404(api: Api, path: str) -> None:
    user = await api.register()
    method = api.client.get if "status" in path else api.client.post
    resp = await method(path + str(uuid.uuid4()), headers=user)
    assert resp.status_code == 404
    assert resp.json()["message"] == "任务不存在"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("pageNum=0", "页码不能小于1"),
        ("pageNum=-3", "页码不能小于1"),
        ("pageNum=abc", "页码类型错误"),
        ("pageSize=0", "每页数量不能小于1"),
        ("pageSize=101", "每页数量不能大于100"),
        (
            "status=running",
            "任务状态筛选值无效：running（可选：pending、planning、executing、validating、generating、"
            "completed、failed、cancelled）",
        ),
    ],
)
async def test_invalid_list_queries_are_a_400(api: Api, query: str, message: str) -> None:
    user = await api.register()
    resp = await api.client.get("/api/v1/generate/tasks?" + query, headers=user)
    assert resp.status_code == 400
    assert resp.json()["message"] == message


async def test_unknown_routes_and_methods_keep_the_envelope(api: Api) -> None:
    resp = await api.client.get("/api/v1/nothing-here")
    assert resp.status_code == 404
    assert resp.json()["code"] == 404
    assert resp.json()["data"] is None
    resp = await api.client.delete("/api/v1/generate/async")
    assert resp.status_code == 405
    assert resp.json()["code"] == 405
