"""A minimal keep-alive HTTP/1.1 client on asyncio streams, for the load-generating processes.

Why not httpx: at thousands of requests per second its per-request overhead would be measured
instead of the server's. This client does what the benchmark's requests need and nothing more:
fixed-length bodies (every endpoint but the event stream) and a raw read for the stream.
"""

from __future__ import annotations

import asyncio

Headers = dict[str, str]


class HttpError(Exception):
    """The connection broke or the reply could not be parsed."""


class _Stale(Exception):
    """The server had closed the connection: no byte of a reply arrived."""


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None

    def _head(self, method: str, path: str, headers: Headers, body: bytes | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body is not None:
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")

    async def request(
        self, method: str, path: str, headers: Headers, body: bytes | None = None
    ) -> tuple[int, bytes]:
        """Send one request and read its fixed-length reply: (status, body).

        A GET on a kept-alive connection that the server closed meanwhile (uvicorn closes
        idle ones after 5 s) is sent again once on a new connection, as browsers do.
        """
        reused = self._writer is not None and not (self._reader and self._reader.at_eof())
        try:
            return await self._request(method, path, headers, body)
        except _Stale:
            if not (reused and method == "GET"):
                raise HttpError("connection closed before the reply") from None
            return await self._request(method, path, headers, body)

    async def _request(
        self, method: str, path: str, headers: Headers, body: bytes | None
    ) -> tuple[int, bytes]:
        if self._reader is not None and self._reader.at_eof():
            await self.close()  # closed by the server while idle, and we saw it
        if self._writer is None:
            await self.open()
        assert self._reader is not None
        assert self._writer is not None
        try:
            self._writer.write(self._head(method, path, headers, body))
            status, length = await self._read_head()
            data = await self._reader.readexactly(length) if length else b""
        except asyncio.IncompleteReadError as exc:
            await self.close()
            if not exc.partial:
                raise _Stale() from exc
            raise HttpError(repr(exc)) from exc
        except (OSError, ValueError) as exc:
            await self.close()
            if isinstance(exc, ConnectionResetError | BrokenPipeError):
                raise _Stale() from exc
            raise HttpError(repr(exc)) from exc
        return status, data

    async def _read_head(self) -> tuple[int, int]:
        assert self._reader is not None
        head = await self._reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        return status, length

    async def open_stream(self, path: str, headers: Headers, until: bytes) -> int:
        """Start a streaming GET and read until ``until`` arrives; returns the status.

        The connection then stays open, unread, until ``close``: what an idle EventSource is.
        """
        if self._writer is None:
            await self.open()
        assert self._reader is not None
        assert self._writer is not None
        try:
            self._writer.write(self._head("GET", path, headers, None))
            status, _ = await self._read_head()
            if status == 200:
                seen = b""
                while until not in seen:
                    chunk = await self._reader.read(4096)
                    if not chunk:
                        raise HttpError("stream closed early")
                    seen = (seen + chunk)[-4096:]
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            await self.close()
            raise HttpError(repr(exc)) from exc
        return status
