"""A running service as the browser tests use it: its URL, and API shortcuts for setting up data
(users, tasks) that a test does not mean to click through."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page

from tests.support.browser import PageWatch, screenshot
from tests.support.server import ServerProcess

PASSWORD = "pass-word-123"
TERMINAL = {"completed", "failed", "cancelled"}


@dataclass
class Service:
    process: ServerProcess

    @classmethod
    def create(cls, data_dir: Path, env: dict[str, str]) -> Service:
        return cls(ServerProcess(data_dir, env))

    @property
    def url(self) -> str:
        return self.process.url

    def route(self, route: str) -> str:
        return f"{self.url}/#{route}"

    async def call(
        self, method: str, path: str, auth: dict[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {auth['token']}"} if auth else {}
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as client:
            return await client.request(method, "/api/v1" + path, headers=headers, **kwargs)

    async def register(self, username: str) -> dict[str, Any]:
        resp = await self.call(
            "POST", "/auth/register", json={"username": username, "password": PASSWORD}
        )
        resp.raise_for_status()
        data: dict[str, Any] = resp.json()["data"]
        return data

    async def create_task(self, auth: dict[str, Any], requirement: str, **options: Any) -> str:
        resp = await self.call(
            "POST", "/generate/async", auth, json={"userRequirement": requirement, **options}
        )
        resp.raise_for_status()
        return str(resp.json()["data"])

    async def status(self, auth: dict[str, Any], task_id: str) -> dict[str, Any]:
        resp = await self.call("GET", f"/generate/status/{task_id}", auth)
        resp.raise_for_status()
        data: dict[str, Any] = resp.json()["data"]
        return data

    async def wait(
        self, auth: dict[str, Any], task_id: str, statuses: set[str], timeout: float = 60
    ) -> dict[str, Any]:
        """Poll until the task reaches one of ``statuses`` (test set-up, not an assertion)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            view = await self.status(auth, task_id)
            if view["status"] in statuses:
                return view
            if loop.time() > deadline:
                raise AssertionError(f"task {task_id} not in {statuses}: {view['status']}")
            await asyncio.sleep(0.1)

    async def sign_in(self, page: Page, auth: dict[str, Any], route: str = "/new") -> None:
        """Open the UI already logged in as ``auth`` (stored the way the login page stores it)."""
        await page.goto(self.url + "/ui/icon.svg")  # any document of the origin, to reach storage
        stored = {k: auth[k] for k in ("token", "username", "expiresAt")}
        await page.evaluate("s => localStorage.setItem('ingenio.auth', JSON.stringify(s))", stored)
        await page.goto(self.route(route))


_FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")


def assert_quiet(watch: PageWatch, *expected_statuses: int) -> None:
    """No uncaught error and no console error, except the browser's own note about a response
    the test provoked on purpose (chromium logs every 4xx fetch to the console)."""
    assert watch.page_errors == [], watch.page_errors
    unexpected = [
        m
        for m in watch.console_errors
        if not ((hit := _FAILED_LOAD.search(m)) and int(hit.group(1)) in expected_statuses)
    ]
    assert unexpected == [], unexpected


async def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    """A screenshot for a person to look at, in test-artifacts/web/.

    Taken from the top: a full-page capture of a scrolled page paints the sticky top bar in the
    middle. The preview frame is another process, which full-page captures leave blank, so
    ``preview_shot`` captures it in the viewport instead.
    """
    if full_page:
        await page.evaluate("window.scrollTo(0, 0)")
    await screenshot(page, "web", name, full_page=full_page)


async def preview_shot(page: Page, name: str) -> None:
    """The preview tab in the viewport, once the generated app has drawn its first page."""
    await page.frame_locator("iframe.preview-frame").locator("main h1").wait_for()
    await page.locator(".preview-stage").scroll_into_view_if_needed()
    # The frame paints in its own process: let it draw a couple of frames after the scroll.
    frame = next(f for f in page.frames if "/preview.html" in f.url)
    for target in (frame, page.main_frame):
        await target.evaluate(
            "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
    await screenshot(page, "web", name, full_page=False)
