"""The one AppSpec schema (version 1.0): what the execute agent produces and every generator reads.

The system this replaces had four incompatible shapes between prompt, type, generators and
storage, so generators usually received no data models. Here there is exactly one, exported as
JSON Schema (``AppSpec.model_json_schema()``) and used verbatim as the LLM's structured-output
schema.

Conventions every consumer may rely on:
- Each model implicitly has ``id`` (long, primary key), ``createdAt`` and ``updatedAt``; they are
  never listed in ``fields``.
- A ``reference`` field is the many-to-one side of a relation: the owning model stores the target's
  id (column ``<snake name>_id``). Every reference field appears in ``relations`` as a
  ``many_to_one`` relation with the same ``fieldName``; ``one_to_many`` relations are the inverse
  view of one and add no column; ``many_to_many`` relations produce a join table.
- Names are meant to be ASCII identifiers (PascalCase models, camelCase fields). The schema does
  not enforce it, because a spec may come from a model or a person: the validator reports bad names
  and the code generator makes every identifier safe regardless.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from ingenio.camel import CamelModel

APPSPEC_VERSION: Literal["1.0"] = "1.0"


class FieldType(StrEnum):
    STRING = "string"
    TEXT = "text"
    INT = "int"
    LONG = "long"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"
    REFERENCE = "reference"


class RelationKind(StrEnum):
    ONE_TO_MANY = "one_to_many"
    MANY_TO_ONE = "many_to_one"
    MANY_TO_MANY = "many_to_many"


class HttpMethod(StrEnum):
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    DELETE = "DELETE"


class Operation(StrEnum):
    LIST = "list"
    GET = "get"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SEARCH = "search"


class PageType(StrEnum):
    LIST = "list"
    DETAIL = "detail"
    FORM = "form"
    DASHBOARD = "dashboard"


class Action(StrEnum):
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"


class EnumValue(CamelModel):
    """One constant of an enum field: an identifier (UPPER_SNAKE) and its display label."""

    name: str
    label: str


class FieldSpec(CamelModel):
    name: str = Field(description="camelCase ASCII identifier, e.g. 'price'")
    label: str = Field(description="display label in the user's language, e.g. '价格'")
    type: FieldType
    description: str = ""
    required: bool = False
    unique: bool = False
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=1)
    min_value: float | None = None
    max_value: float | None = None
    enum_values: list[EnumValue] = Field(default_factory=list)
    reference: str | None = Field(default=None, description="target model name for 'reference'")


class DataModel(CamelModel):
    name: str = Field(description="PascalCase ASCII entity name, e.g. 'Product'")
    label: str = Field(description="display name in the user's language, e.g. '商品'")
    table_name: str = Field(description="snake_case plural table name, e.g. 'products'")
    description: str = ""
    fields: list[FieldSpec] = Field(default_factory=list)


class RelationSpec(CamelModel):
    from_model: str
    to_model: str
    kind: RelationKind
    field_name: str = Field(
        description="the reference field (many_to_one / one_to_many) or the "
        "collection name (many_to_many) on from_model"
    )
    label: str = ""


class EndpointSpec(CamelModel):
    method: HttpMethod
    path: str = Field(description="e.g. '/api/products/{id}'")
    model: str
    operation: Operation
    summary: str = ""


class PageSpec(CamelModel):
    name: str = Field(description="PascalCase page identifier, e.g. 'ProductList'")
    title: str
    type: PageType
    model: str | None = Field(default=None, description="bound model; None only for dashboards")


class Permission(CamelModel):
    model: str
    actions: list[Action]


class RoleSpec(CamelModel):
    name: str = Field(description="UPPER_SNAKE role identifier, e.g. 'ADMIN'")
    label: str
    description: str = ""
    permissions: list[Permission] = Field(default_factory=list)


class AppSpec(CamelModel):
    """The canonical application specification, version 1.0."""

    schema_version: Literal["1.0"] = APPSPEC_VERSION
    app_name: str = Field(description="PascalCase ASCII identifier, e.g. 'CampusMarketplace'")
    display_name: str = Field(description="name in the user's language, e.g. '校园二手交易平台'")
    package_name: str = Field(description="lowercase dotted Kotlin package")
    description: str = ""
    language: Literal["zh", "en"] = "zh"
    models: list[DataModel] = Field(default_factory=list)
    relations: list[RelationSpec] = Field(default_factory=list)
    endpoints: list[EndpointSpec] = Field(default_factory=list)
    pages: list[PageSpec] = Field(default_factory=list)
    roles: list[RoleSpec] = Field(default_factory=list)

    def model_by_name(self, name: str) -> DataModel | None:
        return next((m for m in self.models if m.name == name), None)
