"""The fast status JSON is byte for byte what the pydantic models produce, for any stored row."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.service.conftest import ApiFactory

from ingenio.tasks import status_json
from ingenio.tasks.repository import TaskRepository

text = st.text(max_size=30)
maybe_text = st.none() | text
json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
)
metadata = st.dictionaries(st.text(max_size=8), json_leaf, max_size=4)

canonical_agent = st.fixed_dictionaries(
    {
        "agentType": st.sampled_from(["PLAN", "EXECUTE", "VALIDATE", "GENERATE"]),
        "agentName": text,
        "status": st.sampled_from(["pending", "running", "completed", "failed"]),
        "statusDescription": text,
    },
    optional={
        "startedAt": maybe_text,
        "completedAt": maybe_text,
        "durationMs": st.none() | st.integers(0, 10**9),
        "progress": st.integers(0, 100),
        "resultSummary": maybe_text,
        "errorMessage": maybe_text,
        "metadata": metadata,
    },
)
# What older or foreign writers might have stored: the models convert or refuse these.


def _oddities(a: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.sampled_from(
        [
            {**a, "progress": float(a.get("progress") or 0)},
            {**a, "durationMs": str(a.get("durationMs") or 5)},
            {"agent_type": a["agentType"], **{k: v for k, v in a.items() if k != "agentType"}},
        ]
    )


odd_agent = canonical_agent.flatmap(_oddities)
# Every field, in the view's order, as most stored agents are (the fast path copies those
# unchanged), with values of the right type or, sometimes, of any type a document may hold.
any_value = json_leaf | metadata


def _complete(right: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return right | any_value


complete_agent = st.fixed_dictionaries(
    {
        "agentType": _complete(st.sampled_from(["PLAN", "EXECUTE", "VALIDATE", "GENERATE"])),
        "agentName": _complete(text),
        "status": _complete(st.sampled_from(["pending", "running", "completed", "failed"])),
        "statusDescription": _complete(text),
        "startedAt": _complete(maybe_text),
        "completedAt": _complete(maybe_text),
        "durationMs": _complete(st.none() | st.integers(0, 10**9)),
        "progress": _complete(st.integers(0, 100)),
        "resultSummary": _complete(maybe_text),
        "errorMessage": _complete(maybe_text),
        "metadata": _complete(metadata),
    }
)
usage = st.fixed_dictionaries(
    {},
    optional={
        "planTokens": st.integers(0, 10**7),
        "executeTokens": st.integers(0, 10**7),
        "validateTokens": st.integers(0, 10**7),
        "totalTokens": st.integers(0, 10**7) | st.floats(0, 1e7).map(float),
        "estimatedCost": st.none() | st.integers(0, 5) | st.floats(0, 1e4, allow_nan=False),
        "calls": st.integers(0, 9),
    },
)
fields = st.fixed_dictionaries(
    {
        "task_id": st.uuids().map(str),
        "task_name": text,
        "user_requirement": text,
        "status": st.sampled_from(["pending", "planning", "completed", "failed"]),
        "status_description": text,
        "current_agent": maybe_text,
        "progress": st.integers(0, 100),
        "agents": st.lists(canonical_agent | complete_agent | odd_agent, max_size=4),
        "started_at": maybe_text,
        "completed_at": maybe_text,
        "estimated_remaining_seconds": st.integers(0, 10**6),
        "app_spec_id": st.none() | st.uuids().map(str),
        "quality_score": st.none() | st.integers(0, 100),
        "download_url": maybe_text,
        "preview_url": maybe_text,
        "token_usage": usage,
        "error_message": maybe_text,
        "created_at": maybe_text,
        "updated_at": maybe_text,
    }
)


def reference(values: dict[str, Any]) -> bytes | type[Exception]:
    try:
        return status_json.through_models(values)
    except Exception as exc:  # the models refuse it: the fast path must refuse it too
        return type(exc)


def fast(values: dict[str, Any]) -> bytes | type[Exception]:
    try:
        return status_json.dumps(values)
    except Exception as exc:
        return type(exc)


@settings(max_examples=400, deadline=None)
@given(fields)
def test_any_stored_row_renders_exactly_as_the_models_render_it(values: dict[str, Any]) -> None:
    assert fast(values) == reference(values)


async def test_every_state_a_real_task_went_through_renders_as_the_models_do(
    make_api: ApiFactory,
) -> None:
    async with make_api() as api:
        user = await api.register()
        ids = [await api.create_ok(user, generatePreview=True) for _ in range(2)]
        ids.append(await api.create_ok(user, "一个", skipValidation=False, qualityThreshold=100))
        for task_id in ids:
            await api.wait(user, task_id)
        views = api.container.publisher.views
        async with api.container.sessions() as session:
            repo = TaskRepository(session)
            for task_id in ids:
                row = await repo.get(uuid.UUID(task_id))
                assert row is not None
                values = views.status_fields(row)
                assert status_json.dumps(values) == status_json.through_models(values)
                served = await api.status(user, task_id)
                assert served["agents"] == views.status(row).model_dump(mode="json")["agents"]
