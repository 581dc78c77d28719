"""Running ``ingenio`` the way a user does: a process with its own config file."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import PIPE, Popen

PASSWORD = "pass-word-123"
REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"
VAGUE = "随便做点什么吧"  # the offline brain scores it under 70
AGENTS = ("规划Agent", "执行Agent", "验证Agent", "代码生成Agent")


@dataclass
class Cli:
    """``ingenio`` as a subprocess with a private config file and no inherited INGENIO_*."""

    server: str
    config: Path
    env: dict[str, str] = field(default_factory=dict)

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        noisy = ("INGENIO_", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "COLUMNS")
        base = {k: v for k, v in os.environ.items() if not k.startswith(noisy)}
        return {**base, "INGENIO_CLIENT_CONFIG": str(self.config), **self.env, **(extra or {})}

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "ingenio.cli.main", *args]

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args),
            env=self.environ(env),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    @contextmanager
    def spawn(self, *args: str, env: dict[str, str] | None = None) -> Iterator[Popen[str]]:
        """A command left running (``submit --wait``); killed if the test ends before it."""
        proc = Popen(self.argv(*args), env=self.environ(env), stdout=PIPE, stderr=PIPE, text=True)
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=30)

    def login(self, username: str | None = None, *, register: bool = True) -> str:
        name = username or "cli" + uuid.uuid4().hex[:10]
        flags = ["--register"] if register else []
        out = self.run("login", "--server", self.server, "-u", name, "--password", PASSWORD, *flags)
        assert out.returncode == 0, out.stderr
        return name

    def submit_ok(self, requirement: str = REQUIREMENT, *args: str) -> str:
        out = self.run("submit", requirement, *args)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()
