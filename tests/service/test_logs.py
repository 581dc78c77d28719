"""The log line format operators read: time, level, logger, event, then key=value fields."""

from __future__ import annotations

import logging
import time

from ingenio.logs import KeyValueFormatter


def _record(created: float, **extra: object) -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "ingenio.tasks", "levelname": "INFO", **extra})
    record.msg, record.created = "task.created", created
    return record


def test_a_line_carries_its_own_second_and_the_event_fields() -> None:
    formatter = KeyValueFormatter()
    first = time.mktime((2025, 11, 11, 15, 30, 0, 0, 0, -1)) + 0.25
    lines = [
        formatter.format(_record(first, taskId="t-1", userId="u-1")),
        formatter.format(_record(first + 0.5, taskId="t-2")),  # the same second
        formatter.format(_record(first + 1, taskId="t-3")),  # the next one
    ]
    head = "INFO  ingenio.tasks - task.created"
    assert lines[0] == f"2025-11-11 15:30:00 {head} taskId=t-1 userId=u-1"
    assert lines[1] == f"2025-11-11 15:30:00 {head} taskId=t-2"
    assert lines[2] == f"2025-11-11 15:30:01 {head} taskId=t-3"
