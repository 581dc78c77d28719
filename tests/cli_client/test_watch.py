"""Following a task: the event stream, the fall-back to polling, and how progress is drawn."""

from __future__ import annotations

import io
import json

import httpx
from rich.console import Console

from ingenio.cli.client import render
from ingenio.cli.client.api import Api
from ingenio.cli.client.sse import read_events
from ingenio.cli.client.watch import follow, outcome_code
from tests.cli_client.support import AGENTS, REQUIREMENT, Cli
from tests.support.server import ServerProcess, register


class NoEventStream(httpx.BaseTransport):
    """The real server behind a proxy that answers the event stream with an HTML error page,
    as a misconfigured reverse proxy does."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.refused = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if "/generate/events/" in path and not path.endswith("/token"):
            self.refused += 1
            return httpx.Response(502, html="<html><body>Bad Gateway</body></html>")
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def _api(server: ServerProcess, transport: httpx.BaseTransport | None = None) -> Api:
    token = register(server.url, "watcher")["Authorization"].removeprefix("Bearer ")
    return Api(server.url, token, transport)


def test_the_stream_delivers_every_state_in_order(offline_server: ServerProcess) -> None:
    with _api(offline_server) as api:
        task_id = api.create({"userRequirement": REQUIREMENT})
        views: list[dict[str, object]] = []
        final = follow(api, task_id, views.append, lambda _: None)
    assert final["status"] == "completed"
    assert views[-1] is final
    progress = [int(str(v["progress"])) for v in views]
    assert progress == sorted(progress)
    assert outcome_code(final) == 0


def test_a_broken_stream_falls_back_to_polling(offline_server: ServerProcess) -> None:
    transport = NoEventStream()
    notices: list[str] = []
    with _api(offline_server, transport) as api:
        task_id = api.create({"userRequirement": REQUIREMENT})
        final = follow(api, task_id, lambda _: None, notices.append)
    assert transport.refused == 1
    assert final["status"] == "completed"
    assert len(notices) == 1
    assert "改为每2秒查询一次状态" in notices[0]


def test_sse_reader_follows_the_standard() -> None:
    lines = [
        "retry: 2000",
        "",
        ": keep-alive",
        "id: 7",
        "event: status",
        'data: {"a":',
        "data: 1}",
        "",
        "event: end",
        "data:{}",
        "",
    ]
    events = list(read_events(lines))
    assert [(e.name, e.id) for e in events] == [("status", "7"), ("end", "7")]
    assert events[0].json() == {"a": 1}


def test_the_board_keeps_every_agent_on_an_80_column_terminal(cli: Cli) -> None:
    task_id = cli.submit_ok()
    view = json.loads(cli.run("status", task_id, "--json").stdout)
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(render.progress_board(view, render.utc_now()))
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    for agent in AGENTS:
        assert agent in text
    assert "已完成" in text


def test_line_output_for_logs_has_no_control_codes(cli: Cli) -> None:
    out = cli.run("submit", REQUIREMENT, "--wait")
    assert "\x1b" not in out.stderr
    assert len(out.stderr.splitlines()) >= 8  # a line per agent start and end, and the outcome
