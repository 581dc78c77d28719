"""Fixtures for the artifact stores: a controllable clock, a signer, and a real S3 endpoint.

The S3 endpoint is moto's standalone server in a subprocess on a free loopback port: the store
talks HTTP to it exactly as it would to MinIO, and the test process's warnings filters and
globals stay out of the server.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from ingenio.config import StorageKind, StorageSettings
from ingenio.storage.signing import UrlSigner
from tests.support.moto import moto_server

SECRET = b"0123456789abcdef0123456789abcdef"


# A fixed "now" for signers, so link expiry is exact and tests move time by passing ``now=``.
NOW = 1_800_000_000


@pytest.fixture
def now() -> int:
    return NOW


@pytest.fixture
def signer(now: int) -> UrlSigner:
    return UrlSigner(SECRET, clock=lambda: float(now))


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_settings(moto_endpoint: str) -> StorageSettings:
    """Settings for a fresh bucket (not yet created) on the moto server."""
    return StorageSettings(
        kind=StorageKind.S3,
        s3_endpoint_url=moto_endpoint,
        s3_bucket=f"ingenio-test-{uuid.uuid4().hex[:16]}",
        s3_region="us-east-1",
        s3_access_key_id=SecretStr("testing"),
        s3_secret_access_key=SecretStr("testing"),
    )


@pytest.fixture
def artifacts_root(tmp_path: Path) -> Path:
    return tmp_path / "artifacts"
