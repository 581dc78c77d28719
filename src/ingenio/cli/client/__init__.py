"""The API client commands: ``login``, ``submit``, ``status``, ``tasks``, ``cancel``,
``download``. They talk to a running server over HTTP; the server URL and token come from
flags, then ``INGENIO_SERVER_URL`` / ``INGENIO_TOKEN``, then the file ``ingenio login`` saves."""

from __future__ import annotations

import typer

from ingenio.cli.client.login import login
from ingenio.cli.client.submit import submit
from ingenio.cli.client.tasks import cancel, download, list_tasks, status


def register(app: typer.Typer) -> None:
    app.command("login", help="登录服务并保存凭证（--register 先注册）")(login)
    app.command("submit", help="提交生成任务；--wait 显示进度直到结束")(submit)
    app.command("status", help="查看任务状态")(status)
    app.command("tasks", help="列出我的任务")(list_tasks)
    app.command("cancel", help="取消任务")(cancel)
    app.command("download", help="下载生成的项目ZIP")(download)
