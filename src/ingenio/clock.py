"""UTC time and its one wire format."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    """ISO-8601 UTC with milliseconds and ``Z`` (the spec's decision for every timestamp).

    SQLite hands back naive datetimes; they were stored as UTC, so they are read as UTC.
    """
    if dt is None:
        return None
    if dt.tzinfo is None:  # naive: no offset to cut off (a list page formats 30 of these)
        return dt.isoformat(timespec="milliseconds") + "Z"
    if dt.tzinfo is not UTC:
        dt = dt.astimezone(UTC)
    return dt.isoformat(timespec="milliseconds")[:-6] + "Z"  # "+00:00" -> "Z"


def as_utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
