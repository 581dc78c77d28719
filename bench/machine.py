"""The machine's description, and how busy it was: figures from a shared machine need both."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.infra import pg_version, redis_version


@dataclass
class Machine:
    cpu: str
    cores: int
    ram_gb: float
    kernel: str
    python: str
    postgres: str | None
    redis: str | None
    load_generator: str


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _wrk_version() -> str:
    if shutil.which("wrk") is None:
        return "pyload (asyncio; wrk not installed)"
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    first = (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "wrk"
    return first.split(" Copyright")[0].strip()


def describe() -> Machine:
    return Machine(
        cpu=_cpu_model(),
        cores=os.cpu_count() or 0,
        ram_gb=_ram_gb(),
        kernel=f"{platform.system()} {platform.release()}",
        python=platform.python_version(),
        postgres=pg_version(),
        redis=redis_version(),
        load_generator=_wrk_version(),
    )


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_percent(seconds: float) -> float:
    """How busy all CPUs were over the next ``seconds`` (every process, ours included)."""
    b0, t0 = _cpu_times()
    time.sleep(seconds)
    b1, t1 = _cpu_times()
    return 100 * (b1 - b0) / max(1, t1 - t0)


@dataclass
class LoadWatch:
    """Samples the load average and the machine's CPU use every few seconds during the run."""

    interval: float = 5.0
    loads: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> LoadWatch:
        self._thread = threading.Thread(target=self._run, name="load-watch", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        last = _cpu_times()
        while not self._stop.wait(self.interval):
            now = _cpu_times()
            self.busy.append(100 * (now[0] - last[0]) / max(1, now[1] - last[1]))
            self.loads.append(os.getloadavg()[0])
            last = now

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
