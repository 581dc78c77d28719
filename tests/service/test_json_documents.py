"""How JSON columns are written and read: orjson, reading what earlier versions wrote."""

from __future__ import annotations

import json
import math

from ingenio.db import json_text, json_value


def test_a_document_is_stored_as_compact_utf8_json_and_read_back_equal() -> None:
    agents = [{"agentName": "需求规划", "progress": 100, "metadata": {"entities": ["客户"]}}]
    text = json_text(agents)
    assert "需求规划" in text  # not \\u escapes: a third of the bytes for Chinese text
    assert json.loads(text) == agents
    assert json_value(text) == agents
    assert json_value(text.encode()) == agents


def test_keys_that_are_not_strings_are_written_as_strings_as_before() -> None:
    assert json_value(json_text({1: "a", 2.5: "b"})) == json.loads(json.dumps({1: "a", 2.5: "b"}))


def test_documents_written_by_earlier_versions_still_read() -> None:
    # The json module escaped non-ASCII text and wrote NaN, which orjson refuses to parse.
    old = json.dumps({"taskName": "图书管理", "cost": float("nan"), "usage": [1, 2]})
    doc = json_value(old)
    assert doc["taskName"] == "图书管理"
    assert doc["usage"] == [1, 2]
    assert math.isnan(doc["cost"])
