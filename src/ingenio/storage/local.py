"""Artifacts as files under one directory, downloaded through the API with signed links."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time
from pathlib import Path

from ingenio.storage.base import (
    ArtifactNotFound,
    InvalidArtifactKey,
    StorageUnavailable,
    validate_key,
)
from ingenio.storage.signing import UrlSigner


class LocalArtifactStore:
    """Files under ``root``, each written atomically.

    A write goes to a temporary file in the artifact's own directory, is fsynced, then renamed
    over the target (``os.replace`` is atomic within one file system), so a reader sees the old
    artifact or the new one, never a half-written ZIP, whatever crashes or is cancelled. The
    blocking file work runs in a thread; cancelling a ``put`` stops the wait, not the thread, so
    the artifact may still appear complete shortly after, but never partial.
    """

    def __init__(self, root: Path, signer: UrlSigner, base_url: str = "") -> None:
        self._root = root
        self._signer = signer
        self._base_url = base_url

    @property
    def root(self) -> Path:
        return self._root

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        # The content type is not kept on disk: the signed link carries the type to serve.
        path = self._path(key)
        await asyncio.to_thread(lambda: self._write(self._contained(path, key), data))

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(lambda: self._contained(path, key).read_bytes())
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ArtifactNotFound(key) from None

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await asyncio.to_thread(lambda: self._remove(self._contained(path, key)))

    async def exists(self, key: str) -> bool:
        path = self._path(key)
        return await asyncio.to_thread(lambda: self._contained(path, key).is_file())

    def url(self, key: str, *, filename: str, content_type: str, expires_in: int) -> str:
        validate_key(key)
        return self._signer.url(
            self._base_url, key, filename=filename, content_type=content_type, expires_in=expires_in
        )

    async def check(self) -> None:
        try:
            await asyncio.to_thread(self._probe)
        except OSError as exc:
            raise StorageUnavailable(
                f"artifact directory {self._root} is not writable: {exc}"
            ) from exc

    async def sweep_temp_files(self, older_than: float = 3600) -> int:
        """Remove temporary files left by writers that crashed; returns how many.

        Only files older than ``older_than`` seconds go, so a write in progress in another
        process is left alone. Call it at start-up.
        """
        return await asyncio.to_thread(self._sweep, older_than)

    async def aclose(self) -> None:
        """Nothing to release: every operation opens and closes its own file."""

    def _path(self, key: str) -> Path:
        return self._root / validate_key(key)

    def _contained(self, path: Path, key: str) -> Path:
        # validate_key already rules out escaping by name; resolving (file system calls, so in
        # the worker thread) also refuses a symlink planted inside the root that leads out.
        if not path.resolve().is_relative_to(self._root.resolve()):
            raise InvalidArtifactKey(key, "resolves outside the store")
        return path

    def _write(self, path: Path, data: bytes) -> None:
        fd, tmp = _temp_file_beside(path)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        _fsync_dir(path.parent)

    def _remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        # Prune emptied directories (one per task) up to, not including, the root.
        root = self._root.resolve()
        parent = path.parent.resolve()
        while parent != root and parent.is_relative_to(root):
            try:
                parent.rmdir()
            except OSError:  # not empty, or already gone
                break
            parent = parent.parent

    def _sweep(self, older_than: float) -> int:
        if not self._root.is_dir():
            return 0
        cutoff = time.time() - older_than
        removed = 0
        for tmp in self._root.rglob(".*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                if tmp.is_file() and tmp.stat().st_mtime <= cutoff:
                    tmp.unlink()
                    removed += 1
        return removed

    def _probe(self) -> None:
        self._root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._root, prefix=".probe.", suffix=".tmp")
        try:
            os.write(fd, b"ok")
        finally:
            os.close(fd)
            os.unlink(tmp)


def _temp_file_beside(path: Path) -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        # A concurrent delete pruned the directory between mkdir and mkstemp: once more.
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")


def _fsync_dir(directory: Path) -> None:
    # The rename itself is durable only once the directory entry is flushed (POSIX).
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
