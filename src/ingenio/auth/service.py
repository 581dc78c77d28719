"""Registration and login. Password hashing is CPU work (argon2): it runs in a thread."""

from __future__ import annotations

import asyncio
import logging

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError

from ingenio.auth.repository import UserRepository
from ingenio.auth.schemas import Credentials, TokenOut
from ingenio.auth.tokens import AuthUser, TokenCodec
from ingenio.clock import iso
from ingenio.errors import BadRequest, Unauthorized

log = logging.getLogger("ingenio.auth")
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a login takes as long either way and does
# not reveal which usernames are registered.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class AuthService:
    def __init__(self, users: UserRepository, codec: TokenCodec) -> None:
        self.users = users
        self.codec = codec

    async def register(self, creds: Credentials, tenant_name: str | None = None) -> TokenOut:
        """A new user; with no tenant named, the user gets a tenant of their own."""
        if await self.users.by_username(creds.username):
            raise BadRequest("用户名已存在")
        name = tenant_name or creds.username
        tenant = await self.users.tenant_by_name(name)
        if tenant is None:
            tenant = await self.users.add_tenant(name)
        elif tenant_name is None:  # a personal tenant must not be shared by accident
            raise BadRequest("用户名已存在")
        password_hash = await asyncio.to_thread(hash_password, creds.password)
        try:
            user = await self.users.add_user(tenant, creds.username, password_hash)
        except IntegrityError as exc:  # a concurrent registration won the race
            raise BadRequest("用户名已存在") from exc
        log.info("user.registered", extra={"userId": str(user.id), "tenantId": str(tenant.id)})
        return self._token(AuthUser(user.id, tenant.id), creds.username)

    async def login(self, creds: Credentials) -> TokenOut:
        user = await self.users.by_username(creds.username)
        stored = user.password_hash if user else _DUMMY_HASH
        if not await asyncio.to_thread(_verify, stored, creds.password) or user is None:
            raise Unauthorized("用户名或密码错误")
        return self._token(AuthUser(user.id, user.tenant_id), user.username)

    def _token(self, user: AuthUser, username: str) -> TokenOut:
        issued = self.codec.issue(user)
        return TokenOut(
            token=issued.token,
            user_id=user.user_id,
            tenant_id=user.tenant_id,
            username=username,
            expires_at=iso(issued.expires_at) or "",
        )
