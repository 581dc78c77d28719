"""The base model every JSON-facing schema shares: snake_case in Python, camelCase on the wire."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class CamelModel(BaseModel):
    """Pydantic model serialised with camelCase names; accepts either spelling on input."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        extra="forbid",
    )

    def to_json_bytes(self) -> bytes:
        return self.model_dump_json(by_alias=True).encode()
