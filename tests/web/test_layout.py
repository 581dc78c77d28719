"""Chinese first with a remembered English switch, and layouts from a laptop to a phone."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browser import PageWatch
from tests.web.client import Service, assert_quiet, preview_shot, shot

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"


async def no_horizontal_scroll(page: Page) -> None:
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"


async def test_the_english_switch_is_remembered(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    await page.set_viewport_size({"width": 1280, "height": 800})
    auth = await fast.register(username)
    task_id = await fast.create_task(auth, REQUIREMENT, generatePreview=True)
    await fast.wait(auth, task_id, {"completed"})
    await fast.sign_in(page, auth, "/new")
    await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    await expect(page.get_by_role("heading", level=1)).to_have_text("新建生成任务")
    await page.get_by_label("需求描述").fill("一个博客平台")

    await page.get_by_role("button", name="Switch to English").click()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.get_by_role("heading", level=1)).to_have_text("New generation task")
    await expect(page.get_by_role("link", name="Tasks")).to_be_visible()
    await expect(page.get_by_label("Requirement")).to_have_value("一个博客平台")  # kept
    await page.get_by_label("Kotlin package").fill("com.Shop")
    await expect(page.locator("#packageName-error")).to_contain_text(
        "Invalid package name: segment “Shop” is not allowed"
    )
    await no_horizontal_scroll(page)
    await shot(page, "new-task-en", full_page=False)

    await page.reload()
    await expect(page.get_by_role("heading", level=1)).to_have_text("New generation task")
    await page.goto(fast.route(f"/tasks/{task_id}"))
    await expect(page.locator(".pill")).to_have_text("Completed")
    await expect(page.locator('.agent[data-agent="plan"] .agent-summary')).to_have_text(
        re.compile(r"^Found \d+ entities and \d+ API endpoints$")
    )
    await expect(page.get_by_role("link", name="Download project ZIP")).to_be_visible()
    await no_horizontal_scroll(page)
    await shot(page, "task-completed-en", full_page=False)

    await page.get_by_role("button", name="切换到中文").click()
    await expect(page.locator(".pill")).to_have_text("任务完成")
    assert await page.evaluate("localStorage.getItem('ingenio.lang')") == "zh"
    assert_quiet(page_watch)


async def test_every_screen_fits_a_phone(browser: Browser, fast: Service, username: str) -> None:
    auth = await fast.register(username)
    task_id = await fast.create_task(auth, REQUIREMENT, generatePreview=True)
    await fast.wait(auth, task_id, {"completed"})
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    try:
        page = await context.new_page()
        watch = PageWatch()
        watch.attach(page)
        await page.goto(fast.route("/login"))
        await expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()
        await no_horizontal_scroll(page)
        await shot(page, "phone-login", full_page=False)

        await fast.sign_in(page, auth, "/new")
        await expect(page.get_by_label("需求描述")).to_be_visible()
        await no_horizontal_scroll(page)
        await shot(page, "phone-new-task")

        await page.goto(fast.route("/tasks"))
        await expect(page.locator("tbody tr")).to_have_count(1)
        await no_horizontal_scroll(page)
        await shot(page, "phone-task-list", full_page=False)

        await page.locator(".task-link").click()
        await expect(page.locator(".task-page")).to_have_attribute("data-status", "completed")
        await expect(page.locator(".preview-stage")).to_have_attribute("data-state", "ready")
        await no_horizontal_scroll(page)
        await shot(page, "phone-task", full_page=False)
        await preview_shot(page, "phone-task-preview")
        await page.get_by_role("tab", name=re.compile("项目文件")).tap()
        await expect(page.locator(".viewer-path")).to_have_text("README.md")
        await no_horizontal_scroll(page)
        await page.locator(".viewer").scroll_into_view_if_needed()
        await shot(page, "phone-task-files", full_page=False)
        assert_quiet(watch)
    finally:
        await context.close()
