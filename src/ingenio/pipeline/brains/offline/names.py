"""Identifier and English word helpers: PascalCase, camelCase, snake_case tables, plurals."""

from __future__ import annotations

import re

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")

# Irregular plurals of words that occur in entity names; the rules below get the rest right.
_IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "staff": "staff",
    "personnel": "personnel",
    "equipment": "equipment",
    "news": "news",
    "feedback": "feedback",
    "inventory": "inventories",
    "alumni": "alumni",
    "series": "series",
    "analysis": "analyses",
    "medium": "media",
}
# Type names a generated entity must not take: Kotlin's default imports, java.lang, and the
# Spring Data / JPA types the generated code imports beside the entities.
RESERVED_TYPE_NAMES = frozenset(
    {
        "Any",
        "Array",
        "Boolean",
        "Byte",
        "Char",
        "Collection",
        "Comparable",
        "Double",
        "Enum",
        "Error",
        "Exception",
        "Float",
        "Int",
        "Iterable",
        "List",
        "Long",
        "Map",
        "Nothing",
        "Number",
        "Pair",
        "Result",
        "Sequence",
        "Set",
        "Short",
        "String",
        "Throwable",
        "Triple",
        "Unit",
        "Object",
        "Class",
        "Integer",
        "Void",
        "Thread",
        "System",
        "Record",
        "Override",
        "Math",
        "Entity",
        "Table",
        "Column",
        "Id",
        "Page",
        "Pageable",
        "Sort",
        "Repository",
        "Service",
        "Controller",
        "Component",
        "Configuration",
        "Application",
        "Instant",
        "LocalDate",
        "LocalDateTime",
        "BigDecimal",
        "Optional",
        "Valid",
        "Transactional",
    }
)
_IRREGULAR_SINGULARS = {plural: single for single, plural in _IRREGULAR_PLURALS.items()}
_UNCHANGED_SINGULARS = ("ss", "us", "is", "news", "series", "status", "sms")


def split_words(name: str) -> list[str]:
    """``OrderItem`` -> ``["Order", "Item"]``; ``orderNo`` -> ``["order", "No"]``."""
    return [w for w in _CAMEL_BOUNDARY.sub(" ", name).split() if w]


def pascal(words: list[str]) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words if w)


def camel(name: str) -> str:
    """``DiningTable`` -> ``diningTable``."""
    words = split_words(name)
    if not words:
        return name
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


def snake(name: str) -> str:
    return "_".join(w.lower() for w in split_words(name))


def pluralize(word: str) -> str:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return _match_case(word, _IRREGULAR_PLURALS[lower])
    if re.search(r"[^aeiou]y$", lower):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + "es"
    return word + "s"


def singularize(word: str) -> str:
    lower = word.lower()
    if lower in _IRREGULAR_SINGULARS:
        return _match_case(word, _IRREGULAR_SINGULARS[lower])
    if lower.endswith(_UNCHANGED_SINGULARS) or len(lower) <= 3:
        return word
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(ss|x|z|ch|sh)es$", lower):
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    return word


def table_name(model_name: str) -> str:
    """``OrderItem`` -> ``order_items``: snake_case with the last word in the plural."""
    words = [w.lower() for w in split_words(model_name)] or ["item"]
    words[-1] = pluralize(words[-1])
    return "_".join(words)


def resource_path(table: str) -> str:
    return "/api/" + table.replace("_", "-")


def english_label(model_name: str) -> str:
    """``OrderItem`` -> ``Order item``: the label an English UI shows."""
    words = split_words(model_name)
    if not words:
        return model_name
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def ascii_words(text: str) -> list[str]:
    """The ASCII words of a text, the only material an identifier may be built from."""
    return _ASCII_WORD.findall(text)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _match_case(template: str, word: str) -> str:
    return word[:1].upper() + word[1:] if template[:1].isupper() else word
