"""Artifact store wrappers for tests that need to catch a task between stages and publishing."""

from __future__ import annotations

import asyncio

from ingenio.storage.base import ArtifactStore


class BlockingStore:
    """Delegates to ``inner`` but holds every ``put`` until ``release`` is set."""

    def __init__(self, inner: ArtifactStore) -> None:
        self.inner = inner
        self.release = asyncio.Event()
        self.waiting = asyncio.Event()
        self.puts = 0

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        self.waiting.set()
        await self.release.wait()
        self.puts += 1
        await self.inner.put(key, data, content_type=content_type)

    async def get(self, key: str) -> bytes:
        return await self.inner.get(key)

    async def delete(self, key: str) -> None:
        await self.inner.delete(key)

    async def exists(self, key: str) -> bool:
        return await self.inner.exists(key)

    def url(self, key: str, *, filename: str, content_type: str, expires_in: int) -> str:
        return self.inner.url(
            key, filename=filename, content_type=content_type, expires_in=expires_in
        )

    async def check(self) -> None:
        await self.inner.check()

    async def aclose(self) -> None:
        await self.inner.aclose()
