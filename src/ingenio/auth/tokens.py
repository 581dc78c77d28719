"""Bearer tokens: HS256 JWTs for API access, and short-lived per-task tokens for event streams.

A browser's EventSource cannot set an Authorization header, so the event stream also accepts a
token that is valid for one task only and for a few minutes (``typ=stream``); it can never be
used as an access token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from ingenio.clock import utcnow
from ingenio.errors import Unauthorized

ALGORITHM = "HS256"
ACCESS = "access"
STREAM = "stream"


@dataclass(frozen=True)
class AuthUser:
    user_id: uuid.UUID
    tenant_id: uuid.UUID


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime


class TokenCodec:
    def __init__(self, secret: str, access_ttl: int, stream_ttl: int) -> None:
        self._secret = secret
        self._access_ttl = timedelta(seconds=access_ttl)
        self._stream_ttl = timedelta(seconds=stream_ttl)

    def issue(self, user: AuthUser) -> IssuedToken:
        return self._issue(user, ACCESS, self._access_ttl, {})

    def issue_stream(self, user: AuthUser, task_id: uuid.UUID) -> IssuedToken:
        return self._issue(user, STREAM, self._stream_ttl, {"task": str(task_id)})

    def _issue(
        self, user: AuthUser, typ: str, ttl: timedelta, extra: dict[str, str]
    ) -> IssuedToken:
        now = utcnow()
        expires = now + ttl
        claims = {
            "sub": str(user.user_id),
            "tid": str(user.tenant_id),
            "typ": typ,
            "iat": int(now.timestamp()),
            "exp": int(expires.timestamp()),
            **extra,
        }
        return IssuedToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), expires)

    def verify(
        self, token: str, *, typ: str = ACCESS, task_id: uuid.UUID | None = None
    ) -> AuthUser:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["sub", "tid", "typ", "exp"]},
            )
            user = AuthUser(uuid.UUID(claims["sub"]), uuid.UUID(claims["tid"]))
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("登录已过期，请重新登录") from exc
        except (jwt.InvalidTokenError, ValueError, TypeError) as exc:
            raise Unauthorized("无效的登录凭证") from exc
        if claims["typ"] != typ:
            raise Unauthorized("无效的登录凭证")
        if typ == STREAM and claims.get("task") != str(task_id):
            raise Unauthorized("无效的登录凭证")
        return user
