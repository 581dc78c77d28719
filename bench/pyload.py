"""The load generator used when ``wrk`` is not installed: same inputs, same output line.

    python -m bench.pyload URL REQUESTS TOKENS MODE METHOD BODY CONNECTIONS SECONDS

Runs in its own process (never in the server's or the orchestrator's), on uvloop when it is
installed. It spends more CPU per request than wrk, so on a small machine it lowers every
figure a little; the ratios to the bare endpoint, measured the same way, hold better.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.http1 import Connection, HttpError


class Plan:
    def __init__(self, argv: list[str]) -> None:
        url, requests, tokens, self.mode, self.method, body, conns, seconds = argv
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.tokens = Path(tokens).read_text().split()
        self.lines: list[tuple[str, int]] = []
        for line in Path(requests).read_text().splitlines():
            path, owner = line.split("\t")
            self.lines.append((path, int(owner) - 1))
        self.body = None if body == "-" else Path(body).read_bytes()
        self.connections, self.seconds = int(conns), float(seconds)
        self._sequence = itertools.count()

    def pick(self) -> tuple[str, int]:
        if self.mode == "sequence":
            return self.lines[next(self._sequence) % len(self.lines)]
        return random.choice(self.lines)


async def _worker(
    plan: Plan, deadline: float, latencies: list[int], errors: dict[str, int]
) -> None:
    conn = Connection(plan.host, plan.port)
    headers = {"Content-Type": "application/json"} if plan.body is not None else {}
    while time.monotonic() < deadline:
        path, owner = plan.pick()
        started = time.perf_counter_ns()
        try:
            auth = {**headers, "Authorization": "Bearer " + plan.tokens[owner]}
            status, _ = await conn.request(plan.method, path, auth, plan.body)
        except HttpError:
            errors["read"] += 1
            continue
        latencies.append((time.perf_counter_ns() - started) // 1000)
        if status > 399:
            errors["status"] += 1
    await conn.close()


async def run(plan: Plan) -> dict[str, int]:
    latencies: list[int] = []
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    started = time.monotonic()
    deadline = started + plan.seconds
    await asyncio.gather(
        *(_worker(plan, deadline, latencies, errors) for _ in range(plan.connections))
    )
    elapsed_us = int((time.monotonic() - started) * 1e6)
    latencies.sort()

    def pct(p: float) -> int:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else 0

    return {
        "requests": len(latencies),
        "duration_us": elapsed_us,
        **errors,
        "p50_us": pct(50),
        "p90_us": pct(90),
        "p99_us": pct(99),
        "max_us": latencies[-1] if latencies else 0,
    }


def main() -> None:
    plan = Plan(sys.argv[1:])
    try:
        import uvloop

        result = uvloop.run(run(plan))
    except ImportError:
        result = asyncio.run(run(plan))
    print("BENCH_JSON " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
