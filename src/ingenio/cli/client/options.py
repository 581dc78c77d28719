"""The options every client command shares, and the client they resolve to."""

from __future__ import annotations

from typing import Annotated

import typer

from ingenio.cli.client.api import Api
from ingenio.cli.client.settings import SERVER_ENV, TOKEN_ENV, resolve

ServerOption = Annotated[
    str | None,
    typer.Option(
        "--server",
        envvar=SERVER_ENV,
        show_envvar=True,
        help="服务地址（默认：ingenio login 保存的地址，或 http://127.0.0.1:8000）",
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar=TOKEN_ENV,
        show_envvar=True,
        help="访问令牌（默认：ingenio login 保存的令牌）",
    ),
]
TaskIdArgument = Annotated[str, typer.Argument(help="任务ID", metavar="ID")]


def connect(server: str | None, token: str | None) -> Api:
    url, resolved = resolve(server, token)
    return Api(url, resolved)
