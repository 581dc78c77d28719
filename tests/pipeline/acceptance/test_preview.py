"""Every generated preview, in headless chromium with the network refused: it loads without a
console error, runs nothing the requirement smuggled in, and a row created through its first
fillable form shows up in the list.

The previews are driven a few at a time by one module fixture (each in its own browser
profile), then each requirement's test reports its own outcome: one chromium page at a time
took about three minutes for the fifty previews on the 2-core machine.
"""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio
from playwright.async_api import Browser
from tests.pipeline.acceptance.preview_driver import Outcome, drive_preview
from tests.pipeline.acceptance.requirements import ALL, Requirement
from tests.pipeline.acceptance.runs import PipelineRuns

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]
PAGES_AT_ONCE = 4
TEST_NAME = "test_preview_loads_clean_offline_and_saves_a_new_row"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def outcomes(
    request: pytest.FixtureRequest, browser: Browser, runs: PipelineRuns
) -> dict[str, Outcome]:
    """The outcome of every requirement this session selected (all of them, unless -k)."""
    selected = {
        item.callspec.params["requirement"].id
        for item in request.session.items
        if getattr(item, "originalname", "") == TEST_NAME and hasattr(item, "callspec")
    }
    wanted = [r for r in ALL if r.id in selected]
    pages = {r.id: runs.get(r.text).result.project.preview_html for r in wanted}
    gate = asyncio.Semaphore(PAGES_AT_ONCE)

    async def one(requirement: Requirement) -> tuple[str, Outcome]:
        html = pages[requirement.id]
        if html is None:
            return requirement.id, Outcome(problems=["no preview although one was asked for"])
        async with gate:
            token = f"r{len(requirement.text)}"
            return requirement.id, await drive_preview(browser, html, token, requirement.id)

    return dict(await asyncio.gather(*(one(r) for r in wanted)))


@pytest.mark.parametrize("requirement", ALL, ids=lambda r: r.id)
async def test_preview_loads_clean_offline_and_saves_a_new_row(
    requirement: Requirement, outcomes: dict[str, Outcome]
) -> None:
    outcome = outcomes[requirement.id]
    assert outcome.problems == [], "\n".join(outcome.problems)
    assert outcome.entity is not None


async def test_the_driver_reports_a_preview_whose_script_cannot_run(
    browser: Browser, runs: PipelineRuns
) -> None:
    """The check can fail: a page whose script no longer matches its CSP hash is caught."""
    requirement = ALL[0]
    html = runs.get(requirement.text).result.project.preview_html
    assert html is not None
    broken = html.replace("'use strict';", "'use strict'; ", 1)
    outcome = await drive_preview(browser, broken, "t1", "broken-script", wait=2000)
    assert outcome.entity is None
    assert any("Content Security Policy" in p for p in outcome.problems), outcome.problems
