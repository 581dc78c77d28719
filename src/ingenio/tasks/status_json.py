"""The status view's JSON built straight from a row's values: what every state change, every
create and every cache miss serialises.

Building the ``TaskStatusView`` model (one ``AgentView`` validated per agent) and dumping it took
85 µs a task; this takes about 15. The models stay the definition: the field names, order and
defaults here are read from them, the output is tested equal to theirs
(``tests/service/test_status_json.py``), and anything this fast path does not recognise (a key
or a type the models would convert or refuse) goes through the models themselves.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel

from ingenio.tasks.schemas import AgentView, TaskStatusView, TokenUsageView


def _defaults(model: type[BaseModel]) -> tuple[tuple[str, Any, bool], ...]:
    """(wire name, default, required) of each field, in the model's order."""
    out = []
    for name, field in model.model_fields.items():
        required = field.is_required()
        default = None if required else field.get_default(call_default_factory=True)
        out.append((field.alias or name, default, required))
    return tuple(out)


_AGENT_FIELDS = _defaults(AgentView)
_AGENT_NAMES = frozenset(name for name, _, _ in _AGENT_FIELDS)
# Wire names of AgentView whose values must be strings / ints (or null where optional).
_AGENT_STR = frozenset(
    {"agentType", "agentName", "status", "statusDescription", "startedAt", "completedAt"}
    | {"resultSummary", "errorMessage"}
)
_AGENT_INT = frozenset({"durationMs", "progress"})
# (Python name, wire name) of TaskStatusView's fields, in order.
_VIEW_FIELDS = tuple((name, f.alias or name) for name, f in TaskStatusView.model_fields.items())
_VIEW_INT = frozenset({"progress", "estimated_remaining_seconds"})
_VIEW_OPTIONAL_INT = frozenset({"quality_score"})
_USAGE_INT = ("planTokens", "executeTokens", "validateTokens", "totalTokens")


class NotCanonical(Exception):
    """A value the models would convert or refuse: render through them instead."""


def _kinds(name: str, required: bool) -> tuple[type, ...]:
    """The types a stored agent's field may have for the fast path to copy it unchanged."""
    if name == "metadata":
        return (dict,)
    kinds: tuple[type, ...] = (str,) if name in _AGENT_STR else (int,)
    return kinds if required or name == "progress" else (*kinds, type(None))


_AGENT_ORDER = tuple(name for name, _, _ in _AGENT_FIELDS)
_AGENT_KINDS = tuple((name, _kinds(name, required)) for name, _, required in _AGENT_FIELDS)


def _agent(stored: Any) -> dict[str, Any]:
    # Most stored agents are already the view (every field, in order, of the right type): then
    # they are written as they are, without a copy. Checked field by field, since a stored
    # document may come from an older version.
    if type(stored) is dict and tuple(stored) == _AGENT_ORDER:
        for name, kinds in _AGENT_KINDS:
            if type(stored[name]) not in kinds:
                break
        else:
            return stored
    return _agent_filled(stored)


def _agent_filled(stored: Any) -> dict[str, Any]:
    """The view of an agent with fields missing or out of order; NotCanonical if it is not
    one the fast path can render."""
    if not isinstance(stored, dict) or not _AGENT_NAMES.issuperset(stored):
        raise NotCanonical
    out: dict[str, Any] = {}
    for name, default, required in _AGENT_FIELDS:
        if name in stored:
            value = stored[name]
        elif required:
            raise NotCanonical
        else:
            value = {} if name == "metadata" else default
        if value is not None:
            if name in _AGENT_STR and type(value) is not str:
                raise NotCanonical
            if name in _AGENT_INT and type(value) is not int:
                raise NotCanonical
            if name == "metadata" and not isinstance(value, dict):
                raise NotCanonical
        elif required or name in ("progress", "metadata"):
            raise NotCanonical
        out[name] = value
    return out


def _usage(stored: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _USAGE_INT:
        value = stored.get(name, 0)
        if type(value) is not int:
            raise NotCanonical
        out[name] = value
    cost = stored.get("estimatedCost", 0.0)
    if cost is not None and type(cost) is not float:
        raise NotCanonical
    out["estimatedCost"] = cost
    return out


def dumps(fields: dict[str, Any]) -> bytes:
    """``fields`` (TaskStatusView's, by Python name; ``agents`` as stored, ``token_usage`` the
    stored usage document) as the view's JSON bytes."""
    try:
        view: dict[str, Any] = {}
        for name, wire in _VIEW_FIELDS:
            value = fields[name]
            if name == "agents":
                value = [_agent(a) for a in value]
            elif name == "token_usage":
                value = _usage(value)
            elif name in _VIEW_INT and type(value) is not int:
                raise NotCanonical
            elif name in _VIEW_OPTIONAL_INT and value is not None and type(value) is not int:
                raise NotCanonical
            view[wire] = value
    except NotCanonical:
        return through_models(fields)
    return orjson.dumps(view)


def through_models(fields: dict[str, Any]) -> bytes:
    """The reference rendering: the pydantic models, validating and converting every value."""
    return model(fields).to_json_bytes()


def model(fields: dict[str, Any]) -> TaskStatusView:
    usage = fields["token_usage"]
    return TaskStatusView(
        **{
            **fields,
            "agents": [AgentView.model_validate(a) for a in fields["agents"]],
            "token_usage": TokenUsageView(
                plan_tokens=usage.get("planTokens", 0),
                execute_tokens=usage.get("executeTokens", 0),
                validate_tokens=usage.get("validateTokens", 0),
                total_tokens=usage.get("totalTokens", 0),
                estimated_cost=usage.get("estimatedCost", 0.0),
            ),
        }
    )
