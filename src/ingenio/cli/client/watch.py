"""Following a task to its end: the event stream first, polling ``/status`` every 2 s when the
stream is unavailable (a proxy that buffers it, an older server) or breaks mid-way."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ingenio.cli.client.api import Api
from ingenio.cli.client.errors import ClientError

TERMINAL = frozenset({"completed", "failed", "cancelled"})
POLL_SECONDS = 2.0  # the contract's polling period
# Consecutive transport failures tolerated while polling: about 20 s, long enough for a server
# restart (tasks survive one), short enough that a dead server is reported.
MAX_POLL_FAILURES = 10

View = dict[str, Any]


def follow(
    api: Api,
    task_id: str,
    show: Callable[[View], None],
    notice: Callable[[str], None],
    *,
    stream: bool = True,
) -> View:
    """Calls ``show`` with each new state of the task; returns the terminal state."""
    if stream:
        try:
            for view in api.events(task_id):
                show(view)
                if view.get("status") in TERMINAL:
                    return view
        except ClientError as exc:
            if exc.status == 401:  # polling would be refused just the same
                raise
            notice(f"事件流不可用（{exc.message}），改为每{POLL_SECONDS:g}秒查询一次状态")
    return poll(api, task_id, show)


def poll(
    api: Api,
    task_id: str,
    show: Callable[[View], None],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> View:
    failures = 0
    while True:
        try:
            view = api.status(task_id)
        except ClientError as exc:
            # A refusal (404, 401, ...) is final; a lost connection or a 5xx may be a restart.
            failures += 1
            if (exc.status is not None and exc.status < 500) or failures > MAX_POLL_FAILURES:
                raise
        else:
            failures = 0
            show(view)
            if view.get("status") in TERMINAL:
                return view
        sleep(POLL_SECONDS)


def outcome_code(view: View) -> int:
    """The exit code of ``submit --wait``: 0 completed, 2 the quality gate, 3 cancelled, else 1."""
    status = view.get("status")
    if status == "completed":
        return 0
    if status == "cancelled":
        return 3
    if is_quality_gate(view):
        return 2
    return 1


def is_quality_gate(view: View) -> bool:
    message = str(view.get("errorMessage") or "")
    return view.get("status") == "failed" and message.startswith(("质量评分", "AppSpec质量不达标"))
