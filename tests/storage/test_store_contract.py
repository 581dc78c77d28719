"""What every ArtifactStore promises, checked on the local, S3 (moto) and in-memory stores."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ingenio.storage import (
    ArtifactNotFound,
    ArtifactStore,
    InvalidArtifactKey,
    LocalArtifactStore,
    MemoryArtifactStore,
    UrlSigner,
)
from ingenio.storage.s3 import S3ArtifactStore

KEY = "tasks/6f1c2a3e-0d4b-4c5e-9f00-1234567890ab/campus-marketplace.zip"


@pytest.fixture(params=["local", "s3", "memory"])
async def store(
    request: pytest.FixtureRequest, artifacts_root: Path, signer: UrlSigner
) -> AsyncIterator[ArtifactStore]:
    made: ArtifactStore
    if request.param == "local":
        made = LocalArtifactStore(artifacts_root, signer)
    elif request.param == "memory":
        made = MemoryArtifactStore(signer)
    else:
        s3 = S3ArtifactStore(request.getfixturevalue("s3_settings"))
        await s3.ensure_bucket()
        made = s3
    yield made
    await made.aclose()


async def test_put_then_get_returns_the_same_bytes(store: ArtifactStore) -> None:
    data = bytes(range(256)) * 100
    await store.put(KEY, data, content_type="application/zip")
    assert await store.exists(KEY)
    assert await store.get(KEY) == data


async def test_put_replaces_an_existing_artifact(store: ArtifactStore) -> None:
    await store.put(KEY, b"first version, longer than the second", content_type="application/zip")
    await store.put(KEY, b"second", content_type="application/zip")
    assert await store.get(KEY) == b"second"


async def test_missing_artifact_raises_not_found(store: ArtifactStore) -> None:
    assert not await store.exists(KEY)
    with pytest.raises(ArtifactNotFound) as info:
        await store.get(KEY)
    assert info.value.key == KEY


async def test_delete_removes_and_is_idempotent(store: ArtifactStore) -> None:
    await store.put(KEY, b"zip", content_type="application/zip")
    await store.delete(KEY)
    assert not await store.exists(KEY)
    with pytest.raises(ArtifactNotFound):
        await store.get(KEY)
    await store.delete(KEY)  # deleting again is not an error


async def test_artifacts_of_different_tasks_are_independent(store: ArtifactStore) -> None:
    other = "tasks/00000000-0000-4000-8000-000000000000/campus-marketplace.zip"
    await store.put(KEY, b"mine", content_type="application/zip")
    await store.put(other, b"theirs", content_type="application/zip")
    await store.delete(other)
    assert await store.get(KEY) == b"mine"


async def test_readiness_probe_passes_on_a_usable_store(store: ArtifactStore) -> None:
    await store.check()


@pytest.mark.parametrize(
    "bad_key",
    [
        "../escape.zip",
        "tasks/../../etc/passwd",
        "/etc/passwd",
        "tasks//x.zip",
        "tasks\\x.zip",
        "tasks/x\x00.zip",
        "tasks/.hidden",
    ],
)
async def test_every_operation_refuses_an_unsafe_key(store: ArtifactStore, bad_key: str) -> None:
    with pytest.raises(InvalidArtifactKey):
        await store.put(bad_key, b"x", content_type="application/zip")
    with pytest.raises(InvalidArtifactKey):
        await store.get(bad_key)
    with pytest.raises(InvalidArtifactKey):
        await store.exists(bad_key)
    with pytest.raises(InvalidArtifactKey):
        await store.delete(bad_key)
    with pytest.raises(InvalidArtifactKey):
        store.url(bad_key, filename="x.zip", content_type="application/zip", expires_in=60)
