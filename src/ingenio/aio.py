"""Asyncio helpers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def complete_then_cancel(work: Awaitable[T]) -> T:
    """Await ``work``; if cancelled meanwhile, let ``work`` finish first, then re-raise.

    For short I/O that must not be cut half-way: a database write or a Redis command abandoned
    mid-flight leaves a broken connection behind, and a cancelled task (user cancel, timeout,
    shutdown) is allowed to stop a few milliseconds later instead.
    """
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await task
        raise
