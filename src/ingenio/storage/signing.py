"""Signed, expiring download links for the local store (S3 signs its own links).

A link is ``/api/v1/artifacts/<key>?expires=<unix>&filename=<name>&type=<mime>&sig=<hmac>``. The
signature covers the key, the expiry, the download name and the content type, so none of them can
be changed without invalidating it: a holder cannot extend a link, point it at another task's
artifact, or make the server send the file under another name or type.
"""

from __future__ import annotations

import base64
import hmac
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

# Where the API serves artifacts of the local store; the download route is mounted here.
DOWNLOAD_PATH = "/api/v1/artifacts/"
# Versioned so the message layout can change later without old links verifying by accident.
_DOMAIN = b"ingenio-artifact-url:v1"
_MIN_SECRET_BYTES = 16


@dataclass(frozen=True)
class DownloadGrant:
    """What a verified link allows: this key, served as this file name and content type."""

    key: str
    filename: str
    content_type: str
    expires: int


class UrlSigner:
    """HMAC-SHA256 signer and verifier of artifact download links.

    The caller derives ``secret`` from the JWT secret with a distinct prefix, so a download
    signature can never be replayed as a token signature or the other way round.
    """

    def __init__(self, secret: bytes, *, clock: Callable[[], float] = time.time) -> None:
        if len(secret) < _MIN_SECRET_BYTES:
            raise ValueError(f"the URL signing secret needs at least {_MIN_SECRET_BYTES} bytes")
        self._secret = secret
        self._clock = clock

    def expiry(self, expires_in: int) -> int:
        """The unix time at which a link made now with ``expires_in`` stops working."""
        return int(self._clock()) + expires_in

    def sign(self, key: str, expires: int, filename: str, content_type: str = "") -> str:
        mac = hmac.new(self._secret, _message(key, expires, filename, content_type), "sha256")
        return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")

    def query(
        self, key: str, *, filename: str, content_type: str, expires_in: int
    ) -> dict[str, str]:
        """The query parameters of a link to ``key``, in the order they appear in the URL."""
        expires = self.expiry(expires_in)
        return {
            "expires": str(expires),
            "filename": filename,
            "type": content_type,
            "sig": self.sign(key, expires, filename, content_type),
        }

    def url(
        self, base_url: str, key: str, *, filename: str, content_type: str, expires_in: int
    ) -> str:
        """``{base_url}/api/v1/artifacts/{key}?...``; an empty base_url gives a relative link."""
        params = self.query(
            key, filename=filename, content_type=content_type, expires_in=expires_in
        )
        path = quote(key, safe="/")
        query = urlencode(params, quote_via=quote)
        return f"{base_url.rstrip('/')}{DOWNLOAD_PATH}{path}?{query}"

    def verify(
        self,
        key: str,
        expires: int | str,
        filename: str,
        sig: str,
        now: float | None = None,
        *,
        content_type: str = "",
    ) -> bool:
        """True if ``sig`` was made by this signer for exactly these values and has not expired.

        ``expires`` may be the raw query string value; anything but a plain decimal is refused.
        """
        if isinstance(expires, str):
            if not (expires.isascii() and expires.isdecimal()):
                return False
            expires = int(expires)
        current = self._clock() if now is None else now
        if current >= expires:
            return False
        expected = self.sign(key, expires, filename, content_type).encode("ascii")
        # Constant time, so the signature cannot be guessed byte by byte from response times.
        return hmac.compare_digest(expected, sig.encode("utf-8", "surrogatepass"))

    def verify_query(
        self, key: str, params: Mapping[str, str], now: float | None = None
    ) -> DownloadGrant | None:
        """Check a download request's query parameters; the grant to serve, or None.

        The download route passes ``request.query_params`` and, on a grant, serves the artifact
        with ``content_disposition(grant.filename)`` and ``grant.content_type``.
        """
        expires = params.get("expires", "")
        filename = params.get("filename", "")
        content_type = params.get("type", "")
        sig = params.get("sig", "")
        if not sig or not self.verify(key, expires, filename, sig, now, content_type=content_type):
            return None
        return DownloadGrant(key, filename, content_type, int(expires))


def _message(key: str, expires: int, filename: str, content_type: str) -> bytes:
    # Length-prefixed fields: no choice of separator inside a field can shift bytes from one
    # field into the next (key "a" + name "b/c" must not sign like key "a/b" + name "c").
    parts = [_DOMAIN]
    for field in (key, str(expires), filename, content_type):
        raw = field.encode("utf-8", "surrogatepass")
        parts.append(str(len(raw)).encode("ascii") + b":" + raw)
    return b"\n".join(parts)
