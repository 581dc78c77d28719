"""A Server-Sent Events reader: lines in, events out (the parsing rules of the HTML standard,
https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SseEvent:
    name: str
    data: str
    id: str | None

    def json(self) -> Any:
        return json.loads(self.data)


def read_events(lines: Iterable[str]) -> Iterator[SseEvent]:
    """Events in order; comments (keep-alives) and ``retry:`` lines are skipped."""
    name, event_id, data = "message", None, list[str]()
    for line in lines:
        if line == "":
            if data:
                yield SseEvent(name, "\n".join(data), event_id)
            name, data = "message", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            name = value
        elif field == "data":
            data.append(value)
        elif field == "id":
            event_id = value
