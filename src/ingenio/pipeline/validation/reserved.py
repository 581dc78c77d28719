"""Word lists and name shapes the checks compare against."""

from __future__ import annotations

import re

from ingenio.pipeline.appspec import FieldSpec, FieldType

# Kotlin's hard keywords (kotlinlang.org/docs/keyword-reference.html): never legal as a bare
# identifier. Soft and modifier keywords (data, value, open, ...) are legal names and not listed.
# fmt: off
KOTLIN_HARD_KEYWORDS = frozenset({
    "as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in",
    "interface", "is", "null", "object", "package", "return", "super", "this", "throw", "true",
    "try", "typealias", "typeof", "val", "var", "when", "while",
})
# fmt: on

# A class declared in the entity's own package shadows Kotlin's default imports, so a model
# called String would silently retype every `String` property generated beside it.
# fmt: off
KOTLIN_BUILTIN_TYPES = frozenset({
    "Any", "Array", "Boolean", "Byte", "Char", "Collection", "Comparable", "Double", "Enum",
    "Error", "Exception", "Float", "Int", "Iterable", "List", "Long", "Map", "Nothing", "Number",
    "Pair", "Result", "Sequence", "Set", "Short", "String", "Throwable", "Triple", "Unit",
})
# fmt: on

# Words that cannot be an unquoted table or column name in PostgreSQL (the generated project's
# database, "reserved" column of its SQL key words appendix) or in H2, which Spring Boot
# projects commonly use for tests. Compared in lower case.
# fmt: off
SQL_RESERVED = frozenset({
    # PostgreSQL reserved
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both",
    "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
    "current_date", "current_role", "current_time", "current_timestamp", "current_user",
    "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
    "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially",
    "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
    "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
    "returning", "select", "session_user", "some", "symmetric", "system_user", "table", "then",
    "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
    "window", "with",
    # H2 reserved, not already above
    "authorization", "between", "cross", "day", "exists", "full", "groups", "hour", "if",
    "ilike", "inner", "interval", "is", "join", "key", "left", "like", "minus", "minute",
    "month", "natural", "over", "partition", "qualify", "range", "regexp", "right", "row",
    "rownum", "rows", "second", "set", "top", "uescape", "unknown", "value", "values", "year",
})
# fmt: on

# Columns every model gets implicitly (appspec conventions), in snake_case.
IMPLICIT_COLUMNS = frozenset({"id", "created_at", "updated_at"})

# Field names (lower case) that identify a record in the real world, so a duplicate is a bug.
# Deliberately exact names: "zipCode" or "statusCode" end like "code" but are not keys.
# fmt: off
NATURAL_KEYS = frozenset({
    "username", "account", "accountno", "email", "phone", "mobile", "phonenumber",
    "mobilephone", "idcard", "idcardno", "sku", "isbn", "barcode", "code", "slug",
    "orderno", "ordernumber", "serialno", "serialnumber", "invoiceno", "trackingno",
    "contractno", "studentno", "employeeno", "memberno", "cardno", "licenseplate", "plateno",
})
# fmt: on

PASCAL_CASE = re.compile(r"[A-Z][A-Za-z0-9]*")
CAMEL_CASE = re.compile(r"[a-z][A-Za-z0-9]*")
SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*")
UPPER_SNAKE_CASE = re.compile(r"[A-Z][A-Z0-9_]*")

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def to_snake(name: str) -> str:
    """The column a field name becomes: ``orderNo`` -> ``order_no``, ``userID`` -> ``user_id``."""
    return _WORD_BOUNDARY.sub("_", name).lower()


def is_natural_key(spec_field: FieldSpec) -> bool:
    return spec_field.type is not FieldType.REFERENCE and spec_field.name.lower() in NATURAL_KEYS
