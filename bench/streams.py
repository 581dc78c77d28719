"""Memory with 1,000 open event streams, held by a separate client process.

    python -m bench.streams URL TARGETS    # TARGETS: lines "taskId<TAB>token"

The client opens one ``GET /api/v1/generate/events/{id}`` per line, waits for each stream's
first ``status`` event (the stream is really open and subscribed), prints ``READY n failed``,
then holds every connection, unread, until its standard input closes.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.http1 import Connection, HttpError
from bench.server import ROOT, ServerProcess

EVENTS = "/api/v1/generate/events/{}"


@dataclass
class StreamFigures:
    streams: int
    failed: int
    rss_before_mb: float
    rss_open_mb: float
    rss_after_close_mb: float
    server_cpu_percent: float  # while the streams were open and idle
    open_seconds: float

    @property
    def added_mb(self) -> float:
        return self.rss_open_mb - self.rss_before_mb


async def _hold(url: str, targets: list[tuple[str, str]]) -> None:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    conns: list[Connection] = []
    failed = 0
    gate = asyncio.Semaphore(50)  # a burst of 1,000 connects would overflow the accept queue

    async def one(task_id: str, token: str) -> None:
        nonlocal failed
        conn = Connection(host, port)
        async with gate:
            try:
                status = await conn.open_stream(
                    EVENTS.format(task_id), {"Authorization": "Bearer " + token}, b"event: status"
                )
            except HttpError:
                status = 0
        if status == 200:
            conns.append(conn)
        else:
            failed += 1
            await conn.close()

    await asyncio.gather(*(one(t, k) for t, k in targets))
    print(f"READY {len(conns)} {failed}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for conn in conns:
        await conn.close()


def main() -> None:
    url, targets_file = sys.argv[1:3]
    targets = [
        (line.split("\t")[0], line.split("\t")[1])
        for line in Path(targets_file).read_text().splitlines()
    ]
    asyncio.run(_hold(url, targets))


def measure_streams(
    server: ServerProcess, targets: list[tuple[str, str]], hold: float, workdir: Path
) -> StreamFigures:
    """Open the streams from a child process, hold them ``hold`` seconds, measure the server."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "streams.targets"
    path.write_text("".join(f"{t}\t{k}\n" for t, k in targets))
    pause = min(2.0, hold / 3)  # lets freed memory and finished requests settle
    time.sleep(pause)
    before = server.rss_mb()
    started = time.monotonic()
    client = subprocess.Popen(
        [sys.executable, "-m", "bench.streams", server.url, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert client.stdout is not None
        assert client.stdin is not None
        line = client.stdout.readline().split()
        if not line or line[0] != "READY":
            raise RuntimeError("the stream client did not report")
        opened, failed = int(line[1]), int(line[2])
        open_seconds = time.monotonic() - started
        # Hold long enough for every stream to poll the database at least once (every 2 s).
        cpu0, t0 = server.cpu_seconds(), time.monotonic()
        time.sleep(hold)
        cpu = (server.cpu_seconds() - cpu0) / (time.monotonic() - t0) * 100
        during = server.rss_mb()
        client.stdin.close()
        client.wait(30)
    finally:
        if client.poll() is None:
            client.kill()
            client.wait(10)
    time.sleep(pause)
    return StreamFigures(opened, failed, before, during, server.rss_mb(), cpu, open_seconds)


if __name__ == "__main__":
    main()
