"""What the API process holds for its lifetime: the shared core plus the task runner."""

from __future__ import annotations

from dataclasses import dataclass

from ingenio.bootstrap import Core
from ingenio.runner.base import TaskRunner
from ingenio.tasks.reader import TaskReader


@dataclass
class Container(Core):
    runner: TaskRunner
    reader: TaskReader
