"""The UI's two languages: the same strings in both, and every key the code asks for."""

from __future__ import annotations

import re
from pathlib import Path

from ingenio.pipeline.events import STAGES
from ingenio.tasks.status import AgentStatus, TaskStatus
from ingenio.web.routes import STATIC_DIR

JS_DIR = STATIC_DIR / "js"


def _keys(path: Path) -> set[str]:
    return set(re.findall(r"^\s*'([\w.]+)':", path.read_text(), flags=re.MULTILINE))


def test_both_languages_have_every_string() -> None:
    zh, en = _keys(JS_DIR / "strings-zh.js"), _keys(JS_DIR / "strings-en.js")
    assert zh == en
    used: set[str] = set()
    for source in JS_DIR.rglob("*.js"):
        used |= set(re.findall(r"\bt\('([\w.]+)'", source.read_text()))
    assert used - zh == set()
    # Keys built at run time from the API's values.
    dynamic = {f"status.{s.value}" for s in TaskStatus}
    dynamic |= {f"agentStatus.{s.value}" for s in AgentStatus}
    dynamic |= {f"agent.{s.value}" for s in STAGES}
    assert dynamic - zh == set()


def test_the_chinese_statuses_are_the_contracts() -> None:
    text = (JS_DIR / "strings-zh.js").read_text()
    for status in TaskStatus:
        assert f"'status.{status.value}': '{status.description}'," in text
    for agent_status in AgentStatus:
        assert f"'agentStatus.{agent_status.value}': '{agent_status.description}'," in text
