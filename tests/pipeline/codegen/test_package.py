"""build_project and its ZIP: deterministic, safe paths, honest manifest and progress."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.pipeline.codegen.checks import project_files
from tests.pipeline.codegen.specs import hostile_spec, shop_spec, sized_spec

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.codegen.archive import UnsafePathError, build_zip, check_path
from ingenio.pipeline.codegen.kotlin_syntax import describe, syntax_problems
from ingenio.pipeline.codegen.package import build_project
from ingenio.pipeline.errors import CodegenError
from ingenio.pipeline.events import Stage
from ingenio.pipeline.project import GeneratedProject

ROOT = Path(__file__).resolve().parents[3]


def build(spec: AppSpec, *, preview: bool = False) -> GeneratedProject:
    return build_project(spec, preview=preview, progress=lambda percent, message: None)


@pytest.mark.parametrize("make", [shop_spec, hostile_spec, lambda: sized_spec(10)])
def test_same_spec_gives_the_same_bytes(make: Callable[[], AppSpec]) -> None:
    first, second = build(make()), build(make())
    assert first.zip_bytes == second.zip_bytes
    assert first.summary.zip_sha256 == hashlib.sha256(first.zip_bytes).hexdigest()


def test_bytes_do_not_depend_on_the_process_hash_seed() -> None:
    """Set iteration order changes with PYTHONHASHSEED; the ZIP must not."""
    script = (
        "from tests.pipeline.codegen.specs import hostile_spec\n"
        "from ingenio.pipeline.codegen.package import build_project\n"
        "p = build_project(hostile_spec(), preview=False, progress=lambda a, b: None)\n"
        "print(p.summary.zip_sha256)\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        ).stdout.strip()
        for seed in ("1", "2")
    }  # fmt: skip
    assert digests == {build(hostile_spec()).summary.zip_sha256}


def test_a_different_package_gives_different_bytes() -> None:
    other = shop_spec().model_copy(update={"package_name": "org.acme.shop"})
    assert build(other).zip_bytes != build(shop_spec()).zip_bytes
    files = project_files(build(other).zip_bytes)
    assert "src/main/kotlin/org/acme/shop/Application.kt" in files


@pytest.mark.parametrize("make", [shop_spec, hostile_spec])
def test_zip_entries_are_sorted_safe_and_fixed(make: Callable[[], AppSpec]) -> None:
    project = build(make())
    with zipfile.ZipFile(io.BytesIO(project.zip_bytes)) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [i.filename for i in infos]
    assert names == sorted(names)
    top = names[0].split("/")[0]
    for info in infos:
        assert info.filename.startswith(top + "/")
        assert not info.filename.startswith("/")
        assert ".." not in info.filename.split("/")
        assert "\\" not in info.filename
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644


def test_top_folder_is_the_kebab_case_app_name() -> None:
    names = zipfile.ZipFile(io.BytesIO(build(shop_spec()).zip_bytes)).namelist()
    assert {n.split("/")[0] for n in names} == {"campus-shop"}


def test_manifest_lists_every_file_with_size_and_hash() -> None:
    project = build(shop_spec())
    with zipfile.ZipFile(io.BytesIO(project.zip_bytes)) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    assert [m.path for m in project.manifest] == sorted(contents)
    for entry in project.manifest:
        data = contents[entry.path]
        assert entry.size == len(data)
        assert entry.sha256 == hashlib.sha256(data).hexdigest()


def test_summary_counts_what_was_generated() -> None:
    project = build(shop_spec())
    s = project.summary
    files = project_files(project.zip_bytes)
    assert (s.app_name, s.package_name, s.entity_count) == (
        "CampusShop",
        "com.example.campusshop",
        3,
    )
    assert s.endpoint_count == 15
    assert s.file_count == len(files) == len(project.manifest)
    assert s.kotlin_files == sum(p.endswith((".kt", ".kts")) for p in files)
    assert s.zip_size == len(project.zip_bytes)
    assert s.has_preview is False
    assert project.preview_html is None
    assert (
        project.result_summary()
        == f"生成{s.file_count}个文件（{s.kotlin_files}个Kotlin文件），3个实体"
    )


def test_the_project_has_the_promised_files() -> None:
    files = project_files(build(shop_spec()).zip_bytes)
    main = "src/main/kotlin/com/example/campusshop"
    expected = {
        "settings.gradle.kts", "build.gradle.kts", "README.md", ".gitignore", "appspec.json",
        "docs/openapi.yaml", "src/main/resources/application.yml",
        "src/main/resources/db/migration/V1__init.sql", f"{main}/Application.kt",
        f"{main}/common/ApiExceptionHandler.kt", f"{main}/domain/Product.kt",
        f"{main}/domain/ProductStatus.kt", f"{main}/repository/ProductRepository.kt",
        f"{main}/service/ProductService.kt", f"{main}/web/ProductController.kt",
        f"{main}/dto/ProductDtos.kt",
        "src/test/kotlin/com/example/campusshop/web/ProductControllerTest.kt",
    }  # fmt: skip
    assert expected <= set(files)
    assert AppSpec.model_validate_json(files["appspec.json"]) == shop_spec()


def test_progress_is_monotonic_and_stays_below_100() -> None:
    seen: list[tuple[int, str]] = []
    build_project(sized_spec(10), preview=False, progress=lambda p, m: seen.append((p, m)))
    percents = [p for p, _ in seen]
    assert percents == sorted(percents)
    assert percents[0] >= 0
    assert percents[-1] <= 99
    assert len(seen) >= 10  # per entity, not just start and end
    assert all(message for _, message in seen)


def test_an_invalid_package_fails_the_generate_stage() -> None:
    spec = shop_spec().model_copy(update={"package_name": "Not A Package"})
    with pytest.raises(CodegenError) as caught:
        build(spec)
    assert caught.value.stage is Stage.GENERATE


def test_preview_html_is_produced_on_request() -> None:
    project = build(shop_spec(), preview=True)
    assert project.summary.has_preview is True
    assert project.preview_html is not None
    assert "<html" in project.preview_html.lower()


def test_syntax_problems_point_at_path_line_and_column() -> None:
    broken = b"package a\n\nfun f() {\n    val q = listOf(1, 2\n}\n"
    problems = syntax_problems({"src/A.kt": broken, "README.md": b"fun ("})
    assert [str(p) for p in problems] == ["src/A.kt:4:24: MISSING )"]
    assert describe(problems) == "src/A.kt:4:24: MISSING )"


@pytest.mark.parametrize(
    "path", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "C:/x", "a/\x00"]
)
def test_unsafe_paths_are_refused(path: str) -> None:
    with pytest.raises(UnsafePathError):
        check_path(path)
    with pytest.raises(UnsafePathError):
        build_zip("app", {path: b"x"})


def test_the_top_folder_must_be_one_safe_segment() -> None:
    for top in ("../app", "a/b", "/app", ""):
        with pytest.raises(UnsafePathError):
            build_zip(top, {"x": b"x"})
