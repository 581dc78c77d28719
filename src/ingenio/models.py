"""Imports every ORM model, so metadata is complete for migrations and table creation."""

from __future__ import annotations


def load_all_models() -> None:
    import ingenio.auth.models
    import ingenio.tasks.models  # noqa: F401
