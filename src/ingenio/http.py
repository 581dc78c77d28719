"""The envelope ``{code, message, data, timestamp}`` and the handlers that guarantee it.

Every response, errors included, is an envelope whose ``code`` equals the HTTP status. Bodies are
built with orjson; a pre-serialised ``data`` (the cached status) is spliced in as bytes, so the
hottest path never re-encodes the task.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ingenio.clock import iso, utcnow
from ingenio.errors import AppError
from ingenio.validation_messages import validation_message

log = logging.getLogger("ingenio.http")

OK_MESSAGE = "成功"
JSON_TYPE = "application/json"


def envelope(code: int, message: str, data_json: bytes = b"null") -> bytes:
    head = orjson.dumps({"code": code, "message": message})[:-1]
    ts = orjson.dumps(iso(utcnow()))
    return head + b',"data":' + data_json + b',"timestamp":' + ts + b"}"


def ok(data: Any = None) -> Response:
    return Response(envelope(200, OK_MESSAGE, orjson.dumps(data)), media_type=JSON_TYPE)


def ok_raw(data_json: bytes) -> Response:
    return Response(envelope(200, OK_MESSAGE, data_json), media_type=JSON_TYPE)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        envelope(status, message), status_code=status, media_type=JSON_TYPE, headers=headers
    )


_STATUS_MESSAGES = {404: "资源不存在", 405: "请求方法不允许", 401: "未登录或登录已过期"}


def install_error_handlers(app: FastAPI) -> None:
    async def app_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, AppError)
        if exc.status >= 500:
            log.error("request.error", extra={"reason": exc.message})
        return error_response(exc.status, exc.message, exc.headers)

    async def invalid_request(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(400, validation_message(exc.errors()))

    async def http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = _STATUS_MESSAGES.get(exc.status_code, str(exc.detail))
        return error_response(exc.status_code, message, dict(exc.headers or {}))

    app.add_exception_handler(AppError, app_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_middleware(CatchAllMiddleware)


class CatchAllMiddleware:
    """Anything unexpected becomes a 500 envelope; the stack goes to the log, never the client.

    A plain ASGI middleware rather than an ``Exception`` handler, because Starlette re-raises
    from those after responding, which would put a second trace in the server log.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("request.unhandled", extra={"path": scope.get("path")})
            if started:  # too late for an envelope; the connection is closed by the server
                raise
            await error_response(500, "服务器内部错误")(scope, receive, send)
