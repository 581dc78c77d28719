"""Operator commands: ``ingenio migrate`` and ``ingenio user create``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from pydantic import SecretStr

from ingenio.app import create_app
from ingenio.config import AuthSettings, DataSettings, Settings

SECRET = "operator-test-secret-" + "q" * 40


def _run(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGENIO_")}
    env |= {"INGENIO_DATA_DIR": str(tmp_path / "data"), "INGENIO_JWT_SECRET": SECRET}
    return subprocess.run(
        [sys.executable, "-m", "ingenio.cli.main", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_a_user_created_by_an_operator_can_log_in(tmp_path: Path) -> None:
    migrated = _run(tmp_path, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "data" / "ingenio.db").exists()

    made = _run(
        tmp_path,
        "user",
        "create",
        "--username",
        "operator_made",
        "--password",
        "long-enough-pw",
        "--tenant",
        "acme",
    )
    assert made.returncode == 0, made.stderr
    assert "operator_made" in made.stdout

    settings = Settings(
        data=DataSettings(data_dir=tmp_path / "data"),
        auth=AuthSettings(jwt_secret=SecretStr(SECRET)),
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:
            resp = await client.post(
                "/api/v1/auth/login",
                json={"username": "operator_made", "password": "long-enough-pw"},
            )
    assert resp.status_code == 200
    assert resp.json()["data"]["username"] == "operator_made"


def test_bad_operator_input_is_one_line_and_non_zero(tmp_path: Path) -> None:
    short = _run(tmp_path, "user", "create", "--username", "x_user", "--password", "short")
    assert short.returncode != 0
    assert short.stderr.strip() == "错误：密码长度须为8到128个字符"
    first = _run(tmp_path, "user", "create", "--username", "dup_user", "--password", "long-pw-123")
    assert first.returncode == 0, first.stderr
    again = _run(tmp_path, "user", "create", "--username", "dup_user", "--password", "long-pw-123")
    assert again.returncode != 0
    assert again.stderr.strip() == "错误：用户名已存在"
    assert "Traceback" not in again.stderr
