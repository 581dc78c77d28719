"""Build the configured artifact store (called once, in the app's and the worker's lifespan)."""

from __future__ import annotations

from ingenio.config import Settings, StorageKind
from ingenio.storage.base import ArtifactStore
from ingenio.storage.local import LocalArtifactStore
from ingenio.storage.signing import UrlSigner


def make_store(settings: Settings, signer: UrlSigner, base_url: str) -> ArtifactStore:
    """The store chosen by ``INGENIO_STORAGE_KIND``.

    ``signer`` and ``base_url`` shape the local store's links; S3 signs its own. An S3 bucket is
    not created here (this builds clients only, no I/O): call ``ensure_bucket()`` at start-up.
    """
    if settings.storage.kind is StorageKind.S3:
        # Imported here: boto3 takes about 0.4 s to import, which the local default never pays.
        from ingenio.storage.s3 import S3ArtifactStore

        return S3ArtifactStore(settings.storage)
    return LocalArtifactStore(settings.data.data_dir / "artifacts", signer, base_url)
