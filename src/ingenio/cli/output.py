"""How the CLI ends badly: one readable line on stderr and a non-zero exit, never a trace."""

from __future__ import annotations

from typing import NoReturn

import typer


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(code)
