"""``ingenio login`` and where the other commands find their server and token."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.cli_client.support import PASSWORD, Cli
from tests.support.server import ServerProcess


def test_register_saves_the_login_readable_only_by_its_owner(
    offline_server: ServerProcess, tmp_path: Path
) -> None:
    client = Cli(offline_server.url, tmp_path / "nested" / "client.json")
    port = offline_server.port
    out = client.run(
        "login",
        "--server",
        f"127.0.0.1:{port}/",
        "-u",
        "reader01",
        "--password",
        PASSWORD,
        "--register",
    )
    assert out.returncode == 0, out.stderr
    assert "已注册并登录" in out.stdout

    saved = json.loads(client.config.read_text())
    assert set(saved) == {"server", "token", "username", "expiresAt"}
    assert saved["server"] == f"http://127.0.0.1:{port}"  # scheme added, slash dropped
    assert saved["username"] == "reader01"
    assert stat.S_IMODE(client.config.stat().st_mode) == 0o600

    # The other commands now need no flags at all.
    listed = client.run("tasks")
    assert listed.returncode == 0, listed.stderr
    assert "没有任务" in listed.stdout


def test_login_prompts_for_what_is_missing(offline_server: ServerProcess, tmp_path: Path) -> None:
    client = Cli(offline_server.url, tmp_path / "client.json")
    client.login("prompted01")
    client.config.unlink()
    out = client.run("login", "--server", offline_server.url, stdin=f"prompted01\n{PASSWORD}\n")
    assert out.returncode == 0, out.stderr
    assert PASSWORD not in out.stdout + out.stderr  # the password is not echoed
    assert json.loads(client.config.read_text())["username"] == "prompted01"


def test_wrong_password_is_one_line_and_keeps_the_previous_login(cli: Cli) -> None:
    before = cli.config.read_text()
    out = cli.run("login", "-u", "nobody-here", "--password", "wrong-password")
    assert out.returncode == 1
    assert out.stderr == "错误：用户名或密码错误\n"
    assert cli.config.read_text() == before


def test_registering_a_taken_name_says_so(cli: Cli) -> None:
    name = cli.login()
    out = cli.run("login", "-u", name, "--password", PASSWORD, "--register")
    assert out.returncode == 1
    assert out.stderr == "错误：用户名已存在\n"


def test_flag_beats_environment_beats_saved_token(cli: Cli) -> None:
    token = json.loads(cli.config.read_text())["token"]
    assert cli.run("tasks", env={"INGENIO_TOKEN": "not-a-token"}).returncode == 1
    out = cli.run("tasks", "--token", token, env={"INGENIO_TOKEN": "not-a-token"})
    assert out.returncode == 0, out.stderr


def test_server_from_the_environment(cli: Cli, tmp_path: Path) -> None:
    token = json.loads(cli.config.read_text())["token"]
    elsewhere = Cli(cli.server, tmp_path / "none.json")  # no saved login at all
    out = elsewhere.run("tasks", env={"INGENIO_SERVER_URL": cli.server, "INGENIO_TOKEN": token})
    assert out.returncode == 0, out.stderr


def test_a_saved_token_is_not_sent_to_another_server(cli: Cli) -> None:
    out = cli.run("tasks", "--server", "http://127.0.0.1:9")
    assert out.returncode == 1
    assert out.stderr.startswith("错误：尚未登录 http://127.0.0.1:9")


def test_a_broken_config_file_is_one_line(cli: Cli) -> None:
    cli.config.write_text("{not json")
    out = cli.run("tasks")
    assert out.returncode == 1
    assert out.stderr.startswith("错误：无法读取客户端配置")
    assert out.stderr.count("\n") == 1
    # ... and logging in again repairs it.
    cli.login()
    assert cli.run("tasks").returncode == 0
