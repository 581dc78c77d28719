"""What the checks produce: findings, plus how many things of each kind they examined.

The counts are the denominators of the score: "3 of 12 string fields lack a maximum length"
needs the 12 as much as the 3. Counting where the check runs keeps the two from drifting apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from ingenio.pipeline.report import Finding, Severity
from ingenio.pipeline.validation.catalog import RULES, Rule

# Names typed by a model or a person can be anything; keep messages readable.
_MAX_SHOWN = 60


class Subject(StrEnum):
    """Kinds of things the checks examine (denominators of the score's criteria)."""

    MODEL = "model"
    MODEL_WITH_FIELDS = "model_with_fields"
    LABEL = "label"
    DESCRIPTION = "description"
    STRING_FIELD = "string_field"
    NATURAL_KEY = "natural_key"
    REFERENCE_FIELD = "reference_field"
    RELATION = "relation"
    PERMISSION = "permission"
    NAME = "name"
    CRUD_SLOT = "crud_slot"  # five per model: list, get, create, update, delete
    ENDPOINT = "endpoint"
    PAGE_SLOT = "page_slot"  # three per model: list, detail, form
    ROLE_SET = "role_set"  # one per spec: are there roles at all
    ROLE = "role"
    GUARDED_MODEL = "guarded_model"  # models, counted only when roles exist


@dataclass(frozen=True, slots=True)
class Issue:
    """A finding before it becomes a ``Finding``; ``units`` is its share of a criterion's total
    (a model missing three of five CRUD operations is three units of shortfall)."""

    rule: Rule
    path: str
    message: str
    suggestion: str
    units: int = 1

    def to_finding(self) -> Finding:
        return Finding(
            code=self.rule.code,
            path=self.path,
            message=self.message,
            suggestion=self.suggestion,
            severity=self.rule.severity,
        )


class Collector:
    """Accumulates issues and examined-subject counts while the checks walk the spec."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.counts: Counter[Subject] = Counter()

    def examined(self, subject: Subject, n: int = 1) -> None:
        self.counts[subject] += n

    def add(self, code: str, path: str, /, *, units: int = 1, **values: object) -> None:
        """Record rule ``code`` at ``path``; ``values`` fill its message and suggestion."""
        rule = RULES[code]
        shown = {key: _show(value) for key, value in values.items()}
        self.issues.append(
            Issue(
                rule=rule,
                path=path,
                message=rule.message.format(**shown),
                suggestion=rule.suggestion.format(**shown),
                units=units,
            )
        )

    def findings(self, severity: Severity) -> list[Finding]:
        return [i.to_finding() for i in self.issues if i.rule.severity is severity]


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"
