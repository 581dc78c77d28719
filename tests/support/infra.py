"""The real services tests run against: the machine's PostgreSQL and Redis, and private ones.

Tests that need a shared service fail (not skip) when ``CI=true`` and it is unreachable: a green
CI run must mean the PostgreSQL and Redis paths were exercised. Tests that stop a server start
their own instance first (``redis-server`` on a free port, ``initdb``/``pg_ctl`` in a temp
directory); the machine's shared servers are never stopped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis

from ingenio.testing.processes import free_port

PG_ADMIN_DSN = os.environ.get("INGENIO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("INGENIO_TEST_REDIS", "redis://127.0.0.1:6379")
IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(what: str) -> None:
    """Fail under CI, skip on a developer machine without the service."""
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true but is unreachable")
    pytest.skip(f"{what} unreachable")


def pg_reachable() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


def redis_reachable(url: str = REDIS_URL) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _dsn_for(dbname: str) -> str:
    return PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + dbname


@contextmanager
def scratch_database(prefix: str = "ingenio_test") -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its SQLAlchemy URL (psycopg driver)."""
    if not pg_reachable():
        unavailable("PostgreSQL at " + PG_ADMIN_DSN)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _dsn_for(name).replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class RedisServer:
    """A private ``redis-server`` on a free loopback port, which a test may stop and restart."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            unavailable("redis-server binary")
            return
        self.proc = subprocess.Popen(
            [
                exe,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not redis_reachable(self.url):
            if time.monotonic() > deadline:
                raise RuntimeError("private redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None
