"""``ingenio schema NAME``: the JSON Schema of the pipeline's models (camelCase, as on the wire).

The same schemas are committed under docs/schemas/ for readers who never run the tool; a test
keeps them equal to the models.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from pydantic import BaseModel

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.project import GeneratedProject
from ingenio.pipeline.report import ValidationReport


class SchemaName(StrEnum):
    APPSPEC = "appspec"
    PLAN = "plan"
    REPORT = "report"
    PROJECT = "project"


MODELS: dict[SchemaName, type[BaseModel]] = {
    SchemaName.APPSPEC: AppSpec,
    SchemaName.PLAN: PlanResult,
    SchemaName.REPORT: ValidationReport,
    SchemaName.PROJECT: GeneratedProject,
}


def schema_text(name: SchemaName) -> str:
    schema = MODELS[name].model_json_schema(by_alias=True, mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def register(app: typer.Typer) -> None:
    app.command("schema", help="输出流水线模型的 JSON Schema（appspec / plan / report / project）")(
        schema
    )


def schema(name: Annotated[SchemaName, typer.Argument(help="模型名称")]) -> None:
    typer.echo(schema_text(name), nl=False)
