"""Distributed runner: the job id on each task, and Procrastinate's schema (PostgreSQL only).

Procrastinate keeps its queue in PostgreSQL (jobs, workers, events, periodic deferrals), so
``ingenio migrate`` installs it with the same mechanism as our tables; SQLite databases (the
embedded default, local runner only) get just the column.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from procrastinate.schema import SchemaManager

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("generation_tasks") as batch:
        batch.add_column(sa.Column("job_id", sa.BigInteger(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        exists = bind.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar()
        if exists is None:
            # The driver treats % as a placeholder marker; the schema's literal %s are doubled.
            bind.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    with op.batch_alter_table("generation_tasks") as batch:
        batch.drop_column("job_id")
    # Procrastinate's schema is left in place: dropping it would lose queued jobs.
