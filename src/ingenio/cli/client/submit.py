"""``ingenio submit "需求" [--wait]``: create a task and, if asked, watch it to the end.

Exit codes with ``--wait``: 0 completed, 2 failed on the quality gate, 3 cancelled, 1 any other
failure, 130 when Ctrl-C stops the waiting (the task itself carries on).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any
from urllib.parse import urljoin

import typer
from rich.console import Console

from ingenio.cli.client import render
from ingenio.cli.client.api import Api
from ingenio.cli.client.errors import reported
from ingenio.cli.client.options import ServerOption, TokenOption, connect
from ingenio.cli.client.progress import progress_display
from ingenio.cli.client.watch import follow, is_quality_gate, outcome_code

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C


def submit(
    requirement: Annotated[
        str, typer.Argument(help="需求描述（最多5000字符）；为 - 时从标准输入读取")
    ],
    skip_validation: Annotated[
        bool, typer.Option("--skip-validation", help="跳过质量门禁（仍计算评分）")
    ] = False,
    threshold: Annotated[
        int | None, typer.Option("--threshold", help="质量评分阈值0-100（默认70）")
    ] = None,
    preview: Annotated[bool, typer.Option("--preview", help="同时生成浏览器预览")] = False,
    package: Annotated[str | None, typer.Option("--package", help="Kotlin包名")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="等待任务结束并显示进度")] = False,
    poll: Annotated[
        bool, typer.Option("--poll", help="用轮询代替事件流（用于会缓冲事件流的代理之后）")
    ] = False,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    text = sys.stdin.read() if requirement == "-" else requirement
    body: dict[str, Any] = {
        "userRequirement": text,
        "skipValidation": skip_validation,
        "generatePreview": preview,
    }
    if threshold is not None:
        body["qualityThreshold"] = threshold
    if package:
        body["packageName"] = package
    with reported(), connect(server, token) as api:
        task_id = api.create(body)
        typer.echo(task_id)
        if not wait:
            return
        code = _wait(api, task_id, stream=not poll)
    raise typer.Exit(code)


def _wait(api: Api, task_id: str, *, stream: bool) -> int:
    console = Console(stderr=True)
    try:
        with progress_display(console, task_id) as display:
            final = follow(api, task_id, display.update, display.notice, stream=stream)
    except KeyboardInterrupt:
        typer.echo(
            f"已停止等待；任务 {task_id} 仍在运行。查看：ingenio status {task_id}；"
            f"取消：ingenio cancel {task_id}",
            err=True,
        )
        return EXIT_INTERRUPTED
    _report(final, api.server)
    return outcome_code(final)


def _report(view: dict[str, Any], server: str) -> None:
    status = view.get("status")
    score = view.get("qualityScore")
    usage = render.usage_text(view)
    if status == "completed":
        typer.echo(f"任务完成：质量评分 {score}/100，{usage}")
        typer.echo(f"下载：{render.download_command(view)}")
        if view.get("previewUrl"):
            typer.echo(f"预览：{urljoin(server + '/', str(view['previewUrl']))}")
    elif status == "cancelled":
        typer.echo(f"任务已取消；{usage}", err=True)
    elif is_quality_gate(view):
        typer.echo(f"质量门禁未通过：{view.get('errorMessage')}", err=True)
    else:
        typer.echo(f"任务失败：{view.get('errorMessage') or '未知原因'}", err=True)
