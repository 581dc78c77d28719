"""Log lines as the contract shows them, with the event's fields appended as key=value.

``2025-11-11 15:30:00 INFO  ingenio.tasks - task.created taskId=... userId=...``
Secrets never reach a record: the code logs ids, never tokens, keys or passwords.
"""

from __future__ import annotations

import logging
import sys

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


class KeyValueFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-5s %(name)s - %(message)s", "%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
        if extras:
            line += " " + " ".join(f"{k}={v}" for k, v in extras.items())
        return line


def configure(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Per-request access lines are uvicorn's; keep them, but not the noisy libraries' debug.
    # Procrastinate logs every job with its full description at INFO: keep warnings only.
    for noisy in ("httpx", "httpcore", "aiosqlite", "asyncio", "jieba", "procrastinate"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
