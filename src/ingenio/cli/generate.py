"""``ingenio generate "需求"``: the pipeline on this machine, no server needed.

Exit codes: 0 completed, 2 the quality gate failed, 1 any other error. Files are written only
once the whole pipeline succeeded, each to a temporary name first and then renamed, so an
interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingenio.cli.output import fail
from ingenio.config import BrainKind, LLMSettings
from ingenio.pipeline.events import (
    STAGES,
    PipelineEvent,
    Stage,
    StageCompleted,
    StageFailed,
    StageProgress,
    StageStarted,
)
from ingenio.pipeline.naming import package_name_problem
from ingenio.pipeline.report import ValidationReport
from ingenio.pipeline.request import MAX_REQUIREMENT_CHARS, GenerationRequest, PipelineResult

STAGE_TITLES = {
    Stage.PLAN: "规划Agent",
    Stage.EXECUTE: "执行Agent",
    Stage.VALIDATE: "验证Agent",
    Stage.GENERATE: "代码生成Agent",
}
EXIT_GATE = 2


def register(app: typer.Typer) -> None:
    app.command("generate", help="在本机运行生成流水线，输出项目ZIP（无需服务）")(generate)


def generate(
    requirement: Annotated[str, typer.Argument(help="需求描述（最多5000字符）")],
    package: Annotated[str | None, typer.Option("--package", help="Kotlin包名")] = None,
    preview: Annotated[bool, typer.Option("--preview", help="同时生成浏览器预览HTML")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="ZIP输出路径")] = None,
    skip_validation: Annotated[
        bool, typer.Option("--skip-validation", help="跳过质量门禁（仍计算评分）")
    ] = False,
    threshold: Annotated[int, typer.Option("--threshold", help="质量评分阈值（0-100）")] = 70,
    brain: Annotated[BrainKind | None, typer.Option("--brain", help="offline 或 llm")] = None,
) -> None:
    if not requirement.strip():
        fail("用户需求不能为空")
    if len(requirement) > MAX_REQUIREMENT_CHARS:
        fail(f"用户需求不能超过{MAX_REQUIREMENT_CHARS}个字符（当前{len(requirement)}个）")
    if not 0 <= threshold <= 100:
        fail("质量评分阈值必须在0到100之间")
    if package and (problem := package_name_problem(package)):
        fail(f"包名无效：{problem}")
    if out is not None and not out.parent.exists():
        fail(f"输出目录不存在：{out.parent}")
    request = GenerationRequest(requirement.strip(), skip_validation, threshold, preview, package)
    try:
        settings = LLMSettings()
        if brain is not None:
            settings.brain = brain
    except Exception as exc:
        fail(f"配置错误：{exc}".splitlines()[0])
    code = asyncio.run(_run(request, settings, out))
    raise typer.Exit(code)


async def _run(request: GenerationRequest, settings: LLMSettings, out: Path | None) -> int:
    from ingenio.pipeline.brains.factory import close_brain, make_brain
    from ingenio.pipeline.errors import PipelineError, QualityGateFailed
    from ingenio.pipeline.run import run_pipeline

    console = Console(stderr=True)
    brain = make_brain(settings)
    failed_report: list[ValidationReport] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[summary]}"),
        console=console,
    ) as bar:
        rows = {s: bar.add_task(STAGE_TITLES[s], total=100, summary="") for s in STAGES}

        async def on_event(event: PipelineEvent) -> None:
            _show(bar, rows, event)
            if isinstance(event, StageFailed) and isinstance(event.output, ValidationReport):
                failed_report.append(event.output)

        try:
            result = await run_pipeline(request, brain, on_event)
        except QualityGateFailed as exc:
            if failed_report:
                _print_report(console, failed_report[0])
            console.print(f"[red]质量门禁未通过：{exc.message}[/red]")
            return EXIT_GATE
        except PipelineError as exc:
            console.print(f"[red]生成失败：{exc.message}[/red]")
            return 1
        finally:
            await close_brain(brain)
    _print_report(console, result.report)
    _write_outputs(console, result, out)
    return 0


def _show(bar: Progress, rows: dict[Stage, TaskID], event: PipelineEvent) -> None:
    row = rows[event.stage]
    if isinstance(event, StageStarted):
        bar.update(row, completed=0, summary="运行中")
    elif isinstance(event, StageProgress):
        bar.update(row, completed=event.percent, summary=event.message)
    elif isinstance(event, StageCompleted):
        bar.update(row, completed=100, summary=f"{event.summary}（{event.duration_ms} ms）")
    else:
        bar.update(row, summary=f"[red]{event.message}[/red]")


def _print_report(console: Console, report: ValidationReport) -> None:
    table = Table(
        title=f"质量评分 {report.quality_score}/100（{'有效' if report.is_valid else '无效'}）"
    )
    table.add_column("维度")
    table.add_column("得分", justify="right")
    table.add_column("说明")
    for dim in report.breakdown:
        table.add_row(dim.label, str(dim.score), "；".join(dim.notes[:3]))
    console.print(table)
    for finding in report.errors[:10]:
        console.print(f"[red]错误[/red] {finding.path}: {finding.message}")
    for finding in report.warnings[:10]:
        console.print(f"[yellow]警告[/yellow] {finding.path}: {finding.message}")


def _write_outputs(console: Console, result: PipelineResult, out: Path | None) -> None:
    project = result.project
    zip_path = out or Path(f"{project.summary.app_name}.zip")
    _atomic_write(zip_path, project.zip_bytes)
    console.print(
        f"[green]已生成[/green] {zip_path}（{project.summary.file_count}个文件，"
        f"{project.summary.zip_size}字节）"
    )
    if project.preview_html is not None:
        preview_path = zip_path.with_suffix(".preview.html")
        _atomic_write(preview_path, project.preview_html.encode())
        console.print(f"[green]预览[/green] {preview_path}")


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
