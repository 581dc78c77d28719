"""A small client for the service's HTTP API, as tests use it."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx

from ingenio.container import Container

TERMINAL = {"completed", "failed", "cancelled"}
REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"


class Api:
    def __init__(self, client: httpx.AsyncClient, container: Container) -> None:
        self.client = client
        self.container = container

    async def register(self, username: str | None = None) -> dict[str, str]:
        """A new user; returns the Authorization header to act as them."""
        name = username or "u" + uuid.uuid4().hex[:10]
        resp = await self.client.post(
            "/api/v1/auth/register", json={"username": name, "password": "pass-word-123"}
        )
        assert resp.status_code == 200, resp.text
        return {"Authorization": "Bearer " + resp.json()["data"]["token"]}

    async def create(
        self, headers: dict[str, str], requirement: str = REQUIREMENT, **options: Any
    ) -> httpx.Response:
        return await self.client.post(
            "/api/v1/generate/async",
            json={"userRequirement": requirement, **options},
            headers=headers,
        )

    async def create_ok(
        self, headers: dict[str, str], requirement: str = REQUIREMENT, **options: Any
    ) -> str:
        resp = await self.create(headers, requirement, **options)
        assert resp.status_code == 200, resp.text
        task_id: str = resp.json()["data"]
        return task_id

    async def status(self, headers: dict[str, str], task_id: str) -> dict[str, Any]:
        resp = await self.client.get(f"/api/v1/generate/status/{task_id}", headers=headers)
        assert resp.status_code == 200, resp.text
        data: dict[str, Any] = resp.json()["data"]
        return data

    async def cancel(self, headers: dict[str, str], task_id: str) -> httpx.Response:
        return await self.client.post(f"/api/v1/generate/cancel/{task_id}", headers=headers)

    async def wait(
        self,
        headers: dict[str, str],
        task_id: str,
        *,
        statuses: set[str] = TERMINAL,
        timeout: float = 60,
    ) -> dict[str, Any]:
        """Poll until the task's status is in ``statuses``; returns that status view."""
        deadline = time.monotonic() + timeout
        while True:
            data = await self.status(headers, task_id)
            if data["status"] in statuses:
                return data
            if time.monotonic() > deadline:
                raise AssertionError(f"task {task_id} still {data['status']} after {timeout}s")
            await asyncio.sleep(0.02)


async def eventually(condition: object, timeout: float = 5.0) -> None:
    """Wait until ``condition()`` is true (for effects that trail a status write)."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)
