"""Where the client finds its server and token: flags, then the environment, then the login
saved by ``ingenio login`` in a small JSON file.

Flags and environment variables are resolved by typer (``envvar=``); this module supplies the
rest. A saved token is only sent to the server it was issued by, so ``--server other`` never
leaks the default server's credentials to another host.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ingenio.cli.client.errors import ClientError

CONFIG_ENV = "INGENIO_CLIENT_CONFIG"
SERVER_ENV = "INGENIO_SERVER_URL"
TOKEN_ENV = "INGENIO_TOKEN"
DEFAULT_SERVER = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class SavedLogin:
    server: str
    token: str
    username: str
    expires_at: str

    def to_json(self) -> dict[str, str]:
        """The file's keys, spelt as the API spells them."""
        return {
            "server": self.server,
            "token": self.token,
            "username": self.username,
            "expiresAt": self.expires_at,
        }


def config_path() -> Path:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "ingenio" / "client.json"


def load_login(path: Path | None = None) -> SavedLogin | None:
    path = path or config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return SavedLogin(
            server=normalize_server(str(raw["server"])),
            token=str(raw["token"]),
            username=str(raw.get("username", "")),
            expires_at=str(raw.get("expiresAt", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, ClientError) as exc:
        raise ClientError(f"无法读取客户端配置 {path}（{exc}），请重新运行 ingenio login") from exc


def save_login(login: SavedLogin, path: Path | None = None) -> Path:
    """Writes the file with mode 0600 from the first byte (the token is a credential), to a
    temporary name first so a crash never leaves half a file."""
    path = path or config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ClientError(f"无法写入客户端配置 {path}：{exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(login.to_json(), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def normalize_server(url: str) -> str:
    """``localhost:8000`` -> ``http://localhost:8000``; no trailing slash."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientError(f"服务器地址无效：{url}（应形如 http://127.0.0.1:8000）")
    return url.rstrip("/")


def resolve(server: str | None, token: str | None) -> tuple[str, str | None]:
    """The server URL and the token to use, given the flag-or-environment values."""
    saved = load_login() if not (server and token) else None
    url = normalize_server(server or (saved.server if saved else DEFAULT_SERVER))
    if token:
        return url, token
    if saved is not None and saved.server == url:
        return url, saved.token
    return url, None
