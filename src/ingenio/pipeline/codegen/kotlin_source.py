"""Assembling one Kotlin source file: package line, sorted imports, body.

Templates build bodies as lists of lines and name what they use; imports are derived from those
names so a file never imports what it does not use (kotlinc warns) nor misses one (it fails).
"""

from __future__ import annotations

from collections.abc import Iterable

from ingenio.pipeline.codegen.escaping import comment_text
from ingenio.pipeline.codegen.kotlin_names import FUNCTION_IMPORTS, IMPORTS

INDENT = "    "


class KotlinFile:
    def __init__(self, package: str) -> None:
        self.package = package
        self._imports: set[str] = set()
        self.lines: list[str] = []

    def use(self, *names: str) -> None:
        """Import framework names (see ``kotlin_names``) by their simple name."""
        for name in names:
            self._imports.add(IMPORTS.get(name) or FUNCTION_IMPORTS[name])

    def use_generated(self, package: str, *names: str) -> None:
        """Import generated classes from another package of the project."""
        if package != self.package:
            self._imports.update(f"{package}.{name}" for name in names)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def render(self) -> str:
        head = [f"package {self.package}", ""]
        if self._imports:
            head += [f"import {line}" for line in sorted(self._imports)] + [""]
        body = "\n".join(self.lines).rstrip("\n")
        return "\n".join(head) + "\n" + body + "\n"


def kdoc(*paragraphs: str, indent: str = "") -> list[str]:
    """A KDoc block of non-empty paragraphs (each cleaned to one line), or nothing."""
    texts = [t for t in (comment_text(p) for p in paragraphs) if t]
    if not texts:
        return []
    if len(texts) == 1:
        return [f"{indent}/** {texts[0]} */"]
    inner = f"\n{indent} *\n".join(f"{indent} * {t}" for t in texts).split("\n")
    return [f"{indent}/**", *inner, f"{indent} */"]


def annotation(name: str, args: Iterable[str] = ()) -> str:
    joined = ", ".join(args)
    return f"@{name}({joined})" if joined else f"@{name}"
