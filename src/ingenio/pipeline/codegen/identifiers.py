"""Turning any requirement text into identifiers that are safe in Kotlin and SQL.

A name from a spec may be Chinese, a Kotlin keyword, an SQL reserved word, start with a digit,
repeat another name, or carry quotes and newlines. Everything that reaches generated code goes
through here: text is split into ASCII words (Chinese via ``cjk_terms``), re-cased, checked
against the reserved lists and de-duplicated by a ``NameRegistry``. Templates never see raw names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from ingenio.pipeline.codegen.cjk_terms import translate
from ingenio.pipeline.naming import RESERVED_PACKAGE_SEGMENTS

# Hard keywords cannot name anything; tree-sitter-kotlin 1.1 also fails to parse `dynamic` and
# `suspend` as property names (checked by hand), so they are renamed too. Java keywords are in
# the list as for package names (naming.py): one rule, and names that Java tooling can handle.
KOTLIN_RESERVED = RESERVED_PACKAGE_SEGMENTS | {"dynamic", "suspend"}

# PostgreSQL's reserved key words (those that cannot be a column name unquoted), the ones that
# can only name functions or types, and words other databases (H2, MySQL) reserve that often
# appear as field names, so a generated schema stays portable: `value`, `key`, `year`...
SQL_RESERVED = frozenset(
    """
    all analyse analyze and any array as asc asymmetric both case cast check collate column
    constraint create current_catalog current_date current_role current_time current_timestamp
    current_user default deferrable desc distinct do else end except false fetch for foreign
    from grant group having in initially intersect into lateral leading limit localtime
    localtimestamp not null offset on only or order placing primary references returning select
    session_user some symmetric system_user table then to trailing true union unique user using
    variadic when where window with authorization binary collation concurrently cross
    current_schema freeze full ilike inner is isnull join left like natural notnull outer
    overlaps right similar tablesample verbose value values key year month day hour minute
    second interval row rows range rank level size comment between exists index by if escape
    without within
    """.split()
)

MAX_WORDS = 6
MAX_WORD_LENGTH = 24
MAX_SQL_LENGTH = 63  # PostgreSQL truncates longer identifiers silently (NAMEDATALEN - 1)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CHUNKS = re.compile(f"[{_HAN}]+|[^{_HAN}]+")
_IS_HAN = re.compile(f"[{_HAN}]")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_WORD = re.compile(r"[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*")


def words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text``: camelCase, snake_case, accents and Chinese handled."""
    out: list[str] = []
    for chunk in _CHUNKS.findall(unicodedata.normalize("NFKC", text)):
        if _IS_HAN.match(chunk):
            out.extend(translate(chunk))
            continue
        ascii_text = unicodedata.normalize("NFKD", chunk).encode("ascii", "ignore").decode()
        for token in _ALNUM.findall(ascii_text):
            out.extend(w.lower()[:MAX_WORD_LENGTH] for w in _WORD.findall(token))
    return out[:MAX_WORDS]


def first_words(*candidates: str) -> list[str]:
    """The words of the first candidate that has any (a name, then its label, ...)."""
    for candidate in candidates:
        found = words(candidate)
        if found:
            return found
    return []


def camel(ws: list[str]) -> str:
    return ws[0] + "".join(w.capitalize() for w in ws[1:]) if ws else ""


def pascal(ws: list[str]) -> str:
    return "".join(w.capitalize() for w in ws)


def snake(ws: list[str]) -> str:
    return "_".join(ws)


def kebab(ws: list[str]) -> str:
    return "-".join(ws)


def upper_snake(ws: list[str]) -> str:
    return "_".join(ws).upper()


def _lead_with_letter(ws: list[str], prefix: str) -> list[str]:
    return [prefix, *ws] if ws and ws[0][0].isdigit() else ws


def member_name(*candidates: str, fallback: str) -> str:
    """A camelCase Kotlin property name: never a keyword, never starting with a digit."""
    name = camel(_lead_with_letter(first_words(*candidates), "field")) or fallback
    return name + "Value" if name in KOTLIN_RESERVED else name


def type_name(*candidates: str, fallback: str) -> str:
    """A PascalCase Kotlin class name (PascalCase can never collide with a keyword)."""
    return pascal(_lead_with_letter(first_words(*candidates), "model")) or fallback


def constant_name(*candidates: str, fallback: str) -> str:
    """An UPPER_SNAKE enum constant name."""
    return upper_snake(_lead_with_letter(first_words(*candidates), "v")) or fallback


def sql_words(name: str) -> list[str]:
    """Words of a Kotlin or spec name for a SQL identifier (always starting with a letter)."""
    return _lead_with_letter(words(name), "t")


def singular(word: str) -> str:
    """A cheap English singular, good enough for collection names (tags -> tag)."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if lower.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith("ss") and len(word) > 1:
        return word[:-1]
    return word


class NameRegistry:
    """Hands out names unique within one namespace (a class's members, a schema's relations).

    ``fold_case`` makes ``Order`` and ``order`` collide, which matters for file names on
    case-insensitive file systems. A clash is resolved by numbering the base (``name2``), and
    every variant a base implies (``category`` and ``categoryId``) is claimed together so
    that, for example, a reference field's DTO name cannot collide with another field.
    """

    def __init__(
        self,
        reserved: Iterable[str] = (),
        *,
        fold_case: bool = False,
        joiner: str = "",
        max_length: int | None = None,
    ) -> None:
        self._fold = fold_case
        self._joiner = joiner
        self._max_length = max_length
        self._taken = {self._key(name) for name in reserved}

    def _key(self, name: str) -> str:
        return name.lower() if self._fold else name

    def taken(self, name: str) -> bool:
        return self._key(name) in self._taken

    def claim(
        self, base: str, variants: Callable[[str], Iterable[str]] = lambda name: (name,)
    ) -> str:
        """Claim ``base`` (or ``base2``, ``base3``...) and all its variants; return it."""
        number = 1
        while True:
            suffix = "" if number == 1 else f"{self._joiner}{number}"
            stem = base
            if self._max_length is not None:
                stem = base[: self._max_length - len(suffix)].rstrip("_")
            candidate = stem + suffix
            keys = {self._key(n) for n in variants(candidate)}
            if not keys & self._taken:
                self._taken |= keys
                return candidate
            number += 1
