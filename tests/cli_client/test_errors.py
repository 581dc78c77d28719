"""Every failure is one readable line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from ingenio.testing.processes import free_port
from tests.cli_client.support import REQUIREMENT, Cli
from tests.support.server import ServerProcess


def _one_line(out_stderr: str) -> str:
    assert "Traceback" not in out_stderr
    lines = out_stderr.splitlines()
    assert len(lines) == 1, out_stderr
    return lines[0]


@pytest.mark.parametrize("command", ["status", "cancel", "download"])
def test_unknown_task(cli: Cli, command: str) -> None:
    out = cli.run(command, str(uuid.uuid4()))
    assert out.returncode == 1
    assert _one_line(out.stderr) == "错误：任务不存在"


def test_malformed_task_id(cli: Cli) -> None:
    out = cli.run("status", "not-a-uuid")
    assert out.returncode == 1
    assert _one_line(out.stderr) == "错误：任务ID格式错误"


def test_a_task_id_cannot_reach_another_endpoint(cli: Cli) -> None:
    out = cli.run("cancel", "../../auth/register")
    assert out.returncode == 1
    assert _one_line(out.stderr) == "错误：资源不存在"


def test_someone_elses_task_does_not_exist_for_me(cli: Cli, tmp_path: Path) -> None:
    task_id = cli.submit_ok()
    other = Cli(cli.server, tmp_path / "other.json")
    other.login()
    assert _one_line(other.run("status", task_id).stderr) == "错误：任务不存在"


def test_bad_token(cli: Cli) -> None:
    out = cli.run("tasks", "--token", "abc.def.ghi")
    assert out.returncode == 1
    assert _one_line(out.stderr) == "错误：登录已过期或无效，请重新运行 ingenio login"


def test_expired_or_revoked_saved_login(cli: Cli) -> None:
    saved = json.loads(cli.config.read_text())
    saved["token"] = saved["token"][:-4] + "AAAA"  # a signature that no longer matches
    cli.config.write_text(json.dumps(saved))
    out = cli.run("submit", REQUIREMENT, "--wait")
    assert out.returncode == 1
    assert _one_line(out.stderr) == "错误：登录已过期或无效，请重新运行 ingenio login"


def test_not_logged_in(offline_server: ServerProcess, tmp_path: Path) -> None:
    nobody = Cli(offline_server.url, tmp_path / "none.json")
    out = nobody.run("tasks", "--server", offline_server.url)
    assert out.returncode == 1
    expected = (
        f"错误：尚未登录 {offline_server.url}：请先运行 ingenio login（或设置 INGENIO_TOKEN）"
    )
    assert _one_line(out.stderr) == expected


@pytest.mark.parametrize(
    "args", [("tasks",), ("status", str(uuid.uuid4())), ("submit", REQUIREMENT, "--wait")]
)
def test_unreachable_server(cli: Cli, args: tuple[str, ...]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    out = cli.run(*args, "--server", url, "--token", "whatever")
    assert out.returncode == 1
    assert _one_line(out.stderr) == f"错误：无法连接到服务器 {url}"


def test_login_to_an_unreachable_server(cli: Cli) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    out = cli.run("login", "--server", url, "-u", "someone", "--password", "pass-word-123")
    assert out.returncode == 1
    assert _one_line(out.stderr) == f"错误：无法连接到服务器 {url}"


def test_something_that_is_not_the_service(cli: Cli) -> None:
    out = cli.run("tasks", "--server", cli.server + "/healthz/nothing-here", "--token", "x")
    assert out.returncode == 1
    assert _one_line(out.stderr).startswith("错误：")


def test_invalid_server_address(cli: Cli) -> None:
    out = cli.run("tasks", "--server", "ftp://example.org", "--token", "x")
    assert out.returncode == 1
    assert _one_line(out.stderr).startswith("错误：服务器地址无效：ftp://example.org")


def test_cancel_of_a_completed_task(cli: Cli) -> None:
    done = cli.run("submit", REQUIREMENT, "--wait")
    assert done.returncode == 0, done.stderr
    out = cli.run("cancel", done.stdout.splitlines()[0])
    assert out.returncode == 1
    assert _one_line(out.stderr) == "错误：任务无法取消（当前状态：completed）"
