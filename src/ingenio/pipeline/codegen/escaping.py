"""Putting requirement text (labels, descriptions) into generated files without letting it out.

Text is first reduced to one clean line: control, format (bidi overrides, the "Trojan Source"
trick), private-use and unassigned characters are dropped and every line break becomes a space,
so nothing can end a `//` or `--` comment early. Then each sink gets its own escaping. YAML and
JSON are written with their libraries and need only ``clean_text``.
"""

from __future__ import annotations

import html
import unicodedata

_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_BREAKS = frozenset({"Zl", "Zp"})
MAX_TEXT_LENGTH = 300


def clean_text(text: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    """One printable line: breaks become spaces, invisible characters go, runs of space shrink."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in "\t\n\r" or category in _BREAKS or category == "Zs":
            kept.append(" ")
        elif category not in _DROPPED_CATEGORIES:
            kept.append(char)
    return " ".join("".join(kept).split())[:max_length].strip()


def comment_text(text: str) -> str:
    """Text for a Kotlin `//` or block/KDoc comment, or an SQL `--` comment.

    Kotlin block comments nest, so an unmatched ``/*`` in a label would swallow the rest of the
    file just as ``*/`` would end the comment early: both are broken apart.
    """
    return clean_text(text).replace("*/", "* /").replace("/*", "/ *")


def kotlin_string(text: str) -> str:
    """A Kotlin string literal, quotes included; ``$`` is escaped so no template can run."""
    out = ['"']
    for char in clean_text(text):
        if char in '\\"$':
            out.append("\\" + char)
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def sql_string(text: str) -> str:
    """A PostgreSQL string literal (standard_conforming_strings, the default since 9.1)."""
    return "'" + clean_text(text).replace("'", "''") + "'"


# `<`, `>` and `&` become entities instead: a backslash before an entity would print it raw.
_MARKDOWN_SPECIALS = frozenset("\\`*_[]()#!|~{}+-.")


def markdown_text(text: str) -> str:
    """Inline Markdown that renders as the literal text: no links, code, HTML or tables broken."""
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in clean_text(text))
    return html.escape(escaped, quote=False)
