"""build_project: AppSpec -> GeneratedProject (ZIP bytes, manifest, optional preview), in memory.

Runs in a worker thread (see stages/generate.py). Nothing touches the disk, so a failed or
cancelled generation leaves nothing half-written behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.codegen.archive import UnsafePathError, build_zip
from ingenio.pipeline.codegen.kotlin_syntax import describe, syntax_problems
from ingenio.pipeline.codegen.layout import ENDPOINTS_PER_ENTITY, render_files
from ingenio.pipeline.codegen.resolve import build_model
from ingenio.pipeline.errors import CodegenError
from ingenio.pipeline.events import Stage
from ingenio.pipeline.project import GeneratedProject, ProjectSummary


def build_project(
    spec: AppSpec, *, preview: bool, progress: Callable[[int, str], None]
) -> GeneratedProject:
    progress(2, "解析AppSpec")
    project = build_model(spec)
    texts = render_files(project, progress, start=5, end=70)
    files = {path: text.encode() for path, text in texts.items()}

    progress(75, "Kotlin语法检查")
    problems = syntax_problems(files)
    if problems:
        raise CodegenError(Stage.GENERATE, f"生成的Kotlin代码存在语法错误：{describe(problems)}")

    progress(85, "打包ZIP")
    try:
        zip_bytes, manifest = build_zip(project.folder, files)
    except UnsafePathError as exc:
        raise CodegenError(Stage.GENERATE, f"生成的文件路径不安全：{exc}") from exc

    preview_html: str | None = None
    if preview:
        progress(92, "生成预览页面")
        # Imported here: the preview is optional and its module is only needed when asked for.
        from ingenio.pipeline.codegen.preview import render_preview

        preview_html = render_preview(spec)
    progress(99, "代码生成完成")
    return GeneratedProject(
        manifest=manifest,
        summary=ProjectSummary(
            app_name=project.app_class.removesuffix("Application"),
            package_name=project.package,
            entity_count=len(project.entities),
            endpoint_count=ENDPOINTS_PER_ENTITY * len(project.entities),
            file_count=len(files),
            kotlin_files=sum(path.endswith((".kt", ".kts")) for path in files),
            zip_size=len(zip_bytes),
            zip_sha256=hashlib.sha256(zip_bytes).hexdigest(),
            has_preview=preview_html is not None,
        ),
        zip_bytes=zip_bytes,
        preview_html=preview_html,
    )
