"""Download and preview routes.

``/api/v1/artifacts/{key}`` serves the local store's signed links (an S3 store's links point at
S3 itself). The preview is served with a CSP sandbox: it runs as an opaque origin, so even a
hostile spec string that slipped past escaping could not read this origin's storage (the web
UI keeps its token there) or call the API with the user's cookies.

``/api/v1/generate/download/{taskId}`` and ``/preview/{taskId}`` are the stable, authenticated
addresses stored in the task row; they redirect to a fresh signed link.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from ingenio.deps import ContainerDep, CurrentUser, TaskReaderDep, parse_task_id
from ingenio.errors import NotFound, Unauthorized
from ingenio.storage.base import ArtifactNotFound, InvalidArtifactKey, content_disposition

router = APIRouter(tags=["artifacts"])

PREVIEW_CSP = (
    "sandbox allow-scripts allow-forms allow-modals; default-src 'none'; "
    "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
)


@router.get("/api/v1/artifacts/{key:path}", include_in_schema=False)
async def signed_artifact(key: str, request: Request, container: ContainerDep) -> Response:
    grant = container.signer.verify_query(key, request.query_params)
    if grant is None:
        raise Unauthorized("下载链接无效或已过期")
    try:
        data = await container.store.get(grant.key)
    except (ArtifactNotFound, InvalidArtifactKey) as exc:
        raise NotFound("文件不存在") from exc
    headers = {"Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"}
    if grant.content_type.startswith("text/html"):
        headers["Content-Security-Policy"] = PREVIEW_CSP
    else:
        headers["Content-Disposition"] = content_disposition(grant.filename)
    return Response(
        data, media_type=grant.content_type or "application/octet-stream", headers=headers
    )


@router.get("/api/v1/generate/download/{taskId}", summary="下载生成的项目（跳转到签名链接）")
async def download(taskId: str, user: CurrentUser, reader: TaskReaderDep) -> Response:
    url = await reader.signed_link(user, parse_task_id(taskId), "download")
    return RedirectResponse(url, status_code=302)


@router.get("/api/v1/generate/preview/{taskId}", summary="打开预览（跳转到签名链接）")
async def preview(taskId: str, user: CurrentUser, reader: TaskReaderDep) -> Response:
    url = await reader.signed_link(user, parse_task_id(taskId), "preview")
    return RedirectResponse(url, status_code=302)
