"""``ingenio status | tasks | cancel | download``: one request each, printed for people (or as
JSON with ``--json``, for scripts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console

from ingenio.cli.client import render
from ingenio.cli.client.errors import ClientError, reported
from ingenio.cli.client.options import ServerOption, TaskIdArgument, TokenOption, connect

JsonOption = Annotated[bool, typer.Option("--json", help="输出接口返回的原始JSON")]


def status(
    task_id: TaskIdArgument,
    as_json: JsonOption = False,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    with reported(), connect(server, token) as api:
        view = api.status(task_id)
    if as_json:
        _print_json(view)
    else:
        _console().print(render.status_summary(view, render.utc_now()))


def list_tasks(
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="按状态筛选：pending、planning、…、completed、failed、cancelled"
        ),
    ] = None,
    page: Annotated[int, typer.Option("--page", min=1, help="页码")] = 1,
    size: Annotated[int, typer.Option("--size", min=1, max=100, help="每页条数")] = 10,
    as_json: JsonOption = False,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    with reported(), connect(server, token) as api:
        data = api.tasks(page, size, status)
    if as_json:
        _print_json(data)
    elif not data.get("tasks"):
        typer.echo(
            "没有任务" if page == 1 else f"第 {page} 页没有任务（共 {data.get('total')} 个）"
        )
    else:
        _console().print(render.tasks_table(data))


def cancel(task_id: TaskIdArgument, server: ServerOption = None, token: TokenOption = None) -> None:
    with reported(), connect(server, token) as api:
        message = api.cancel(task_id)
    typer.echo(message)


def download(
    task_id: TaskIdArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="保存路径或目录（默认：当前目录，服务端给出的文件名）"),
    ] = None,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    with reported(), connect(server, token) as api:
        view = api.status(task_id)
        url = view.get("downloadUrl")
        if not url:
            raise ClientError(_not_downloadable(view))
        dest = _destination(output, str(url), str(view.get("taskId", task_id)))
        size = api.download(str(url), dest)
    typer.echo(f"已下载 {dest}（{size}字节）")


def _not_downloadable(view: dict[str, Any]) -> str:
    state = view.get("status")
    if state == "failed":
        return f"任务失败，没有可下载的项目：{view.get('errorMessage') or '未知原因'}"
    if state == "cancelled":
        return "任务已取消，没有可下载的项目"
    return f"任务尚未完成（当前状态：{view.get('statusDescription') or state}），请稍后再下载"


def _destination(output: Path | None, url: str, task_id: str) -> Path:
    name = urlsplit(url).path.rsplit("/", 1)[-1] or f"{task_id}.zip"
    if output is None:
        return Path(name)
    if output.is_dir():
        return output / name
    if not output.parent.is_dir():
        raise ClientError(f"输出目录不存在：{output.parent}")
    return output


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _console() -> Console:
    """Rich assumes 80 columns when stdout is not a terminal, which would crop the table in a
    pipe or a log; there, lines may be as long as they need (up to a sane limit)."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200)
    return console
