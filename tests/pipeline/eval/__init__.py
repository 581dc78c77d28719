"""The requirement evaluation set (requirements.yaml), shared by every suite that scores a brain.

Each case names the entity *concepts* a person expects, each as a list of acceptable names, so a
brain that says Trade where another says Order is not punished for the word it chose.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

EVAL_FILE = Path(__file__).with_name("requirements.yaml")
HELDOUT_FILE = Path(__file__).with_name("heldout.yaml")


@dataclass(frozen=True)
class EvalCase:
    id: str
    requirement: str
    language: Literal["zh", "en"]
    family: str
    expected: tuple[tuple[str, ...], ...]
    min_entities: int = 0

    def misses(self, entity_names: list[str]) -> list[tuple[str, ...]]:
        """The expected concepts none of whose acceptable names is among ``entity_names``."""
        names = set(entity_names)
        return [concept for concept in self.expected if names.isdisjoint(concept)]


def read_cases(path: Path) -> tuple[EvalCase, ...]:
    """The cases of one YAML file (the eval set, or the held-out set beside it)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = tuple(
        EvalCase(
            id=str(entry["id"]),
            requirement=str(entry["requirement"]).strip(),
            language=entry["language"],
            family=str(entry["family"]),
            expected=tuple(tuple(str(n) for n in concept) for concept in entry["expect"]),
            min_entities=int(entry.get("min_entities", 0)),
        )
        for entry in raw
    )
    ids = [c.id for c in cases]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate case id in {path.name}")
    return cases


@functools.cache
def load_cases() -> tuple[EvalCase, ...]:
    return read_cases(EVAL_FILE)


def entity_recall(results: dict[str, list[str]]) -> float:
    """Share of all expected concepts found, over every case in ``results`` (id -> entity names)."""
    by_id = {c.id: c for c in load_cases()}
    expected = sum(len(by_id[i].expected) for i in results)
    missed = sum(len(by_id[i].misses(names)) for i, names in results.items())
    return 1.0 if expected == 0 else (expected - missed) / expected


CASES = load_cases()
