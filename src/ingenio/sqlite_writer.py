"""The SQLite side of the lean create path: one writer thread that group-commits the creates.

A create's rows are plain INSERTs of values the service already holds (see ``ingenio.insertdb``
for why they skip the ORM). On SQLite they run here, on a synchronous engine in one thread,
which takes every create waiting into one transaction; SQLAlchemy's own type handling makes the
rows byte for byte what the ORM writes.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Table, event
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql.compiler import SQLCompiler

from ingenio.db import raw_cursor, sqlite_pragmas, sync_sqlite_engine
from ingenio.insertdb import Rows

log = logging.getLogger("ingenio.db")


class ThreadedSqliteInserts:
    """SQLite inserts in one writer thread, which commits whatever is waiting together.

    Under load, creates arrive faster than one at a time: the writer takes every waiting
    create into one transaction (group commit), then wakes their callers with one call. One
    hop and one commit per batch instead of per create: a create's thread hop and its fight
    with the event loop for the GIL cost more than SQLite's own work (measured: 175 µs of
    SQLite and SQLAlchemy per create alone, 550 µs through a thread hop each).

    The batch's rows of one table go in as one multi-row INSERT. Python's sqlite3 releases the
    GIL around every statement it runs, and under load each time the writer wants it back it
    waits for the event loop to let go (up to the 5 ms switch interval): with one statement
    per row, a batch of 64 creates waited 130 times and the loop sat idle a third of the time
    waiting for its commits. Now a batch waits about four times, whatever its size.

    A batch that fails is retried one create at a time, so one bad create never fails the
    others.

    The writer never checkpoints the WAL itself (a checkpoint's writes and fsyncs took a third
    of its time, during which no create committed): ``_Checkpointer`` does, in its own thread.
    """

    def __init__(self, url: str) -> None:
        self._engine = sync_sqlite_engine(url, connections=1, cached_statements=256)
        event.listen(self._engine, "connect", sqlite_pragmas)
        path = self._engine.url.database
        self._checkpointer = None
        if path and path != ":memory:":
            event.listen(self._engine, "connect", _no_auto_checkpoint)
            self._checkpointer = _Checkpointer(path, CHECKPOINT_EVERY)
        self._shapes: dict[tuple[str, tuple[str, ...]], _Shape] = {}
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="ingenio-insert", daemon=True)
        self._thread.start()

    async def insert(self, rows: Rows) -> None:
        # Parameters are made here, on the caller's thread: the writer thread then runs only
        # SQLite's own code, which releases the GIL, instead of taking the GIL from the event
        # loop for the JSON encoding and the other bind processors.
        statements = []
        for table, values in rows:
            shape = self._shape(table, values)
            statements.append((shape, _params(values, shape.names, shape.processors)))
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
        if self._checkpointer is not None:
            self._checkpointer.wanted()
        if error is None or len(batch) == 1:
            _settle(batch, error)
            return
        for job in batch:  # one bad create must not fail the others
            self._commit([job])

    def _transaction(self, batch: list[_Job]) -> Exception | None:
        """Insert the batch's rows and commit; the error (rolled back), if any."""
        # Rows of one shape together, shapes in the order they first come: each create's task
        # before its event. A batch whose creates differ in shape could put a row before the
        # one it references; it then fails and is retried create by create, in order.
        grouped: dict[_Shape, list[list[Any]]] = {}
        for job in batch:
            for shape, params in job.statements:
                grouped.setdefault(shape, []).append(params)
        with raw_cursor(self._engine) as (raw, cursor):  # the pool's one connection
            try:
                for shape, rows in grouped.items():
                    cursor.execute(shape.sql(len(rows)), [p for row in rows for p in row])
                raw.commit()
            except Exception as exc:
                raw.rollback()
                return exc
        return None

    def _shape(self, table: Table, values: Mapping[str, Any]) -> _Shape:
        """SQLAlchemy's INSERT for these columns, compiled once, with its columns' bind
        processors (UUID as hex, JSON as text, ...): the rows are the ORM's to the byte, without
        SQLAlchemy's execution machinery per statement (half the writer's time per create)."""
        key = (table.name, tuple(values))
        shape = self._shapes.get(key)
        if shape is None:
            dialect = self._engine.dialect
            compiled = table.insert().inline().compile(dialect=dialect, column_keys=list(values))
            assert isinstance(compiled, SQLCompiler)
            names = tuple(compiled.positiontup or ())
            processors = tuple(
                table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
            )
            shape = self._shapes[key] = _Shape(str(compiled), names, processors)
        return shape

    async def aclose(self) -> None:
        self._jobs.put(None)
        await asyncio.to_thread(self._thread.join)
        if self._checkpointer is not None:
            await asyncio.to_thread(self._checkpointer.close)
        self._engine.dispose()


MAX_GROUP = 64  # creates per transaction at most
# Seconds between checkpoints at most: the WAL holds about this much of the creates' writes
# (at 1,000 creates/s, about 10 MB) before they are copied into the database.
CHECKPOINT_EVERY = 0.5


def _no_auto_checkpoint(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_conn.execute("PRAGMA wal_autocheckpoint=0")


class _Checkpointer:
    """Copies the WAL into the database from a thread of its own, after the writer commits.

    SQLite checkpoints in whichever connection's commit takes the WAL past 1,000 pages: with a
    create dirtying about five random pages of the task and index B-trees, that was every few
    group commits, each then waiting for a thousand page writes and two fsyncs. A PASSIVE
    checkpoint here runs beside the writer (SQLite lets one checkpoint and one writer work at
    once), at most once per ``every`` seconds so that a page changed by many commits is copied
    once. The other connections (the pipeline's writes) keep SQLite's own auto-checkpoint.
    """

    def __init__(self, path: str, every: float) -> None:
        self._path, self._every = path, every
        self._wanted = threading.Event()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ingenio-checkpoint", daemon=True)
        self._thread.start()

    def wanted(self) -> None:
        self._wanted.set()

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        try:
            while True:
                self._wanted.wait()
                if self._closing.is_set():
                    break
                self._wanted.clear()
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # the next one retries; the WAL only grows meanwhile
                    log.warning("sqlite.checkpoint_failed", extra={"error": str(exc)})
                self._closing.wait(self._every)
        finally:
            conn.close()

    def close(self) -> None:
        self._closing.set()
        self._wanted.set()
        self._thread.join()


class _Shape:
    """One table's INSERT of given columns: the SQL for one row, for n rows, and how to bind."""

    def __init__(
        self,
        sql: str,
        names: tuple[str, ...],
        processors: tuple[Callable[[Any], Any] | None, ...],
    ) -> None:
        head, values, row = sql.partition(" VALUES ")
        if not values or not row.startswith("("):
            raise ValueError(f"not a one-row INSERT: {sql}")
        self.names, self.processors = names, processors
        self._head, self._row = head + values, row
        self._sql: dict[int, str] = {1: sql}

    def sql(self, rows: int) -> str:
        """The INSERT of ``rows`` rows: one VALUES list each, parameters row after row."""
        text = self._sql.get(rows)
        if text is None:
            text = self._sql[rows] = self._head + ", ".join([self._row] * rows)
        return text


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
    statements: list[tuple[_Shape, list[Any]]]
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
