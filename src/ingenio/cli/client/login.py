"""``ingenio login``: exchange a username and password for a token and remember it."""

from __future__ import annotations

from typing import Annotated

import typer

from ingenio.cli.client.api import Api
from ingenio.cli.client.errors import ClientError, reported
from ingenio.cli.client.options import ServerOption
from ingenio.cli.client.settings import (
    DEFAULT_SERVER,
    SavedLogin,
    load_login,
    normalize_server,
    save_login,
)


def login(
    server: ServerOption = None,
    username: Annotated[str | None, typer.Option("--username", "-u", help="用户名")] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="密码（省略时在终端中隐藏输入）")
    ] = None,
    register: Annotated[
        bool, typer.Option("--register", help="先注册一个新账号，再以它登录")
    ] = False,
) -> None:
    with reported():
        saved = _saved_quietly()
        url = normalize_server(server or (saved.server if saved else DEFAULT_SERVER))
        if not username:
            remembered = saved.username if saved and saved.server == url else None
            username = typer.prompt("用户名", default=remembered or None)
        if password is None:
            password = typer.prompt("密码", hide_input=True, confirmation_prompt=register)
        with Api(url, None) as api:
            out = api.login(username.strip(), password, register=register)
        path = save_login(
            SavedLogin(
                server=url,
                token=str(out["token"]),
                username=str(out.get("username", username)),
                expires_at=str(out.get("expiresAt", "")),
            )
        )
    action = "已注册并登录" if register else "已登录"
    typer.echo(
        f"{action} {url}（用户 {out.get('username', username)}，有效期至 {out.get('expiresAt')}）"
    )
    typer.echo(f"凭证已保存到 {path}")


def _saved_quietly() -> SavedLogin | None:
    """The previous login only as a source of defaults: a broken file is about to be replaced."""
    try:
        return load_login()
    except ClientError:
        return None
