"""Download and preview links: signed, expiring, usable by a browser without the header."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import parse_qs, urlsplit

import httpx
from pydantic import SecretStr
from tests.service.conftest import ApiFactory
from tests.support.api import Api
from tests.support.moto import moto_server

from ingenio.config import StorageKind


async def test_the_download_url_serves_the_zip_without_a_token(api: Api) -> None:
    user = await api.register()
    data = await api.wait(user, await api.create_ok(user, generatePreview=True))
    url = data["downloadUrl"]
    query = parse_qs(urlsplit(url).query)
    assert {"expires", "sig", "filename"} <= set(query)

    resp = await api.client.get(url)  # no Authorization header, as a browser link
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/zip"
    assert "attachment" in resp.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(resp.content)).namelist()
    top = names[0].split("/")[0]
    assert all(n.startswith(top + "/") for n in names)
    assert any(n.endswith("build.gradle.kts") for n in names)

    preview = await api.client.get(data["previewUrl"])
    assert preview.status_code == 200
    assert preview.headers["content-type"].startswith("text/html")
    assert "sandbox" in preview.headers["content-security-policy"]
    assert b"<html" in preview.content.lower()


async def test_a_tampered_or_expired_link_is_refused(api: Api) -> None:
    user = await api.register()
    data = await api.wait(user, await api.create_ok(user))
    url: str = data["downloadUrl"]
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    expired = url.replace(f"expires={query['expires'][0]}", "expires=1000")
    other_task = url.replace(data["taskId"], "00000000-0000-4000-8000-000000000000")
    renamed = url.replace(f"filename={query['filename'][0]}", "filename=evil.exe")
    for bad in (expired, other_task, renamed, parts.path):
        resp = await api.client.get(bad)
        assert resp.status_code == 401, bad
        assert resp.json()["message"] == "下载链接无效或已过期"


async def test_the_authenticated_shortcuts_redirect_to_fresh_links(api: Api) -> None:
    user = await api.register()
    data = await api.wait(user, await api.create_ok(user, generatePreview=True))
    task_id = data["taskId"]
    resp = await api.client.get(f"/api/v1/generate/download/{task_id}", headers=user)
    assert resp.status_code == 302
    assert (await api.client.get(resp.headers["location"])).status_code == 200
    resp = await api.client.get(f"/api/v1/generate/preview/{task_id}", headers=user)
    assert resp.status_code == 302


async def test_no_preview_unless_asked(api: Api) -> None:
    user = await api.register()
    data = await api.wait(user, await api.create_ok(user))
    assert data["status"] == "completed"
    assert data["previewUrl"] is None
    resp = await api.client.get(f"/api/v1/generate/preview/{data['taskId']}", headers=user)
    assert resp.status_code == 404


async def test_artifacts_in_an_s3_store(make_api: ApiFactory) -> None:
    """With S3 configured (moto's server here), links are S3's own presigned URLs."""
    with moto_server() as endpoint:
        storage = {
            "kind": StorageKind.S3,
            "s3_endpoint_url": endpoint,
            "s3_bucket": "ingenio-svc",
            "s3_access_key_id": SecretStr("testing"),
            "s3_secret_access_key": SecretStr("testing"),
        }
        async with make_api(storage=storage) as api:
            user = await api.register()
            data = await api.wait(user, await api.create_ok(user, generatePreview=True))
            assert data["downloadUrl"].startswith(endpoint + "/ingenio-svc/tasks/")
            assert "X-Amz-Signature" in data["downloadUrl"]
            async with httpx.AsyncClient() as browser:
                resp = await browser.get(data["downloadUrl"])
                assert resp.status_code == 200
                assert zipfile.ZipFile(io.BytesIO(resp.content)).namelist()
                preview = await browser.get(data["previewUrl"])
                assert preview.headers["content-type"].startswith("text/html")
            ready = await api.client.get("/readyz")
            assert ready.json()["data"]["storage"] == "ok"
