"""Fixtures of the preview tests: the handcrafted specs and the shared browser fixtures."""

from __future__ import annotations

import pytest
from tests.pipeline.preview.specs import hostile, library, marketplace, thirty_entities
from tests.support.browser import browser, context, page, page_watch

from ingenio.pipeline.appspec import AppSpec

__all__ = ["browser", "context", "page", "page_watch"]


@pytest.fixture
def marketplace_spec() -> AppSpec:
    return marketplace()


@pytest.fixture
def library_spec() -> AppSpec:
    return library()


@pytest.fixture
def thirty_spec() -> AppSpec:
    return thirty_entities()


@pytest.fixture
def hostile_spec() -> AppSpec:
    return hostile()
