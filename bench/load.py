"""Driving load from a separate process: ``wrk`` with ``bench/requests.lua``, else ``pyload``.

A workload is a list of (path, owner) requests plus the owners' tokens, written to files the
load generator reads once. ``random`` picks a request per send; ``sequence`` sends each line
once in order (reads that must miss the cache).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import ROOT

LUA = Path(__file__).with_name("requests.lua")
CONNECTIONS = 64  # the issue's figure, and the reference measurements'


@dataclass
class Workload:
    name: str
    requests: list[tuple[str, int]]  # (path, index into tokens)
    tokens: list[str]
    mode: str = "random"
    method: str = "GET"
    body: bytes | None = None


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int] = field(default_factory=dict)
    tool: str = "wrk"

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "pyload"


def _write(workdir: Path, load: Workload) -> list[str]:
    workdir.mkdir(parents=True, exist_ok=True)
    requests, tokens = workdir / f"{load.name}.requests", workdir / f"{load.name}.tokens"
    requests.write_text("".join(f"{path}\t{owner + 1}\n" for path, owner in load.requests))
    tokens.write_text("".join(t + "\n" for t in load.tokens))
    body = "-"
    if load.body is not None:
        (workdir / f"{load.name}.body").write_bytes(load.body)
        body = str(workdir / f"{load.name}.body")
    return [str(requests), str(tokens), load.mode, load.method, body]


def run_load(
    url: str,
    load: Workload,
    seconds: float,
    workdir: Path,
    *,
    connections: int = CONNECTIONS,
    force_tool: str | None = None,
) -> LoadResult:
    """Run ``load`` against ``url`` for ``seconds``; the generator is a child process."""
    args = _write(workdir, load)
    which = force_tool or tool()
    # One wrk thread: the server has one worker, and the load generator must leave the second
    # core to the server's database (PostgreSQL runs in its own processes).
    if which == "wrk":
        cmd = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
        cmd += ["-s", str(LUA), url, "--", *args, "1"]
    else:
        cmd = [sys.executable, "-m", "bench.pyload", url, *args, str(connections), str(seconds)]
    out = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120, check=False
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"{which} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    errors = {k: int(data[k]) for k in ("connect", "read", "write", "status", "timeout")}
    return LoadResult(
        requests=int(data["requests"]),
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        errors={k: v for k, v in errors.items() if v},
        tool=which,
    )
