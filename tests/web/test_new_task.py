"""The new-task form: checks as the user types, the server's verdict beside the field it
concerns, and every option reaching the server."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from ingenio.pipeline.naming import RESERVED_PACKAGE_SEGMENTS, package_name_problem
from tests.support.browser import PageWatch
from tests.web.client import Service, assert_quiet, shot

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"
VAGUE = "做一个系统"  # the offline brain scores it 55


async def test_package_name_and_length_are_checked_as_the_user_types(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    await fast.sign_in(page, await fast.register(username), "/new")
    requirement = page.get_by_label("需求描述")
    await expect(requirement).to_be_focused()
    count = page.locator("#requirement-count")
    await expect(count).to_have_text("0 / 5000")
    # Counted in characters as the server counts them: an emoji is one, not two UTF-16 units.
    await requirement.fill("图书" * 10 + "😀")
    await expect(count).to_have_text("21 / 5000")
    await requirement.fill("书" * 5001)
    await expect(count).to_have_text("超出 1 个字符")
    await expect(count).to_have_class(re.compile(r"\bover\b"))
    await requirement.fill(REQUIREMENT)

    package = page.get_by_label("Kotlin 包名")
    error = page.locator("#packageName-error")
    await package.press_sequentially("com.Example")
    await expect(error).to_have_text(
        "包名无效：包名片段“Example”不合法：只能使用小写字母、数字和下划线，且以字母开头"
    )
    await expect(package).to_have_attribute("aria-invalid", "true")
    await expect(package).to_have_attribute("aria-describedby", re.compile(r"packageName-error"))
    await shot(page, "new-task-package-error")

    await package.fill("")
    await package.press_sequentially("com.example.fun")
    await expect(error).to_have_text("包名无效：包名片段“fun”是Kotlin/Java关键字，不能使用")
    await package.fill("shop")
    await expect(error).to_have_text("包名无效：包名至少需要两段，例如 com.example.app")
    await package.fill("com.example.shop")
    await expect(error).to_be_hidden()
    await expect(package).not_to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#packageName-ok")).to_have_text("包名可用")
    assert_quiet(page_watch)


async def test_the_servers_verdict_is_shown_beside_the_field_it_concerns(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    auth = await fast.register(username)
    await fast.sign_in(page, auth, "/new")
    submit = page.get_by_role("button", name="开始生成")

    async with page.expect_response("**/api/v1/generate/async") as empty:
        await submit.click()
    assert (await empty.value).status == 400
    message = (await (await empty.value).json())["message"]
    assert message == "用户需求不能为空"
    await expect(page.locator("#userRequirement-error")).to_have_text(message)
    await expect(page.get_by_label("需求描述")).to_be_focused()

    await page.get_by_label("需求描述").fill(REQUIREMENT)
    await page.get_by_label("Kotlin 包名").fill("com.example.class")
    async with page.expect_response("**/api/v1/generate/async") as bad_package:
        await submit.click()
    assert (await bad_package.value).status == 400
    message = (await (await bad_package.value).json())["message"]
    assert message == "包名无效：包名片段“class”是Kotlin/Java关键字，不能使用"
    await expect(page.locator("#packageName-error")).to_have_text(message)
    await expect(page.get_by_label("Kotlin 包名")).to_be_focused()
    await expect(page.locator("#userRequirement-error")).to_be_hidden()
    await expect(page).to_have_url(re.compile(r"#/new$"))
    await shot(page, "new-task-server-error")

    listed = await fast.call("GET", "/generate/tasks", auth)
    assert listed.json()["data"]["total"] == 0
    assert_quiet(page_watch, 400)


async def test_every_option_reaches_the_server(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    await fast.sign_in(page, await fast.register(username), "/new")
    await page.get_by_label("需求描述").fill(VAGUE)
    slider = page.get_by_label("质量评分阈值")
    await slider.focus()
    await page.keyboard.press("End")  # keyboard-operable: End is the maximum
    await expect(page.locator("output.range-value")).to_have_text("100")
    await page.get_by_label("生成在线预览").uncheck()
    await page.get_by_label("Kotlin 包名").fill("com.acme.shop")
    await page.get_by_role("button", name="开始生成").click()

    # The threshold arrived: the task fails on it, and says so plainly.
    await expect(page.locator(".task-page")).to_have_attribute("data-status", "failed")
    outcome = page.locator(".outcome")
    await expect(outcome).to_contain_text("任务失败")
    await expect(outcome).to_contain_text("质量评分(55)低于阈值(100)，请优化需求后重试")
    await expect(page.locator('.agent[data-agent="validate"]')).to_have_attribute(
        "data-status", "failed"
    )
    await expect(page.locator(".score-ring")).to_contain_text("55")
    await expect(page.get_by_role("button", name="取消任务")).to_have_count(0)
    await shot(page, "task-failed")

    # Retry with skipValidation: the same score no longer fails the task.
    await page.get_by_role("link", name="修改后重试").click()
    await expect(page.get_by_label("需求描述")).to_have_value(VAGUE)
    await page.get_by_label("跳过质量门禁").check()
    await page.get_by_label("Kotlin 包名").fill("com.acme.shop")
    await page.get_by_role("button", name="开始生成").click()
    await expect(page.locator(".task-page")).to_have_attribute("data-status", "completed")
    await expect(page.locator(".score-ring")).to_contain_text("55")

    # generatePreview was off: no preview, said plainly; the package name shaped the code.
    await expect(page.get_by_role("tab", name="应用预览")).to_have_attribute(
        "aria-selected", "false"
    )
    await page.get_by_role("tab", name="应用预览").click()
    await expect(page.locator("#panel-preview")).to_contain_text("未勾选“生成在线预览”")
    await page.get_by_role("tab", name=re.compile("项目文件")).click()
    await page.get_by_placeholder("筛选文件").fill("Application.kt")
    await page.locator(".tree-file").first.click()
    await expect(page.locator(".viewer pre.code")).to_contain_text("package com.acme.shop")
    assert_quiet(page_watch)


async def test_the_as_you_type_rule_is_the_servers_rule(fast: Service, page: Page) -> None:
    names = [
        "com.example.app",
        "com",
        "",
        "Com.example",
        "com..example",
        "com.example.",
        "com.9lives",
        "com.a_b.c1",
        "com.exa-mple",
        "com.中文.app",
        "a." + "b" * 199,
        "a." + "b" * 198,
        *(f"com.{word}.app" for word in sorted(RESERVED_PACKAGE_SEGMENTS)),
    ]
    await page.goto(fast.route("/login"))
    verdicts = await page.evaluate(
        """async (names) => {
            const rules = await import('/ui/js/package-name.js');
            return names.map((name) => rules.packageNameProblem(name, 'zh'));
        }""",
        names,
    )
    assert verdicts == [package_name_problem(name) for name in names]


async def test_a_spent_ai_budget_is_explained_with_the_wait(
    slow: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    auth = await slow.register(username)
    # Two tasks spend the six LLM calls an hour this server allows each user.
    spent = [await slow.create_task(auth, REQUIREMENT) for _ in range(2)]
    for task_id in spent:
        await slow.wait(auth, task_id, {"completed"}, timeout=120)

    await slow.sign_in(page, auth, "/new")
    await page.get_by_label("需求描述").fill(REQUIREMENT)
    async with page.expect_response("**/api/v1/generate/async") as refused:
        await page.get_by_role("button", name="开始生成").click()
    response = await refused.value
    assert response.status == 429
    assert int(response.headers["retry-after"]) > 0
    banner = page.locator(".form-banner")
    await expect(banner).to_contain_text("AI调用次数已达上限")
    await expect(banner).to_contain_text(re.compile(r"可在 (\d+分)?\d+秒后重试"))
    await expect(page).to_have_url(re.compile(r"#/new$"))
    await expect(page.get_by_label("需求描述")).to_have_value(REQUIREMENT)  # nothing lost
    await shot(page, "new-task-budget-spent", full_page=False)
    assert_quiet(page_watch, 429)
