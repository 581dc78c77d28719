"""What the benchmark loads: tasks that look like the ones the service writes.

Every task belongs to one of the users; one user (``heavy``) has 5,000 tasks for the deep-page
figures, one (``hundred``) exactly 100, the rest share what is left. Statuses are terminal
(85% completed, 10% failed at the quality gate, 5% cancelled during execute): a live status
would be resumed by the server's recovery at start-up and run on the CPU being measured.

Every task has its agents (timings, summaries, per-agent usage) and its token usage. The
documents a finished task carries (plan, AppSpec, quality report, project manifest; about
27 KB as SQLite stores them) are real outputs of the offline pipeline. They are loaded on every
task of the two list users and on a share of the others (``documented``), and the status
figures read only documented tasks: a status read on a cache miss pays for those documents, so
the tasks it reads must have them; loading them on all 100,000 rows (2.7 GB on SQLite) would
take most of the benchmark's time budget on this machine. No event history is loaded: it is
kept for two days and these tasks are spread over ninety.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ingenio.pipeline.brains.offline import OfflineBrain
from ingenio.pipeline.events import STAGES, Stage
from ingenio.pipeline.request import GenerationRequest
from ingenio.pipeline.run import run_pipeline
from ingenio.pipeline.usage import TokenUsage
from ingenio.tasks.schemas import task_name_for
from ingenio.tasks.status import AGENT_NAMES, AgentStatus
from ingenio.tasks.usage import usage_document

REQUIREMENTS = (
    "一个系统，管理以下业务对象：客户、订单、商品",
    "一个图书管理系统，管理图书和借阅记录",
    "一个博客，管理文章和评论",
    "创建一个校园二手交易平台，支持商品发布、搜索、聊天和交易评价",
    "医院预约挂号系统，患者在线预约医生",
    "A todo app with tasks and tags",
)
GATE_MESSAGE = "质量评分(55)低于阈值(70)，请优化需求后重试"
# gpt-4o-mini, USD per token: the usage documents look like an LLM brain's.
PRICE_IN, PRICE_OUT = 0.15e-6, 0.60e-6
REACHED = {"completed": 4, "failed": 3, "cancelled": 2}  # stages each status got to


@dataclass(frozen=True)
class Docs:
    """One app's stage outputs, serialised once (as SQLAlchemy's JSON type would)."""

    requirement: str
    app_slug: str
    plan: str
    spec: str
    report: str
    project: str
    summaries: dict[Stage, str]
    score: int


@dataclass(frozen=True)
class User:
    user_id: uuid.UUID
    tenant_id: uuid.UUID


@dataclass
class Dataset:
    users: list[User]
    heavy: int  # index of the user with the most tasks
    hundred: int  # index of the user with exactly 100 tasks
    task_ids: list[uuid.UUID]
    owners: list[int]  # owners[i] is the user index of task_ids[i]
    statuses: list[str]
    documented: list[bool]

    def count(self, user: int, status: str | None = None) -> int:
        return sum(
            1
            for o, s in zip(self.owners, self.statuses, strict=True)
            if o == user and (status is None or s == status)
        )

    def outside_lists(self) -> list[int]:
        """Indexes of every task outside the two list users."""
        lists = (self.heavy, self.hundred)
        return [i for i, owner in enumerate(self.owners) if owner not in lists]

    def documented_tasks(self) -> list[int]:
        """Indexes of tasks that carry their documents, outside the two list users."""
        lists = (self.heavy, self.hundred)
        return [i for i, d in enumerate(self.documented) if d and self.owners[i] not in lists]


def plan_dataset(
    tasks: int, users: int, heavy_tasks: int, documented_share: float, seed: int = 5
) -> Dataset:
    rng = random.Random(seed)
    people = [User(_uuid(rng), _uuid(rng)) for _ in range(users)]
    counts = [heavy_tasks, 100]
    rest, others = tasks - heavy_tasks - 100, users - 2
    counts += [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    owners = [u for u, n in enumerate(counts) for _ in range(n)]
    rng.shuffle(owners)
    statuses = rng.choices(list(REACHED), [85, 10, 5], k=len(owners))
    documented = [o in (0, 1) or rng.random() < documented_share for o in owners]
    return Dataset(people, 0, 1, [_uuid(rng) for _ in owners], owners, statuses, documented)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def build_docs(requirements: tuple[str, ...] = REQUIREMENTS) -> list[Docs]:
    return asyncio.run(_build_docs(requirements))


async def _build_docs(requirements: tuple[str, ...]) -> list[Docs]:
    brain, out = OfflineBrain(), []
    for requirement in requirements:
        r = await run_pipeline(GenerationRequest(requirement), brain)
        out.append(
            Docs(
                requirement=requirement,
                app_slug=r.project.summary.app_name.lower(),
                plan=json.dumps(r.plan.model_dump(mode="json")),
                spec=json.dumps(r.app_spec.model_dump(mode="json")),
                report=json.dumps(r.report.model_dump(mode="json")),
                project=json.dumps(r.project.model_dump(mode="json")),
                summaries={
                    Stage.PLAN: r.plan.result_summary(),
                    Stage.EXECUTE: f"生成AppSpec：{len(r.app_spec.models)}个实体",
                    Stage.VALIDATE: f"质量评分{r.report.quality_score}",
                    Stage.GENERATE: r.project.result_summary(),
                },
                score=r.report.quality_score,
            )
        )
    return out


class RowFactory:
    """Builds task rows; JSON columns come out as JSON text, everything else as Python values."""

    def __init__(self, ds: Dataset, docs: list[Docs], seed: int = 11) -> None:
        self.ds, self.docs = ds, docs
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC)
        # Usage documents go through the service's own builder, once per variant: per row it
        # would cost more than everything else together.
        self.usages = {reached: [self._usage(reached) for _ in range(64)] for reached in (2, 3, 4)}

    def _usage(self, reached: int) -> tuple[dict[str, dict[str, Any]], str]:
        stages: dict[str, dict[str, Any]] = {}
        ranges = {"plan": (900, 600), "execute": (2500, 5000), "validate": (3000, 500)}
        for stage in ("plan", "execute", "validate")[: min(reached, 3)]:
            p, c = (self.rng.randint(n, 2 * n) for n in ranges[stage])
            cost = round(p * PRICE_IN + c * PRICE_OUT, 8)
            usage = TokenUsage(prompt_tokens=p, completion_tokens=c, calls=1, cost=cost)
            stages[stage] = usage.model_dump(mode="json")
        return stages, json.dumps(usage_document(stages))

    def row(self, i: int) -> dict[str, Any]:
        ds, rng = self.ds, self.rng
        status, doc = ds.statuses[i], self.docs[i % len(self.docs)]
        reached, full = REACHED[status], ds.documented[i]
        user = ds.users[ds.owners[i]]
        created = self.now - timedelta(seconds=rng.uniform(60, 90 * 86400))
        started = created + timedelta(milliseconds=rng.uniform(5, 400))
        stages, usage_json = rng.choice(self.usages[reached])
        agents, at = [], started
        for n, stage in enumerate(STAGES):
            duration = rng.randint(*_DURATIONS[stage])
            agents.append(_agent(stage, n, reached, status, at, duration, doc, stages))
            at += timedelta(milliseconds=duration) if n < reached else timedelta()
        done = status == "completed"
        return {
            "id": ds.task_ids[i],
            "tenant_id": user.tenant_id,
            "user_id": user.user_id,
            "task_name": task_name_for(doc.requirement),
            "user_requirement": doc.requirement,
            "status": status,
            "current_agent": STAGES[reached - 1].value,
            "progress": {4: 100, 3: 62, 2: 40}[reached],
            "agents_info": json.dumps(agents),
            "plan_result": doc.plan if full else None,
            "app_spec_content": doc.spec if full and reached >= 3 else None,
            "validate_result": doc.report if full and reached >= 3 else None,
            "app_spec_id": uuid.UUID(int=ds.task_ids[i].int ^ 1) if reached >= 3 else None,
            "quality_score": (doc.score if done else 55) if reached >= 3 else None,
            "token_usage": usage_json,
            "error_message": GATE_MESSAGE if status == "failed" else None,
            "started_at": started,
            "completed_at": at,
            "created_at": created,
            "updated_at": at,
            "skip_validation": False,
            "quality_threshold": 70,
            "generate_preview": i % 2 == 0,
            "package_name": None,
            "attempt": 1,
            "version": 5 + 3 * reached,
            "deadline_at": started + timedelta(minutes=30),
            "cancel_requested_at": at if status == "cancelled" else None,
            "generate_result": doc.project if full and done else None,
            "zip_key": f"tasks/{ds.task_ids[i]}/{doc.app_slug}.zip" if done else None,
            "preview_key": f"tasks/{ds.task_ids[i]}/preview.html" if done and i % 2 == 0 else None,
        }


_DURATIONS = {
    Stage.PLAN: (800, 3000),
    Stage.EXECUTE: (2000, 9000),
    Stage.VALIDATE: (300, 1500),
    Stage.GENERATE: (200, 900),
}


def _agent(
    stage: Stage,
    n: int,
    reached: int,
    status: str,
    at: datetime,
    duration: int,
    doc: Docs,
    usage: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """An ``agents_info`` entry, field for field as ``AgentView`` dumps it."""
    last, done = n == reached - 1, n < reached
    if not done:
        state = AgentStatus.PENDING
    elif last and status == "failed":
        state = AgentStatus.FAILED
    elif last and status == "cancelled":
        state = AgentStatus.CANCELLED
    else:
        state = AgentStatus.COMPLETED
    completed = state is AgentStatus.COMPLETED
    return {
        "agentType": stage.value,
        "agentName": AGENT_NAMES[stage],
        "status": state.value,
        "statusDescription": state.description,
        "startedAt": _iso(at) if done else None,
        "completedAt": _iso(at + timedelta(milliseconds=duration)) if done else None,
        "durationMs": duration if done else None,
        "progress": 100 if completed else 0,
        "resultSummary": doc.summaries[stage] if completed else None,
        "errorMessage": GATE_MESSAGE if state is AgentStatus.FAILED else None,
        "metadata": {"usage": usage[stage.value]} if done and stage.value in usage else {},
    }


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
