"""A fake OpenAI-compatible chat server on 127.0.0.1, scripted per test.

    with FakeLLM() as fake:                      # port 0: a free port
        fake.script(Reply.text("not json"), Reply.rate_limited(0.05))
        async with LLMBrain(fake.settings(max_retries=1)) as brain:
            ...                                  # then: fake.requests, fake.wait_for_abort()

Replies are served from the script queue in order; once it is empty, ``default`` (smart: valid
JSON for plan / execute / review requests) answers. Every request body is recorded, and so is a
client that disconnects while its reply is pending (a cancelled call). ``POST /v1/chat/completions``
and ``/chat/completions`` are served; ``GET /_fake/requests`` and ``POST /_fake/replies`` (a JSON
list of reply dicts, see ``Reply.from_dict``) let another process drive it:

    python -m ingenio.testing.fake_llm --port 8765 --script replies.json
"""

from __future__ import annotations

import argparse
import json
import logging
import select
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from ingenio.config import BrainKind, LLMSettings
from ingenio.testing.fake_replies import (
    FakeUsage,
    Reply,
    ReplyKind,
    completion_body,
    error_body,
    stream_body,
)
from ingenio.testing.llm_fixtures import SmartSource, smart_answer

__all__ = ["FakeLLM", "FakeUsage", "RecordedRequest", "Reply", "SmartSource"]

log = logging.getLogger("ingenio.testing.fake_llm")
_CHAT_PATHS = frozenset({"/v1/chat/completions", "/chat/completions"})
_POLL_SECONDS = 0.01


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]  # names lower-cased
    body: dict[str, Any]
    reply: ReplyKind
    # pending -> answered | aborted (the client went away before the reply was sent)
    outcome: str = "pending"

    @property
    def model(self) -> str:
        return str(self.body.get("model"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])

    def text(self, role: str) -> str:
        """All message contents of one role, joined: what the prompt said."""
        return "\n".join(
            str(m.get("content") or "") for m in self.messages if m.get("role") == role
        )


class FakeLLM:
    """The server: a context manager that serves on a background thread. Thread-safe."""

    def __init__(
        self,
        *,
        port: int = 0,
        default: Reply | None = None,
        smart_source: SmartSource = SmartSource.AUTO,
        hang_limit: float = 60.0,
    ) -> None:
        self._default = default or Reply.smart()
        self._smart_source = smart_source
        self.hang_limit = hang_limit
        self._queue: deque[Reply] = deque()
        self._records: list[RecordedRequest] = []
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._server = _Server(("127.0.0.1", port), _Handler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            name="fake-llm",
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> FakeLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stopping.set()  # ends hanging and delayed replies
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.drop_connections()
        self._server.server_close()  # joins the handler threads

    def settings(self, **overrides: Any) -> LLMSettings:
        """LLM settings for the LLM brain pointing at this server, with a dummy key."""
        values: dict[str, Any] = {
            "base_url": self.base_url,
            "api_key": "sk-fake-test-key",
            "timeout_seconds": 10.0,
            "max_retries": 2,
            **overrides,
        }
        # ``brain`` has an environment alias (INGENIO_BRAIN) that the constructor does not
        # accept by field name, so it is set after validation.
        return LLMSettings(**values).model_copy(update={"brain": BrainKind.LLM})

    def script(self, *replies: Reply) -> None:
        with self._changed:
            self._queue.extend(replies)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._changed:
            return list(self._records)

    @property
    def aborted(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.outcome == "aborted"]

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> bool:
        return self._wait(lambda: len(self._records) >= count, timeout)

    def wait_for_abort(self, timeout: float = 5.0) -> bool:
        """True once a client has disconnected while its reply was pending."""
        return self._wait(lambda: any(r.outcome == "aborted" for r in self._records), timeout)

    def _wait(self, predicate: Callable[[], bool], timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(predicate, timeout)

    # --- called from handler threads -------------------------------------------------------

    def _receive(
        self, path: str, headers: dict[str, str], body: dict[str, Any]
    ) -> tuple[RecordedRequest, Reply]:
        with self._changed:
            reply = self._queue.popleft() if self._queue else self._default
            record = RecordedRequest(path, headers, body, reply.kind)
            self._records.append(record)
            self._changed.notify_all()
            return record, reply

    def _settle(self, record: RecordedRequest, outcome: str) -> None:
        with self._changed:
            record.outcome = outcome
            self._changed.notify_all()

    def _content(self, reply: Reply, body: dict[str, Any]) -> str:
        if reply.kind is ReplyKind.SMART:
            return smart_answer(body, self._smart_source)
        return reply.content


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins them: nothing outlives the fake
    block_on_close = True
    # The default backlog of 5 makes a burst of concurrent clients wait for SYN retries (1 s).
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: type[_Handler], fake: FakeLLM) -> None:
        self.fake = fake
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Unblock handler threads waiting on idle keep-alive connections."""
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits for the client's
    # delayed ACK (about 40 ms per reply on Linux).
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake_llm " + format, *args)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/_fake/requests":
            records = [
                {"path": r.path, "body": r.body, "reply": r.reply.value, "outcome": r.outcome}
                for r in self.server.fake.requests
            ]
            self._send(200, json.dumps(records, ensure_ascii=False).encode())
        else:
            self._send(404, b'{"error": {"message": "not found"}}')

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(400, b'{"error": {"message": "body is not JSON"}}')
            return
        if path == "/_fake/replies":
            try:
                replies = [Reply.from_dict(d) for d in body]
            except (KeyError, TypeError, ValueError) as exc:
                self._send(400, json.dumps({"error": {"message": str(exc)}}).encode())
                return
            self.server.fake.script(*replies)
            self._send(204, b"")
        elif path in _CHAT_PATHS:
            self._chat(path, body)
        else:
            self._send(404, b'{"error": {"message": "not found"}}')

    def _chat(self, path: str, body: dict[str, Any]) -> None:
        fake = self.server.fake
        headers = {name.lower(): value for name, value in self.headers.items()}
        record, reply = fake._receive(path, headers, body)
        waits = [reply.delay] + ([fake.hang_limit] if reply.kind is ReplyKind.HANG else [])
        for seconds in waits:
            if seconds > 0 and self._client_left_within(seconds):
                self.close_connection = True
                fake._settle(record, "aborted")
                return
        if reply.kind is ReplyKind.HANG:  # the client outlasted hang_limit
            reply = Reply.error(504, message="fake hang limit reached")
        self._answer(reply, body)
        fake._settle(record, "answered")

    def _answer(self, reply: Reply, body: dict[str, Any]) -> None:
        if reply.kind is ReplyKind.ERROR:
            self._send(reply.status, error_body(reply), dict(reply.headers))
            return
        try:
            content = self.server.fake._content(reply, body)
        except Exception as exc:  # a broken smart answer must show up in the test, not hang it
            log.exception("fake_llm.smart.error")
            self._send(500, json.dumps({"error": {"message": repr(exc)}}).encode())
            return
        if body.get("stream"):
            self._send(200, stream_body(reply, content, body), {}, "text/event-stream")
        else:
            self._send(200, completion_body(reply, content, body))

    def _client_left_within(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True as soon as the client closes its end of the connection."""
        conn = self.connection
        stopping = self.server.fake._stopping
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not stopping.is_set():
            readable, _, _ = select.select([conn], [], [], _POLL_SECONDS)
            if readable:
                try:
                    if conn.recv(1, socket.MSG_PEEK) == b"":
                        return True
                except OSError:
                    return True
                stopping.wait(_POLL_SECONDS)  # pipelined bytes: not a disconnect
        return False

    def _send(
        self,
        status: int,
        payload: bytes,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client left while we wrote
            self.close_connection = True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fake OpenAI-compatible chat server")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--script", type=Path, help="JSON list of replies served first")
    parser.add_argument("--smart", choices=[s.value for s in SmartSource], default="auto")
    args = parser.parse_args(argv)
    done = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with FakeLLM(port=args.port, smart_source=SmartSource(args.smart)) as fake:
        if args.script:
            data = json.loads(args.script.read_text("utf-8"))
            fake.script(*(Reply.from_dict(d) for d in data))
        print(fake.base_url, flush=True)
        done.wait()


if __name__ == "__main__":
    main()
