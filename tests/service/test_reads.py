"""The lean read path behind a status miss and the task list, on both backends."""

from __future__ import annotations

from pathlib import Path

from tests.service.conftest import ApiFactory, _empty_postgres, api_factory, terminate_backends

from ingenio.readdb import READ_APPLICATION_NAME


async def test_a_status_read_from_the_database_equals_the_one_the_worker_cached(
    make_api: ApiFactory,
) -> None:
    async with make_api() as api:
        user = await api.register()
        task_id = await api.create_ok(user, skipValidation=False, generatePreview=True)
        cached = await api.wait(user, task_id)
        assert cached["status"] == "completed"
        await api.container.cache.delete(task_id)
        from_database = await api.status(user, task_id)
        assert from_database == cached
        assert from_database["agents"][3]["resultSummary"]
        assert from_database["downloadUrl"]
        assert from_database["previewUrl"]


async def test_a_list_from_the_database_shows_every_field_of_each_task(
    make_api: ApiFactory,
) -> None:
    async with make_api() as api:
        user = await api.register()
        first = await api.create_ok(user)
        second = await api.create_ok(user)
        done = {tid: await api.wait(user, tid) for tid in (first, second)}
        page = (await api.client.get("/api/v1/generate/tasks?pageSize=1", headers=user)).json()
        assert page["data"]["total"] == 2
        assert page["data"]["pages"] == 2
        [item] = page["data"]["tasks"]
        status = done[second]
        assert item["taskId"] == second
        for field in ("taskName", "status", "progress", "qualityScore", "downloadUrl"):
            assert item[field] == status[field], field
        assert item["createdAt"] == status["createdAt"]
        assert item["completedAt"] == status["completedAt"]


async def test_reads_survive_the_database_closing_their_connections(
    pg_url: str, tmp_path: Path
) -> None:
    _empty_postgres(pg_url)
    async with api_factory({"database": pg_url, "redis": None}, tmp_path / "data")() as api:
        user = await api.register()
        task_id = await api.create_ok(user)
        await api.wait(user, task_id)
        listing = await api.client.get("/api/v1/generate/tasks", headers=user)
        assert listing.status_code == 200
        assert terminate_backends(pg_url, READ_APPLICATION_NAME) >= 1
        for _ in range(3):
            listing = await api.client.get("/api/v1/generate/tasks", headers=user)
            assert listing.status_code == 200, listing.text
            assert listing.json()["data"]["tasks"][0]["taskId"] == task_id


async def test_a_page_past_the_end_still_tells_the_total(make_api: ApiFactory) -> None:
    async with make_api() as api:
        user = await api.register()
        for _ in range(3):
            await api.wait(user, await api.create_ok(user))
        for query in ("pageNum=5&pageSize=2", "pageNum=5&pageSize=2&status=completed"):
            resp = await api.client.get(f"/api/v1/generate/tasks?{query}", headers=user)
            data = resp.json()["data"]
            assert (data["total"], data["pages"], data["tasks"]) == (3, 2, []), query
        resp = await api.client.get(
            "/api/v1/generate/tasks?pageNum=1&pageSize=2&status=failed", headers=user
        )
        assert resp.json()["data"]["total"] == 0
