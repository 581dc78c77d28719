"""The acceptance checks can fail: each catches the defect it exists for."""

from __future__ import annotations

import io
import re
import zipfile

from tests.pipeline.acceptance.project_checks import archive_problems, schema_problems
from tests.pipeline.acceptance.requirements import BY_ID
from tests.pipeline.acceptance.runs import PipelineRuns
from tests.pipeline.codegen.checks import MIGRATION, sql_check

BLOG = BY_ID["eval-blog-en"].text  # foreign keys, a self-reference and a many-to-many


def test_a_missing_foreign_key_and_a_stray_table_are_reported(
    runs: PipelineRuns, postgres: None
) -> None:
    run = runs.get(BLOG)
    assert schema_problems(run.result.app_spec, run.schema) == []
    sql = run.files[MIGRATION].decode()
    tampered = re.sub(r"ALTER TABLE posts ADD CONSTRAINT fk_posts_author_id [^;]+;", "", sql)
    tampered += "\nCREATE TABLE audit_log (id bigint PRIMARY KEY, note text);\n"
    problems = schema_problems(run.result.app_spec, sql_check(tampered))
    assert any("missing [('posts', 'users')]" in p for p in problems), problems
    assert any(p.startswith("audit_log:") for p in problems), problems


def test_an_escaping_path_a_second_top_folder_and_a_stale_manifest_are_reported(
    runs: PipelineRuns,
) -> None:
    project = runs.get(BLOG).result.project
    assert archive_problems(project) == []
    buffer = io.BytesIO(project.zip_bytes)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("../evil.sh", "rm -rf ~")
        archive.writestr("other/README.md", "hi")
    problems = archive_problems(project.model_copy(update={"zip_bytes": buffer.getvalue()}))
    assert any("'..'" in p for p in problems), problems
    assert any("top-level entries" in p for p in problems), problems
    assert any("manifest" in p for p in problems), problems
