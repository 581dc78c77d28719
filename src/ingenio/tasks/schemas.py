"""Bodies and views of the task endpoints, field for field as the contract shows them.

Views keep every field, null or not (``null`` is a value clients test for). Strict types on the
request body: ``"true"`` is not a boolean and ``70.5`` is not a threshold, so a client bug shows
up as a 400 instead of a silently different task.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from ingenio.camel import CamelModel
from ingenio.pipeline.naming import package_name_problem
from ingenio.pipeline.request import MAX_REQUIREMENT_CHARS


class CreateTaskBody(CamelModel):
    user_requirement: str
    skip_validation: StrictBool = False
    quality_threshold: StrictInt = 70
    generate_preview: StrictBool = False
    package_name: str | None = None

    @field_validator("user_requirement", mode="before")
    @classmethod
    def _requirement(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise PydanticCustomError("ingenio", "用户需求不能为空")
        if isinstance(value, str) and "\x00" in value:
            # PostgreSQL text cannot hold NUL; refusing it keeps both backends identical.
            raise PydanticCustomError("ingenio", "用户需求包含不允许的空字符（\\u0000）")
        if isinstance(value, str) and len(value) > MAX_REQUIREMENT_CHARS:
            raise PydanticCustomError(
                "ingenio", f"用户需求不能超过{MAX_REQUIREMENT_CHARS}个字符（当前{len(value)}个）"
            )
        return value.strip() if isinstance(value, str) else value

    @field_validator("quality_threshold")
    @classmethod
    def _threshold(cls, value: int) -> int:
        if not 0 <= value <= 100:
            raise PydanticCustomError("ingenio", "质量评分阈值必须在0到100之间")
        return value

    @field_validator("package_name")
    @classmethod
    def _package(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        problem = package_name_problem(value.strip())
        if problem:
            raise PydanticCustomError("ingenio", f"包名无效：{problem}")
        return value.strip()


class TokenUsageView(CamelModel):
    plan_tokens: int = 0
    execute_tokens: int = 0
    validate_tokens: int = 0
    total_tokens: int = 0
    estimated_cost: float | None = 0.0


class AgentView(CamelModel):
    agent_type: str
    agent_name: str
    status: str
    status_description: str
    started_at: str | None = None
    completed_at: str | None = None
    duration_ms: int | None = None
    progress: int = 0
    result_summary: str | None = None
    error_message: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


class TaskStatusView(CamelModel):
    task_id: str
    task_name: str
    user_requirement: str
    status: str
    status_description: str
    current_agent: str | None
    progress: int
    agents: list[AgentView]
    started_at: str | None
    completed_at: str | None
    estimated_remaining_seconds: int
    app_spec_id: str | None
    quality_score: int | None
    download_url: str | None
    preview_url: str | None
    token_usage: TokenUsageView
    error_message: str | None
    created_at: str | None
    updated_at: str | None


def task_name_for(requirement: str) -> str:
    """The first 20 characters of the requirement, plus ``...`` when it is longer."""
    text = " ".join(requirement.split())
    return text if len(text) <= 20 else text[:20] + "..."
