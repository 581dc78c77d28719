"""The project model the templates render: an AppSpec with every name already made safe.

``resolve.build_model`` makes it once per project. Templates read only this, so a name is chosen
in one place and the entity, its DTOs, the SQL, the OpenAPI file and the tests all agree on it.
Labels and descriptions stay raw here; the templates escape them for their own sink.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ingenio.pipeline.appspec import AppSpec

DEFAULT_STRING_LENGTH = 255
# PostgreSQL's varchar limit; longer limits are stored as `text` and checked by @Size alone.
MAX_VARCHAR_LENGTH = 10_485_760
DECIMAL_PRECISION = (19, 2)  # NUMERIC(19, 2): money-like values, the common case in requirements


class Kind(StrEnum):
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
    MANY = "many_to_many"


@dataclass(frozen=True)
class EnumConstant:
    name: str
    label: str


@dataclass(frozen=True)
class EnumType:
    class_name: str
    label: str
    constants: tuple[EnumConstant, ...]

    @property
    def column_length(self) -> int:
        return max(32, *(len(c.name) for c in self.constants))


@dataclass(frozen=True)
class JoinTable:
    name: str
    owner_column: str
    target_column: str


@dataclass(frozen=True)
class Field:
    """One property of an entity.

    ``prop`` names it on the entity; ``dto`` in the request and response DTOs (``categoryId``
    for a reference, ``tagIds`` for a many-to-many collection); ``column`` in SQL (None for a
    collection, which lives in ``join``). Numeric bounds are already consistent and finite.
    """

    prop: str
    dto: str
    column: str | None
    kind: Kind
    label: str
    description: str = ""
    required: bool = False
    unique: bool = False
    min_length: int | None = None
    max_length: int | None = None
    min_value: str | None = None  # a plain decimal literal, e.g. "0" or "99.5"
    max_value: str | None = None
    enum: EnumType | None = None
    target: str | None = None  # entity class name for REFERENCE and MANY
    join: JoinTable | None = None

    @property
    def is_text(self) -> bool:
        return self.kind in (Kind.STRING, Kind.TEXT)

    @property
    def varchar_length(self) -> int | None:
        """Column length for a STRING stored as varchar, None when stored as text."""
        if self.kind is not Kind.STRING:
            return None
        length = self.max_length or DEFAULT_STRING_LENGTH
        return length if length <= MAX_VARCHAR_LENGTH else None

    @property
    def size_max(self) -> int | None:
        """The @Size max a DTO declares: the spec's, or the column's so the insert cannot fail."""
        if self.kind is Kind.STRING:
            return self.max_length or DEFAULT_STRING_LENGTH
        return self.max_length if self.kind is Kind.TEXT else None


@dataclass(frozen=True)
class InverseCollection:
    """The parent's read-only view of a one-to-many relation: the children referencing it.

    ``mapped_by`` names the child's reference property that owns the foreign key, so the
    collection adds no column and JPA never writes through it. It is kept out of ``fields`` on
    purpose: DTOs, SQL, OpenAPI and the tests only ever see the child's ``...Id`` field.
    """

    prop: str
    label: str
    target: str  # the child entity class
    mapped_by: str


@dataclass(frozen=True)
class Entity:
    class_name: str
    label: str
    description: str
    tag: str  # OpenAPI tag: the label, made unique (tags must be)
    table: str
    path: str  # REST base path, e.g. "/api/products"
    fields: tuple[Field, ...]
    inverse: tuple[InverseCollection, ...] = ()

    @property
    def repository(self) -> str:
        return self.class_name + "Repository"

    @property
    def service(self) -> str:
        return self.class_name + "Service"

    @property
    def controller(self) -> str:
        return self.class_name + "Controller"

    @property
    def create_request(self) -> str:
        return self.class_name + "CreateRequest"

    @property
    def update_request(self) -> str:
        return self.class_name + "UpdateRequest"

    @property
    def response(self) -> str:
        return self.class_name + "Response"

    @property
    def columns(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.column is not None)

    @property
    def text_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.is_text)

    @property
    def references(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind in (Kind.REFERENCE, Kind.MANY))


# Derived class names an entity claims, so no enum or other entity can take them.
ENTITY_CLASS_SUFFIXES = (
    "",
    "Repository",
    "Service",
    "Controller",
    "ControllerTest",
    "CreateRequest",
    "UpdateRequest",
    "Response",
)


@dataclass(frozen=True)
class Project:
    spec: AppSpec
    package: str
    app_class: str  # the @SpringBootApplication class
    folder: str  # kebab-case top folder of the ZIP
    database: str  # default database name in application.yml
    display_name: str
    description: str
    entities: tuple[Entity, ...]
    enums: tuple[EnumType, ...]

    @property
    def package_path(self) -> str:
        return self.package.replace(".", "/")

    def entity(self, class_name: str) -> Entity:
        return next(e for e in self.entities if e.class_name == class_name)
