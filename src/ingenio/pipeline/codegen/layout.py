"""Where every generated file goes, and which template renders it."""

from __future__ import annotations

from collections.abc import Callable

from ingenio.pipeline.codegen.escaping import clean_text
from ingenio.pipeline.codegen.kotlin_api import render_dtos, render_repository, render_service
from ingenio.pipeline.codegen.kotlin_common import common_files
from ingenio.pipeline.codegen.kotlin_domain import render_entity, render_enum
from ingenio.pipeline.codegen.kotlin_web import render_controller, render_controller_test
from ingenio.pipeline.codegen.model import Project
from ingenio.pipeline.codegen.openapi import render_openapi
from ingenio.pipeline.codegen.project_files import build_files
from ingenio.pipeline.codegen.sql import render_migration

MIGRATION_PATH = "src/main/resources/db/migration/V1__init.sql"
OPENAPI_PATH = "docs/openapi.yaml"
APPSPEC_PATH = "appspec.json"
ENDPOINTS_PER_ENTITY = 5  # list (with search), get, create, update, delete


def render_files(
    project: Project, progress: Callable[[int, str], None], *, start: int, end: int
) -> dict[str, str]:
    """Relative path -> text for the whole project; progress moves from ``start`` to ``end``."""
    pkg = project.package
    main = f"src/main/kotlin/{project.package_path}"
    test = f"src/test/kotlin/{project.package_path}"
    files = build_files(project) | common_files(project)
    for enum in project.enums:
        files[f"{main}/domain/{enum.class_name}.kt"] = render_enum(f"{pkg}.domain", enum)
    total = max(1, len(project.entities))
    for done, entity in enumerate(project.entities, 1):
        name = entity.class_name
        files[f"{main}/domain/{name}.kt"] = render_entity(f"{pkg}.domain", entity)
        files[f"{main}/dto/{name}Dtos.kt"] = render_dtos(project, entity)
        files[f"{main}/repository/{entity.repository}.kt"] = render_repository(project, entity)
        files[f"{main}/service/{entity.service}.kt"] = render_service(project, entity)
        files[f"{main}/web/{entity.controller}.kt"] = render_controller(project, entity)
        files[f"{test}/web/{entity.controller}Test.kt"] = render_controller_test(project, entity)
        progress(
            start + (end - start) * done // total,
            f"生成实体代码 {done}/{total}：{clean_text(entity.label, max_length=40)}",
        )
    files[MIGRATION_PATH] = render_migration(project)
    files[OPENAPI_PATH] = render_openapi(project)
    files[APPSPEC_PATH] = project.spec.model_dump_json(by_alias=True, indent=2) + "\n"
    return files
