"""The local store: atomic writes, no escape from its root, links the download route verifies."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

import ingenio
from ingenio.config import DataSettings, Settings, StorageKind, StorageSettings
from ingenio.storage import (
    DOWNLOAD_PATH,
    InvalidArtifactKey,
    LocalArtifactStore,
    StorageUnavailable,
    UrlSigner,
    make_store,
)
from ingenio.storage.s3 import S3ArtifactStore

KEY = "tasks/6f1c2a3e-0d4b-4c5e-9f00-1234567890ab/campus-marketplace.zip"


@pytest.fixture
def store(artifacts_root: Path, signer: UrlSigner) -> LocalArtifactStore:
    return LocalArtifactStore(artifacts_root, signer)


def _files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


async def test_artifact_is_a_file_under_the_root_and_no_temp_file_remains(
    store: LocalArtifactStore, artifacts_root: Path
) -> None:
    await store.put(KEY, b"v1", content_type="application/zip")
    await store.put(KEY, b"v2", content_type="application/zip")
    assert _files_under(artifacts_root) == [KEY]
    assert (artifacts_root / KEY).read_bytes() == b"v2"


async def test_readers_never_see_a_partly_written_artifact(store: LocalArtifactStore) -> None:
    size = 2 * 1024 * 1024
    versions = (b"a" * size, b"b" * size)
    await store.put(KEY, versions[0], content_type="application/zip")

    async def writer() -> None:
        for i in range(20):
            await store.put(KEY, versions[i % 2], content_type="application/zip")

    async def reader() -> list[bytes]:
        return [await store.get(KEY) for _ in range(40)]

    _, seen = await asyncio.gather(writer(), reader())
    assert all(data in versions for data in seen)


async def test_a_writer_killed_mid_write_leaves_the_previous_artifact_whole(
    store: LocalArtifactStore, artifacts_root: Path
) -> None:
    old, new_size = b"previous artifact" * 1000, 64 * 1024 * 1024
    await store.put(KEY, old, content_type="application/zip")
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from ingenio.storage import LocalArtifactStore, UrlSigner\n"
        "store = LocalArtifactStore(Path(sys.argv[1]), UrlSigner(b'k' * 32))\n"
        "asyncio.run(store.put(sys.argv[2], b'n' * int(sys.argv[3]), content_type='x'))\n"
    )
    src = str(Path(ingenio.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(artifacts_root), KEY, str(new_size)], env=env
    )
    directory = (artifacts_root / KEY).parent
    deadline = time.monotonic() + 30
    # Kill the writer as soon as its temporary file has data in it (or let it finish).
    while child.poll() is None and time.monotonic() < deadline:
        if any(p.stat().st_size > 0 for p in directory.glob(".*.tmp")):
            child.send_signal(signal.SIGKILL)
            break
        await asyncio.sleep(0.001)
    child.wait(timeout=30)

    data = await store.get(KEY)
    assert data == old or data == b"n" * new_size
    # The killed writer's temporary file is unreachable by any key; the sweep removes it.
    await store.sweep_temp_files(older_than=0)
    assert _files_under(artifacts_root) == [KEY]


@pytest.mark.parametrize(
    "bad_key",
    [
        "",
        "/etc/passwd",
        "../outside.zip",
        "tasks/../../outside.zip",
        "tasks/./x.zip",
        "tasks//x.zip",
        "tasks/x.zip/",
        "tasks\\..\\outside.zip",
        "tasks/x\x00.zip",
        "tasks/x\n.zip",
        "tasks/x\x7f.zip",
        "tasks/.x.zip.abc.tmp",
        "tasks/" + "x" * 1100,
    ],
)
async def test_unsafe_keys_are_refused_and_nothing_is_written(
    store: LocalArtifactStore, tmp_path: Path, bad_key: str
) -> None:
    with pytest.raises(InvalidArtifactKey):
        await store.put(bad_key, b"payload", content_type="application/zip")
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


async def test_a_symlink_inside_the_root_cannot_lead_outside(
    store: LocalArtifactStore, artifacts_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    artifacts_root.mkdir()
    (artifacts_root / "tasks").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InvalidArtifactKey):
        await store.put("tasks/x.zip", b"payload", content_type="application/zip")
    with pytest.raises(InvalidArtifactKey):
        await store.get("tasks/x.zip")
    assert list(outside.iterdir()) == []


async def test_delete_prunes_the_emptied_task_directory(
    store: LocalArtifactStore, artifacts_root: Path
) -> None:
    sibling = "tasks/11111111-1111-4111-8111-111111111111/app.zip"
    await store.put(KEY, b"a", content_type="application/zip")
    await store.put(sibling, b"b", content_type="application/zip")
    await store.delete(KEY)
    assert sorted(p.name for p in (artifacts_root / "tasks").iterdir()) == [sibling.split("/")[1]]
    assert await store.get(sibling) == b"b"


async def test_check_fails_when_the_root_cannot_be_a_directory(
    tmp_path: Path, signer: UrlSigner
) -> None:
    root = tmp_path / "not-a-dir"
    root.write_text("a file where the artifact directory should be")
    with pytest.raises(StorageUnavailable):
        await LocalArtifactStore(root, signer).check()


def test_url_is_relative_without_a_base_and_verifies(
    store: LocalArtifactStore, signer: UrlSigner, now: int
) -> None:
    link = store.url(
        KEY, filename="校园二手 市场.zip", content_type="application/zip", expires_in=3600
    )
    parts = urlsplit(link)
    assert parts.scheme == ""
    assert parts.netloc == ""
    assert unquote(parts.path) == DOWNLOAD_PATH + KEY
    params = dict(parse_qsl(parts.query))
    assert params["expires"] == str(now + 3600)

    grant = signer.verify_query(KEY, params, now=now + 3599)
    assert grant is not None
    assert (grant.filename, grant.content_type) == ("校园二手 市场.zip", "application/zip")
    assert signer.verify_query(KEY, params, now=now + 3600) is None  # expired
    other_key = "tasks/00000000-0000-4000-8000-000000000000/campus-marketplace.zip"
    assert signer.verify_query(other_key, params, now=now) is None
    assert signer.verify_query(KEY, {**params, "filename": "other.zip"}, now=now) is None
    assert signer.verify_query(KEY, {**params, "type": "text/html"}, now=now) is None
    assert signer.verify_query(KEY, {**params, "expires": str(now + 7200)}, now=now) is None


def test_url_with_a_base_and_an_unusual_key_round_trips(
    artifacts_root: Path, signer: UrlSigner, now: int
) -> None:
    store = LocalArtifactStore(artifacts_root, signer, "https://ingenio.example.com/")
    key = "tasks/abc/校园 市场#1?.zip"
    link = store.url(key, filename="a.zip", content_type="application/zip", expires_in=60)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "ingenio.example.com")
    assert unquote(parts.path) == DOWNLOAD_PATH + key
    assert signer.verify_query(key, dict(parse_qsl(parts.query)), now=now) is not None


async def test_factory_builds_the_configured_store(tmp_path: Path, signer: UrlSigner) -> None:
    local = make_store(Settings(data=DataSettings(data_dir=tmp_path)), signer, "")
    assert isinstance(local, LocalArtifactStore)
    assert local.root == tmp_path / "artifacts"

    s3_settings = StorageSettings(kind=StorageKind.S3, s3_endpoint_url="http://127.0.0.1:9")
    remote = make_store(Settings(storage=s3_settings), signer, "")
    assert isinstance(remote, S3ArtifactStore)
    assert remote.bucket == "ingenio"
    await remote.aclose()
