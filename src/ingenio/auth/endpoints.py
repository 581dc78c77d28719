"""``/api/v1/auth``: register and log in, each returning a bearer token."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from ingenio.auth.repository import UserRepository
from ingenio.auth.schemas import Credentials
from ingenio.auth.service import AuthService
from ingenio.deps import ContainerDep, UowDep
from ingenio.http import ok

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/register", summary="注册")
async def register(creds: Credentials, container: ContainerDep, uow: UowDep) -> Response:
    service = AuthService(UserRepository(uow.session), container.codec)
    return ok((await service.register(creds)).model_dump(mode="json", by_alias=True))


@router.post("/login", summary="登录")
async def login(creds: Credentials, container: ContainerDep, uow: UowDep) -> Response:
    service = AuthService(UserRepository(uow.session), container.codec)
    return ok((await service.login(creds)).model_dump(mode="json", by_alias=True))
