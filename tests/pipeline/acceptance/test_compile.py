"""Projects generated from requirements (not fixtures) compile with kotlinc-jvm, zero errors.

Main and test sources of every project go through as few compiler starts as their packages
allow (``compile_check`` batches them); framework classes come from the codegen suite's stubs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pipeline.acceptance.requirements import BY_ID
from tests.pipeline.acceptance.runs import PipelineRuns
from tests.pipeline.codegen.checks import CompileResult, compile_check, require_kotlinc

pytestmark = pytest.mark.kotlinc

# Chosen for coverage: two of 10+ entities (one with two many-to-many join tables), an English
# library with a many-to-many, and the two hostile texts aimed at Kotlin and at HTML.
COMPILED = (
    "eval-mixed-shop-forum-zh",
    "eval-ecommerce-store-en",
    "eval-library-en",
    "kotlin-injection",
    "html-injection",
)


@pytest.fixture(scope="module")
def kotlinc() -> Path:
    return require_kotlinc()


@pytest.fixture(scope="module")
def compiled(
    kotlinc: Path, runs: PipelineRuns, tmp_path_factory: pytest.TempPathFactory
) -> CompileResult:
    projects = {name: runs.get(BY_ID[name].text).files for name in COMPILED}
    return compile_check(projects, tmp_path_factory.mktemp("acceptance-kotlinc"), kotlinc)


def test_the_selection_includes_a_project_of_ten_or_more_entities(runs: PipelineRuns) -> None:
    sizes = [len(runs.get(BY_ID[name].text).result.app_spec.models) for name in COMPILED]
    assert max(sizes) >= 10, sizes


@pytest.mark.parametrize("name", COMPILED)
def test_generated_project_compiles_without_errors(compiled: CompileResult, name: str) -> None:
    assert compiled.errors_of(name) == [], "\n".join(compiled.errors_of(name)[:30])


def test_every_compiler_run_succeeded(compiled: CompileResult) -> None:
    assert compiled.returncode == 0, compiled.output[-4000:]
    assert compiled.errors_of("<stubs>") == []
