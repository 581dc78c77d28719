"""``ingenio serve`` in a subprocess on a free loopback port, for tests that kill or restart it,
or that need several service processes at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from tests.support.infra import free_port

TEST_SECRET = "process-test-secret-" + "z" * 40


class ServerProcess:
    def __init__(
        self, data_dir: Path, env: dict[str, str] | None = None, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.data_dir = data_dir
        self.extra_env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir.parent / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        base = {k: v for k, v in os.environ.items() if not k.startswith("INGENIO_")}
        return {
            **base,
            "INGENIO_DATA_DIR": str(self.data_dir),
            "INGENIO_JWT_SECRET": TEST_SECRET,
            "INGENIO_LOG_LEVEL": "INFO",
            **self.extra_env,
        }

    def start(self, timeout: float = 60) -> ServerProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ingenio.cli.main", "serve", "--port", str(self.port)],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not start:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self, sig: int = signal.SIGKILL, timeout: float = 30) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout)
        self.proc = None
        return code

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
