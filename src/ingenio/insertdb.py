"""A lean path for the hottest write, creating a task: its rows in one transaction, no session.

Through the ORM a create cost 2-5 ms of server CPU (bench/findings.md, section 5): two flushes,
the commit, and on SQLite a dozen hops to aiosqlite's thread and back, on PostgreSQL a pre-ping
and a BEGIN before the first INSERT. A new task needs none of the unit of work's machinery: its
rows are plain INSERTs of values the service already holds. So they run

- on SQLite, on a synchronous engine in one writer thread, which commits the creates waiting
  together in one transaction (``ingenio.sqlite_writer``); SQLAlchemy's own type handling
  makes the rows byte for byte what the ORM writes;
- on PostgreSQL, on an asyncpg pool of its own, as one statement (the first INSERTs are
  data-modifying CTEs of the last), prepared once per connection: one round trip, atomic.

``insert`` returns once the rows are committed. On PostgreSQL a connection found dead is
replaced and the statement sent once more; if the first one had committed after all, the retry
meets the new task's primary key and is taken as done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import asyncpg
from sqlalchemy import Table, bindparam, insert
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg

from ingenio.readdb import CONNECTION_LOST, LazyPool, compile_for_asyncpg

# How the insert pool's sessions show in pg_stat_activity.
INSERT_APPLICATION_NAME = "ingenio-insert"

Rows = Sequence[tuple[Table, Mapping[str, Any]]]


class InsertDatabase(Protocol):
    async def insert(self, rows: Rows) -> None:
        """Insert each (table, values) in order, in one transaction; committed on return."""
        ...

    async def aclose(self) -> None: ...


class AsyncpgInserts:
    """PostgreSQL inserts on an asyncpg pool of their own."""

    def __init__(self, url: str, pool_size: int) -> None:
        self._pool = LazyPool(url, pool_size, INSERT_APPLICATION_NAME)
        self._compiled: dict[tuple[Any, ...], tuple[str, tuple[tuple[int, str], ...]]] = {}
        self._dialect = pg_asyncpg.dialect()  # type: ignore[no-untyped-call]  # untyped in SQLAlchemy

    async def insert(self, rows: Rows) -> None:
        sql, names = self._statement(rows)
        args = [rows[i][1][key] for i, key in names]
        pool = await self._pool.get()
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
        await self._pool.aclose()


def open_inserts(url: str, *, pool_size: int) -> InsertDatabase:
    """``pool_size`` is the write pool's; a create's transaction is short, so a quarter of it
    (opened on first use: never in distributed mode, whose creates go through the session)."""
    if url.startswith("sqlite"):
        # Imported here: the writer imports this module's types (and PostgreSQL needs none of it).
        from ingenio.sqlite_writer import ThreadedSqliteInserts

        return ThreadedSqliteInserts(url)
    return AsyncpgInserts(url, max(2, pool_size // 4))
