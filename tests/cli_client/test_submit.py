"""``ingenio submit --wait``: progress while the task runs, and an exit code per outcome."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import uuid

from tests.cli_client.support import AGENTS, REQUIREMENT, VAGUE, Cli
from tests.support.server import wait_status


def test_submit_prints_the_task_id_and_returns_at_once(cli: Cli) -> None:
    out = cli.run("submit", REQUIREMENT, "--package", "com.acme.library", "--preview")
    assert out.returncode == 0, out.stderr
    task_id = out.stdout.strip()
    assert str(uuid.UUID(task_id)) == task_id


def test_wait_to_completion(cli: Cli) -> None:
    out = cli.run("submit", REQUIREMENT, "--wait", "--preview")
    assert out.returncode == 0, out.stderr
    task_id = out.stdout.splitlines()[0]
    uuid.UUID(task_id)
    for agent in AGENTS:
        assert f"✔ {agent} 已完成" in out.stderr, out.stderr
    assert "任务完成" in out.stderr
    assert "质量评分 100/100" in out.stdout
    assert f"ingenio download {task_id} -o library-system.zip" in out.stdout
    assert f"预览：{cli.server}/api/v1/artifacts/" in out.stdout


def test_wait_by_polling(cli: Cli) -> None:
    out = cli.run("submit", REQUIREMENT, "--wait", "--poll")
    assert out.returncode == 0, out.stderr
    assert "任务完成" in out.stderr
    assert all(agent in out.stderr for agent in AGENTS)


def test_quality_gate_failure_exits_2(cli: Cli) -> None:
    out = cli.run("submit", VAGUE, "--wait")
    assert out.returncode == 2, out.stdout + out.stderr
    assert "✖ 验证Agent 失败" in out.stderr
    assert "质量门禁未通过：质量评分" in out.stderr


def test_a_lower_threshold_lets_the_same_requirement_through(cli: Cli) -> None:
    out = cli.run("submit", VAGUE, "--wait", "--threshold", "10")
    assert out.returncode == 0, out.stderr


def test_skip_validation_too(cli: Cli) -> None:
    out = cli.run("submit", VAGUE, "--wait", "--skip-validation")
    assert out.returncode == 0, out.stderr


def test_requirement_from_stdin(cli: Cli) -> None:
    task_id = cli.run("submit", "-", stdin=REQUIREMENT + "\n").stdout.strip()
    view = json.loads(cli.run("status", task_id, "--json").stdout)
    assert view["userRequirement"] == REQUIREMENT


def test_bad_options_are_the_servers_message(cli: Cli) -> None:
    out = cli.run("submit", REQUIREMENT, "--threshold", "150")
    assert (out.returncode, out.stderr) == (1, "错误：质量评分阈值必须在0到100之间\n")
    out = cli.run("submit", REQUIREMENT, "--package", "Com.Bad-Name")
    assert out.returncode == 1
    assert out.stderr.startswith("错误：包名无效：")
    out = cli.run("submit", "   ")
    assert (out.returncode, out.stderr) == (1, "错误：用户需求不能为空\n")


def test_terminal_shows_a_live_board(cli: Cli) -> None:
    out = cli.run("submit", REQUIREMENT, "--wait", env={"TTY_COMPATIBLE": "1", "COLUMNS": "100"})
    assert out.returncode == 0, out.stderr
    assert "\x1b[" in out.stderr  # drawn and redrawn in place
    last_frame = out.stderr.rsplit("任务 ", 1)[-1]
    for agent in AGENTS:
        assert agent in last_frame
    assert "100%" in last_frame
    assert "Token" in last_frame


def _wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float = 60) -> None:
    """Reads the waiter's progress lines until one contains ``needle``."""
    assert proc.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if needle in line:
            return
    raise AssertionError(f"{needle!r} not seen in: {lines}")


def test_cancel_from_another_command_while_one_waits_exits_3(slow_cli: Cli) -> None:
    with slow_cli.spawn("submit", REQUIREMENT, "--wait") as waiter:
        assert waiter.stdout is not None
        task_id = waiter.stdout.readline().strip()
        _wait_for_line(waiter, "规划Agent 运行中")

        cancelled = slow_cli.run("cancel", task_id)
        assert (cancelled.returncode, cancelled.stdout) == (0, "任务已取消\n"), cancelled.stderr

        _, rest = waiter.communicate(timeout=60)
        assert waiter.returncode == 3, rest
        assert "任务已取消" in rest

    again = slow_cli.run("cancel", task_id)
    assert (again.returncode, again.stderr) == (1, "错误：任务无法取消（当前状态：cancelled）\n")


def test_ctrl_c_stops_waiting_but_not_the_task(slow_cli: Cli) -> None:
    with slow_cli.spawn("submit", REQUIREMENT, "--wait") as waiter:
        assert waiter.stdout is not None
        task_id = waiter.stdout.readline().strip()
        _wait_for_line(waiter, "规划Agent 运行中")

        waiter.send_signal(signal.SIGINT)
        _, rest = waiter.communicate(timeout=30)
        assert waiter.returncode == 130
        assert f"取消：ingenio cancel {task_id}" in rest
        assert "Traceback" not in rest

    # The task carries on to the end.
    token = json.loads(slow_cli.config.read_text())["token"]
    final = wait_status(
        slow_cli.server,
        {"Authorization": f"Bearer {token}"},
        task_id,
        {"completed", "failed", "cancelled"},
        timeout=120,
    )
    assert final["status"] == "completed"
