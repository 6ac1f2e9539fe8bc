"""Demo data is loaded once per database and seed code, not on every ``make run``.

Seeding is idempotent, but each service's ``python -m <svc> seed`` (and the ``--help`` that
asks whether it has one) is a Python start: on the 2-core machine those were most of the
53-70 s a repair took. A stamp per service remembers what was seeded: the database (its
cluster's system identifier and the database's oid, so a ``make clean`` or another
``DATABASE_URL`` seeds again, while a failover to the standby does not) and a hash of the
service's code (new demo data in the code is loaded on the next run).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Mapping
from pathlib import Path

from devstack.services import has_command
from devstack.waiting import run_sync


def code_fingerprint(service: str) -> str:
    """A hash of every file of the service's package (bytecode caches left out)."""
    spec = importlib.util.find_spec(service)
    roots = list(spec.submodule_search_locations or []) if spec else []
    digest = hashlib.sha256()
    for root in map(Path, roots):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


async def database_identity(admin_url: str) -> str:
    """Which database this is: its cluster's system identifier (when the role may read it)
    and the database's oid."""
    import asyncpg

    conn = await asyncpg.connect(admin_url)
    try:
        oid = await conn.fetchval("SELECT oid FROM pg_database WHERE datname = current_database()")
        try:
            system = await conn.fetchval("SELECT system_identifier FROM pg_control_system()")
        except asyncpg.InsufficientPrivilegeError:
            system = None
    finally:
        await conn.close()
    return f"{system}:{oid}"


class SeedStamp:
    def __init__(self, home: Path, service: str, admin_url: str) -> None:
        self.path = home / "seeded" / f"{service}.json"
        self.service = service
        self.admin_url = admin_url
        self._wanted: dict[str, str] | None = None

    def wanted(self) -> dict[str, str]:
        if self._wanted is None:
            self._wanted = {
                "database": run_sync(lambda: database_identity(self.admin_url)),
                "code": code_fingerprint(self.service),
            }
        return self._wanted

    def current(self) -> bool:
        """This database was seeded by this code already."""
        try:
            return bool(json.loads(self.path.read_text()) == self.wanted())
        except (FileNotFoundError, ValueError):
            return False

    def seedable(self, env: Mapping[str, str], cwd: Path) -> bool:
        return has_command(self.service, "seed", env, cwd)

    def record(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.wanted()))
