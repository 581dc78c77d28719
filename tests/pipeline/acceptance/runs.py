"""Each requirement through the real pipeline once per session, shared by every check.

The pipeline runs on a private event loop in a worker thread: the suite's sync tests and its
browser tests (on pytest-asyncio's session loop) can both ask for a result without either
touching the other's loop.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

from tests.pipeline.codegen.checks import MIGRATION, SchemaFacts, project_files, sql_check

from ingenio.pipeline.brains.offline import OfflineBrain
from ingenio.pipeline.request import GenerationRequest, PipelineResult
from ingenio.pipeline.run import run_pipeline


@dataclass
class Run:
    """One requirement's pipeline result and the project's files (path under the top folder)."""

    result: PipelineResult

    @cached_property
    def files(self) -> dict[str, bytes]:
        return project_files(self.result.project.zip_bytes)

    @cached_property
    def schema(self) -> SchemaFacts:
        """What V1__init.sql creates in a fresh PostgreSQL schema (applied once, then dropped)."""
        return sql_check(self.files[MIGRATION].decode())


class PipelineRuns:
    """Memoised ``run_pipeline`` with the offline brain, skip_validation and a preview."""

    def __init__(self) -> None:
        self._brain = OfflineBrain()
        self._done: dict[str, Run] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pipeline")

    def get(self, requirement: str) -> Run:
        with self._lock:
            run = self._done.get(requirement)
            if run is None:
                result = self._pool.submit(asyncio.run, self._run(requirement)).result()
                run = self._done[requirement] = Run(result)
            return run

    async def _run(self, requirement: str) -> PipelineResult:
        request = GenerationRequest(requirement, skip_validation=True, generate_preview=True)
        return await run_pipeline(request, self._brain)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
