"""One error tree. Expected outcomes are typed errors carrying their HTTP status; one handler
(``ingenio.http``) renders every one of them as the contract's envelope."""

from __future__ import annotations


class AppError(Exception):
    """An expected failure with a user-readable (Chinese) message."""

    status: int = 500

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(AppError):
    status = 400


class Unauthorized(AppError):
    status = 401

    def __init__(self, message: str = "未登录或登录已过期") -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status = 403


class NotFound(AppError):
    status = 404


class TooManyRequests(AppError):
    status = 429

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, int(retry_after + 0.999)))})
        self.retry_after = retry_after


class Unavailable(AppError):
    status = 503


class TaskNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("任务不存在")


class TaskNotCancellable(BadRequest):
    def __init__(self, status: str) -> None:
        super().__init__(f"任务无法取消（当前状态：{status}）")


class QueueFull(TooManyRequests):
    def __init__(self, retry_after: float = 30) -> None:
        super().__init__("任务队列已满，请稍后重试", retry_after)
