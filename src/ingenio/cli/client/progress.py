"""The progress of a task being waited for: a live board on a terminal, plain lines elsewhere.

A log file or a CI job gets one line per agent change rather than a redrawn board: redraws there
are either lost (only the last frame is kept) or repeated hundreds of times.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol

from rich.console import Console, RenderableType
from rich.live import Live
from rich.text import Text

from ingenio.cli.client import render

View = dict[str, Any]
_TASK_LINES = frozenset({"pending", "completed", "failed", "cancelled"})


class ProgressDisplay(Protocol):
    def update(self, view: View) -> None: ...

    def notice(self, message: str) -> None: ...

    def __enter__(self) -> ProgressDisplay: ...

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def progress_display(console: Console, task_id: str) -> ProgressDisplay:
    if console.is_terminal and not console.is_dumb_terminal:
        return LiveProgress(console, task_id)
    return LineProgress(console)


class LiveProgress:
    """A board redrawn four times a second, so a running agent's clock keeps ticking between
    events; the last frame stays on screen when the task ends."""

    def __init__(self, console: Console, task_id: str) -> None:
        self._console = console
        self._view: View = {"taskId": task_id, "statusDescription": "连接中", "agents": []}
        self._live = Live(
            get_renderable=self._render, console=console, refresh_per_second=4, transient=False
        )

    def update(self, view: View) -> None:
        self._view = view
        self._live.refresh()

    def notice(self, message: str) -> None:
        self._console.print(Text(message, style="yellow"))

    def _render(self) -> RenderableType:
        return render.progress_board(self._view, render.utc_now())

    def __enter__(self) -> LiveProgress:
        self._live.start()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._live.stop()


class LineProgress:
    """One line whenever an agent changes state, prefixed by the overall progress."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._seen: dict[str, str] = {}
        self._task_status = ""

    def update(self, view: View) -> None:
        prefix = f"[{int(view.get('progress') or 0):>3d}%] "
        status = str(view.get("status", ""))
        for agent in view.get("agents") or []:
            key, state = str(agent.get("agentType")), str(agent.get("status"))
            if self._seen.get(key, "pending") != state:
                self._seen[key] = state
                self._print(Text(prefix) + render.agent_line(agent, None))
        # The task's own state only matters where the agents say nothing: queued, and the end.
        if status != self._task_status and status in _TASK_LINES:
            self._print(Text(prefix) + render.task_status_text(view))
        self._task_status = status

    def notice(self, message: str) -> None:
        self._print(Text(message))

    def _print(self, line: Text) -> None:
        self._console.print(line, highlight=False, soft_wrap=True)

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None
