"""GeneratedProject: the generate agent's (代码生成Agent) output."""

from __future__ import annotations

from pydantic import Field

from ingenio.camel import CamelModel


class ManifestEntry(CamelModel):
    path: str = Field(description="path inside the ZIP, under the app's top folder")
    size: int
    sha256: str


class ProjectSummary(CamelModel):
    app_name: str
    package_name: str
    entity_count: int
    endpoint_count: int
    file_count: int
    kotlin_files: int
    zip_size: int
    zip_sha256: str
    has_preview: bool


class GeneratedProject(CamelModel):
    """The manifest plus the artifacts' bytes; the bytes are excluded from JSON dumps."""

    manifest: list[ManifestEntry]
    summary: ProjectSummary
    zip_bytes: bytes = Field(exclude=True, repr=False)
    preview_html: str | None = Field(default=None, exclude=True, repr=False)

    def result_summary(self) -> str:
        s = self.summary
        return f"生成{s.file_count}个文件（{s.kotlin_files}个Kotlin文件），{s.entity_count}个实体"
