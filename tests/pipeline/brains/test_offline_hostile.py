"""The offline brain never fails: hostile, empty, huge or meaningless text gives a valid spec."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.pipeline.brains.test_offline_brain import assert_consistent
from tests.pipeline.eval import CASES

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.offline import OfflineBrain
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.validation.rules import check_spec

MEANINGLESS = [
    "asdf qwer",
    "！！！？？",
    "😀🎉🚀🔥",
    "",
    "   \n\t  ",
    "。，、；：？！……——",
    "'; DROP TABLE users; --",
    "*/ fun x() {}",
    "${System.exit(0)}",
    "<script>alert(1)</script>",
    "\x00\x01\x02 \u202e\u200b",
]
ODD = [
    "Build 一个 shop 系统 with 订单 and users 😀",
    "做一个商城 <img src=x onerror=alert(1)> 包括商品、订单",
    "管理`class`、`fun`、`object`、`when`、`order`、`user`、`group`",
    "图书" * 2500,  # exactly 5000 characters
    "x" * 5000,
    ("客户、供应商、" * 800)[:5000],
    "商品，" * 3000,  # over the API's limit: the brain still answers
]


async def _run(requirement: str) -> tuple[PlanResult, AppSpec]:
    brain, ctx = OfflineBrain(), BrainContext()
    plan = (await brain.plan(requirement, ctx)).value
    spec = (await brain.execute(requirement, plan, None, ctx)).value
    return plan, spec


@pytest.mark.parametrize("requirement", MEANINGLESS)
async def test_text_without_meaning_gives_a_valid_but_poor_spec(requirement: str) -> None:
    plan, spec = await _run(requirement)
    assert len(spec.models) == 1
    assert len(spec.models[0].fields) == 2
    report = check_spec(spec)
    assert report.is_valid
    assert report.quality_score < 60  # the quality gate asks for a clearer requirement
    assert "请补充" in plan.summary or "please name" in plan.summary
    assert_consistent(spec)


@pytest.mark.parametrize("requirement", ODD, ids=lambda r: repr(r[:20]))
async def test_odd_text_gives_a_valid_spec_with_safe_identifiers(requirement: str) -> None:
    _, spec = await _run(requirement)
    assert check_spec(spec).is_valid
    assert_consistent(spec)
    identifiers = [spec.app_name, *(m.name for m in spec.models)]
    identifiers += [f.name for m in spec.models for f in m.fields]
    assert all(i.isascii() and i.isidentifier() for i in identifiers)


async def test_requirement_text_reaches_labels_but_never_identifiers() -> None:
    hostile = "'; DROP TABLE x; -- */ ${System.exit(0)} </script><script>alert(1)</script>"
    _, spec = await _run(f"一个商城，管理商品和订单。{hostile}")
    assert {"Product", "Order"} <= {m.name for m in spec.models}
    assert hostile in spec.description  # kept as text, for the generator to escape
    identifiers = [spec.app_name, spec.package_name, *(m.name for m in spec.models)]
    identifiers += [m.table_name for m in spec.models]
    identifiers += [f.name for m in spec.models for f in m.fields]
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]*", i) for i in identifiers)
    assert not {"drop", "x", "system", "exit", "script", "alert"} & {i.lower() for i in identifiers}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
async def test_any_text_gives_a_valid_spec(requirement: str) -> None:
    _, spec = await _run(requirement)
    assert check_spec(spec).is_valid
    assert_consistent(spec)


_DUMP = textwrap.dedent(
    """
    import asyncio, hashlib, json, sys
    from ingenio.pipeline.brains.base import BrainContext
    from ingenio.pipeline.brains.offline import OfflineBrain

    async def main() -> None:
        brain, out = OfflineBrain(), {}
        for text in json.loads(sys.stdin.read()):
            plan = (await brain.plan(text, BrainContext())).value
            spec = (await brain.execute(text, plan, None, BrainContext())).value
            out[text] = hashlib.sha256(plan.to_json_bytes() + spec.to_json_bytes()).hexdigest()
        print(json.dumps(out))

    asyncio.run(main())
    """
)


async def test_the_same_requirement_gives_byte_identical_output_under_any_hash_seed() -> None:
    texts = [c.requirement for c in CASES] + MEANINGLESS + ODD[:3]
    here: dict[str, str] = {}
    for text in texts:
        plan, spec = await _run(text)
        here[text] = hashlib.sha256(plan.to_json_bytes() + spec.to_json_bytes()).hexdigest()
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DUMP],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        )
        assert json.loads(done.stdout) == here, f"output differs with PYTHONHASHSEED={seed}"
