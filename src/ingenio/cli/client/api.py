"""The service's HTTP API as the command line uses it: one method per endpoint, every failure a
``ClientError`` carrying the server's own message (the envelope's ``message``)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote, urljoin

import httpx

from ingenio.cli.client.errors import RELOGIN, ClientError
from ingenio.cli.client.sse import read_events

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
# The server sends a keep-alive comment after 15 s without news; four times that is a dead link.
STREAM_TIMEOUT = httpx.Timeout(60.0, connect=5.0)


class Api:
    """A client for one server, acting as the holder of ``token`` (if any)."""

    def __init__(
        self, server: str, token: str | None, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.server = server
        self.token = token
        self._http = httpx.Client(
            base_url=server,
            timeout=TIMEOUT,
            transport=transport,
            headers={"User-Agent": "ingenio-cli"},
        )

    def __enter__(self) -> Api:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._http.close()

    def login(self, username: str, password: str, *, register: bool = False) -> dict[str, Any]:
        path = "/api/v1/auth/register" if register else "/api/v1/auth/login"
        data = self._call("POST", path, json={"username": username, "password": password})
        return dict(data)

    def create(self, body: dict[str, Any]) -> str:
        return str(self._call("POST", "/api/v1/generate/async", json=body, authed=True))

    def status(self, task_id: str) -> dict[str, Any]:
        return dict(self._call("GET", f"/api/v1/generate/status/{_seg(task_id)}", authed=True))

    def tasks(self, page: int, size: int, status: str | None) -> dict[str, Any]:
        params: dict[str, str | int] = {"pageNum": page, "pageSize": size}
        if status:
            params["status"] = status
        return dict(self._call("GET", "/api/v1/generate/tasks", params=params, authed=True))

    def cancel(self, task_id: str) -> str:
        return str(self._call("POST", f"/api/v1/generate/cancel/{_seg(task_id)}", authed=True))

    def events(self, task_id: str) -> Iterator[dict[str, Any]]:
        """Every state of the task from the event stream, the terminal one last.

        The stream is opened with a short-lived token made for this task (the same path a
        browser takes), so the long-lived token never appears in a URL or an access log.
        """
        stream_token = self._call(
            "POST", f"/api/v1/generate/events/{_seg(task_id)}/token", authed=True
        )["token"]
        path = f"/api/v1/generate/events/{_seg(task_id)}"
        with self._transport_errors():
            with self._http.stream(
                "GET", path, params={"token": stream_token}, timeout=STREAM_TIMEOUT
            ) as resp:
                if resp.status_code != 200:
                    resp.read()
                    self._data(resp, authed=True)
                for event in read_events(resp.iter_lines()):
                    if event.name == "end":
                        return
                    if event.name == "status":
                        yield event.json()
        raise ClientError("事件流意外中断")

    def download(self, url: str, dest: Path) -> int:
        """Saves the artifact at ``url`` (signed, possibly relative) to ``dest``; returns bytes.

        No Authorization header: the link carries its own signature, and it may point at object
        storage, which must never see the user's token.
        """
        target = urljoin(self.server + "/", url)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh, self._transport_errors():
                with self._http.stream("GET", target) as resp:
                    if resp.status_code != 200:
                        resp.read()
                        self._data(resp, authed=False)
                        raise ClientError(f"下载失败（HTTP {resp.status_code}）", resp.status_code)
                    for chunk in resp.iter_bytes():
                        fh.write(chunk)
            if not zipfile.is_zipfile(tmp):
                raise ClientError("下载的文件不是有效的ZIP，未保存")
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return dest.stat().st_size

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str | int] | None = None,
        authed: bool = False,
    ) -> Any:
        headers = self._auth() if authed else {}
        with self._transport_errors():
            resp = self._http.request(method, path, json=json, params=params, headers=headers)
        return self._data(resp, authed=authed)

    def _auth(self) -> dict[str, str]:
        if not self.token:
            raise ClientError(
                f"尚未登录 {self.server}：请先运行 ingenio login（或设置 INGENIO_TOKEN）"
            )
        return {"Authorization": f"Bearer {self.token}"}

    @staticmethod
    def _data(resp: httpx.Response, *, authed: bool) -> Any:
        try:
            body = resp.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or "code" not in body:
            raise ClientError(
                f"服务器返回了无法识别的响应（HTTP {resp.status_code}），请检查服务器地址",
                resp.status_code,
            )
        if resp.status_code == 401 and authed:
            raise ClientError(RELOGIN, 401)
        if resp.status_code >= 400:
            message = str(body.get("message") or f"请求失败（HTTP {resp.status_code}）")
            raise ClientError(message, resp.status_code)
        return body.get("data")

    @contextmanager
    def _transport_errors(self) -> Iterator[None]:
        try:
            yield
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ClientError(f"无法连接到服务器 {self.server}") from exc
        except httpx.TimeoutException as exc:
            raise ClientError(f"服务器 {self.server} 响应超时") from exc
        except httpx.HTTPError as exc:
            raise ClientError(
                f"与服务器 {self.server} 通信失败：{exc or type(exc).__name__}"
            ) from exc


def _seg(task_id: str) -> str:
    """A user-typed id as one path segment: ``../auth`` must not reach another endpoint."""
    return quote(task_id.strip(), safe="")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
