"""The ``generation_tasks`` table: the contract's schema plus what execution needs.

Columns beyond the contract: the request options (so a resumed attempt runs exactly what was
asked), ``attempt`` (fences writes from a stale attempt), ``deadline_at`` (fixed when execution
first starts and kept across retries), ``cancel_requested_at``, ``generate_result`` and the
artifact keys. ``started_at`` means "execution started": the contract's DEFAULT NOW() would stamp
a task still waiting in the queue as started, which made the old estimates meaningless.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ingenio.db import Base, JSONDoc


class GenerationTask(Base):
    __tablename__ = "generation_tasks"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    task_name: Mapped[str] = mapped_column(String(255))
    user_requirement: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(50), server_default=text("'pending'"))
    current_agent: Mapped[str | None] = mapped_column(String(50))
    progress: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    agents_info: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONDoc)
    plan_result: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    app_spec_content: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    validate_result: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    app_spec_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    quality_score: Mapped[int | None] = mapped_column(Integer)
    download_url: Mapped[str | None] = mapped_column(String(500))
    preview_url: Mapped[str | None] = mapped_column(String(500))
    token_usage: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    error_message: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # "metadata" is reserved on declarative classes, hence the attribute name.
    meta: Mapped[dict[str, Any] | None] = mapped_column("metadata", JSONDoc)

    # Request options.
    skip_validation: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    quality_threshold: Mapped[int] = mapped_column(Integer, server_default=text("70"))
    generate_preview: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    package_name: Mapped[str | None] = mapped_column(String(255))
    # Execution bookkeeping.
    attempt: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    # Incremented by every write: orders cache writes and numbers the event stream.
    version: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    generate_result: Mapped[dict[str, Any] | None] = mapped_column(JSONDoc)
    zip_key: Mapped[str | None] = mapped_column(String(500))
    # The Procrastinate job that runs this task (distributed mode only).
    job_id: Mapped[int | None] = mapped_column(BigInteger)
    preview_key: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        Index("idx_generation_tasks_user_id", "user_id"),
        Index("idx_generation_tasks_status", "status"),
        Index("idx_generation_tasks_created_at", "created_at"),
        # The list endpoint: one user's tasks, newest first (id breaks ties), optionally
        # filtered by status; ending with the id lets a deep page skip rows in index order.
        Index("idx_generation_tasks_user_created", "user_id", "created_at", "id"),
        Index("idx_generation_tasks_user_status_created", "user_id", "status", "created_at", "id"),
    )


class TaskEvent(Base):
    """Every state a task went through, numbered by its version: the event stream's history.

    Written in the same transaction as the change it records, so a client that reconnects with
    ``Last-Event-ID`` is sent exactly the events it missed, from any API process. Kept for two
    days (a task cannot run longer than its timeout).
    """

    __tablename__ = "task_events"

    # BIGINT on PostgreSQL; SQLite only auto-increments a column declared INTEGER.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("generation_tasks.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(50))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        UniqueConstraint("task_id", "seq", name="uq_task_events_task_id_seq"),
        Index("idx_task_events_created_at", "created_at"),
    )
