"""Artifacts in an S3-compatible bucket (AWS S3, MinIO), downloaded with presigned links.

The bucket stays private: a link is a SigV4 presigned GET that S3 itself checks and expires, so
nothing has to be made public by hand and the API is not in the download path.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, cast

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ingenio.config import StorageSettings
from ingenio.storage.base import (
    ArtifactNotFound,
    StorageUnavailable,
    content_disposition,
    validate_key,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.literals import BucketLocationConstraintType

# SigV4 presigned URLs are refused by S3 beyond seven days, so a longer lifetime is clamped.
MAX_PRESIGN_SECONDS = 7 * 24 * 3600
_MISSING_CODES = frozenset({"404", "NoSuchKey", "NoSuchBucket", "NotFound"})


class S3ArtifactStore:
    """One bucket, one boto3 client built here and closed by ``aclose``.

    boto3 is blocking, so every call runs in a thread; its low-level clients are documented as
    thread-safe, so the one client serves all of them.
    """

    def __init__(self, settings: StorageSettings) -> None:
        self._bucket = settings.s3_bucket
        self._region = settings.s3_region
        config = Config(
            signature_version="s3v4",
            # Path-style (endpoint/bucket/key): MinIO and most self-hosted stores need it, and
            # it does not require a DNS name per bucket.
            s3={"addressing_style": "path"},
            connect_timeout=5,
            read_timeout=60,
            retries={"max_attempts": 3, "mode": "standard"},
        )
        credentials: dict[str, Any] = {}
        if settings.s3_access_key_id and settings.s3_secret_access_key:
            credentials = {
                "aws_access_key_id": settings.s3_access_key_id.get_secret_value(),
                "aws_secret_access_key": settings.s3_secret_access_key.get_secret_value(),
            }
        # Without explicit keys boto3 falls back to its own chain (environment, instance role).
        self._client: S3Client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            config=config,
            **credentials,
        )

    @property
    def bucket(self) -> str:
        return self._bucket

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        validate_key(key)
        # A PUT is atomic in S3: readers see the old object or the new one, never a part.
        await asyncio.to_thread(
            self._client.put_object,
            Bucket=self._bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
        )

    async def get(self, key: str) -> bytes:
        validate_key(key)
        return await asyncio.to_thread(self._get, key)

    async def delete(self, key: str) -> None:
        validate_key(key)
        # DeleteObject succeeds for a missing key, which is the idempotence we promise.
        await asyncio.to_thread(self._client.delete_object, Bucket=self._bucket, Key=key)

    async def exists(self, key: str) -> bool:
        validate_key(key)
        try:
            await asyncio.to_thread(self._client.head_object, Bucket=self._bucket, Key=key)
        except ClientError as exc:
            if _is_missing(exc):
                return False
            raise
        return True

    def url(self, key: str, *, filename: str, content_type: str, expires_in: int) -> str:
        validate_key(key)
        # Signing is local computation (no request), so it is safe to call from the event loop.
        return self._client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "ResponseContentDisposition": content_disposition(filename),
                "ResponseContentType": content_type,
            },
            ExpiresIn=min(expires_in, MAX_PRESIGN_SECONDS),
        )

    async def check(self) -> None:
        try:
            await asyncio.to_thread(self._client.head_bucket, Bucket=self._bucket)
        except (ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"bucket {self._bucket} is not usable: {exc}") from exc

    async def ensure_bucket(self) -> None:
        """Create the bucket if it does not exist yet (call once at start-up)."""
        await asyncio.to_thread(self._ensure_bucket)

    async def aclose(self) -> None:
        self._client.close()

    def _get(self, key: str) -> bytes:
        try:
            response = self._client.get_object(Bucket=self._bucket, Key=key)
        except ClientError as exc:
            if _is_missing(exc):
                raise ArtifactNotFound(key) from None
            raise
        with response["Body"] as body:
            return body.read()

    def _ensure_bucket(self) -> None:
        try:
            self._client.head_bucket(Bucket=self._bucket)
            return
        except ClientError as exc:
            if not _is_missing(exc):
                raise
        try:
            if self._region == "us-east-1":
                # us-east-1 is the default location and rejects an explicit constraint.
                self._client.create_bucket(Bucket=self._bucket)
            else:
                self._client.create_bucket(
                    Bucket=self._bucket,
                    CreateBucketConfiguration={
                        "LocationConstraint": cast("BucketLocationConstraintType", self._region)
                    },
                )
        except ClientError as exc:
            # Another process created it between our HEAD and CREATE.
            if exc.response.get("Error", {}).get("Code") != "BucketAlreadyOwnedByYou":
                raise


def _is_missing(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code", "") in _MISSING_CODES
