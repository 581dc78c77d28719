"""A running task's page: live progress through the event stream or by polling, and cancel."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, Route, expect

from tests.support.browser import PageWatch
from tests.web.client import Service, assert_quiet, preview_shot, shot

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"
RUN_TIMEOUT_MS = 90_000  # a few seconds normally; generous for a loaded two-core machine

# Records every state the page shows, as it shows it: the progress values, the agents' states
# and how updates arrive. A MutationObserver sees each update, however brief.
RECORDER = """() => {
    const seen = { progress: [], agents: [], modes: [] };
    const push = (list, value) => {
        if (value !== undefined && value !== '' && list.at(-1) !== value) list.push(value);
    };
    new MutationObserver(() => {
        const bar = document.querySelector('.progress[role="progressbar"]');
        if (bar && bar.hasAttribute('aria-valuenow')) {
            push(seen.progress, Number(bar.getAttribute('aria-valuenow')));
        }
        const agents = [...document.querySelectorAll('.agent')];
        push(seen.agents, agents.map((a) => a.dataset.status).join(','));
        push(seen.modes, document.querySelector('.progress-card')?.dataset.live);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
    window.__seen = seen;
}"""


async def test_a_task_is_watched_live_from_submission_to_completion(
    slow: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    await slow.sign_in(page, await slow.register(username), "/new")
    await page.evaluate(RECORDER)
    await page.get_by_label("需求描述").fill(REQUIREMENT)
    await page.get_by_role("button", name="开始生成").click()
    await expect(page).to_have_url(re.compile(r"#/tasks/[0-9a-f-]{36}$"))

    # While it runs: one agent at work, updates pushed by the event stream, a way to stop it.
    await expect(page.locator('.agent[data-status="running"]')).to_have_count(
        1, timeout=RUN_TIMEOUT_MS
    )
    await expect(page.locator(".progress-card")).to_have_attribute("data-live", "sse")
    await expect(page.locator(".live-mode")).to_have_text("实时更新")
    await expect(page.get_by_role("button", name="取消任务")).to_be_visible()
    await expect(page.locator(".elapsed")).to_contain_text("已用时")
    await shot(page, "task-running")

    await expect(page.locator(".task-page")).to_have_attribute(
        "data-status", "completed", timeout=RUN_TIMEOUT_MS
    )
    seen = await page.evaluate("window.__seen")
    progress = seen["progress"]
    assert progress == sorted(progress), progress  # it only ever moves forward
    assert progress[-1] == 100
    assert len([p for p in progress if 0 < p < 100]) >= 3, progress  # and it really moved
    # Each agent was seen at work, in order, before all four finished.
    for index in range(4):
        assert any(s.split(",")[index] == "running" for s in seen["agents"]), seen["agents"]
    assert seen["agents"][-1] == "completed,completed,completed,completed"
    assert "sse" in seen["modes"]

    for agent in await page.locator(".agent").all():
        await expect(agent.locator(".agent-meta")).to_contain_text("耗时")
        await expect(agent.locator(".agent-summary")).not_to_be_empty()
    await expect(page.locator('.agent[data-agent="plan"] .agent-summary')).to_contain_text("实体")
    # The fake provider reports usage and gpt-4o-mini has a price: both are shown.
    total = await page.locator('[data-usage="total"]').inner_text()
    assert int(total.replace(",", "")) > 0
    await expect(page.locator('[data-usage="cost"]')).to_have_text(re.compile(r"^\$\d"))
    await expect(page.locator(".score-ring")).to_be_visible()
    await expect(page.get_by_role("link", name="下载项目 ZIP")).to_be_visible()
    await expect(page.get_by_role("button", name="取消任务")).to_have_count(0)
    await expect(page.locator(".progress-pct")).to_have_text("100%")
    await shot(page, "task-completed", full_page=False)
    await preview_shot(page, "task-completed-preview")
    assert_quiet(page_watch)


async def test_a_running_task_is_cancelled_from_its_page(
    slow: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    auth = await slow.register(username)
    task_id = await slow.create_task(auth, REQUIREMENT)
    await slow.sign_in(page, auth, f"/tasks/{task_id}")
    await expect(page.locator('.agent[data-status="running"]')).to_have_count(
        1, timeout=RUN_TIMEOUT_MS
    )

    # Asking twice: Escape backs out and gives the focus back to the button.
    cancel = page.get_by_role("button", name="取消任务")
    await cancel.click()
    confirm = page.get_by_role("group", name="取消任务")
    await expect(confirm).to_contain_text("确定要取消这个任务吗")
    await expect(page.get_by_role("button", name="确认取消")).to_be_focused()
    await page.keyboard.press("Escape")
    await expect(confirm).to_have_count(0)
    await expect(cancel).to_be_focused()

    await cancel.click()
    await shot(page, "task-cancel-confirm", full_page=False)
    await page.get_by_role("button", name="确认取消").click()

    await expect(page.locator(".task-page")).to_have_attribute("data-status", "cancelled")
    await expect(page.locator(".outcome")).to_contain_text("任务已取消")
    await expect(page.locator('.agent[data-status="cancelled"]')).to_have_count(1)
    await expect(page.locator('.agent[data-status="running"]')).to_have_count(0)
    await expect(cancel).to_have_count(0)
    assert (await slow.status(auth, task_id))["status"] == "cancelled"
    await shot(page, "task-cancelled")
    assert_quiet(page_watch)


async def test_without_the_event_stream_the_page_polls(
    slow: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    async def refuse(route: Route) -> None:
        await route.abort("connectionrefused")

    # Only the stream itself is refused (as by a proxy that buffers or drops it).
    await page.route(re.compile(r"/api/v1/generate/events/[0-9a-f-]+\?token="), refuse)
    auth = await slow.register(username)
    task_id = await slow.create_task(auth, REQUIREMENT)
    await slow.sign_in(page, auth, f"/tasks/{task_id}")

    await expect(page.locator(".progress-card")).to_have_attribute("data-live", "poll")
    await expect(page.locator(".live-mode")).to_have_text("每 2 秒刷新")
    await expect(page.locator(".task-page")).to_have_attribute(
        "data-status", "completed", timeout=RUN_TIMEOUT_MS
    )
    await expect(page.locator(".progress-pct")).to_have_text("100%")
    polls = [u for u in page_watch.requests if f"/generate/status/{task_id}" in u]
    assert len(polls) >= 2, polls
    assert page_watch.page_errors == []
    # The refused stream is the only thing the browser complained about.
    assert all("net::ERR_CONNECTION_REFUSED" in m for m in page_watch.console_errors), (
        page_watch.console_errors
    )
