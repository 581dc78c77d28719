"""Every setting, grouped, each an ``INGENIO_*`` environment variable.

Groups are separate ``BaseSettings`` classes with their own prefix, so the variable names stay
flat and readable (``INGENIO_DATABASE_URL``, ``INGENIO_REDIS_URL``, ``INGENIO_LLM_MODEL``) while
the code reads ``settings.database.url``.
"""

from __future__ import annotations

import secrets
from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values seen in tutorials and templates; a server outside dev mode refuses them as secrets.
_WELL_KNOWN_SECRETS = frozenset({"changethis", "change-me", "secret", "dev-secret", "ingenio"})


def _group(prefix: str) -> SettingsConfigDict:
    # populate_by_name: code may pass ``LLMSettings(brain=...)`` although the environment
    # variable is the alias ``INGENIO_BRAIN``.
    return SettingsConfigDict(
        env_prefix=prefix, extra="ignore", env_file=None, populate_by_name=True
    )


class Env(StrEnum):
    DEV = "dev"
    PROD = "prod"


class DataSettings(BaseSettings):
    model_config = _group("INGENIO_")
    data_dir: Path = Path("./data")


class DatabaseSettings(BaseSettings):
    model_config = _group("INGENIO_DATABASE_")
    url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite under data")
    # PostgreSQL connections per process for writes, and as many again for the lean reads.
    pool_size: int = Field(default=20, ge=1)
    echo: bool = False
    # Apply migrations at start-up; operators of a shared database may prefer `ingenio migrate`.
    auto_migrate: bool = True


class CacheSettings(BaseSettings):
    model_config = _group("INGENIO_")
    redis_url: str | None = None
    cache_ttl_running: int = Field(default=3600, ge=1)
    cache_ttl_terminal: int = Field(default=86400, ge=1)


class RunnerKind(StrEnum):
    LOCAL = "local"
    PROCRASTINATE = "procrastinate"


class RunnerSettings(BaseSettings):
    model_config = _group("INGENIO_RUNNER_")
    kind: RunnerKind = Field(default=RunnerKind.LOCAL, validation_alias="INGENIO_RUNNER")
    core_workers: int = Field(default=3, ge=1)
    max_workers: int = Field(default=5, ge=1)
    queue_capacity: int = Field(default=50, ge=0)
    task_timeout_seconds: float = Field(default=1800, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    shutdown_grace_seconds: float = Field(default=5, ge=0)
    # Distributed mode (Procrastinate workers over PostgreSQL).
    queue_name: str = "ingenio"
    worker_concurrency: int = Field(default=5, ge=1)
    heartbeat_seconds: float = Field(default=2.0, gt=0)
    # A worker silent this long is dead: its jobs are retried. Several heartbeats long, so a
    # busy but healthy worker is never mistaken for a dead one.
    stalled_after_seconds: float = Field(default=10.0, gt=0)
    reaper_every_seconds: int = Field(default=5, ge=1, le=59)
    poll_seconds: float = Field(default=1.0, gt=0)

    @model_validator(mode="after")
    def _core_within_max(self) -> RunnerSettings:
        if self.core_workers > self.max_workers:
            raise ValueError("INGENIO_RUNNER_CORE_WORKERS must not exceed MAX_WORKERS")
        return self


class BrainKind(StrEnum):
    OFFLINE = "offline"
    LLM = "llm"


class JsonMode(StrEnum):
    AUTO = "auto"  # json_schema where the provider is known to support it, else json_object
    JSON_SCHEMA = "json_schema"
    JSON_OBJECT = "json_object"


class LLMSettings(BaseSettings):
    model_config = _group("INGENIO_LLM_")
    brain: BrainKind = Field(default=BrainKind.OFFLINE, validation_alias="INGENIO_BRAIN")
    provider: str = Field(default="openai", description="price-table and quirks key")
    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str = "gpt-4o-mini"
    plan_model: str | None = None
    execute_model: str | None = None
    validate_model: str | None = None
    json_mode: JsonMode = JsonMode.AUTO
    timeout_seconds: float = Field(default=120, gt=0)
    max_retries: int = Field(default=2, ge=0)
    temperature: float = Field(default=0.2, ge=0, le=2)
    price_table: Path | None = Field(default=None, description="YAML; default: bundled table")


class StorageKind(StrEnum):
    LOCAL = "local"
    S3 = "s3"


class StorageSettings(BaseSettings):
    model_config = _group("INGENIO_STORAGE_")
    kind: StorageKind = StorageKind.LOCAL
    s3_endpoint_url: str | None = None
    s3_bucket: str = "ingenio"
    s3_region: str = "us-east-1"
    s3_access_key_id: SecretStr | None = None
    s3_secret_access_key: SecretStr | None = None
    # A cached status keeps its signed links for up to the terminal cache TTL (24 h), so links
    # must outlive it: 48 h leaves every served link at least 24 h of life.
    url_ttl_seconds: int = Field(default=172800, ge=60)


class AuthSettings(BaseSettings):
    model_config = _group("INGENIO_")
    env: Env = Env.DEV
    jwt_secret: SecretStr | None = None
    token_ttl_seconds: int = Field(default=86400, ge=60)
    stream_token_ttl_seconds: int = Field(default=600, ge=10)


class RateLimitSettings(BaseSettings):
    model_config = _group("INGENIO_")
    ai_calls_per_hour: int = Field(default=100, ge=1)
    ai_call_max_wait_seconds: float = Field(default=0, ge=0)


class ServerSettings(BaseSettings):
    model_config = _group("INGENIO_")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    public_base_url: str | None = None
    log_level: str = "INFO"


class Settings(BaseSettings):
    """The whole configuration. Build it once at start-up and pass it down."""

    # The groups read their own variables. This prefix matches none, so that for example
    # INGENIO_RUNNER (the runner kind) is not parsed as the whole ``runner`` group.
    model_config = _group("INGENIO_SETTINGS_")
    data: DataSettings = Field(default_factory=DataSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    cache: CacheSettings = Field(default_factory=CacheSettings)
    runner: RunnerSettings = Field(default_factory=RunnerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    rate_limit: RateLimitSettings = Field(default_factory=RateLimitSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)

    @property
    def database_url(self) -> str:
        if self.database.url:
            return self.database.url
        return f"sqlite+aiosqlite:///{(self.data.data_dir / 'ingenio.db').resolve()}"

    def jwt_secret(self) -> str:
        """The signing secret; outside dev mode an explicit, strong one is required.

        In dev mode with none configured, a random secret is created once and kept in the data
        directory (mode 0600), so tokens survive restarts without a well-known default.
        """
        configured = self.auth.jwt_secret.get_secret_value() if self.auth.jwt_secret else None
        if self.auth.env is Env.PROD:
            if not configured or configured.lower() in _WELL_KNOWN_SECRETS or len(configured) < 32:
                raise ConfigError(
                    "INGENIO_JWT_SECRET must be set to a random value of at least 32 characters "
                    "outside dev mode (INGENIO_ENV=prod)"
                )
            return configured
        if configured:
            return configured
        path = self.data.data_dir / "jwt-secret"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


class ConfigError(Exception):
    """The configuration cannot be used; the message names the variable to fix."""
