"""PlanResult: what the plan agent (规划Agent) understood of the requirement."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from ingenio.camel import CamelModel
from ingenio.pipeline.appspec import HttpMethod


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Complexity(StrEnum):
    SIMPLE = "simple"
    MEDIUM = "medium"
    COMPLEX = "complex"


class Module(CamelModel):
    name: str
    description: str = ""
    priority: Priority = Priority.MEDIUM


class PlannedEntity(CamelModel):
    name: str = Field(description="PascalCase ASCII entity name, e.g. 'Product'")
    label: str = Field(description="name in the user's language, e.g. '商品'")
    description: str = ""
    key_attributes: list[str] = Field(default_factory=list, description="labels of main fields")


class PlannedEndpoint(CamelModel):
    method: HttpMethod
    path: str
    description: str = ""


class PlanResult(CamelModel):
    app_name: str = Field(description="PascalCase ASCII identifier, e.g. 'CampusMarketplace'")
    display_name: str = Field(description="name in the user's language")
    summary: str
    language: Literal["zh", "en"] = "zh"
    modules: list[Module] = Field(default_factory=list)
    entities: list[PlannedEntity] = Field(default_factory=list)
    features: list[str] = Field(default_factory=list)
    endpoints: list[PlannedEndpoint] = Field(default_factory=list)
    complexity: Complexity = Complexity.SIMPLE

    def result_summary(self) -> str:
        """The agent's one-line summary, as the contract shows it: 识别3个实体，5个API端点."""
        return f"识别{len(self.entities)}个实体，{len(self.endpoints)}个API端点"
