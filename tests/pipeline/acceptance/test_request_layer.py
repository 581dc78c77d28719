"""Blank requirements stop at the request layer; the pipeline never sees them.

The API's body model is that layer for the service (the CLI's own check is in tests/cli).
Whitespace counts as blank in every form a user can type it, full-width spaces included.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ingenio.pipeline.request import MAX_REQUIREMENT_CHARS
from ingenio.tasks.schemas import CreateTaskBody


@pytest.mark.parametrize("blank", ["", " ", "\t\n\r\n", "\u3000\u3000", " \u00a0\u2003 "])
def test_a_blank_requirement_is_refused(blank: str) -> None:
    with pytest.raises(ValidationError, match="用户需求不能为空"):
        CreateTaskBody.model_validate({"userRequirement": blank})


def test_the_limit_is_5000_characters_inclusive() -> None:
    text = "图" * MAX_REQUIREMENT_CHARS
    assert CreateTaskBody.model_validate({"userRequirement": text}).user_requirement == text
    with pytest.raises(ValidationError, match="不能超过5000个字符"):
        CreateTaskBody.model_validate({"userRequirement": text + "书"})


def test_surrounding_whitespace_is_trimmed_before_the_pipeline() -> None:
    body = CreateTaskBody.model_validate({"userRequirement": "\u3000 图书管理系统 \n"})
    assert body.user_requirement == "图书管理系统"
