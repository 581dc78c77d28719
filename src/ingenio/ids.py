"""Random (version 4) UUIDs for new tasks, without a system call per id.

``uuid.uuid4()`` reads 16 bytes with ``os.urandom``, which releases the GIL around the system
call; the event loop then waits to take it back from whichever thread holds it (on SQLite, the
writer thread in the middle of a create). Under load py-spy put 16% of the loop's time in that
wait. Reading the same kernel randomness 256 ids at a time keeps the ids as unpredictable and
makes the wait 256 times rarer.
"""

from __future__ import annotations

import os
import threading
import uuid

_IDS_PER_READ = 256


class _Buffer(threading.local):
    def __init__(self) -> None:
        self.data = b""
        self.pos = 0


_buffer = _Buffer()


def _forget() -> None:
    # A forked child must not hand out the ids its parent still holds.
    global _buffer
    _buffer = _Buffer()


os.register_at_fork(after_in_child=_forget)


def new_uuid() -> uuid.UUID:
    buf = _buffer
    if buf.pos >= len(buf.data):
        buf.data, buf.pos = os.urandom(16 * _IDS_PER_READ), 0
    raw = buf.data[buf.pos : buf.pos + 16]
    buf.pos += 16
    return uuid.UUID(bytes=raw, version=4)
