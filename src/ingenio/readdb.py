"""A lean path for the hot reads (status on a cache miss, the task list): one query, no session.

An ORM session costs each read more than the query itself (bench/findings.md, section 1): on
SQLite 6-10 hops to aiosqlite's thread and back, on PostgreSQL a pre-ping, a BEGIN and a
ROLLBACK around the one SELECT. These reads need none of it: they are single statements that
see committed data, so they run

- on SQLite, on a synchronous engine in a small thread pool of their own: one hop per query,
  with SQLAlchemy's own type handling (UUIDs, datetimes, JSON), so rows equal the ORM's;
- on PostgreSQL, on a second async engine in autocommit without pre-ping; a connection found
  dead (the server restarted) is dropped and the query retried once on a fresh one.

Writes never come here: they keep the unit of work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from sqlalchemy import Row, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql import Executable

# How the read pool's sessions show in pg_stat_activity.
READ_APPLICATION_NAME = "ingenio-read"


class ReadDatabase(Protocol):
    async def fetch(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> list[Row[Any]]:
        """Every row of one read-only statement."""
        ...

    async def aclose(self) -> None: ...


class ThreadedSqliteReads:
    """SQLite reads on a sync engine, each query one hop to a reader thread."""

    def __init__(self, url: str, threads: int = 2) -> None:
        self._engine: Engine = create_engine(
            url.replace("sqlite+aiosqlite:", "sqlite:", 1),
            pool_size=threads,
            max_overflow=0,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(self._engine, "connect", _read_only)
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="ingenio-read")

    def _run(self, stmt: Executable, params: Mapping[str, Any] | None) -> list[Row[Any]]:
        with self._engine.connect() as conn:
            return list(conn.execute(stmt, params).all())

    async def fetch(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> list[Row[Any]]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, stmt, params)

    async def aclose(self) -> None:
        self._executor.shutdown(wait=True)
        self._engine.dispose()


def _read_only(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    # The writers' connections set WAL (persistent in the file); this one only ever reads.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


class AutocommitReads:
    """PostgreSQL reads on their own pool, in autocommit: the query is the only round trip."""

    def __init__(self, url: str, pool_size: int) -> None:
        self._engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=0,
            pool_pre_ping=False,
            pool_recycle=1800,
            isolation_level="AUTOCOMMIT",
            connect_args={"application_name": READ_APPLICATION_NAME},
        )

    async def fetch(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> list[Row[Any]]:
        try:
            return await self._fetch(stmt, params)
        except DBAPIError as exc:
            # Without pre-ping a connection the server closed is found by using it; SQLAlchemy
            # then invalidates the pool, so one retry runs on a fresh connection.
            if not exc.connection_invalidated:
                raise
            return await self._fetch(stmt, params)

    async def _fetch(self, stmt: Executable, params: Mapping[str, Any] | None) -> list[Row[Any]]:
        async with self._engine.connect() as conn:
            result = await conn.execute(stmt, params)
            return list(result.all())

    async def aclose(self) -> None:
        await self._engine.dispose()


def open_reads(url: str, *, pool_size: int) -> ReadDatabase:
    if url.startswith("sqlite"):
        return ThreadedSqliteReads(url)
    return AutocommitReads(url, pool_size)
