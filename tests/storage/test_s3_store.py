"""The S3 store against a real S3 endpoint (moto's server): private bucket, presigned links."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from ingenio.config import StorageSettings
from ingenio.storage import StorageUnavailable, content_disposition
from ingenio.storage.s3 import MAX_PRESIGN_SECONDS, S3ArtifactStore

KEY = "tasks/6f1c2a3e-0d4b-4c5e-9f00-1234567890ab/campus-marketplace.zip"
ZIP = b"PK\x03\x04" + bytes(range(256)) * 64


@pytest.fixture
async def store(s3_settings: StorageSettings) -> AsyncIterator[S3ArtifactStore]:
    made = S3ArtifactStore(s3_settings)
    await made.ensure_bucket()
    yield made
    await made.aclose()


async def test_presigned_link_downloads_the_bytes_as_a_named_attachment(
    store: S3ArtifactStore,
) -> None:
    await store.put(KEY, ZIP, content_type="application/zip")
    name = "校园二手交易平台 v1.zip"
    link = store.url(KEY, filename=name, content_type="application/zip", expires_in=600)

    async with httpx.AsyncClient() as http:
        response = await http.get(link)  # a plain GET: no credentials, no headers
    assert response.status_code == 200
    assert response.content == ZIP
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == content_disposition(name)


async def test_presigned_link_carries_the_requested_lifetime(store: S3ArtifactStore) -> None:
    # S3 and MinIO refuse a SigV4 link once X-Amz-Date + X-Amz-Expires has passed. moto (5.2)
    # does not enforce expiry at all, so the test asserts what S3 enforces: the signed window.
    before = datetime.now(UTC).replace(microsecond=0)
    link = store.url(KEY, filename="a.zip", content_type="application/zip", expires_in=90)
    after = datetime.now(UTC)
    params = dict(parse_qsl(urlsplit(link).query))
    signed_at = datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= signed_at <= after
    assert params["X-Amz-Expires"] == "90"
    assert params["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert "X-Amz-Signature" in params

    long_link = store.url(KEY, filename="a.zip", content_type="application/zip", expires_in=10**7)
    assert dict(parse_qsl(urlsplit(long_link).query))["X-Amz-Expires"] == str(MAX_PRESIGN_SECONDS)


async def test_links_are_path_style_on_the_configured_endpoint(
    store: S3ArtifactStore, s3_settings: StorageSettings
) -> None:
    link = store.url(KEY, filename="a.zip", content_type="application/zip", expires_in=60)
    assert link.startswith(f"{s3_settings.s3_endpoint_url}/{s3_settings.s3_bucket}/{KEY}?")


async def test_the_bucket_is_private(store: S3ArtifactStore, s3_settings: StorageSettings) -> None:
    await store.put(KEY, ZIP, content_type="application/zip")
    async with httpx.AsyncClient() as http:
        response = await http.get(f"{s3_settings.s3_endpoint_url}/{s3_settings.s3_bucket}/{KEY}")
    assert response.status_code == 403


async def test_ensure_bucket_creates_once_in_any_region(s3_settings: StorageSettings) -> None:
    settings = s3_settings.model_copy(update={"s3_region": "eu-central-1"})
    store = S3ArtifactStore(settings)
    try:
        with pytest.raises(StorageUnavailable):
            await store.check()
        await store.ensure_bucket()
        await store.ensure_bucket()  # already there: nothing to do
        await store.check()
        await store.put(KEY, b"x", content_type="application/zip")
        assert await store.get(KEY) == b"x"
    finally:
        await store.aclose()


async def test_check_fails_when_the_endpoint_is_unreachable(s3_settings: StorageSettings) -> None:
    # Port 9 (discard) has no listener on the test machine: connection refused at once.
    settings = s3_settings.model_copy(update={"s3_endpoint_url": "http://127.0.0.1:9"})
    store = S3ArtifactStore(settings)
    try:
        with pytest.raises(StorageUnavailable):
            await store.check()
    finally:
        await store.aclose()
