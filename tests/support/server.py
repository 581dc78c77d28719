"""``ingenio serve`` in a subprocess on a free loopback port, for tests that kill or restart it,
or that need several service processes at once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from ingenio.testing.processes import free_port, service_env, wait_healthy

TEST_SECRET = "process-test-secret-" + "z" * 40


class IngenioProcess:
    """``python -m ingenio.cli.main ...`` with the test environment and a log file of its own."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None, log_path: Path) -> None:
        self.data_dir = data_dir
        self.extra_env = env or {}
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        return service_env(
            self.data_dir, TEST_SECRET, {"INGENIO_LOG_LEVEL": "INFO", **self.extra_env}
        )

    def spawn(self, *args: str) -> subprocess.Popen[bytes]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ingenio.cli.main", *args],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self.proc

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self, sig: int = signal.SIGKILL, timeout: float = 30) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout)
        self.proc = None
        return code


class ServerProcess(IngenioProcess):
    def __init__(
        self, data_dir: Path, env: dict[str, str] | None = None, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        super().__init__(data_dir, env, data_dir.parent / f"server-{self.port}.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> ServerProcess:
        proc = self.spawn("serve", "--port", str(self.port))
        wait_healthy(proc, self.url, timeout, self.log)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill(signal.SIGTERM)
        self.proc = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None


def register(url: str, username: str) -> dict[str, str]:
    resp = httpx.post(
        url + "/api/v1/auth/register",
        json={"username": username, "password": "pass-word-123"},
        timeout=10,
    )
    if resp.status_code == 400:  # registered through another process already
        resp = httpx.post(
            url + "/api/v1/auth/login",
            json={"username": username, "password": "pass-word-123"},
            timeout=10,
        )
    resp.raise_for_status()
    return {"Authorization": "Bearer " + resp.json()["data"]["token"]}


def wait_status(
    url: str, headers: dict[str, str], task_id: str, statuses: set[str], timeout: float = 60
) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    last: dict[str, object] = {}
    while time.monotonic() < deadline:
        try:
            resp = httpx.get(f"{url}/api/v1/generate/status/{task_id}", headers=headers, timeout=5)
            last = resp.json()["data"]
            if last["status"] in statuses:
                return last
        except httpx.TransportError:
            pass  # the server may be restarting
        time.sleep(0.1)
    raise AssertionError(f"task {task_id} not in {statuses} after {timeout}s: {last}")
