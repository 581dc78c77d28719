"""Playwright fixtures on Debian's chromium: one browser per session, a fresh context per test.

Use the async API on pytest-asyncio's *session* loop. The sync API is not an option here: it
leaves its event loop marked as running between calls, which breaks every async test that runs
later in the same session. A module that uses these fixtures therefore declares::

    pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

and re-exports them from its conftest (``from tests.support.browser import browser, ...``).

When chromium is missing the tests skip on a workstation but fail under ``CI=true``: a browser
suite that silently skips in CI is a check that cannot fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Route,
    async_playwright,
)

CHROMIUM = Path(os.environ.get("INGENIO_CHROMIUM", "/usr/bin/chromium"))
# What a headless chromium needs when it runs as root in a container, and what keeps it from
# phoning home (component updates, sync, QUIC probes) so request assertions see only the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# A reserved top-level domain (RFC 2606): nothing under it can resolve, and every request to it
# is answered by OfflineSite from memory.
ORIGIN = "http://ingenio.test"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        reason = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
        if _in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest_asyncio.fixture(loop_scope="session")
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    """A fresh profile per test: no cookies or localStorage leak between tests."""
    ctx = await browser.new_context(
        viewport={"width": 1280, "height": 860}, service_workers="block"
    )
    try:
        yield ctx
    finally:
        await ctx.close()


@dataclass
class PageWatch:
    """What a page reported while a test drove it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("request", self._on_request)

    def assert_clean(self) -> None:
        assert self.page_errors == [], f"uncaught errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.console_errors.append(f"{message.type}: {message.text}")

    def _on_page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}")

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)


@pytest_asyncio.fixture(loop_scope="session")
async def page(context: BrowserContext) -> AsyncIterator[Page]:
    new_page = await context.new_page()
    try:
        yield new_page
    finally:
        await new_page.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page_watch(page: Page) -> PageWatch:
    """Console errors, uncaught errors and every request of ``page``, recorded from the start."""
    watch = PageWatch()
    watch.attach(page)
    return watch


class OfflineSite:
    """Serves a few documents from memory under ORIGIN and aborts every other request.

    Installed on a context, it proves a page needs no network: anything the page tries to fetch
    that is not one of its documents lands in ``escaped`` instead of leaving the machine.
    """

    def __init__(self, documents: Mapping[str, str]) -> None:
        self._documents = {ORIGIN + path: body for path, body in documents.items()}
        self.escaped: list[str] = []

    @staticmethod
    def url(path: str) -> str:
        return ORIGIN + path

    async def install(self, context: BrowserContext) -> None:
        await context.route("**/*", self._handle)

    async def _handle(self, route: Route) -> None:
        body = self._documents.get(route.request.url)
        if body is None:
            self.escaped.append(route.request.url)
            await route.abort("blockedbyclient")
            return
        await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)


async def screenshot(page: Page, folder: str, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/<folder>/ for a person to look at."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
    path = ARTIFACTS / folder / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(path), full_page=full_page)
    return path
