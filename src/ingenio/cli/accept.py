"""An event loop that accepts every waiting connection at once, for ``ingenio serve``.

libuv (under uvloop) accepts one connection per turn of the loop since 1.45 ("unix: don't
accept() connections in a loop"), and relies on the next poll to see the rest. Cheap when a
turn is short; under load one turn of this server is every ready request, 10-20 ms at 64
connections, so a burst of 64 new connections took 64 turns to accept: measured on the wire,
the last one's first request waited 400 ms for a response, while requests on connections
already open waited at most 30 ms. Front ends reconnecting after a deploy, a proxy opening its
pool: every such burst paid it.

This loop is uvloop's, except that a plain TCP server's listening sockets are read by the loop
as ordinary readers that accept until the backlog is empty, as asyncio's own loop does, and
each connection is then handed to uvloop as an accepted socket (the same transport as before).
Without uvloop it is asyncio's loop, which already accepts greedily.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections.abc import Callable, Iterable
from typing import Any

log = logging.getLogger("ingenio.server")

# Out of descriptors or memory: accepting again at once would spin, so wait as asyncio does.
_RESOURCE_ERRORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
RETRY_AFTER = 1.0

ProtocolFactory = Callable[[], asyncio.BaseProtocol]


class EagerServer(asyncio.AbstractServer):
    """Listening sockets whose waiting connections are all accepted in one turn."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        factory: ProtocolFactory,
        socks: list[socket.socket],
        backlog: int,
    ) -> None:
        self._loop, self._factory, self._socks = loop, factory, socks
        self._backlog = max(1, backlog)
        self._serving = False
        self._connecting: set[asyncio.Task[Any]] = set()

    @property
    def sockets(self) -> tuple[socket.socket, ...]:
        return tuple(self._socks)

    def get_loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def is_serving(self) -> bool:
        return self._serving

    async def start_serving(self) -> None:
        self._resume()

    async def serve_forever(self) -> None:
        await self.start_serving()
        await asyncio.Future()

    def close(self) -> None:
        """Stop listening; connections already accepted are their owner's to close."""
        self._pause()
        for sock in self._socks:
            sock.close()
        self._socks = []

    async def wait_closed(self) -> None:
        if self._connecting:
            await asyncio.gather(*self._connecting, return_exceptions=True)

    def _pause(self) -> None:
        if self._serving:
            self._serving = False
            for sock in self._socks:
                self._loop.remove_reader(sock.fileno())

    def _resume(self) -> None:
        if self._socks and not self._serving:
            self._serving = True
            for sock in self._socks:
                self._loop.add_reader(sock.fileno(), self._accept_all, sock)

    def _accept_all(self, listener: socket.socket) -> None:
        for _ in range(self._backlog):
            try:
                conn, _ = listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue  # the client gave up while it waited: the next one may not have
            except OSError as exc:
                if exc.errno not in _RESOURCE_ERRORS:
                    raise
                log.error("server.accept_failed", extra={"error": str(exc)})
                self._pause()
                self._loop.call_later(RETRY_AFTER, self._resume)
                return
            conn.setblocking(False)
            task = self._loop.create_task(self._connect(conn))
            self._connecting.add(task)
            task.add_done_callback(self._connecting.discard)

    async def _connect(self, conn: socket.socket) -> None:
        try:
            await self._loop.connect_accepted_socket(self._factory, conn)
        except OSError:
            conn.close()  # reset before the transport took it: nothing to serve


def listen(host: str | None, port: int, backlog: int) -> list[socket.socket]:
    """Listening sockets as asyncio's ``create_server`` makes them (one per address)."""
    infos = socket.getaddrinfo(
        host or None, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE
    )
    socks: list[socket.socket] = []
    try:
        for family, kind, proto, _, address in _unique(infos):
            sock = socket.socket(family, kind, proto)
            socks.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as exc:  # asyncio's wording: the operator learns which address
                message = f"error while attempting to bind on address {address!r}: "
                raise OSError(exc.errno, message + str(exc.strerror).lower()) from None
            sock.listen(backlog)
            sock.setblocking(False)
    except BaseException:
        for sock in socks:
            sock.close()
        raise
    return socks


def _unique(infos: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for info in infos:
        key = (info[0], info[4])
        if key not in seen:
            seen.add(key)
            out.append(info)
    return out


async def _eager_server(
    loop: asyncio.AbstractEventLoop,
    factory: ProtocolFactory,
    host: str | None,
    port: int | None,
    sock: socket.socket | None,
    backlog: int,
) -> EagerServer:
    if sock is not None:
        sock.setblocking(False)
        socks = [sock]
    else:
        socks = listen(host, port or 0, backlog)
    server = EagerServer(loop, factory, socks, backlog)
    await server.start_serving()
    return server


def new_event_loop() -> asyncio.AbstractEventLoop:
    """The loop, for uvicorn's ``loop=`` setting ("module:function" of a loop factory)."""
    return _loop_class()()


def _loop_class() -> Callable[[], asyncio.AbstractEventLoop]:
    try:
        import uvloop
    except ImportError:  # asyncio's loop accepts every waiting connection already
        return asyncio.new_event_loop

    class EagerAcceptLoop(uvloop.Loop):
        async def create_server(  # type: ignore[override]
            self,
            protocol_factory: ProtocolFactory,
            host: Any = None,
            port: Any = None,
            **kwargs: Any,
        ) -> asyncio.AbstractServer:
            sock, backlog = kwargs.pop("sock", None), kwargs.pop("backlog", 100)
            ssl = kwargs.pop("ssl", None)
            plain = ssl is None and not kwargs
            if plain and (host is None or isinstance(host, str)) and (sock or port is not None):
                return await _eager_server(self, protocol_factory, host, port, sock, backlog)
            # TLS, several hosts, other options: uvloop's own server, which handles them all.
            return await super().create_server(
                protocol_factory, host, port, sock=sock, backlog=backlog, ssl=ssl, **kwargs
            )

    return EagerAcceptLoop
