"""The one error type of the client: a failure shown to the user as a single line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ingenio.cli.output import fail

RELOGIN = "登录已过期或无效，请重新运行 ingenio login"


class ClientError(Exception):
    """Anything that ends a command: a server's error envelope, an unreachable server, a bad
    config file. ``status`` is the HTTP status when a response carried the error."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@contextmanager
def reported() -> Iterator[None]:
    """Turns a ``ClientError`` raised inside the block into one line on stderr and exit 1."""
    try:
        yield
    except ClientError as exc:
        fail(exc.message)
