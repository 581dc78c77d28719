"""Request and response bodies of the auth endpoints."""

from __future__ import annotations

import re
import uuid

from pydantic import field_validator
from pydantic_core import PydanticCustomError

from ingenio.camel import CamelModel

_USERNAME = re.compile(r"^[\w.\-]{3,32}$")


class Credentials(CamelModel):
    username: str
    password: str

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        value = value.strip()
        if not _USERNAME.match(value):
            raise PydanticCustomError(
                "ingenio", "用户名须为3到32个字符，只能包含字母、数字、下划线、点和连字符"
            )
        return value

    @field_validator("password")
    @classmethod
    def _password(cls, value: str) -> str:
        if not 8 <= len(value) <= 128:
            raise PydanticCustomError("ingenio", "密码长度须为8到128个字符")
        return value


class TokenOut(CamelModel):
    token: str
    user_id: uuid.UUID
    tenant_id: uuid.UUID
    username: str
    expires_at: str
