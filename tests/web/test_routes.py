"""How the UI is served: headers, caching, path safety. No browser: the router alone, mounted on a
bare app."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from ingenio.http import install_error_handlers
from ingenio.pipeline.naming import MAX_PACKAGE_LENGTH, RESERVED_PACKAGE_SEGMENTS
from ingenio.web.routes import router

# The session loop, as the browser tests use: a test on a loop of its own would close it and
# leave the browser fixtures (which run between tests) without a current loop.
pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session")
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://ingenio"
    ) as c:
        yield c


async def test_the_page_is_served_with_a_strict_policy(client: httpx.AsyncClient) -> None:
    resp = await client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "text/html; charset=utf-8"
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert '<script type="module" src="/ui/js/main.js">' in resp.text


async def test_every_file_the_page_names_is_served(client: httpx.AsyncClient) -> None:
    page = (await client.get("/")).text
    names = re.findall(r'(?:href|src)="(/ui/[^"]+)"', page)
    assert len(names) > 10
    for name in names:
        resp = await client.get(name)
        assert resp.status_code == 200, name
        assert resp.headers["x-content-type-options"] == "nosniff"


async def test_unchanged_files_cost_a_304(client: httpx.AsyncClient) -> None:
    first = await client.get("/ui/js/main.js")
    assert first.headers["content-type"] == "text/javascript; charset=utf-8"
    assert first.headers["cache-control"] == "no-cache"
    again = await client.get("/ui/js/main.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "path",
    ["/ui/../routes.py", "/ui/%2e%2e/routes.py", "/ui/..%2froutes.py", "/ui/js", "/ui/nope.js"],
)
async def test_nothing_outside_the_static_files_is_served(
    client: httpx.AsyncClient, path: str
) -> None:
    resp = await client.get(path)
    assert resp.status_code == 404
    assert resp.json()["code"] == 404


async def test_the_package_rule_module_is_generated_from_the_python_rule(
    client: httpx.AsyncClient,
) -> None:
    module = (await client.get("/ui/js/naming-rules.js")).text
    reserved = re.search(r"new Set\((\[.*?\])\)", module)
    assert reserved is not None
    assert set(re.findall(r'"(\w+)"', reserved.group(1))) == RESERVED_PACKAGE_SEGMENTS
    assert f"MAX_PACKAGE_LENGTH = {MAX_PACKAGE_LENGTH};" in module
