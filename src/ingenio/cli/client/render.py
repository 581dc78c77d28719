"""How a task looks on a terminal: one line per agent, the usage line, the summary, the list."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

View = dict[str, Any]

_MARKS = {
    "pending": ("·", "dim"),
    "running": ("▶", "cyan"),
    "completed": ("✔", "green"),
    "failed": ("✖", "red"),
    "cancelled": ("■", "yellow"),
}
_TASK_STYLES = {"completed": "green", "failed": "red", "cancelled": "yellow", "pending": "dim"}


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def duration_text(ms: int | None) -> str:
    if ms is None:
        return ""
    if ms < 1000:
        return f"{ms} ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}分{rest:02d}秒"


def agent_duration(agent: View, now: datetime) -> str:
    """The finished agent's duration, or the running one's time so far."""
    if agent.get("durationMs") is not None:
        return duration_text(int(agent["durationMs"]))
    started = parse_time(agent.get("startedAt"))
    if agent.get("status") == "running" and started is not None:
        return duration_text(max(0, int((now - started).total_seconds() * 1000)))
    return ""


def agent_note(agent: View) -> str:
    if agent.get("errorMessage"):
        return str(agent["errorMessage"])
    return str(agent.get("resultSummary") or "")


def agent_mark(status: str) -> Text:
    symbol, style = _MARKS.get(status, ("?", ""))
    return Text(symbol, style=style)


def agent_line(agent: View, now: datetime | None) -> Text:
    """``✔ 规划Agent 已完成（204 ms） 识别4个实体``: the plain-text form. Without ``now``, a
    running agent shows no clock (a log line would freeze it at a meaningless value)."""
    status = str(agent.get("status", ""))
    line = (
        agent_mark(status) + f" {agent.get('agentName', '')} {agent.get('statusDescription', '')}"
    )
    if now is None and agent.get("durationMs") is None:
        duration = ""
    else:
        duration = agent_duration(agent, now or utc_now())
    if duration:
        line.append(f"（{duration}）")
    if note := agent_note(agent):
        line.append(" " + note, style="red" if agent.get("errorMessage") else "")
    return line


def usage_text(view: View) -> str:
    usage = view.get("tokenUsage") or {}
    cost = usage.get("estimatedCost")
    cost_text = "费用未知" if cost is None else f"费用约 ${float(cost):.4f}"
    return f"Token {int(usage.get('totalTokens') or 0):,}（{cost_text}）"


def remaining_text(view: View) -> str:
    seconds = int(view.get("estimatedRemainingSeconds") or 0)
    if view.get("status") in ("completed", "failed", "cancelled"):
        return ""
    if seconds <= 0:
        return "即将完成"
    if seconds < 90:
        return f"预计剩余 {seconds} 秒"
    return f"预计剩余约 {round(seconds / 60)} 分钟"


def task_status_text(view: View) -> Text:
    status = str(view.get("status", ""))
    return Text(
        str(view.get("statusDescription") or status), style=_TASK_STYLES.get(status, "cyan")
    )


def progress_board(view: View, now: datetime) -> RenderableType:
    """The live display: the overall bar, one row per agent, usage and time left."""
    head = Table.grid(padding=(0, 1))
    head.add_row(
        # The full id is on stdout already; eight characters tell tasks apart on a screen.
        Text(f"任务 {str(view.get('taskId', ''))[:8]}", style="bold"),
        task_status_text(view),
        ProgressBar(total=100, completed=int(view.get("progress") or 0), width=30),
        Text(f"{int(view.get('progress') or 0):>3d}%"),
    )
    # Fixed widths for everything but the summary, which takes what is left (and is cut with
    # an ellipsis): on an 80-column terminal rich would otherwise squeeze out whole columns.
    rows = Table.grid(padding=(0, 1), expand=True)
    rows.add_column(width=1, no_wrap=True)
    rows.add_column(width=13, no_wrap=True)
    rows.add_column(width=16, no_wrap=True)
    rows.add_column(justify="right", width=4, no_wrap=True)
    rows.add_column(width=6, no_wrap=True)
    rows.add_column(justify="right", width=8, no_wrap=True)
    rows.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
    for agent in view.get("agents") or []:
        progress = int(agent.get("progress") or 0)
        rows.add_row(
            agent_mark(str(agent.get("status", ""))),
            str(agent.get("agentName", "")),
            ProgressBar(total=100, completed=progress, width=16),
            f"{progress}%",
            str(agent.get("statusDescription", "")),
            agent_duration(agent, now),
            Text(agent_note(agent), style="red" if agent.get("errorMessage") else "dim"),
        )
    footer = "  ·  ".join(t for t in (usage_text(view), remaining_text(view)) if t)
    return Group(head, rows, Text(footer, style="dim"))


def status_summary(view: View, now: datetime) -> RenderableType:
    """``ingenio status``: what a person wants to know about a task, in a dozen lines."""
    lines: list[RenderableType] = [
        Text(f"任务 {view.get('taskId', '')}", style="bold") + f"  {view.get('taskName', '')}",
        Text("状态：") + task_status_text(view) + f"（{int(view.get('progress') or 0)}%）",
    ]
    lines += [Text("  ") + agent_line(agent, now) for agent in view.get("agents") or []]
    if view.get("qualityScore") is not None:
        lines.append(Text(f"质量评分：{view['qualityScore']}/100"))
    lines.append(Text(usage_text(view)))
    if remaining := remaining_text(view):
        lines.append(Text(remaining))
    if view.get("errorMessage"):
        lines.append(Text(f"失败原因：{view['errorMessage']}", style="red"))
    if view.get("downloadUrl"):
        lines.append(Text(f"下载：{download_command(view)}"))
    return Group(*lines)


def download_command(view: View) -> str:
    name = str(view.get("downloadUrl") or "").split("?", 1)[0].rsplit("/", 1)[-1] or "app.zip"
    return f"ingenio download {view.get('taskId', '')} -o {name}"


def tasks_table(page: View) -> Table:
    table = Table(
        caption=f"第 {page.get('pageNum', 1)}/{max(1, int(page.get('pages') or 0))} 页，"
        f"共 {page.get('total', 0)} 个任务",
    )
    table.add_column("任务ID", no_wrap=True, min_width=36)
    table.add_column("名称", overflow="ellipsis", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("进度", justify="right", no_wrap=True)
    table.add_column("评分", justify="right", no_wrap=True)
    table.add_column("创建时间", no_wrap=True)
    for task in page.get("tasks") or []:
        created = parse_time(task.get("createdAt"))
        score = task.get("qualityScore")
        table.add_row(
            str(task.get("taskId", "")),
            str(task.get("taskName", "")),
            task_status_text(task),
            f"{int(task.get('progress') or 0)}%",
            "" if score is None else str(score),
            created.astimezone().strftime("%Y-%m-%d %H:%M") if created else "",
        )
    return table


def utc_now() -> datetime:
    return datetime.now(UTC)
