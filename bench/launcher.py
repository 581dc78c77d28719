"""``ingenio serve``, plus the reference route the benchmark divides by.

The app is ``create_app()`` with the same settings, logging and uvicorn call as ``ingenio serve``
(one worker; uvicorn's default loop and HTTP implementation, uvloop and httptools when
installed), and one extra route, ``GET /bench/bare``, that returns a fixed small JSON body: the
most a request can cost on this stack, so every other figure is a same-run ratio to it.

``BENCH_PARKED_BRAIN=1`` swaps in a brain whose calls never return: created tasks then wait in
the pool's queue instead of running the pipeline on the CPU the API is being measured on. It is
named ``offline`` so the request path is exactly the default's (no AI-call budget check).
"""

from __future__ import annotations

import argparse
import asyncio
import os
from typing import NoReturn

from starlette.responses import Response

from ingenio import logs
from ingenio.app import Overrides, create_app
from ingenio.cli.server import run_app
from ingenio.config import Settings
from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.brains.base import BrainContext, BrainReply
from ingenio.pipeline.plan import PlanResult
from ingenio.pipeline.report import ReviewResult

BARE_BODY = b'{"code":200,"message":"ok","data":{"status":"ok"},"timestamp":"2026-01-01T00:00:00Z"}'


async def bare() -> Response:
    return Response(BARE_BODY, media_type="application/json")


class ParkedBrain:
    """Never answers; honours cancellation like any brain must."""

    @property
    def name(self) -> str:
        return "offline"

    async def plan(self, requirement: str, ctx: BrainContext) -> BrainReply[PlanResult]:
        await _forever()

    async def execute(
        self, requirement: str, plan: PlanResult, package_name: str | None, ctx: BrainContext
    ) -> BrainReply[AppSpec]:
        await _forever()

    async def review(
        self, requirement: str, spec: AppSpec, ctx: BrainContext
    ) -> BrainReply[ReviewResult] | None:
        await _forever()


async def _forever() -> NoReturn:
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="ingenio serve, plus GET /bench/bare")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    settings = Settings()
    settings.server.port = args.port
    logs.configure(settings.server.log_level)
    parked = os.environ.get("BENCH_PARKED_BRAIN") == "1"
    app = create_app(settings, Overrides(brain=ParkedBrain()) if parked else None)
    app.add_api_route("/bench/bare", bare, methods=["GET"], include_in_schema=False)
    run_app(app, settings)  # the same call as ``ingenio serve``


if __name__ == "__main__":
    main()
