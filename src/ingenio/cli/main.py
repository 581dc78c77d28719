"""``ingenio``: serve, migrate, user, generate (and the API client commands)."""

from __future__ import annotations

import typer

from ingenio.cli import client, generate, schema, server

app = typer.Typer(
    name="ingenio",
    help="需求 → 规划 → AppSpec → 质量验证 → Kotlin Spring Boot 项目",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
server.register(app)
generate.register(app)
client.register(app)
schema.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
