"""Parsing every generated `.kt`/`.kts` file with tree-sitter-kotlin before it is packaged.

A syntax error found here fails the generate stage with `path:line:column`, instead of reaching
the user as a project that does not build. About 1 ms per file. The grammar is loaded once per
process; a Parser is not safe to share between threads, so each call makes its own (cheap).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import tree_sitter_kotlin
from tree_sitter import Language, Node, Parser

_lock = threading.Lock()
_language: Language | None = None
MAX_REPORTED = 5


@dataclass(frozen=True)
class SyntaxProblem:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    kind: str  # "ERROR" or "MISSING <node>"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.kind}"


def kotlin_language() -> Language:
    global _language
    with _lock:
        if _language is None:
            _language = Language(tree_sitter_kotlin.language())
        return _language


def syntax_problems(files: Mapping[str, bytes]) -> list[SyntaxProblem]:
    """Every ERROR or MISSING node of the Kotlin sources in ``files`` (other files skipped)."""
    parser = Parser(kotlin_language())
    problems: list[SyntaxProblem] = []
    for path, source in files.items():
        if not path.endswith((".kt", ".kts")):
            continue
        root = parser.parse(source).root_node
        if root.has_error:
            problems.extend(_problems(path, root))
    return problems


def _problems(path: str, node: Node) -> Iterator[SyntaxProblem]:
    if node.is_error or node.is_missing:
        row, column = node.start_point
        kind = f"MISSING {node.type}" if node.is_missing else "ERROR"
        yield SyntaxProblem(path, row + 1, column + 1, kind)
        if node.is_missing:
            return
    for child in node.children:
        # Only subtrees that contain an error are worth walking: keeps clean files O(1).
        if child.has_error:
            yield from _problems(path, child)


def describe(problems: list[SyntaxProblem]) -> str:
    shown = "; ".join(str(p) for p in problems[:MAX_REPORTED])
    more = len(problems) - MAX_REPORTED
    return shown + (f"（另有{more}处）" if more > 0 else "")
