"""How each field kind is typed in the entity, the DTOs and the sample data of the tests."""

from __future__ import annotations

from ingenio.pipeline.codegen.model import Field, Kind

_SCALAR_TYPES = {
    Kind.STRING: "String",
    Kind.TEXT: "String",
    Kind.INT: "Int",
    Kind.LONG: "Long",
    Kind.DECIMAL: "BigDecimal",
    Kind.BOOLEAN: "Boolean",
    Kind.DATE: "LocalDate",
    Kind.DATETIME: "LocalDateTime",
}

# A required field of these kinds is non-null on the entity, starting from a neutral value;
# dates, enums and references have no neutral value, so they stay nullable (the column is still
# NOT NULL and the DTO still @NotNull).
_DEFAULTS = {
    Kind.STRING: '""',
    Kind.TEXT: '""',
    Kind.INT: "0",
    Kind.LONG: "0L",
    Kind.DECIMAL: "BigDecimal.ZERO",
    Kind.BOOLEAN: "false",
}

_SAMPLES = {
    Kind.STRING: '"sample"',
    Kind.TEXT: '"sample"',
    Kind.INT: "1",
    Kind.LONG: "1L",
    Kind.DECIMAL: "BigDecimal.ONE",
    Kind.BOOLEAN: "true",
    Kind.DATE: "LocalDate.of(2024, 1, 1)",
    Kind.DATETIME: "LocalDateTime.of(2024, 1, 1, 0, 0)",
    Kind.REFERENCE: "1L",
    Kind.MANY: "listOf(1L)",
}


def base_type(f: Field) -> str:
    """The Kotlin type of the value, ignoring nullability (entity side)."""
    if f.kind is Kind.ENUM and f.enum is not None:
        return f.enum.class_name
    if f.kind in (Kind.REFERENCE, Kind.MANY) and f.target is not None:
        return f.target
    return _SCALAR_TYPES[f.kind]


def entity_non_null(f: Field) -> bool:
    return f.required and f.kind in _DEFAULTS


def entity_property(f: Field) -> str:
    """`name: Type = default` for the entity's property."""
    if f.kind is Kind.MANY:
        return f"{f.prop}: MutableSet<{base_type(f)}> = mutableSetOf()"
    if entity_non_null(f):
        return f"{f.prop}: {base_type(f)} = {_DEFAULTS[f.kind]}"
    return f"{f.prop}: {base_type(f)}? = null"


def dto_type(f: Field) -> str:
    """The non-null type of the field in request and response DTOs."""
    if f.kind is Kind.REFERENCE:
        return "Long"
    if f.kind is Kind.MANY:
        return "List<Long>"
    return base_type(f)


def response_nullable(f: Field) -> bool:
    return f.kind is not Kind.MANY and not entity_non_null(f)


def sample_value(f: Field) -> str:
    if f.kind is Kind.ENUM and f.enum is not None:
        return f"{f.enum.class_name}.{f.enum.constants[0].name}"
    return _SAMPLES[f.kind]


def type_names(f: Field) -> set[str]:
    """Framework names (see ``kotlin_names``) a file using this field's type must import."""
    match f.kind:
        case Kind.DECIMAL:
            return {"BigDecimal"}
        case Kind.DATE:
            return {"LocalDate"}
        case Kind.DATETIME:
            return {"LocalDateTime"}
        case _:
            return set()
