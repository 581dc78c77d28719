"""Shared pipeline runs (once per requirement per session) and the browser fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.pipeline.acceptance.runs import PipelineRuns
from tests.support.browser import browser, context, page, page_watch
from tests.support.infra import pg_reachable, unavailable

__all__ = ["browser", "context", "page", "page_watch"]


@pytest.fixture(scope="session")
def runs() -> Iterator[PipelineRuns]:
    shared = PipelineRuns()
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture(scope="session")
def postgres() -> None:
    """The machine's PostgreSQL, where every migration is applied to a fresh schema."""
    if not pg_reachable():
        unavailable("PostgreSQL")
