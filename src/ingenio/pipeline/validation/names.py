"""Small checks shared by every part of the spec: identifier shapes, labels and descriptions."""

from __future__ import annotations

from ingenio.pipeline.validation.collector import Collector, Subject
from ingenio.pipeline.validation.reserved import (
    CAMEL_CASE,
    PASCAL_CASE,
    SNAKE_CASE,
    UPPER_SNAKE_CASE,
)


def pascal(out: Collector, path: str, name: str, kind: str, example: str) -> None:
    out.examined(Subject.NAME)
    if not PASCAL_CASE.fullmatch(name):
        out.add("NAME_NOT_PASCAL_CASE", path, kind=kind, name=name, example=example)


def camel(out: Collector, path: str, name: str, model: str) -> None:
    out.examined(Subject.NAME)
    if not CAMEL_CASE.fullmatch(name):
        out.add("NAME_NOT_CAMEL_CASE", path, model=model, name=name)


def snake(out: Collector, path: str, name: str, model: str) -> None:
    out.examined(Subject.NAME)
    if not SNAKE_CASE.fullmatch(name):
        out.add("NAME_NOT_SNAKE_CASE", path, model=model, name=name)


def upper_snake(out: Collector, path: str, name: str, kind: str, example: str) -> None:
    out.examined(Subject.NAME)
    if not UPPER_SNAKE_CASE.fullmatch(name):
        out.add("NAME_NOT_UPPER_SNAKE_CASE", path, kind=kind, name=name, example=example)


def label(out: Collector, path: str, text: str, kind: str, owner: str) -> None:
    out.examined(Subject.LABEL)
    if _blank(text):
        out.add("LABEL_MISSING", path, kind=kind, name=owner)


def description(out: Collector, path: str, text: str, kind: str, owner: str) -> None:
    out.examined(Subject.DESCRIPTION)
    if _blank(text):
        out.add("DESCRIPTION_MISSING", path, kind=kind, name=owner)


def number(value: float) -> str:
    """``5.0`` as ``5``: bounds are floats in the schema but usually whole numbers."""
    return str(int(value)) if value.is_integer() else str(value)


def _blank(text: str) -> bool:
    return not text.strip()
