"""An in-memory ArtifactStore for tests of code that stores artifacts (the service, routes)."""

from __future__ import annotations

from ingenio.storage.base import ArtifactNotFound, StorageUnavailable, validate_key
from ingenio.storage.signing import UrlSigner


class MemoryArtifactStore:
    """Keeps artifacts in a dict; links are signed exactly like the local store's.

    ``content_types`` records what each ``put`` declared, so a test can assert it; set
    ``available = False`` to make the readiness probe fail.
    """

    def __init__(self, signer: UrlSigner, base_url: str = "") -> None:
        self._signer = signer
        self._base_url = base_url
        self.objects: dict[str, bytes] = {}
        self.content_types: dict[str, str] = {}
        self.available = True
        self.closed = False

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        self.objects[validate_key(key)] = bytes(data)
        self.content_types[key] = content_type

    async def get(self, key: str) -> bytes:
        try:
            return self.objects[validate_key(key)]
        except KeyError:
            raise ArtifactNotFound(key) from None

    async def delete(self, key: str) -> None:
        self.objects.pop(validate_key(key), None)
        self.content_types.pop(key, None)

    async def exists(self, key: str) -> bool:
        return validate_key(key) in self.objects

    def url(self, key: str, *, filename: str, content_type: str, expires_in: int) -> str:
        validate_key(key)
        return self._signer.url(
            self._base_url, key, filename=filename, content_type=content_type, expires_in=expires_in
        )

    async def check(self) -> None:
        if not self.available:
            raise StorageUnavailable("memory store marked unavailable")

    async def aclose(self) -> None:
        self.closed = True
