"""``ingenio generate`` as a user runs it: a subprocess in an empty working directory.

Exit 0 with the files asked for; exit 2 with the gate's message; exit 1 with exactly one
readable line on stderr (never a trace) for anything else; and nothing left on disk unless the
whole run succeeded.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pipeline.codegen.checks import parse_check, project_files

GOOD = "一个待办事项应用，管理任务、标签和提醒"
WEAK = "asdf qwer"  # understood as nothing: a valid spec that scores under 70
GATE = re.compile(r"质量门禁未通过：质量评分\((\d+)\)低于阈值\((\d+)\)，请优化需求后重试")


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str
    cwd: Path

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def left_behind(self) -> set[str]:
        return {p.name for p in self.cwd.iterdir()}


def ingenio(cwd: Path, *args: str, env: Mapping[str, str] | None = None) -> Ran:
    # The caller's INGENIO_* settings must not change what the command does.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("INGENIO_")}
    done = subprocess.run(
        [sys.executable, "-m", "ingenio.cli.main", "generate", *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr, cwd)


def closed_port() -> int:
    """A port nothing listens on: bound by the OS, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- success -------------------------------------------------------------------------------


def test_a_good_requirement_gives_a_zip_under_the_package_and_a_preview(tmp_path: Path) -> None:
    ran = ingenio(tmp_path, GOOD, "--package", "org.acme.todo", "--preview", "--out", "app.zip")
    assert ran.code == 0, ran.stderr
    assert ran.left_behind() == {"app.zip", "app.preview.html"}
    data = (tmp_path / "app.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert len({name.split("/", 1)[0] for name in archive.namelist()}) == 1
    files = project_files(data)
    assert "src/main/kotlin/org/acme/todo/Application.kt" in files
    main = [p for p in files if p.startswith("src/main/kotlin/") and p.endswith(".kt")]
    assert all(files[p].decode().startswith("package org.acme.todo") for p in main)
    assert '"packageName": "org.acme.todo"' in files["appspec.json"].decode()
    assert parse_check(files) == []
    html = (tmp_path / "app.preview.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'id="ingenio-data"' in html
    for stage in ("规划Agent", "执行Agent", "验证Agent", "代码生成Agent"):
        assert any(line.startswith(stage) for line in ran.lines), ran.stderr
    assert "已生成 app.zip" in ran.stderr
    for name in ("app.zip", "app.preview.html"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~current_umask()


def test_without_out_the_zip_is_named_after_the_app_in_the_working_directory(
    tmp_path: Path,
) -> None:
    ran = ingenio(tmp_path, "A library system for books, members and loans")
    assert ran.code == 0, ran.stderr
    [written] = ran.left_behind()
    assert written.endswith(".zip")
    assert written[0].isupper()
    assert zipfile.is_zipfile(tmp_path / written)


def test_exactly_5000_characters_are_accepted(tmp_path: Path) -> None:
    ran = ingenio(tmp_path, "图书" * 2500, "--skip-validation", "--out", "big.zip")
    assert ran.code == 0, ran.stderr
    assert ran.left_behind() == {"big.zip"}


# --- the quality gate ----------------------------------------------------------------------


def test_a_weak_requirement_fails_the_gate_with_exit_2_and_writes_nothing(
    tmp_path: Path,
) -> None:
    ran = ingenio(tmp_path, WEAK, "--out", "weak.zip", "--preview")
    assert ran.code == 2, ran.stderr
    assert GATE.fullmatch(ran.lines[-1]), ran.lines[-1]
    assert "Traceback" not in ran.stderr
    assert ran.left_behind() == set()


def test_the_threshold_and_skip_validation_decide_the_gate(tmp_path: Path) -> None:
    failed = ingenio(tmp_path, WEAK, "--threshold", "70")
    match = GATE.fullmatch(failed.lines[-1])
    assert failed.code == 2, failed.stderr
    assert match, failed.lines[-1]
    assert match[2] == "70"
    score = match[1]
    at_score = ingenio(tmp_path, WEAK, "--threshold", score, "--out", "at.zip")
    assert at_score.code == 0, at_score.stderr
    skipped = ingenio(tmp_path, WEAK, "--skip-validation", "--out", "skipped.zip")
    assert skipped.code == 0, skipped.stderr
    assert f"质量评分 {score}/100" in skipped.stderr  # still scored and reported
    assert failed.left_behind() == {"at.zip", "skipped.zip"}


# --- errors: exit 1, one line, nothing written ---------------------------------------------

Prepare = Callable[[Path], None]


def _mkdir(name: str) -> Prepare:
    return lambda cwd: (cwd / name).mkdir()


def _touch(name: str) -> Prepare:
    return lambda cwd: (cwd / name).touch()


BAD: dict[str, tuple[list[str], str, Prepare | None]] = {
    # id: (arguments, expected words in the line, what the directory holds first)
    "blank": (["   "], "用户需求不能为空", None),
    "blank-tabs-newlines": (["\t\n \r\n"], "用户需求不能为空", None),
    "blank-fullwidth-spaces": (["\u3000\u3000"], "用户需求不能为空", None),
    "over-5000": (["图" * 5001], "不能超过5000个字符", None),
    "threshold-101": ([GOOD, "--threshold", "101"], "阈值必须在0到100之间", None),
    "threshold-negative": ([GOOD, "--threshold=-1"], "阈值必须在0到100之间", None),
    "threshold-not-a-number": ([GOOD, "--threshold", "abc"], "--threshold", None),
    "package-uppercase": ([GOOD, "--package", "Com.Example.App"], "包名无效", None),
    "package-keyword": ([GOOD, "--package", "com.example.fun"], "包名无效", None),
    "package-one-segment": ([GOOD, "--package", "app"], "包名无效", None),
    "missing-output-directory": ([GOOD, "--out", "missing/app.zip"], "输出目录不存在", None),
    "output-under-a-file": ([GOOD, "--out", "f/app.zip"], "输出目录不存在", _touch("f")),
    "output-is-a-directory": ([GOOD, "--out", "d"], "是一个目录", _mkdir("d")),
    "unknown-brain": ([GOOD, "--brain", "gpt"], "--brain", None),
    "unknown-option": ([GOOD, "--colour"], "--colour", None),
    "missing-requirement": ([], "requirement", None),
}


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """Every bad invocation, four at a time (each is a separate interpreter start)."""

    def one(item: tuple[str, tuple[list[str], str, Prepare | None]]) -> tuple[str, Ran]:
        name, (args, _, prepare) = item
        cwd = tmp_path_factory.mktemp(name)
        if prepare:
            prepare(cwd)
        return name, ingenio(cwd, *args)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(one, BAD.items()))


def assert_one_clean_line(ran: Ran, *expected: str) -> None:
    assert ran.code == 1, ran.stderr
    assert "Traceback" not in ran.stderr
    assert len(ran.lines) == 1, ran.stderr
    [line] = ran.lines
    assert line.startswith(("错误：", "生成失败：")), line
    for words in expected:
        assert words in line, line


@pytest.mark.parametrize("name", BAD)
def test_bad_arguments_give_exit_1_and_one_readable_line(
    bad_runs: dict[str, Ran], name: str
) -> None:
    ran = bad_runs[name]
    assert_one_clean_line(ran, BAD[name][1])
    prepared = {"output-under-a-file": {"f"}, "output-is-a-directory": {"d"}}
    assert ran.left_behind() == prepared.get(name, set())


def test_llm_brain_without_a_reachable_server_fails_in_one_line(tmp_path: Path) -> None:
    env = {
        "INGENIO_LLM_BASE_URL": f"http://127.0.0.1:{closed_port()}/v1",
        "INGENIO_LLM_API_KEY": "test-key",
    }
    ran = ingenio(tmp_path, GOOD, "--brain", "llm", "--out", "app.zip", env=env)
    assert_one_clean_line(ran, "LLM")
    assert ran.left_behind() == set()


def test_llm_brain_without_a_key_fails_in_one_line(tmp_path: Path) -> None:
    env = {"INGENIO_LLM_BASE_URL": f"http://127.0.0.1:{closed_port()}/v1"}
    ran = ingenio(tmp_path, GOOD, "--brain", "llm", env=env)
    assert_one_clean_line(ran, "INGENIO_LLM_API_KEY")
    assert ran.left_behind() == set()


def test_a_broken_setting_in_the_environment_fails_in_one_line(tmp_path: Path) -> None:
    ran = ingenio(tmp_path, GOOD, env={"INGENIO_BRAIN": "oracle"})
    assert_one_clean_line(ran, "INGENIO_BRAIN")
