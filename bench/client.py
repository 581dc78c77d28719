"""Small client-side helpers the scenarios share: tokens, priming reads, creating tasks."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from urllib.parse import urlsplit

from bench.dataset import Dataset
from bench.http1 import Connection, HttpError
from bench.server import BENCH_SECRET
from ingenio.auth.tokens import AuthUser, TokenCodec

CREATE_PATH = "/api/v1/generate/async"
CREATE_BODY = json.dumps(
    {"userRequirement": "一个系统，管理以下业务对象：客户、订单、商品", "generatePreview": False},
    ensure_ascii=False,
).encode()


def mint_tokens(ds: Dataset) -> list[str]:
    """An access token per user, signed with the server's secret (HS256, as it issues them)."""
    codec = TokenCodec(BENCH_SECRET, 86400, 600)
    return [codec.issue(AuthUser(u.user_id, u.tenant_id)).token for u in ds.users]


def _endpoint(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


async def _each_once(
    url: str,
    requests: list[tuple[str, str, bytes | None, str]],
    concurrency: int,
) -> list[tuple[int, bytes]]:
    """Send every (method, path, body, token) once, ``concurrency`` at a time; keep order."""
    host, port = _endpoint(url)
    results: list[tuple[int, bytes]] = [(0, b"")] * len(requests)
    queue = iter(range(len(requests)))

    async def worker() -> None:
        conn = Connection(host, port)
        for i in queue:
            method, path, body, token = requests[i]
            headers = {"Authorization": "Bearer " + token}
            if body is not None:
                headers["Content-Type"] = "application/json"
            try:
                results[i] = await conn.request(method, path, headers, body)
            except HttpError:
                results[i] = (599, b"")
        await conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def read_each(url: str, paths: list[tuple[str, str]], concurrency: int = 16) -> Counter[int]:
    """GET each (path, token) once, e.g. to put tasks in the status cache; status counts."""
    replies = asyncio.run(_each_once(url, [("GET", p, None, t) for p, t in paths], concurrency))
    return Counter(status for status, _ in replies)


def create_tasks(url: str, tokens: list[str], concurrency: int = 16) -> list[str]:
    """Create one task per token through the API; returns the new task ids."""
    replies = asyncio.run(
        _each_once(url, [("POST", CREATE_PATH, CREATE_BODY, t) for t in tokens], concurrency)
    )
    ids = []
    for status, body in replies:
        if status != 200:
            raise RuntimeError(f"create failed: {status} {body[:200]!r}")
        ids.append(str(json.loads(body)["data"]))
    return ids
