"""Bearer tokens on every endpoint, and every user confined to their own tasks."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest
from pydantic import SecretStr
from tests.service.conftest import TEST_SECRET
from tests.support.api import Api

from ingenio.app import create_app
from ingenio.auth.tokens import AuthUser
from ingenio.config import AuthSettings, ConfigError, Env, Settings

ENDPOINTS = [
    ("POST", "/api/v1/generate/async"),
    ("GET", f"/api/v1/generate/status/{uuid.uuid4()}"),
    ("POST", f"/api/v1/generate/cancel/{uuid.uuid4()}"),
    ("GET", "/api/v1/generate/tasks"),
]


def _token(secret: str, **claims: object) -> str:
    now = int(time.time())
    base: dict[str, object] = {
        "sub": str(uuid.uuid4()),
        "tid": str(uuid.uuid4()),
        "typ": "access",
        "iat": now,
        "exp": now + 600,
    }
    return jwt.encode({**base, **claims}, secret, algorithm="HS256")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "未登录，请先登录"),
        ("Basic dXNlcjpwYXNz", "无效的登录凭证"),
        ("Bearer", "无效的登录凭证"),
        ("Bearer not.a.jwt", "无效的登录凭证"),
        ("Bearer " + _token("another-secret-" + "y" * 40), "无效的登录凭证"),
        ("Bearer " + _token(TEST_SECRET, exp=int(time.time()) - 10), "登录已过期，请重新登录"),
        ("Bearer " + _token(TEST_SECRET, typ="stream"), "无效的登录凭证"),
        ("Bearer " + _token(TEST_SECRET, sub="not-a-uuid"), "无效的登录凭证"),
    ],
)
async def test_every_endpoint_requires_a_valid_token(
    api: Api, header: str | None, message: str
) -> None:
    headers = {"Authorization": header} if header else {}
    for method, path in ENDPOINTS:
        resp = await api.client.request(
            method, path, headers=headers, json={"userRequirement": "图书管理"}
        )
        assert resp.status_code == 401, (method, path)
        assert resp.json()["code"] == 401
        assert resp.json()["message"] == message
        assert resp.headers["www-authenticate"] == "Bearer"


async def test_register_login_and_their_errors(api: Api) -> None:
    creds = {"username": "alice_01", "password": "correct horse"}
    first = await api.client.post("/api/v1/auth/register", json=creds)
    data = first.json()["data"]
    assert first.status_code == 200
    assert set(data) == {"token", "userId", "tenantId", "username", "expiresAt"}

    again = await api.client.post("/api/v1/auth/register", json=creds)
    assert (again.status_code, again.json()["message"]) == (400, "用户名已存在")

    login = await api.client.post("/api/v1/auth/login", json=creds)
    assert login.status_code == 200
    assert login.json()["data"]["userId"] == data["userId"]
    token = login.json()["data"]["token"]
    listing = await api.client.get(
        "/api/v1/generate/tasks", headers={"Authorization": f"Bearer {token}"}
    )
    assert listing.status_code == 200

    wrong = await api.client.post(
        "/api/v1/auth/login", json={**creds, "password": "wrong password"}
    )
    assert (wrong.status_code, wrong.json()["message"]) == (401, "用户名或密码错误")
    nobody = await api.client.post(
        "/api/v1/auth/login", json={"username": "nobody", "password": "whatever123"}
    )
    assert (nobody.status_code, nobody.json()["message"]) == (401, "用户名或密码错误")

    short = await api.client.post(
        "/api/v1/auth/register", json={"username": "bob", "password": "short"}
    )
    assert (short.status_code, short.json()["message"]) == (400, "密码长度须为8到128个字符")
    odd = await api.client.post(
        "/api/v1/auth/register", json={"username": "a b", "password": "long enough"}
    )
    assert odd.status_code == 400


async def test_another_users_task_does_not_exist_for_them(api: Api) -> None:
    alice, mallory = await api.register(), await api.register()
    task_id = await api.create_ok(alice)

    status = await api.client.get(f"/api/v1/generate/status/{task_id}", headers=mallory)
    assert (status.status_code, status.json()["message"]) == (404, "任务不存在")
    cancel = await api.cancel(mallory, task_id)
    assert (cancel.status_code, cancel.json()["message"]) == (404, "任务不存在")
    listing = (await api.client.get("/api/v1/generate/tasks", headers=mallory)).json()["data"]
    assert listing["total"] == 0
    download = await api.client.get(f"/api/v1/generate/download/{task_id}", headers=mallory)
    assert download.status_code == 404

    final = await api.wait(alice, task_id)
    assert final["status"] == "completed"  # mallory's cancel did nothing


async def test_a_stream_token_is_never_an_access_token(api: Api) -> None:
    user = AuthUser(uuid.uuid4(), uuid.uuid4())
    stream = api.container.codec.issue_stream(user, uuid.uuid4()).token
    resp = await api.client.get(
        "/api/v1/generate/tasks", headers={"Authorization": f"Bearer {stream}"}
    )
    assert resp.status_code == 401


@pytest.mark.parametrize("secret", [None, "changethis", "short-but-custom"])
def test_outside_dev_mode_a_default_or_weak_secret_is_refused(secret: str | None) -> None:
    settings = Settings(
        auth=AuthSettings(env=Env.PROD, jwt_secret=SecretStr(secret) if secret else None)
    )
    with pytest.raises(ConfigError, match="INGENIO_JWT_SECRET"):
        create_app(settings)
