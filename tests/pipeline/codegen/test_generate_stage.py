"""The generate stage drives build_project in a worker thread and forwards its progress."""

from __future__ import annotations

from tests.pipeline.codegen.specs import shop_spec

from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.stages.generate import generate_stage


async def test_stage_returns_the_project_with_its_summary_and_progress() -> None:
    updates: list[tuple[int, str]] = []

    async def on_progress(percent: int, message: str) -> None:
        updates.append((percent, message))

    outcome = await generate_stage(
        GenerationRequest(requirement="校园小店"),
        shop_spec(),
        BrainContext(on_progress=on_progress),
    )
    project = outcome.output
    assert outcome.summary == project.result_summary()
    assert outcome.metadata["fileCount"] == project.summary.file_count
    assert outcome.metadata["zipSha256"] == project.summary.zip_sha256
    assert len(updates) >= 5
    assert [p for p, _ in updates] == sorted(p for p, _ in updates)
    assert updates[-1][0] <= 99
