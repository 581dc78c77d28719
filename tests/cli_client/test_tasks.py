"""``ingenio status``, ``tasks``, ``cancel`` and ``download`` on tasks that exist."""

from __future__ import annotations

import json
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_client.support import AGENTS, REQUIREMENT, VAGUE, Cli
from tests.support.server import ServerProcess


@dataclass(frozen=True)
class History:
    """One user with one completed and one failed task. The tests here only read it."""

    cli: Cli
    done: str
    failed: str


def _finished(cli: Cli, requirement: str) -> str:
    out = cli.run("submit", requirement, "--wait")
    assert out.returncode in (0, 2), out.stderr
    return out.stdout.splitlines()[0]


@pytest.fixture(scope="module")
def history(offline_server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> History:
    cli = Cli(offline_server.url, tmp_path_factory.mktemp("history") / "client.json")
    cli.login()
    done = _finished(cli, REQUIREMENT)
    return History(cli, done, _finished(cli, VAGUE))


def test_status_is_a_readable_summary(history: History) -> None:
    cli, task_id = history.cli, history.done
    out = cli.run("status", task_id)
    assert out.returncode == 0, out.stderr
    assert f"任务 {task_id}" in out.stdout
    assert "状态：任务完成（100%）" in out.stdout
    for agent in AGENTS:
        assert f"✔ {agent} 已完成" in out.stdout
    assert "质量评分：100/100" in out.stdout
    assert f"ingenio download {task_id}" in out.stdout


def test_status_of_a_failed_task_says_why(history: History) -> None:
    out = history.cli.run("status", history.failed)
    assert "状态：任务失败" in out.stdout
    assert "失败原因：质量评分" in out.stdout
    assert "ingenio download" not in out.stdout


def test_status_json_is_the_raw_view(history: History) -> None:
    task_id = history.done
    view = json.loads(history.cli.run("status", task_id, "--json").stdout)
    assert view["taskId"] == task_id
    assert view["status"] == "completed"
    assert [a["agentName"] for a in view["agents"]] == list(AGENTS)


def test_tasks_lists_pages_and_filters(history: History) -> None:
    cli, done, failed = history.cli, history.done, history.failed

    out = cli.run("tasks")
    assert out.returncode == 0, out.stderr
    assert done in out.stdout
    assert failed in out.stdout
    assert "共 2 个任务" in out.stdout

    only_failed = cli.run("tasks", "--status", "failed")
    assert failed in only_failed.stdout
    assert done not in only_failed.stdout

    page2 = json.loads(cli.run("tasks", "--size", "1", "--page", "2", "--json").stdout)
    assert (page2["total"], page2["pages"]) == (2, 2)
    assert [t["taskId"] for t in page2["tasks"]] == [done]  # newest first

    beyond = cli.run("tasks", "--page", "5")
    assert (beyond.returncode, beyond.stdout) == (0, "第 5 页没有任务（共 2 个）\n")


def test_unknown_status_filter_lists_the_choices(history: History) -> None:
    out = history.cli.run("tasks", "--status", "done")
    assert out.returncode == 1
    assert out.stderr.startswith("错误：任务状态筛选值无效：done（可选：pending、")


def test_download_writes_the_zip(history: History, tmp_path: Path) -> None:
    cli, task_id = history.cli, history.done
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "app.zip"
    out = cli.run("download", task_id, "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"已下载 {target}")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    assert any(n.endswith("build.gradle.kts") for n in names), names
    assert any(n.endswith(".kt") for n in names)
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # an ordinary file, not a secret
    assert [p.name for p in folder.iterdir()] == ["app.zip"]  # no temporary file left


def test_download_into_a_directory_uses_the_servers_file_name(
    history: History, tmp_path: Path
) -> None:
    out = history.cli.run("download", history.done, "-o", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert zipfile.is_zipfile(tmp_path / "library-system.zip")


def test_download_of_a_failed_task_explains(history: History, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = history.cli.run("download", history.failed, "-o", str(folder / "x.zip"))
    assert out.returncode == 1
    assert out.stderr.startswith("错误：任务失败，没有可下载的项目：质量评分")
    assert list(folder.iterdir()) == []


def test_download_to_a_missing_directory(history: History, tmp_path: Path) -> None:
    out = history.cli.run("download", history.done, "-o", str(tmp_path / "no" / "app.zip"))
    assert (out.returncode, out.stderr) == (1, f"错误：输出目录不存在：{tmp_path / 'no'}\n")
