"""A lean path for the hottest write, creating a task: its rows in one transaction, no session.

Through the ORM a create cost 2-5 ms of server CPU (bench/findings.md, section 5): two flushes,
the commit, and on SQLite a dozen hops to aiosqlite's thread and back, on PostgreSQL a pre-ping
and a BEGIN before the first INSERT. A new task needs none of the unit of work's machinery: its
rows are plain INSERTs of values the service already holds. So they run

- on SQLite, on a synchronous engine in one writer thread: the whole transaction is one hop,
  with SQLAlchemy's own type handling, so the rows are byte for byte what the ORM writes;
- on PostgreSQL, on an asyncpg pool of its own: BEGIN, the INSERTs and COMMIT, each statement
  prepared once per connection.

``insert`` returns once the rows are committed. A connection found dead before the commit was
sent is replaced and the transaction run again; after that, the error is the caller's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import asyncpg
from sqlalchemy import Table, create_engine, event
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.engine import Engine

from ingenio.db import sqlite_pragmas
from ingenio.readdb import CONNECTION_LOST, asyncpg_dsn, compile_for_asyncpg, open_pool

# How the insert pool's sessions show in pg_stat_activity.
INSERT_APPLICATION_NAME = "ingenio-insert"

Rows = Sequence[tuple[Table, Mapping[str, Any]]]


class InsertDatabase(Protocol):
    async def insert(self, rows: Rows) -> None:
        """Insert each (table, values) in order, in one transaction; committed on return."""
        ...

    async def aclose(self) -> None: ...


class ThreadedSqliteInserts:
    """SQLite inserts on a sync engine: one hop to the writer thread per transaction."""

    def __init__(self, url: str) -> None:
        self._engine: Engine = create_engine(
            url.replace("sqlite+aiosqlite:", "sqlite:", 1),
            pool_size=1,
            max_overflow=0,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(self._engine, "connect", sqlite_pragmas)
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="ingenio-insert")

    def _run(self, rows: Rows) -> None:
        with self._engine.begin() as conn:
            for table, values in rows:
                conn.execute(table.insert().inline(), dict(values))

    async def insert(self, rows: Rows) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self._run, rows)

    async def aclose(self) -> None:
        self._executor.shutdown(wait=True)
        self._engine.dispose()


class AsyncpgInserts:
    """PostgreSQL inserts on an asyncpg pool of their own."""

    def __init__(self, url: str, pool_size: int) -> None:
        self._dsn = asyncpg_dsn(url)
        self._size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()
        self._compiled: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
        self._dialect = pg_asyncpg.dialect()  # type: ignore[no-untyped-call]  # untyped in SQLAlchemy

    async def _open(self) -> asyncpg.Pool:
        async with self._opening:
            if self._pool is None:
                self._pool = await open_pool(self._dsn, self._size, INSERT_APPLICATION_NAME)
            return self._pool

    async def insert(self, rows: Rows) -> None:
        statements = []
        for table, values in rows:
            keys = tuple(values)
            sql, names = self._statement(table, keys)
            statements.append((sql, [values[n] for n in names]))
        pool = self._pool or await self._open()
        try:
            await self._transaction(pool, statements, retry_safe=True)
        except _RetrySafe:
            await self._transaction(pool, statements, retry_safe=False)

    def _statement(self, table: Table, keys: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        compiled = self._compiled.get((table.name, keys))
        if compiled is None:
            compiled = compile_for_asyncpg(table.insert().inline(), self._dialect, keys)
            self._compiled[(table.name, keys)] = compiled
        return compiled

    async def _transaction(
        self, pool: asyncpg.Pool, statements: list[tuple[str, list[Any]]], *, retry_safe: bool
    ) -> None:
        async with pool.acquire() as conn:
            transaction = conn.transaction()
            try:
                await transaction.start()
                for sql, args in statements:
                    await conn.execute(sql, *args)
            except CONNECTION_LOST as exc:
                # Nothing was committed: the same transaction may run on a fresh connection.
                if retry_safe:
                    raise _RetrySafe from exc
                raise
            except BaseException:
                if not conn.is_closed():
                    await transaction.rollback()
                raise
            await transaction.commit()

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.close()


class _RetrySafe(Exception):
    """The connection died before the commit was sent."""


def open_inserts(url: str, *, pool_size: int) -> InsertDatabase:
    """``pool_size`` is the write pool's; a create's transaction is short, so a quarter of it
    (opened on first use: never in distributed mode, whose creates go through the session)."""
    if url.startswith("sqlite"):
        return ThreadedSqliteInserts(url)
    return AsyncpgInserts(url, max(2, pool_size // 4))
