"""Where generated artifacts live: a local directory or an S3-compatible bucket.

Both sit behind ``ArtifactStore``; ``MemoryArtifactStore`` is the fake for tests of its callers.
``S3ArtifactStore`` lives in ``ingenio.storage.s3`` and is not imported here, so that importing
this package does not import boto3.
"""

from ingenio.storage.base import (
    ArtifactNotFound,
    ArtifactStore,
    InvalidArtifactKey,
    StorageUnavailable,
    content_disposition,
    validate_key,
)
from ingenio.storage.factory import make_store
from ingenio.storage.local import LocalArtifactStore
from ingenio.storage.memory import MemoryArtifactStore
from ingenio.storage.signing import DOWNLOAD_PATH, DownloadGrant, UrlSigner

__all__ = [
    "DOWNLOAD_PATH",
    "ArtifactNotFound",
    "ArtifactStore",
    "DownloadGrant",
    "InvalidArtifactKey",
    "LocalArtifactStore",
    "MemoryArtifactStore",
    "StorageUnavailable",
    "UrlSigner",
    "content_disposition",
    "make_store",
    "validate_key",
]
