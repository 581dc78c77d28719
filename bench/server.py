"""The service under measurement, in a subprocess of its own.

Two ways to start it: ``ingenio serve`` itself (for the idle memory figures, which must be the
real command's), or ``bench.launcher`` (the same app and uvicorn settings plus the bare
reference route). Only the process this module started is ever signalled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from ingenio.testing.processes import free_port, service_env, wait_healthy

ROOT = Path(__file__).resolve().parents[1]  # ``python -m bench...`` runs from the checkout
BENCH_SECRET = "bench-secret-" + "k" * 48
_CLK_TCK = os.sysconf("SC_CLK_TCK")


def server_env(data_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    return service_env(data_dir, BENCH_SECRET, extra)


class ServerProcess:
    def __init__(
        self,
        data_dir: Path,
        env: dict[str, str],
        *,
        launcher: bool = True,
        log_path: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.data_dir = data_dir
        self.env = server_env(data_dir, env)
        self.launcher = launcher
        self.log_path = log_path or data_dir.parent / f"server-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 120) -> ServerProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.launcher:
            cmd = [sys.executable, "-m", "bench.launcher", "--port", str(self.port)]
        else:
            cmd = [sys.executable, "-m", "ingenio.cli.main", "serve", "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
        wait_healthy(self.proc, self.url, timeout, self.log_tail)
        return self

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def rss_mb(self) -> float:
        """Resident memory of the server process (uvicorn runs in it: one worker)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmRSS missing")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLK_TCK

    def wait_quiet(
        self,
        busy: Callable[[], bool] | None = None,
        threshold: float = 0.15,
        timeout: float = 60,
    ) -> float:
        """Wait until the server has used under ``threshold`` of a core for three samples in a
        row and ``busy`` (the database's own check) says no; returns the seconds waited.

        A load generator that stops leaves up to one request per connection in the server,
        whose work would otherwise be billed to the next figure.
        """
        started, quiet = time.monotonic(), 0
        while time.monotonic() - started < timeout and quiet < 3:
            cpu, t = self.cpu_seconds(), time.monotonic()
            time.sleep(0.2)
            idle = (self.cpu_seconds() - cpu) / (time.monotonic() - t) < threshold
            quiet = quiet + 1 if idle and not (busy and busy()) else 0
        return time.monotonic() - started

    def stop(self, timeout: float = 30) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
