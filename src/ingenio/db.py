"""Engine, sessions and the unit of work.

Services flush, never commit: the request boundary (a ``UnitOfWork`` dependency) or the job
boundary commits once, then runs the after-commit hooks, which is where jobs are handed to the
local pool, so a worker can never see a task its creator has not committed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from sqlalchemy import JSON, MetaData, event
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger("ingenio.db")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL (the contract's schema), plain JSON (text) on SQLite.
JSONDoc = JSON().with_variant(JSONB(), "postgresql")


def json_text(value: Any) -> str:
    """A JSON document as stored: orjson writes the agents of a task in 1.5 µs where the json
    module took 13, on every state change; non-string keys are written as strings, as the
    json module did."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def json_value(text: str | bytes) -> Any:
    """A stored JSON document read back. The json module is the fallback for the one thing it
    wrote that orjson refuses to read: NaN and Infinity, in rows written by older versions."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


# Every engine's JSON columns go through these (create_engine's keyword arguments).
JSON_CODEC: dict[str, Any] = {"json_serializer": json_text, "json_deserializer": json_value}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def create_engine(url: str, *, pool_size: int = 20, echo: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30}, **JSON_CODEC)
        event.listen(engine.sync_engine, "connect", sqlite_pragmas)
        return engine
    # No overflow: overflow connections were closed on return and reopened under load (41 new
    # server sessions in 14 s of the benchmark), each preparing its statements again.
    return create_async_engine(
        url, echo=echo, pool_size=pool_size, max_overflow=0, pool_pre_ping=True, **JSON_CODEC
    )


@contextmanager
def raw_cursor(engine: Engine) -> Iterator[tuple[Any, Any]]:
    """A pooled DBAPI connection (the engine's connect hooks applied) and a cursor on it, for
    the lean paths that skip SQLAlchemy's execution machinery; both handed back afterwards."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            yield raw, cursor
        finally:
            cursor.close()
    finally:
        raw.close()  # back to the pool


def sync_sqlite_engine(url: str, *, connections: int, **connect_args: Any) -> Engine:
    """A synchronous engine on the same SQLite file as ``url`` (the async one's), for the
    lean paths' own threads: ``connections`` pooled, shared across threads, same JSON codec."""
    return sa_create_engine(
        url.replace("sqlite+aiosqlite:", "sqlite:", 1),
        pool_size=connections,
        max_overflow=0,
        connect_args={"check_same_thread": False, "timeout": 30, **connect_args},
        **JSON_CODEC,
    )


def sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    # WAL lets status reads proceed while a worker writes; busy_timeout makes concurrent writers
    # wait instead of failing with "database is locked".
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


AfterCommit = Callable[[], Awaitable[None]]


class UnitOfWork:
    """One session and one transaction; commit once at the boundary, then run hooks.

    The session is opened on first use, so a request that never touches the database (a
    status read served from the cache) pays nothing for it. ``after_rollback`` hooks also run
    when the commit itself fails, so a reservation made for the transaction (a pool slot, say)
    is always given back.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None
        self._after_commit: list[AfterCommit] = []
        self._after_rollback: list[AfterCommit] = []

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = self._sessions()
        return self._session

    def after_commit(self, hook: AfterCommit) -> None:
        self._after_commit.append(hook)

    def after_rollback(self, hook: AfterCommit) -> None:
        self._after_rollback.append(hook)

    async def commit(self) -> None:
        try:
            if self._session is not None:
                await self._session.commit()
        except BaseException:
            await self.rollback()
            raise
        hooks, self._after_commit, self._after_rollback = self._after_commit, [], []
        for hook in hooks:
            await hook()

    async def rollback(self) -> None:
        hooks, self._after_commit, self._after_rollback = self._after_rollback, [], []
        try:
            if self._session is not None:
                await self._session.rollback()
        finally:
            for hook in hooks:
                await hook()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
