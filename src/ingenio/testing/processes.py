"""Starting the service as an OS process: a free port, a clean environment, a health wait.

Shared by the tests that kill or restart servers and by the benchmark, which both start
``ingenio`` in subprocesses on loopback ports.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def service_env(data_dir: Path, secret: str, extra: dict[str, str]) -> dict[str, str]:
    """A child's environment: nothing inherited from ``INGENIO_*``, then the data directory,
    the JWT secret and ``extra``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("INGENIO_")}
    return {**base, "INGENIO_DATA_DIR": str(data_dir), "INGENIO_JWT_SECRET": secret, **extra}


def wait_healthy(
    proc: subprocess.Popen[bytes], url: str, timeout: float, log: Callable[[], str]
) -> None:
    """Return once ``url``'s ``/healthz`` answers 200; raise with ``log()`` if the process
    exits first or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log()}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not start:\n{log()}")
