"""Task and agent states, with the contract's exact values and Chinese descriptions."""

from __future__ import annotations

from enum import StrEnum

from ingenio.pipeline.events import Stage


class TaskStatus(StrEnum):
    PENDING = "pending"
    PLANNING = "planning"
    EXECUTING = "executing"
    VALIDATING = "validating"
    GENERATING = "generating"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def description(self) -> str:
        return TASK_DESCRIPTIONS[self]

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL


TASK_DESCRIPTIONS = {
    TaskStatus.PENDING: "等待执行",
    TaskStatus.PLANNING: "需求规划中",
    TaskStatus.EXECUTING: "AppSpec生成中",
    TaskStatus.VALIDATING: "质量验证中",
    TaskStatus.GENERATING: "代码生成中",
    TaskStatus.COMPLETED: "任务完成",
    TaskStatus.FAILED: "任务失败",
    TaskStatus.CANCELLED: "任务取消",
}

TERMINAL = frozenset({TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED})
CANCELLABLE = frozenset(TaskStatus) - TERMINAL
TERMINAL_VALUES = tuple(s.value for s in TERMINAL)
CANCELLABLE_VALUES = tuple(s.value for s in CANCELLABLE)

STAGE_STATUS = {
    Stage.PLAN: TaskStatus.PLANNING,
    Stage.EXECUTE: TaskStatus.EXECUTING,
    Stage.VALIDATE: TaskStatus.VALIDATING,
    Stage.GENERATE: TaskStatus.GENERATING,
}


class AgentStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def description(self) -> str:
        return AGENT_DESCRIPTIONS[self]


AGENT_DESCRIPTIONS = {
    AgentStatus.PENDING: "等待中",
    AgentStatus.RUNNING: "运行中",
    AgentStatus.COMPLETED: "已完成",
    AgentStatus.FAILED: "失败",
    AgentStatus.CANCELLED: "已取消",
}

AGENT_NAMES = {
    Stage.PLAN: "规划Agent",
    Stage.EXECUTE: "执行Agent",
    Stage.VALIDATE: "验证Agent",
    Stage.GENERATE: "代码生成Agent",
}


def timeout_message(timeout_seconds: float) -> str:
    """任务执行超时（超过30分钟）, in seconds when the limit is not a whole number of minutes."""
    if timeout_seconds >= 60 and timeout_seconds % 60 == 0:
        return f"任务执行超时（超过{int(timeout_seconds // 60)}分钟）"
    return f"任务执行超时（超过{timeout_seconds:g}秒）"
