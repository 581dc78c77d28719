"""A private PostgreSQL cluster (initdb + pg_ctl in a temporary directory, on a free port).

For tests that restart or crash the database server: the machine's shared cluster is never
touched. initdb and pg_ctl refuse to run as root, so under root they run as the ``postgres``
OS user (``runuser``), in a directory that user owns.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from ingenio.testing.processes import free_port
from tests.support.infra import unavailable


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


class PrivatePostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="ingenio-pg-"))
        self.data = self.root / "data"
        self.logfile = self.root / "server.log"
        self._as_postgres: list[str] = []
        self._started = False

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def dsn(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> None:
        # Output to a file, not a pipe: the server pg_ctl starts would inherit the pipe and keep
        # it open, so reading it to the end would never finish.
        out = self.root / "ctl.out"
        with out.open("wb") as sink:
            code = subprocess.call(
                [*self._as_postgres, *args], stdout=sink, stderr=subprocess.STDOUT, timeout=120
            )
        if code != 0:
            raise RuntimeError(f"{args[0]} failed: {out.read_text(errors='replace')}\n{self.log()}")

    def log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")
        except OSError:
            return ""

    def start(self) -> PrivatePostgres:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if initdb is None or pg_ctl is None:
            unavailable("PostgreSQL server binaries (initdb, pg_ctl)")
            raise AssertionError("unreachable")
        self.pg_ctl = pg_ctl
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                unavailable("the postgres OS user (initdb refuses to run as root)")
                raise
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
        self._run(
            initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            pg_ctl, "-D", str(self.data), "-l", str(self.logfile), "-o", options, "-w", "start"
        )
        self._started = True
        return self

    def restart_immediate(self) -> None:
        """``pg_ctl restart -m immediate``: every connection dies, as in a crash."""
        self._run(
            self.pg_ctl, "-D", str(self.data), "-l", str(self.logfile), "-m", "immediate", "-w",
            "restart",
        )  # fmt: skip

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self._started:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self._started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PrivatePostgres:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()
