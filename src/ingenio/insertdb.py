"""A lean path for the hottest write, creating a task: its rows in one transaction, no session.

Through the ORM a create cost 2-5 ms of server CPU (bench/findings.md, section 5): two flushes,
the commit, and on SQLite a dozen hops to aiosqlite's thread and back, on PostgreSQL a pre-ping
and a BEGIN before the first INSERT. A new task needs none of the unit of work's machinery: its
rows are plain INSERTs of values the service already holds. So they run

- on SQLite, on a synchronous engine in one writer thread, which commits the creates waiting
  together in one transaction; SQLAlchemy's own type handling makes the rows byte for byte
  what the ORM writes;
- on PostgreSQL, on an asyncpg pool of its own, as one statement (the first INSERTs are
  data-modifying CTEs of the last), prepared once per connection: one round trip, atomic.

``insert`` returns once the rows are committed. On PostgreSQL a connection found dead is
replaced and the statement sent once more; if the first one had committed after all, the retry
meets the new task's primary key and is taken as done.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

import asyncpg
from sqlalchemy import Table, bindparam, create_engine, event, insert
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.engine import Engine
from sqlalchemy.sql.compiler import SQLCompiler

from ingenio.db import sqlite_pragmas
from ingenio.readdb import CONNECTION_LOST, LazyPool, compile_for_asyncpg

# How the insert pool's sessions show in pg_stat_activity.
INSERT_APPLICATION_NAME = "ingenio-insert"

Rows = Sequence[tuple[Table, Mapping[str, Any]]]


class InsertDatabase(Protocol):
    async def insert(self, rows: Rows) -> None:
        """Insert each (table, values) in order, in one transaction; committed on return."""
        ...

    async def aclose(self) -> None: ...


class ThreadedSqliteInserts:
    """SQLite inserts in one writer thread, which commits whatever is waiting together.

    Under load, creates arrive faster than one at a time: the writer takes every waiting
    create into one transaction (group commit), then wakes their callers with one call. One
    hop and one commit per batch instead of per create: a create's thread hop and its fight
    with the event loop for the GIL cost more than SQLite's own work (measured: 175 µs of
    SQLite and SQLAlchemy per create alone, 550 µs through a thread hop each). A batch that
    fails is retried one create at a time, so one bad create never fails the others.
    """

    def __init__(self, url: str) -> None:
        self._engine: Engine = create_engine(
            url.replace("sqlite+aiosqlite:", "sqlite:", 1),
            pool_size=1,
            max_overflow=0,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(self._engine, "connect", sqlite_pragmas)
        self._prepared: dict[tuple[str, tuple[str, ...]], _Insert] = {}
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="ingenio-insert", daemon=True)
        self._thread.start()

    async def insert(self, rows: Rows) -> None:
        # Parameters are made here, on the caller's thread: the writer thread then runs only
        # SQLite's own code, which releases the GIL, instead of taking the GIL from the event
        # loop for the JSON encoding and the other bind processors.
        statements = []
        for table, values in rows:
            sql, names, processors = self._statement(table, values)
            statements.append((sql, _params(values, names, processors)))
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        self._jobs.put(_Job(statements, loop, done))
        await done

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            batch = [job]
            while len(batch) < MAX_GROUP:
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:  # closing: finish this batch first
                    self._jobs.put(None)
                    break
                batch.append(more)
            self._commit(batch)

    def _commit(self, batch: list[_Job]) -> None:
        error = self._transaction(batch)
        if error is None or len(batch) == 1:
            _settle(batch, error)
            return
        for job in batch:  # one bad create must not fail the others
            self._commit([job])

    def _transaction(self, batch: list[_Job]) -> Exception | None:
        """Insert the batch's rows and commit; the error (rolled back), if any."""
        raw = self._engine.raw_connection()  # the pool's one connection, with its pragmas
        try:
            cursor = raw.cursor()
            try:
                for job in batch:
                    for sql, params in job.statements:
                        cursor.execute(sql, params)
                raw.commit()
            except Exception as exc:
                raw.rollback()
                return exc
            finally:
                cursor.close()
        finally:
            raw.close()  # back to the pool
        return None

    def _statement(self, table: Table, values: Mapping[str, Any]) -> _Insert:
        """SQLAlchemy's INSERT for these columns, compiled once, with its columns' bind
        processors (UUID as hex, JSON as text, ...): the rows are the ORM's to the byte, without
        SQLAlchemy's execution machinery per statement (half the writer's time per create)."""
        shape = (table.name, tuple(values))
        prepared = self._prepared.get(shape)
        if prepared is None:
            dialect = self._engine.dialect
            compiled = table.insert().inline().compile(dialect=dialect, column_keys=list(values))
            assert isinstance(compiled, SQLCompiler)
            names = tuple(compiled.positiontup or ())
            processors = tuple(
                table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
            )
            prepared = self._prepared[shape] = (str(compiled), names, processors)
        return prepared

    async def aclose(self) -> None:
        self._jobs.put(None)
        await asyncio.to_thread(self._thread.join)
        self._engine.dispose()


MAX_GROUP = 64  # creates per transaction at most


_Insert = tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]


def _params(
    values: Mapping[str, Any],
    names: tuple[str, ...],
    processors: tuple[Callable[[Any], Any] | None, ...],
) -> list[Any]:
    return [
        value if process is None else process(value)  # None too: JSON's None is 'null'
        for value, process in zip((values[n] for n in names), processors, strict=True)
    ]


class _Job(NamedTuple):
    statements: list[tuple[str, list[Any]]]
    loop: asyncio.AbstractEventLoop
    done: asyncio.Future[None]


def _settle(batch: list[_Job], exc: Exception | None) -> None:
    """From the writer thread: resolve the batch's futures, one wake-up per event loop."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
    for job in batch:
        by_loop.setdefault(job.loop, []).append(job.done)
    for loop, futures in by_loop.items():
        try:
            loop.call_soon_threadsafe(_resolve, futures, exc)
        except RuntimeError:  # that loop is closed: nobody is waiting any more
            pass


def _resolve(futures: list[asyncio.Future[None]], exc: Exception | None) -> None:
    for future in futures:
        if future.done():  # its caller was cancelled meanwhile
            continue
        if exc is None:
            future.set_result(None)
        else:
            future.set_exception(exc)


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
        return ThreadedSqliteInserts(url)
    return AsyncpgInserts(url, max(2, pool_size // 4))
