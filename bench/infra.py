"""The machine's PostgreSQL and Redis, borrowed without touching their data.

PostgreSQL: a scratch database created for the run and dropped after it (``WITH (FORCE)``, so
a server that did not close its pool cannot keep it alive). Redis: one logical database, flushed
before and after; the test suite uses 11 and 12, the benchmark 15.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import redis

PG_ADMIN_DSN = os.environ.get("INGENIO_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_BASE_URL = os.environ.get("INGENIO_BENCH_REDIS", "redis://127.0.0.1:6379")
REDIS_DB = 15


def pg_version() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=2) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else None
    except psycopg.Error:
        return None


def redis_url() -> str:
    return f"{REDIS_BASE_URL}/{REDIS_DB}"


def redis_version() -> str | None:
    try:
        info = redis.Redis.from_url(redis_url(), socket_connect_timeout=1).info("server")
        return str(info.get("redis_version"))
    except redis.RedisError:
        return None


def flush_redis() -> None:
    redis.Redis.from_url(redis_url()).flushdb()


def redis_keys() -> int:
    return int(redis.Redis.from_url(redis_url()).dbsize())


@contextmanager
def scratch_database(prefix: str = "ingenio_bench") -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its SQLAlchemy URL (psycopg driver)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_DSN.rsplit("/", 1)[0].replace(
            "postgresql://", "postgresql+psycopg://", 1
        ) + ("/" + name)
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def plain_dsn(sqlalchemy_url: str) -> str:
    """The libpq DSN of a ``postgresql+psycopg://`` URL."""
    return sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://", 1)


def pg_busy(dsn: str) -> Callable[[], bool]:
    """Whether any session of the database behind ``dsn`` is running or holding a transaction."""

    def busy() -> bool:
        with psycopg.connect(dsn, autocommit=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            ).fetchone()
        return bool(row and row[0])

    return busy
