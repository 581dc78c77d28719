"""A deterministic ZIP of the generated files, built in memory, and its manifest.

Same files, same bytes: entries are sorted and carry a fixed timestamp, fixed permissions, a
fixed creator system and a fixed compression level, so a project's sha256 identifies its
content. Every path is checked before it is written: relative, no `..`, no backslash, no empty
segment, under one top folder (the system this replaces let `../` escape).
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Mapping

from ingenio.pipeline.project import ManifestEntry

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry
FILE_MODE = 0o100644  # regular file, rw-r--r--
UNIX = 3  # "made by" system: keeps the mode bits meaningful to unzip
COMPRESS_LEVEL = 6


class UnsafePathError(ValueError):
    """A generated path would land outside the project folder or is malformed."""


def check_path(path: str) -> None:
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        raise UnsafePathError(f"unsafe path in archive: {path!r}")
    if path != unicodedata.normalize("NFC", path) or ":" in path.split("/")[0]:
        raise UnsafePathError(f"unsafe path in archive: {path!r}")
    if any(segment in ("", ".", "..") for segment in path.split("/")):
        raise UnsafePathError(f"unsafe path in archive: {path!r}")


def build_zip(top: str, files: Mapping[str, bytes]) -> tuple[bytes, list[ManifestEntry]]:
    """ZIP ``files`` (relative paths) under the folder ``top``; return bytes and manifest."""
    check_path(top)
    if "/" in top:
        raise UnsafePathError(f"top folder must be one segment: {top!r}")
    manifest: list[ManifestEntry] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for relative in sorted(files):
            check_path(relative)
            path = f"{top}/{relative}"
            data = files[relative]
            info = zipfile.ZipInfo(path, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, data, compresslevel=COMPRESS_LEVEL)
            manifest.append(
                ManifestEntry(path=path, size=len(data), sha256=hashlib.sha256(data).hexdigest())
            )
    return buffer.getvalue(), manifest
