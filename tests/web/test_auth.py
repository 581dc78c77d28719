"""Registering, logging in and out, and what happens when the server stops accepting a token."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.support.browser import PageWatch
from tests.web.client import PASSWORD, Service, assert_quiet, shot

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

SLOW_LOGIN_MS = 20_000  # argon2 verification takes 1-2 s on a busy two-core machine


async def test_register_with_the_keyboard_then_log_out_and_in_again(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    await page.goto(fast.url + "/")
    await expect(page).to_have_url(re.compile(r"#/login$"))
    await expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()
    await shot(page, "login", full_page=False)

    await page.locator(".auth-tabs").get_by_role("link", name="注册").click()
    await expect(page.get_by_role("heading", name="创建账号")).to_be_visible()
    # Keyboard only: the username field has focus, Tab reaches the password, Enter submits.
    await expect(page.get_by_label("用户名")).to_be_focused()
    await page.keyboard.type(username)
    await page.keyboard.press("Tab")
    await expect(page.get_by_label("密码", exact=True)).to_be_focused()
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")

    await expect(page).to_have_url(re.compile(r"#/new$"), timeout=SLOW_LOGIN_MS)
    await expect(page.locator(".user-name")).to_have_text(username)
    stored = await page.evaluate("JSON.parse(localStorage.getItem('ingenio.auth'))")
    assert stored["username"] == username
    assert stored["token"].count(".") == 2  # a JWT

    await page.get_by_role("button", name="退出登录").click()
    await expect(page).to_have_url(re.compile(r"#/login$"))
    assert await page.evaluate("localStorage.getItem('ingenio.auth')") is None

    # A private page now asks for a login first, and remembers where the user was going.
    await page.goto(fast.route("/tasks"))
    await expect(page).to_have_url(re.compile(r"#/login\?next="))
    await page.get_by_label("用户名").fill(username)
    await page.get_by_label("密码", exact=True).fill("not-the-password")
    await page.get_by_role("button", name="登录", exact=True).click()
    await expect(page.locator(".form-banner")).to_contain_text(
        "用户名或密码错误", timeout=SLOW_LOGIN_MS
    )
    await shot(page, "login-wrong-password", full_page=False)

    await page.get_by_label("密码", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="登录", exact=True).click()
    await expect(page).to_have_url(re.compile(r"#/tasks$"), timeout=SLOW_LOGIN_MS)
    await expect(page.get_by_role("heading", name="我的任务")).to_be_visible()
    assert_quiet(page_watch, 401)


async def test_registration_errors_are_shown_next_to_their_field(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    await fast.register(username)
    await page.goto(fast.route("/register"))
    await page.get_by_label("用户名").fill(username)
    password = page.get_by_label("密码", exact=True)
    await password.fill("short")
    await page.get_by_role("button", name="注册并登录").click()

    password_error = page.locator("#password-error")
    await expect(password_error).to_have_text("密码长度须为8到128个字符")
    await expect(password).to_have_attribute("aria-invalid", "true")
    await expect(password).to_be_focused()

    await password.fill(PASSWORD)
    await expect(password_error).to_be_hidden()  # typing clears the stale message
    await page.get_by_role("button", name="注册并登录").click()
    await expect(page.locator("#username-error")).to_have_text(
        "用户名已存在", timeout=SLOW_LOGIN_MS
    )
    await expect(page).to_have_url(re.compile(r"#/register$"))
    assert_quiet(page_watch, 400)


async def test_a_rejected_token_leads_to_login_and_back_to_the_same_page(
    fast: Service, page: Page, page_watch: PageWatch, username: str
) -> None:
    auth = await fast.register(username)
    await fast.sign_in(page, auth, "/tasks")
    await expect(page.get_by_role("heading", name="我的任务")).to_be_visible()

    # The server stops accepting the stored token (rotated secret, revoked, expired early).
    await page.evaluate(
        """() => {
            const auth = JSON.parse(localStorage.getItem('ingenio.auth'));
            auth.token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LXNpZ25lZA';
            localStorage.setItem('ingenio.auth', JSON.stringify(auth));
        }"""
    )
    await page.goto(fast.route("/tasks?status=completed"))

    await expect(page).to_have_url(re.compile(r"#/login\?expired=1&next="))
    await expect(page.locator(".form-banner")).to_contain_text("登录已过期，请重新登录")
    assert await page.evaluate("localStorage.getItem('ingenio.auth')") is None
    await shot(page, "login-expired", full_page=False)

    await page.get_by_label("用户名").fill(username)
    await page.get_by_label("密码", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="登录", exact=True).click()
    await expect(page).to_have_url(re.compile(r"#/tasks\?status=completed$"), timeout=SLOW_LOGIN_MS)
    await expect(page.locator("#status-filter")).to_have_value("completed")
    assert_quiet(page_watch, 401)
