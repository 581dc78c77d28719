"""A lean path for the hottest write, creating a task: its rows in one transaction, no session.

Through the ORM a create cost 2-5 ms of server CPU (bench/findings.md, section 5): two flushes,
the commit, and on SQLite a dozen hops to aiosqlite's thread and back, on PostgreSQL a pre-ping
and a BEGIN before the first INSERT. A new task needs none of the unit of work's machinery: its
rows are plain INSERTs of values the service already holds. So they run

- on SQLite, on a synchronous engine in one writer thread: the whole transaction is one hop,
  with SQLAlchemy's own type handling, so the rows are byte for byte what the ORM writes;
- on PostgreSQL, on an asyncpg pool of its own, as one statement (the first INSERTs are
  data-modifying CTEs of the last), prepared once per connection: one round trip, atomic.

``insert`` returns once the rows are committed. A connection found dead is replaced and the
statement sent once more; if the first one had committed after all, the retry meets the new
task's primary key and is taken as done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import asyncpg
from sqlalchemy import Table, bindparam, create_engine, event, insert
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
        self._compiled: dict[tuple[Any, ...], tuple[str, tuple[tuple[int, str], ...]]] = {}
        self._dialect = pg_asyncpg.dialect()  # type: ignore[no-untyped-call]  # untyped in SQLAlchemy

    async def _open(self) -> asyncpg.Pool:
        async with self._opening:
            if self._pool is None:
                self._pool = await open_pool(self._dsn, self._size, INSERT_APPLICATION_NAME)
            return self._pool

    async def insert(self, rows: Rows) -> None:
        sql, names = self._statement(rows)
        args = [rows[i][1][key] for i, key in names]
        pool = self._pool or await self._open()
        try:
            await pool.execute(sql, *args)
        except CONNECTION_LOST:
            try:
                await pool.execute(sql, *args)
            except asyncpg.UniqueViolationError:
                # The first attempt committed before its connection died: done, once.
                return

    def _statement(self, rows: Rows) -> tuple[str, tuple[tuple[int, str], ...]]:
        """One statement for all the rows: the first ones as data-modifying CTEs of the last
        INSERT. Atomic and one round trip; foreign keys are checked at the statement's end, so
        an event may reference the task inserted beside it."""
        shape = tuple((table.name, tuple(values)) for table, values in rows)
        cached = self._compiled.get(shape)
        if cached is None:
            inserts = [
                insert(table).values(
                    {k: bindparam(f"r{i}_{k}", type_=table.c[k].type) for k in values}
                )
                for i, (table, values) in enumerate(rows)
            ]
            ctes = [ins.cte(f"r{i}") for i, ins in enumerate(inserts[:-1])]
            sql, params = compile_for_asyncpg(inserts[-1].add_cte(*ctes).inline(), self._dialect)
            # "r{row}_{column}" back to (row, column): where each $n's value comes from.
            names = tuple((int(p[1:].split("_", 1)[0]), p[1:].split("_", 1)[1]) for p in params)
            cached = (sql, names)
            self._compiled[shape] = cached
        return cached

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.close()


def open_inserts(url: str, *, pool_size: int) -> InsertDatabase:
    """``pool_size`` is the write pool's; a create's transaction is short, so a quarter of it
    (opened on first use: never in distributed mode, whose creates go through the session)."""
    if url.startswith("sqlite"):
        return ThreadedSqliteInserts(url)
    return AsyncpgInserts(url, max(2, pool_size // 4))
