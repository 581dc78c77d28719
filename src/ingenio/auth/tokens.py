"""Bearer tokens: HS256 JWTs for API access, and short-lived per-task tokens for event streams.

A browser's EventSource cannot set an Authorization header, so the event stream also accepts a
token that is valid for one task only and for a few minutes (``typ=stream``); it can never be
used as an access token.
"""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt

from ingenio.clock import utcnow
from ingenio.errors import Unauthorized

ALGORITHM = "HS256"
_MAX_REMEMBERED = 10_000  # distinct live tokens remembered per process (about 3 MB)
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
        self._verified: OrderedDict[str, tuple[AuthUser, float, dict[str, Any]]] = OrderedDict()

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
        # A polling client presents the same token every 2 s: remember what it proved (until
        # it expires) instead of re-verifying the signature each time, the costliest step of a
        # cached status read. Only valid tokens are remembered, so a forgery is always checked.
        hit = self._verified.get(token)
        if hit is not None and hit[1] > time.time():
            user, _, claims = hit
        else:
            user, claims = self._decode(token)
            self._remember(token, user, claims)
        if claims["typ"] != typ:
            raise Unauthorized("无效的登录凭证")
        if typ == STREAM and claims.get("task") != str(task_id):
            raise Unauthorized("无效的登录凭证")
        return user

    def _decode(self, token: str) -> tuple[AuthUser, dict[str, Any]]:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["sub", "tid", "typ", "exp"]},
            )
            return AuthUser(uuid.UUID(claims["sub"]), uuid.UUID(claims["tid"])), claims
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("登录已过期，请重新登录") from exc
        except (jwt.InvalidTokenError, ValueError, TypeError) as exc:
            raise Unauthorized("无效的登录凭证") from exc

    def _remember(self, token: str, user: AuthUser, claims: dict[str, Any]) -> None:
        self._verified[token] = (user, float(claims["exp"]), claims)
        if len(self._verified) > _MAX_REMEMBERED:
            self._verified.popitem(last=False)
