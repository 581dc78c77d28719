"""The validate agent's deterministic checks: ``check_spec`` is the one entry point.

Rule codes, messages and suggestions live in ``catalog``; the checks in ``model_rules`` and
``link_rules``; the score in ``scoring``. The checks never raise on odd input (empty names,
dangling references, duplicates): a spec produced by a model can contain anything, and the
report is how the user learns what is wrong with it.
"""

from __future__ import annotations

from ingenio.pipeline.appspec import AppSpec, DataModel
from ingenio.pipeline.report import ValidationReport
from ingenio.pipeline.validation.collector import Collector
from ingenio.pipeline.validation.link_rules import (
    check_endpoints,
    check_pages,
    check_relations,
    check_roles,
)
from ingenio.pipeline.validation.model_rules import check_app, check_models
from ingenio.pipeline.validation.scoring import build_report


def check_spec(spec: AppSpec) -> ValidationReport:
    """Check ``spec`` against every rule and score it; deterministic for a given spec."""
    known: dict[str, DataModel] = {}
    for model in spec.models:
        known.setdefault(model.name, model)  # a duplicate is reported; the first one counts
    out = Collector()
    check_app(spec, out)
    check_models(spec, known, out)
    check_relations(spec, known, out)
    check_endpoints(spec, known, out)
    check_pages(spec, known, out)
    check_roles(spec, known, out)
    return build_report(out)
