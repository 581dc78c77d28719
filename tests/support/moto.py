"""moto's standalone S3 server in a subprocess on a free loopback port.

The stores talk HTTP to it exactly as they would to MinIO, and the test process's warnings
filters and globals stay out of the server.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import httpx
import pytest

from ingenio.testing.processes import free_port


@contextmanager
def moto_server() -> Iterator[str]:
    with tempfile.TemporaryFile() as log:
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        endpoint = f"http://127.0.0.1:{port}"
        try:
            _wait_until_serving(endpoint, proc, log)
            yield endpoint
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _wait_until_serving(endpoint: str, proc: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            httpx.get(f"{endpoint}/moto-api/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    proc.wait()
    log.seek(0)
    pytest.fail(f"moto server did not start:\n{log.read().decode(errors='replace')}")
