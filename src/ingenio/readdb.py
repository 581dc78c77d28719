"""A lean path for the hot reads (status on a cache miss, the task list): one query, no session.

An ORM session costs each read more than the query itself (bench/findings.md, section 1): on
SQLite 6-10 hops to aiosqlite's thread and back, on PostgreSQL a pre-ping, a BEGIN and a
ROLLBACK around the one SELECT. These reads need none of it: they are single statements that
see committed data, so they run

- on SQLite, on the raw cursors of a small thread pool of their own: one hop per query, with
  SQLAlchemy's own type handling (UUIDs, datetimes, JSON), so rows equal the ORM's;
- on PostgreSQL, on an asyncpg pool of its own (autocommit, no pre-ping, each statement
  prepared once per connection); a connection found dead (the server restarted) is dropped and
  the query retried once on a fresh one.

Writes never come here: they keep the unit of work.
"""

from __future__ import annotations

import asyncio
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, cast

import asyncpg
from sqlalchemy import Select, event, make_url
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler

from ingenio.db import json_text, json_value, raw_cursor, sync_sqlite_engine

# How the read pool's sessions show in pg_stat_activity.
READ_APPLICATION_NAME = "ingenio-read"


class ReadRow(Protocol):
    """A row whose columns read as attributes: SQLAlchemy's ``Row`` or an asyncpg record."""

    def __getattr__(self, name: str) -> Any: ...
    def __iter__(self) -> Iterator[Any]: ...


class ReadDatabase(Protocol):
    async def fetch(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> Sequence[ReadRow]:
        """Every row of one read-only statement."""
        ...

    async def aclose(self) -> None: ...


class ThreadedSqliteReads:
    """SQLite reads in a small pool of reader threads, each query one hop to one of them.

    The statements are SQLAlchemy's, compiled once each; they run on the raw sqlite3 cursor,
    their parameters and columns converted by SQLAlchemy's own bind and result processors
    (UUIDs, datetimes, JSON), so rows equal the ORM's, as named tuples read by attribute.
    SQLAlchemy's execution and ``Result`` machinery around the same query was a fifth of the
    GIL's time in a list page, and every thread here shares that GIL with the event loop.
    """

    def __init__(self, url: str, threads: int = 2) -> None:
        self._engine = sync_sqlite_engine(url, connections=threads)
        event.listen(self._engine, "connect", _read_only)
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="ingenio-read")
        self._queries: dict[int, _SqliteQuery] = {}

    def _query(self, stmt: Executable) -> _SqliteQuery:
        # Keyed by identity: the repository builds its statements once and keeps them.
        query = self._queries.get(id(stmt))
        if query is None:
            query = self._queries[id(stmt)] = _SqliteQuery(stmt, self._engine.dialect)
        return query

    def _run(self, query: _SqliteQuery, args: list[Any]) -> list[ReadRow]:
        with raw_cursor(self._engine) as (_, cursor):
            cursor.execute(query.sql, args)
            return [query.row(values) for values in cursor.fetchall()]

    async def fetch(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> list[ReadRow]:
        query = self._query(stmt)
        args = query.args(params or {})
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, query, args)

    async def aclose(self) -> None:
        self._executor.shutdown(wait=True)
        self._engine.dispose()


class _SqliteQuery:
    """One SELECT compiled for SQLite: its SQL, how to bind its parameters, how to read a row."""

    def __init__(self, stmt: Executable, dialect: Any) -> None:
        if not isinstance(stmt, Select):
            raise TypeError(f"not a SELECT: {stmt}")
        compiled = stmt.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        self.sql = str(compiled)
        if "POSTCOMPILE" in self.sql:  # an expanding IN list: the text depends on the values
            raise ValueError(f"a statement whose SQL depends on its values: {self.sql}")
        binds = [compiled.binds[name] for name in compiled.positiontup or ()]
        self._binds = tuple(
            (b.key, b.effective_value, b.type.dialect_impl(dialect).bind_processor(dialect))
            for b in binds
        )
        columns = list(stmt.selected_columns)
        self._results = tuple(
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
        )
        # Named tuples: read by attribute like SQLAlchemy's Row, built in C.
        # rename: a column without a name (``count(*)``) is read by position, as _0.
        names = [c.key or "" for c in columns]
        row_type = namedtuple("SqliteRow", names, rename=True)  # type: ignore[misc]
        self._make = cast(Callable[[Iterable[Any]], ReadRow], row_type._make)

    def args(self, params: Mapping[str, Any]) -> list[Any]:
        out = []
        for key, default, process in self._binds:
            value = params[key] if key in params else default
            out.append(value if process is None or value is None else process(value))
        return out

    def row(self, values: tuple[Any, ...]) -> ReadRow:
        return self._make(
            value if process is None or value is None else process(value)
            for value, process in zip(values, self._results, strict=True)
        )


def _read_only(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    # The writers' connections set WAL (persistent in the file); this one only ever reads.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


class Record(asyncpg.Record):
    """An asyncpg row read by attribute, as the views read a SQLAlchemy ``Row``."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


# A connection the server closed (restart, failover, pg_terminate_backend) is found by using
# it: the pool drops it, and the query runs once more on a fresh one.
CONNECTION_LOST = (
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.AdminShutdownError,
    ConnectionError,
)


class AsyncpgReads:
    """PostgreSQL reads on an asyncpg pool of their own, in autocommit.

    Measured with 64 reads in flight, one primary-key SELECT of the status view's columns costs
    62 µs of CPU on a raw asyncpg pool, 211 µs through SQLAlchemy on asyncpg and 250 µs through
    SQLAlchemy on psycopg (bench/findings.md). The statements are still SQLAlchemy's: each is
    compiled once, for asyncpg's dialect, and asyncpg prepares it once per connection.
    """

    def __init__(self, url: str, pool_size: int) -> None:
        self._pool = LazyPool(url, pool_size, READ_APPLICATION_NAME)
        self._compiled: dict[int, tuple[str, tuple[str, ...]]] = {}
        self._dialect = pg_asyncpg.dialect()  # type: ignore[no-untyped-call]  # untyped in SQLAlchemy

    def _sql(self, stmt: Executable) -> tuple[str, tuple[str, ...]]:
        # Keyed by identity: the repository builds its statements once and keeps them.
        compiled = self._compiled.get(id(stmt))
        if compiled is None:
            assert isinstance(stmt, ClauseElement)
            compiled = compile_for_asyncpg(stmt, self._dialect)
            self._compiled[id(stmt)] = compiled
        return compiled

    async def fetch(
        self, stmt: Executable, params: Mapping[str, Any] | None = None
    ) -> list[Record]:
        sql, names = self._sql(stmt)
        args = [params[n] for n in names] if params else []
        pool = await self._pool.get()
        try:
            return await pool.fetch(sql, *args, record_class=Record)
        except CONNECTION_LOST:
            return await pool.fetch(sql, *args, record_class=Record)

    async def aclose(self) -> None:
        await self._pool.aclose()


async def json_codecs(conn: asyncpg.Connection) -> None:
    """An asyncpg pool's ``init``: JSON documents go in and come out as Python objects."""
    for name in ("json", "jsonb"):
        await conn.set_type_codec(name, schema="pg_catalog", encoder=json_text, decoder=json_value)


def open_reads(url: str, *, pool_size: int) -> ReadDatabase:
    if url.startswith("sqlite"):
        return ThreadedSqliteReads(url)
    return AsyncpgReads(url, pool_size)


def asyncpg_dsn(url: str) -> str:
    """The SQLAlchemy URL (``postgresql+psycopg://...``) as a DSN asyncpg accepts."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class LazyPool:
    """An asyncpg pool opened on first use (never, for a path a deployment does not take)."""

    def __init__(self, url: str, size: int, application_name: str) -> None:
        self._dsn = asyncpg_dsn(url)
        self._size = size
        self._application_name = application_name
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()

    async def get(self) -> asyncpg.Pool:
        if self._pool is not None:
            return self._pool
        async with self._opening:
            if self._pool is None:
                self._pool = await asyncpg.create_pool(
                    self._dsn,
                    min_size=1,
                    max_size=self._size,
                    max_inactive_connection_lifetime=1800,
                    init=json_codecs,
                    reset=_keep,
                    server_settings={"application_name": self._application_name},
                )
            return self._pool

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.close()


async def _keep(conn: asyncpg.Connection) -> None:
    """Only a transaction left open is ended on release. asyncpg's default reset also runs
    ``RESET ALL``, ``UNLISTEN *`` and more: a round trip per query, 11% of a status miss's CPU,
    for session state these connections never change (single statements in autocommit, or an
    insert's transaction)."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK")


def compile_for_asyncpg(
    stmt: ClauseElement, dialect: Any, column_keys: Sequence[str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """The SQL text of ``stmt`` for asyncpg (``$n`` parameters) and the names behind each ``$n``.

    ``column_keys``: for an INSERT, the columns given values (the others keep their defaults).
    """
    compiled = stmt.compile(
        dialect=dialect, column_keys=list(column_keys) if column_keys is not None else None
    )
    assert isinstance(compiled, SQLCompiler)
    return str(compiled), tuple(compiled.positiontup or ())
