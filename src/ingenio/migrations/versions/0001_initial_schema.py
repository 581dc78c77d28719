"""Initial schema: tenants, users, the contract's generation_tasks table and task events.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# JSONB on PostgreSQL as the contract specifies; JSON text elsewhere.
JSONDoc = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _ts(name: str, *, default: bool = False) -> sa.Column[object]:
    return sa.Column(
        name,
        sa.DateTime(timezone=True),
        nullable=not default,
        server_default=sa.func.now() if default else None,
    )


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        _ts("created_at", default=True),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
        sa.UniqueConstraint("name", name="uq_tenants_name"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        _ts("created_at", default=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_users_tenant_id_tenants"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_index("ix_users_tenant_id", "users", ["tenant_id"])

    op.create_table(
        "generation_tasks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("task_name", sa.String(255), nullable=False),
        sa.Column("user_requirement", sa.Text(), nullable=False),
        sa.Column("status", sa.String(50), server_default=sa.text("'pending'"), nullable=False),
        sa.Column("current_agent", sa.String(50), nullable=True),
        sa.Column("progress", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("agents_info", JSONDoc, nullable=True),
        sa.Column("plan_result", JSONDoc, nullable=True),
        sa.Column("app_spec_content", JSONDoc, nullable=True),
        sa.Column("validate_result", JSONDoc, nullable=True),
        sa.Column("app_spec_id", sa.Uuid(), nullable=True),
        sa.Column("quality_score", sa.Integer(), nullable=True),
        sa.Column("download_url", sa.String(500), nullable=True),
        sa.Column("preview_url", sa.String(500), nullable=True),
        sa.Column("token_usage", JSONDoc, nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        _ts("started_at"),
        _ts("completed_at"),
        _ts("created_at", default=True),
        _ts("updated_at", default=True),
        sa.Column("metadata", JSONDoc, nullable=True),
        # Beyond the contract: the request options and execution bookkeeping.
        sa.Column("skip_validation", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("quality_threshold", sa.Integer(), server_default=sa.text("70"), nullable=False),
        sa.Column(
            "generate_preview", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("package_name", sa.String(255), nullable=True),
        sa.Column("attempt", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        _ts("deadline_at"),
        _ts("cancel_requested_at"),
        sa.Column("generate_result", JSONDoc, nullable=True),
        sa.Column("zip_key", sa.String(500), nullable=True),
        sa.Column("preview_key", sa.String(500), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_generation_tasks"),
    )
    op.create_index("idx_generation_tasks_user_id", "generation_tasks", ["user_id"])
    op.create_index("idx_generation_tasks_status", "generation_tasks", ["status"])
    op.create_index("idx_generation_tasks_created_at", "generation_tasks", ["created_at"])
    op.create_index(
        "idx_generation_tasks_user_created", "generation_tasks", ["user_id", "created_at"]
    )
    op.create_index(
        "idx_generation_tasks_user_status_created",
        "generation_tasks",
        ["user_id", "status", "created_at"],
    )

    op.create_table(
        "task_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
            autoincrement=True,
        ),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(50), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _ts("created_at", default=True),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["generation_tasks.id"],
            ondelete="CASCADE",
            name="fk_task_events_task_id_generation_tasks",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_task_events"),
        sa.UniqueConstraint("task_id", "seq", name="uq_task_events_task_id_seq"),
    )
    op.create_index("idx_task_events_created_at", "task_events", ["created_at"])


def downgrade() -> None:
    op.drop_table("task_events")
    op.drop_table("generation_tasks")
    op.drop_index("ix_users_tenant_id", table_name="users")
    op.drop_table("users")
    op.drop_table("tenants")
