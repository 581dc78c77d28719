"""The artifact store interface, its errors, and the rules every key and download name obey.

Keys look like ``tasks/<uuid>/campus-marketplace.zip``. Both stores map a key onto a path (a file
under a root directory, or an object name that MinIO also keeps as a path on disk), so a key is
validated once, here, before it reaches either: whatever a caller passes, it can never address
anything outside the store.
"""

from __future__ import annotations

import unicodedata
from typing import Protocol
from urllib.parse import quote

# S3's limit on an object key, in UTF-8 bytes; the local store keeps the same limit so a key
# accepted by one store is accepted by the other.
MAX_KEY_BYTES = 1024


class ArtifactNotFound(Exception):
    """No artifact is stored under ``key``."""

    def __init__(self, key: str) -> None:
        super().__init__(f"artifact not found: {key}")
        self.key = key


class InvalidArtifactKey(ValueError):
    """The key could address something outside the store (or is otherwise unusable)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"invalid artifact key {key!r}: {reason}")
        self.key = key
        self.reason = reason


class StorageUnavailable(Exception):
    """The readiness probe failed: the store cannot be reached, read or written."""


class ArtifactStore(Protocol):
    """Where generated projects and previews are kept, and how a browser downloads them."""

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        """Store ``data`` under ``key``, replacing any previous artifact, all or nothing."""
        ...

    async def get(self, key: str) -> bytes:
        """The stored bytes; raises ``ArtifactNotFound``."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the artifact; deleting a missing key is not an error."""
        ...

    async def exists(self, key: str) -> bool: ...

    def url(self, key: str, *, filename: str, content_type: str, expires_in: int) -> str:
        """A link that downloads the artifact as ``filename`` until ``expires_in`` seconds pass.

        Anyone holding the link can download, without a token: that is what makes it usable
        from a plain ``<a href>``; its signature and expiry are what protect it.
        """
        ...

    async def check(self) -> None:
        """Readiness probe: return if the store is usable, else raise ``StorageUnavailable``."""
        ...

    async def aclose(self) -> None: ...


def validate_key(key: str) -> str:
    """Return ``key`` unchanged if it is a safe relative key, else raise ``InvalidArtifactKey``.

    Segments starting with a dot are refused: that covers ``.`` and ``..``, and keeps the local
    store's temporary files (``.<name>.tmp``) out of reach of any key.
    """
    if not key:
        raise InvalidArtifactKey(key, "empty")
    if len(key.encode("utf-8", "surrogatepass")) > MAX_KEY_BYTES:
        raise InvalidArtifactKey(key, f"longer than {MAX_KEY_BYTES} bytes")
    if key.startswith("/"):
        raise InvalidArtifactKey(key, "absolute path")
    if "\\" in key:
        raise InvalidArtifactKey(key, "backslash")
    for ch in key:
        # Cc covers NUL, newlines and DEL; Cs (lone surrogates) cannot be encoded as a file name.
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise InvalidArtifactKey(key, "control character")
    for segment in key.split("/"):
        if not segment:
            raise InvalidArtifactKey(key, "empty path segment")
        if segment.startswith("."):
            raise InvalidArtifactKey(key, "segment starting with a dot")
    return key


def content_disposition(filename: str) -> str:
    """An ``attachment`` Content-Disposition naming ``filename``, safe for any name.

    RFC 6266 section 4.3: ``filename*`` (RFC 5987, UTF-8, percent-encoded) carries the real name
    and every current browser prefers it; ``filename`` carries an ASCII stand-in for older
    clients, with quotes, backslashes and non-ASCII replaced so it cannot break the header.
    """
    fallback = "".join(ch if 0x20 <= ord(ch) < 0x7F and ch not in '"\\' else "_" for ch in filename)
    header = f'attachment; filename="{fallback or "download"}"'
    if fallback != filename:
        # RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is %-encoded.
        encoded = quote(filename, safe="!#$&+-.^_`|~")
        header += f"; filename*=UTF-8''{encoded}"
    return header
