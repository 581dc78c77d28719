"""``ingenio serve`` leaves what startup built out of the collector's full passes."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from ingenio.cli.server import freeze_after_startup


def tracked(obj: object) -> bool:
    """Whether a collection would walk ``obj`` (frozen objects are in no generation)."""
    return any(o is obj for o in gc.get_objects())


def test_objects_built_at_startup_are_frozen_and_later_ones_are_not() -> None:
    built: dict[str, list[object]] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        built["client"] = [object()]
        yield {"ready": True}

    app = FastAPI(lifespan=lifespan)
    freeze_after_startup(app)

    async def main() -> None:
        async with app.router.lifespan_context(app) as state:
            assert state == {"ready": True}  # the app's own state still reaches it
            later = [object()]
            assert not tracked(built["client"])
            assert tracked(later)

    try:
        asyncio.run(main())
    finally:
        gc.unfreeze()
