"""A completed task's results: the ZIP download, the sandboxed preview, the files and code."""

from __future__ import annotations

import re
import zipfile
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Page, expect

from tests.support.browser import PageWatch
from tests.web.client import Service, assert_quiet, preview_shot, shot

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

REQUIREMENT = "创建一个图书管理系统，支持图书、读者和借阅记录管理"


@pytest_asyncio.fixture(loop_scope="session")
async def finished(fast: Service, username: str) -> tuple[dict[str, Any], str]:
    """A user and their completed task (with a preview), made through the API."""
    auth = await fast.register(username)
    task_id = await fast.create_task(auth, REQUIREMENT, generatePreview=True)
    await fast.wait(auth, task_id, {"completed"})
    return auth, task_id


async def test_the_project_downloads_as_a_zip(
    fast: Service, page: Page, page_watch: PageWatch, finished: tuple[dict[str, Any], str]
) -> None:
    auth, task_id = finished
    await fast.sign_in(page, auth, f"/tasks/{task_id}")
    download_link = page.get_by_role("link", name="下载项目 ZIP")
    async with page.expect_download() as started:
        await download_link.click()
    download = await started.value
    assert download.suggested_filename.endswith(".zip")
    path = await download.path()
    assert zipfile.is_zipfile(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every member's CRC checks out
        names = archive.namelist()
    assert any(n.endswith("/build.gradle.kts") for n in names), names
    assert any(n.endswith("/Application.kt") for n in names), names

    # The list offers the same download.
    await page.get_by_role("link", name="返回任务列表").click()
    row = page.locator(f'tr[data-task-id="{task_id}"]')
    async with page.expect_download() as again:
        await row.get_by_role("link", name="下载").click()
    assert zipfile.is_zipfile(await (await again.value).path())
    assert_quiet(page_watch)


async def test_the_preview_runs_in_a_sandboxed_frame(
    fast: Service, page: Page, page_watch: PageWatch, finished: tuple[dict[str, Any], str]
) -> None:
    auth, task_id = finished
    await fast.sign_in(page, auth, f"/tasks/{task_id}")
    await expect(page.get_by_role("tab", name="应用预览")).to_have_attribute(
        "aria-selected", "true"
    )
    frame_element = page.locator("iframe.preview-frame")
    await expect(frame_element).to_have_attribute(
        "sandbox", "allow-scripts allow-forms allow-modals"
    )
    preview = page.frame_locator("iframe.preview-frame")
    await expect(preview.locator("main h1")).to_be_visible()
    await expect(page.locator(".preview-stage")).to_have_attribute("data-state", "ready")

    # The generated app works inside the frame, and cannot reach this page's storage (where
    # the login token lives): it runs as an opaque origin.
    frame = next(f for f in page.frames if "/preview.html" in f.url)
    assert await frame.evaluate("window.origin") == "null"
    blocked = await frame.evaluate(
        "() => { try { localStorage.length; return false; } catch { return true; } }"
    )
    assert blocked
    await preview_shot(page, "task-preview")

    await page.get_by_role("button", name="手机").click()
    await expect(page.locator(".preview-stage")).to_have_attribute("data-device", "mobile")
    await expect(frame_element).to_have_css("width", "390px")  # after a short transition
    opener = page.get_by_role("link", name="在新窗口打开")
    await expect(opener).to_have_attribute("target", "_blank")
    await expect(opener).to_have_attribute("href", re.compile(r"/preview\.html\?"))
    assert_quiet(page_watch)


async def test_the_files_open_in_the_code_viewer(
    fast: Service, page: Page, page_watch: PageWatch, finished: tuple[dict[str, Any], str]
) -> None:
    auth, task_id = finished
    await fast.sign_in(page, auth, f"/tasks/{task_id}")
    # Tabs follow the WAI-ARIA pattern: arrow keys move between them.
    await page.get_by_role("tab", name="应用预览").focus()
    await page.keyboard.press("ArrowRight")
    files_tab = page.get_by_role("tab", name=re.compile("项目文件"))
    await expect(files_tab).to_be_focused()
    await expect(files_tab).to_have_attribute("aria-selected", "true")
    await expect(page).to_have_url(re.compile(r"\?tab=files$"))

    viewer = page.locator(".viewer")
    await expect(viewer.locator(".viewer-path")).to_have_text("README.md")  # opened for you
    await page.locator(".tree-file", has_text="build.gradle.kts").click()
    await expect(viewer.locator(".viewer-path")).to_have_text("build.gradle.kts")
    await expect(viewer.locator("pre.code")).to_contain_text("plugins")

    # Folders collapse; single-child chains are shown as one node, as editors do.
    folder = page.locator(".tree-dir", has_text="kotlin/com/example/").first
    await expect(folder).to_have_attribute("aria-expanded", "true")
    await folder.click()
    await expect(folder).to_have_attribute("aria-expanded", "false")
    await expect(page.locator(".tree-file", has_text="Application.kt")).to_be_hidden()

    await page.get_by_placeholder("筛选文件").fill("BookController")
    await expect(page.locator(".tree-file")).to_have_count(2)
    await page.locator(".tree-file", has_text="web/BookController.kt").click()
    code = viewer.locator("pre.code")
    await expect(code).to_contain_text("@RestController")
    await expect(code.locator(".tok-annotation").first).to_be_visible()
    await expect(code.locator(".tok-keyword").first).to_be_visible()
    lines = await code.locator(".line").count()
    await expect(viewer.locator(".viewer-head")).to_contain_text(f"{lines} 行")
    await shot(page, "task-files")

    # A reload keeps the tab, and the dark theme stays readable.
    await page.reload()
    await expect(files_tab).to_have_attribute("aria-selected", "true")
    await page.emulate_media(color_scheme="dark")
    await expect(viewer.locator(".viewer-path")).to_have_text("README.md")
    await viewer.scroll_into_view_if_needed()
    await shot(page, "task-files-dark", full_page=False)
    assert_quiet(page_watch)
