"""The generated Kotlin compiles with kotlinc-jvm against faithful declarations of the framework.

Spring, Jakarta and the test libraries cannot be downloaded here, so ``kotlin_stubs`` holds
their API as Java declarations (signatures, annotation targets and parameter names copied from
the real libraries). Main and test sources of every fixture project are compiled in a single
kotlinc call, because each start of the compiler costs several seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.pipeline.codegen.checks import (
    CompileResult,
    compile_batches,
    compile_check,
    project_files,
    require_kotlinc,
)
from tests.pipeline.codegen.specs import hostile_spec, shop_spec, sized_spec

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.codegen.package import build_project

pytestmark = pytest.mark.kotlinc

SPECS: dict[str, Callable[[], AppSpec]] = {
    "shop": shop_spec,
    "hostile": hostile_spec,
    "sized12": lambda: sized_spec(12),
}


@pytest.fixture(scope="module")
def kotlinc() -> Path:
    return require_kotlinc()


@pytest.fixture(scope="module")
def compiled(kotlinc: Path, tmp_path_factory: pytest.TempPathFactory) -> CompileResult:
    projects = {
        name: project_files(
            build_project(make(), preview=False, progress=lambda p, m: None).zip_bytes
        )
        for name, make in SPECS.items()
    }
    return compile_check(projects, tmp_path_factory.mktemp("kotlinc"), kotlinc)


@pytest.mark.parametrize("name", SPECS)
def test_project_compiles_without_errors(compiled: CompileResult, name: str) -> None:
    assert compiled.errors_of(name) == [], "\n".join(compiled.errors_of(name))


def test_the_compiler_run_succeeded(compiled: CompileResult) -> None:
    assert compiled.returncode == 0, compiled.output[-4000:]
    assert compiled.errors_of("<stubs>") == []


# Spring Boot 3 idioms that Boot 4 / Spring Data JPA 4 removed: the stubs must reject them, or
# the compile check would pass code that no longer builds against the real libraries.
BOOT3_IDIOMS = {
    "WebMvc.kt": "import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest\n",
    "MockBean.kt": "import org.springframework.boot.test.mock.mockito.MockBean\n",
    "Where.kt": (
        "import org.springframework.data.jpa.domain.Specification\n\n"
        "fun everything(): Specification<String> = Specification.where(null)\n"
    ),
}


def test_compile_check_reports_errors_with_their_location(kotlinc: Path, tmp_path: Path) -> None:
    """The check can fail: errors are attributed to their project, file and line."""
    broken = {"src/main/kotlin/a/B.kt": b'package a\n\nval b: Int = "not an int"\n'}
    boot3 = {
        f"src/main/kotlin/boot3/{name}": f"package boot3\n\n{code}".encode()
        for name, code in BOOT3_IDIOMS.items()
    }
    result = compile_check({"broken": broken, "boot3": boot3}, tmp_path, kotlinc)
    assert result.returncode != 0
    [error] = result.errors_of("broken")
    assert "B.kt:3:" in error
    failing = {Path(line.split(":", 1)[0]).name for line in result.errors_of("boot3")}
    assert failing == set(BOOT3_IDIOMS)


def test_projects_sharing_a_package_are_compiled_in_separate_calls() -> None:
    def files(package: str) -> dict[str, bytes]:
        return {f"src/main/kotlin/{package}/Application.kt": b"", "README.md": b""}

    projects = {"a": files("com/x/shop"), "b": files("com/x/shop"), "c": files("com/x/blog")}
    assert compile_batches(projects) == [["a", "c"], ["b"]]
