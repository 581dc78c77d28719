"""The committed JSON Schemas are the models' schemas."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingenio.cli.schema import SchemaName, schema_text

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


@pytest.mark.parametrize("name", list(SchemaName))
def test_committed_schema_matches_the_model(name: SchemaName) -> None:
    committed = (DOCS / f"{name.value}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), (
        f"regenerate with: ingenio schema {name.value} > docs/schemas/{name.value}.schema.json"
    )


def test_the_appspec_schema_speaks_camel_case() -> None:
    text = schema_text(SchemaName.APPSPEC)
    assert '"tableName"' in text
    assert '"table_name"' not in text
