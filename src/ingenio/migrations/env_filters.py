"""Which database objects our migrations own (imported by env.py and the migration tests)."""

from __future__ import annotations


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Procrastinate's tables are installed by migration 0002 but not modelled by us."""
    return not (type_ == "table" and (name or "").startswith("procrastinate_"))
