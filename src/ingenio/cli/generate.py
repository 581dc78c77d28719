"""``ingenio generate "需求"``: the pipeline on this machine, no server needed.

Exit codes: 0 completed, 2 the quality gate failed, 1 any other error (bad arguments included:
each gives one line on stderr, never a trace). Files are written only once the whole pipeline
succeeded, each to a temporary name first and then renamed, so a failed or interrupted run
leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperCommand

from ingenio.cli.output import fail
from ingenio.config import BrainKind, ConfigError, LLMSettings
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


class _OneLineUsageErrors(TyperCommand):
    """Parse errors (a missing argument, ``--threshold abc``) end like every other bad argument.

    Click's default is a boxed multi-line message and exit code 2, which here means "the quality
    gate failed": a script could not tell a typo from a weak requirement.
    """

    # Any: the base class annotates with typer's vendored click Context, a private module.
    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:
            fail(f"参数错误：{' '.join(exc.format_message().split())}（查看用法：--help）")


def register(app: typer.Typer) -> None:
    app.command(
        "generate", cls=_OneLineUsageErrors, help="在本机运行生成流水线，输出项目ZIP（无需服务）"
    )(generate)


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
    if out is not None:
        _check_destination(out)
    request = GenerationRequest(requirement.strip(), skip_validation, threshold, preview, package)
    try:
        settings = LLMSettings()
    except ValidationError as exc:
        fail("配置错误：" + "；".join(_config_problem(e) for e in exc.errors()))
    if brain is not None:
        settings.brain = brain
    _route_logs()
    code = asyncio.run(_run(request, settings, out))
    raise typer.Exit(code)


def _check_destination(out: Path) -> None:
    """Refuse a destination the final rename could not use, before any work is done."""
    parent = out.parent
    if not parent.is_dir():
        fail(f"输出目录不存在：{parent}")
    for path in (out, _preview_path(out)):
        if path.is_dir():
            fail(f"输出路径是一个目录：{path}")


def _config_problem(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ())) or "INGENIO"
    return f"{where}: {error.get('msg', '')}"


def _route_logs() -> None:
    """The CLI shows stages and errors itself; library log lines would only garble stderr.

    Without a handler Python prints WARNING records (``stage.error``) and stacks raw to stderr.
    Setting INGENIO_LOG_LEVEL brings the service's log format back, for debugging a failure.
    """
    level = os.environ.get("INGENIO_LOG_LEVEL")
    if level:
        from ingenio import logs

        logs.configure(level)
    else:
        logging.getLogger().addHandler(logging.NullHandler())


async def _run(request: GenerationRequest, settings: LLMSettings, out: Path | None) -> int:
    from ingenio.pipeline.brains.factory import close_brain, make_brain
    from ingenio.pipeline.errors import PipelineError, QualityGateFailed
    from ingenio.pipeline.run import run_pipeline

    console = Console(stderr=True)
    try:
        brain = make_brain(settings)
    except ConfigError as exc:
        fail(f"配置错误：{exc}")
    failed_report: list[ValidationReport] = []
    # A live bar only on a terminal; in a log or a pipe, one plain line per finished stage.
    live = console.is_terminal
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[summary]}"),
        console=console,
        disable=not live,
    ) as bar:
        rows = {s: bar.add_task(STAGE_TITLES[s], total=100, summary="") for s in STAGES}

        async def on_event(event: PipelineEvent) -> None:
            if live:
                _show(bar, rows, event)
            elif isinstance(event, StageCompleted):
                line = f"{STAGE_TITLES[event.stage]}：{event.summary}（{event.duration_ms} ms）"
                _say(console, line, "")
            if isinstance(event, StageFailed) and isinstance(event.output, ValidationReport):
                failed_report.append(event.output)

        try:
            result = await run_pipeline(request, brain, on_event)
        except QualityGateFailed as exc:
            if failed_report:
                _print_report(console, failed_report[0])
            _say(console, f"质量门禁未通过：{exc.message}", "red")
            return EXIT_GATE
        except PipelineError as exc:
            _say(console, f"生成失败：{exc.message}", "red")
            return 1
        finally:
            await close_brain(brain)
    _print_report(console, result.report)
    return _write_outputs(console, result, out)


def _say(console: Console, text: str, style: str) -> None:
    """One line of plain text: no markup read from it, no wrapping at the console's width."""
    console.print(text, style=style or None, markup=False, highlight=False, soft_wrap=True)


def _show(bar: Progress, rows: dict[Stage, TaskID], event: PipelineEvent) -> None:
    row = rows[event.stage]
    if isinstance(event, StageStarted):
        bar.update(row, completed=0, summary="运行中")
    elif isinstance(event, StageProgress):
        bar.update(row, completed=event.percent, summary=escape(event.message))
    elif isinstance(event, StageCompleted):
        summary = escape(f"{event.summary}（{event.duration_ms} ms）")
        bar.update(row, completed=100, summary=summary)
    else:
        bar.update(row, summary=f"[red]{escape(event.message)}[/red]")


def _print_report(console: Console, report: ValidationReport) -> None:
    # Findings quote names and labels from the requirement: escaped, they print as typed.
    table = Table(
        title=f"质量评分 {report.quality_score}/100（{'有效' if report.is_valid else '无效'}）"
    )
    table.add_column("维度")
    table.add_column("得分", justify="right")
    table.add_column("说明")
    for dim in report.breakdown:
        table.add_row(escape(dim.label), str(dim.score), escape("；".join(dim.notes[:3])))
    console.print(table)
    for finding in report.errors[:10]:
        console.print(f"[red]错误[/red] {escape(finding.path)}: {escape(finding.message)}")
    for finding in report.warnings[:10]:
        console.print(f"[yellow]警告[/yellow] {escape(finding.path)}: {escape(finding.message)}")


def _write_outputs(console: Console, result: PipelineResult, out: Path | None) -> int:
    project = result.project
    zip_path = out or Path(f"{project.summary.app_name}.zip")
    outputs = {zip_path: project.zip_bytes}
    if project.preview_html is not None:
        outputs[_preview_path(zip_path)] = project.preview_html.encode()
    try:
        _atomic_write_all(outputs)
    except OSError as exc:
        _say(console, f"错误：无法写入输出文件：{exc.strerror or exc}（{exc.filename}）", "red")
        return 1
    s = project.summary
    _say(console, f"已生成 {zip_path}（{s.file_count}个文件，{s.zip_size}字节）", "green")
    if project.preview_html is not None:
        _say(console, f"预览 {_preview_path(zip_path)}", "green")
    return 0


def _preview_path(zip_path: Path) -> Path:
    return zip_path.with_suffix(".preview.html")


def _atomic_write_all(outputs: dict[Path, bytes]) -> None:
    """Write every file under a temporary name, then rename them all: all or nothing on disk.

    mkstemp creates files as 0600; the outputs get the mode any new file of the user would
    (0666 minus the umask), so a generated ZIP can be shared or served like any other file.
    """
    mask = os.umask(0)
    os.umask(mask)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs.items():
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~mask)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
