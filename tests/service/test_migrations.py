"""Migrations equal models: upgrade an empty database to head, nothing left to autogenerate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from tests.support.infra import scratch_database

from ingenio.db import Base
from ingenio.migrate import upgrade_sync
from ingenio.migrations.env_filters import include_object
from ingenio.models import load_all_models

DOCUMENTED_INDEXES = {
    "idx_generation_tasks_user_id",
    "idx_generation_tasks_status",
    "idx_generation_tasks_created_at",
}


def _diff(sync_url: str) -> list[Any]:
    load_all_models()
    engine = sa.create_engine(sync_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_object}
            )
            return list(compare_metadata(ctx, Base.metadata))
    finally:
        engine.dispose()


def _indexes(sync_url: str) -> set[str]:
    engine = sa.create_engine(sync_url)
    try:
        return {i["name"] or "" for i in sa.inspect(engine).get_indexes("generation_tasks")}
    finally:
        engine.dispose()


def test_sqlite_migrations_equal_models(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    upgrade_sync(f"sqlite+aiosqlite:///{path}")
    assert _diff(f"sqlite:///{path}") == []
    assert DOCUMENTED_INDEXES <= _indexes(f"sqlite:///{path}")


def test_postgres_migrations_equal_models() -> None:
    with scratch_database("ingenio_mig") as url:
        upgrade_sync(url)
        sync_url = url  # psycopg 3 serves both the sync and async engines
        assert _diff(sync_url) == []
        assert DOCUMENTED_INDEXES | {"idx_generation_tasks_user_created"} <= _indexes(sync_url)
        engine = sa.create_engine(sync_url)
        try:
            with engine.connect() as conn:
                rows = conn.execute(
                    sa.text(
                        "SELECT column_name, data_type FROM information_schema.columns "
                        "WHERE table_name = 'generation_tasks'"
                    )
                ).all()
                types = {str(name): str(kind) for name, kind in rows}
        finally:
            engine.dispose()
        # The contract's column types on PostgreSQL.
        assert types["id"] == "uuid"
        assert types["agents_info"] == "jsonb"
        assert types["token_usage"] == "jsonb"
        assert types["started_at"].startswith("timestamp")


def test_upgrading_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'again.db'}"
    upgrade_sync(url)
    upgrade_sync(url)
    assert _diff(f"sqlite:///{tmp_path / 'again.db'}") == []
