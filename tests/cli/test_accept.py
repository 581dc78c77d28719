"""The serving loop takes every waiting connection in one turn, and keeps serving when it runs out
of descriptors."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Coroutine
from typing import Any, cast

import pytest

from ingenio.cli.accept import EagerServer, new_event_loop

BURST = 64


class Echo(asyncio.Protocol):
    """Sends back what it receives; ``once`` closes the connection after the first reply."""

    def __init__(self, made: list[asyncio.Transport], once: bool = False) -> None:
        self.made, self.once = made, once

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self.made.append(self.transport)

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)
        if self.once:
            self.transport.close()


def run(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        runner.run(main())


async def turns_until(done: Callable[[], bool], limit: int) -> int:
    """How many turns of the loop it took until ``done()``, at most ``limit``."""
    for turn in range(limit):
        if done():
            return turn
        await asyncio.sleep(0)
    return limit


async def echo(client: socket.socket, payload: bytes) -> bytes:
    loop = asyncio.get_running_loop()
    await loop.sock_sendall(client, payload)
    return await asyncio.wait_for(loop.sock_recv(client, 100), 10)


def test_a_burst_of_waiting_connections_is_accepted_in_a_few_turns() -> None:
    async def main() -> None:
        made: list[asyncio.Transport] = []
        server = await asyncio.get_running_loop().create_server(
            lambda: Echo(made), "127.0.0.1", 0, backlog=128
        )
        assert isinstance(server, EagerServer)
        port = server.sockets[0].getsockname()[1]
        # The kernel completes each handshake on its own: all of them wait in the backlog
        # before the loop has looked once. Accepting one per turn would take 64 turns.
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(BURST)]
        try:
            turns = await turns_until(lambda: len(made) == BURST, BURST)
            assert len(made) == BURST
            assert turns <= 4
            for i, client in enumerate(clients):
                client.setblocking(False)
                assert await echo(client, b"ping %d" % i) == b"ping %d" % i
        finally:
            for client in clients:
                client.close()
            server.close()
            await server.wait_closed()

    run(main)


def test_a_closed_server_refuses_new_connections_and_keeps_the_open_ones() -> None:
    async def main() -> None:
        made: list[asyncio.Transport] = []
        server = await asyncio.get_running_loop().create_server(lambda: Echo(made), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        client.setblocking(False)
        try:
            await turns_until(lambda: bool(made), 10)
            server.close()
            await server.wait_closed()
            assert not server.is_serving()
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
            assert await echo(client, b"still here") == b"still here"
        finally:
            client.close()

    run(main)


def test_options_it_does_not_handle_get_the_loops_own_server() -> None:
    async def main() -> None:
        made: list[asyncio.Transport] = []
        server = await asyncio.get_running_loop().create_server(
            lambda: Echo(made), "127.0.0.1", 0, reuse_port=True
        )
        assert not isinstance(server, EagerServer)
        port = server.sockets[0].getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        client.setblocking(False)
        try:
            assert await echo(client, b"hello") == b"hello"
        finally:
            client.close()
            server.close()

    run(main)


def test_a_busy_port_is_reported_with_its_address() -> None:
    async def main() -> None:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            with pytest.raises(OSError, match=f"127.0.0.1', {port}\\): address already in use"):
                await asyncio.get_running_loop().create_server(asyncio.Protocol, "127.0.0.1", port)

    run(main)


_SERVER_SCRIPT = textwrap.dedent(
    """
    import asyncio, logging, resource, sys
    from ingenio.cli.accept import new_event_loop

    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")

    class Once(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport

        def data_received(self, data):
            self.transport.write(data)
            self.transport.close()

    async def main():
        server = await asyncio.get_running_loop().create_server(Once, "127.0.0.1", 0)
        print("port", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(30)

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (40, hard))
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        runner.run(main())
    """
)


def test_running_out_of_descriptors_pauses_accepting_and_serves_everyone_after() -> None:
    """Descriptors run out after about 25 connections: the server logs it, waits, and accepts
    the rest once the first ones have closed, instead of failing or spinning on the error."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SERVER_SCRIPT], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().split()[1])
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(BURST)]
        for i, client in enumerate(clients):
            client.settimeout(20)
            client.sendall(b"n%d" % i)
        replies = [client.recv(100) for client in clients]
        assert replies == [b"n%d" % i for i in range(BURST)]
        for client in clients:
            client.close()
    finally:
        proc.kill()
        out, _ = proc.communicate(timeout=10)
    failures = out.count("server.accept_failed")
    assert 1 <= failures <= 10, out
