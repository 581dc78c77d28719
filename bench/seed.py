"""Bulk loading, straight into the database the server will open (never through the API).

The schema comes from the migrations (``ingenio.migrate``), so the loader only names columns.
SQLite gets values in SQLAlchemy's storage format (32-hex UUIDs, naive UTC timestamps, JSON
text as ``json.dumps`` writes it); PostgreSQL gets ``COPY``, then ``VACUUM ANALYZE``, which
autovacuum would have done to a table that grew to this size.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from bench.dataset import Dataset, Docs, RowFactory
from ingenio.migrate import upgrade_sync

# Not a real password hash: nobody logs in, tokens are minted with the server's secret.
PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$YmVuY2gtc2FsdA$" + "A" * 43
BATCH = 2000


def _rows(ds: Dataset, docs: list[Docs]) -> Iterator[dict[str, Any]]:
    factory = RowFactory(ds, docs)
    for i in range(len(ds.task_ids)):
        yield factory.row(i)


def _user_rows(ds: Dataset) -> Iterator[tuple[Any, ...]]:
    created = datetime(2026, 1, 1, tzinfo=UTC)
    for n, user in enumerate(ds.users):
        yield user.tenant_id, f"bench-tenant-{n:04d}", user.user_id, f"bench-user-{n:04d}", created


def load_sqlite(db_path: Path, ds: Dataset, docs: list[Docs]) -> None:
    upgrade_sync(f"sqlite+aiosqlite:///{db_path}")
    columns = list(next(_rows(ds, docs[:1])).keys())
    sql = (
        f"INSERT INTO generation_tasks ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    encode = _sqlite_encoder(columns)
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA synchronous=OFF")
        for tid, tname, uid, uname, created in _user_rows(ds):
            con.execute(
                "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
                (tid.hex, tname, _sqlite_time(created)),
            )
            con.execute(
                "INSERT INTO users (id, tenant_id, username, password_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (uid.hex, tid.hex, uname, PASSWORD_HASH, _sqlite_time(created)),
            )
        batch: list[tuple[Any, ...]] = []
        for row in _rows(ds, docs):
            batch.append(encode(row))
            if len(batch) >= BATCH:
                con.executemany(sql, batch)
                batch.clear()
        con.executemany(sql, batch)
        con.commit()
    finally:
        con.close()


def _sqlite_encoder(columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    def value(column: str, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, uuid.UUID):
            return v.hex
        if isinstance(v, datetime):
            return _sqlite_time(v)
        if isinstance(v, bool):
            return int(v)
        return v

    def encode(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(value(c, row[c]) for c in columns)

    return encode


def _sqlite_time(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def load_postgres(url: str, dsn: str, ds: Dataset, docs: list[Docs]) -> None:
    upgrade_sync(url)
    columns = list(next(_rows(ds, docs[:1])).keys())
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur:
            with cur.copy("COPY tenants (id, name, created_at) FROM STDIN") as copy:
                for tid, tname, _, _, created in _user_rows(ds):
                    copy.write_row((tid, tname, created))
            with cur.copy(
                "COPY users (id, tenant_id, username, password_hash, created_at) FROM STDIN"
            ) as copy:
                for tid, _, uid, uname, created in _user_rows(ds):
                    copy.write_row((uid, tid, uname, PASSWORD_HASH, created))
            with cur.copy(f"COPY generation_tasks ({', '.join(columns)}) FROM STDIN") as copy:
                for row in _rows(ds, docs):
                    copy.write_row(tuple(row[c] for c in columns))
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
