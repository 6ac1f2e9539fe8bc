"""Running the platform's services: ``python -m <service> migrate|api|relay|worker|seed``.

Services are being written concurrently, so a service whose package has no ``__main__`` yet is
skipped with a warning instead of failing the whole stack.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from devstack.processes import ManagedProcess
from devstack.subject_keys import local_secret, subject_key_env
from devstack.topology import API_REPLICA_PORT_STEP, ROLES, SINGLE, replica_name


@dataclass(frozen=True)
class ServiceProcess:
    """One process devstack runs for a service: a replica of its API, relay or worker."""

    service: str
    role: str
    replica: int
    #: the API's port (None for relays and workers)
    port: int | None = None

    @property
    def name(self) -> str:
        return replica_name(f"{self.service}-{self.role}", self.replica)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def argv(self) -> list[str]:
        cmd = [sys.executable, "-m", self.service, self.role]
        return [*cmd, "--port", str(self.port)] if self.port is not None else cmd

    def process(self, home: Path) -> ManagedProcess:
        return ManagedProcess(self.name, home)


@dataclass(frozen=True)
class ServiceSpec:
    """One service of the route table and the processes devstack runs for it."""

    name: str
    port: int
    #: processes per role (the topology's)
    replicas: Mapping[str, int] = field(default_factory=lambda: SINGLE.replicas)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def internal_port(self) -> int:
        """Where the gateway balances every path over the replicas for the other services:
        the slot after the last replica's port."""
        return self.port + API_REPLICA_PORT_STEP * self.replicas.get("api", 1)

    def api_ports(self) -> list[int]:
        return [self.port + API_REPLICA_PORT_STEP * i for i in range(self.replicas.get("api", 1))]

    def members(self) -> list[ServiceProcess]:
        """Every process of the service, in start order (APIs, relays, workers)."""
        members: list[ServiceProcess] = []
        for role in ROLES:
            for replica in range(1, self.replicas.get(role, 1) + 1):
                port = self.api_ports()[replica - 1] if role == "api" else None
                members.append(ServiceProcess(self.name, role, replica, port))
        return members

    def apis(self) -> list[ServiceProcess]:
        return [m for m in self.members() if m.role == "api"]

    def processes(self, home: Path) -> list[ManagedProcess]:
        return [m.process(home) for m in self.members()]


def platform_env(
    service: str,
    *,
    services: list[str],
    home: Path,
    database_url: str,
    bootstrap: str,
    smtp_port: int,
    profiles_port: int,
    public_base_url: str,
) -> dict[str, str]:
    """Where a service process of a local platform finds the rest of it: its database, the
    broker, the mail sink, profiles' token keys and, for crypto-shredding, profiles' KEK and
    key clients or this service's access to subject keys."""
    profiles = f"http://127.0.0.1:{profiles_port}"
    return {
        "SERVICE_NAME": service,
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "JWKS_URL": f"{profiles}/.well-known/jwks.json",
        "PUBLIC_BASE_URL": public_base_url,
        # social sign-in comes back to the web client's page, which hands over to the API
        "OIDC_CALLBACK_URL": f"{public_base_url}/auth/oidc/{{provider}}/callback",
        # every client comes through the local gateway, which sets X-Forwarded-For: the
        # sign-in throttle counts per real client address, not per gateway
        "TRUST_FORWARDED_FOR": "true",
        **subject_key_env(service, services, profiles, local_secret(home)),
    }


def has_cli(service: str) -> bool:
    """True when ``python -m <service>`` can run (the package has a ``__main__``)."""
    try:
        return importlib.util.find_spec(f"{service}.__main__") is not None
    except (ImportError, ValueError):
        return False


def has_command(service: str, command: str, env: Mapping[str, str], cwd: Path) -> bool:
    """Whether the service CLI lists ``command`` in its ``--help`` output."""
    res = subprocess.run(
        [sys.executable, "-m", service, "--help"],
        capture_output=True,
        text=True,
        env=dict(env),
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return re.search(rf"\b{re.escape(command)}\b", res.stdout + res.stderr) is not None


def run_once(
    service: str, command: str, env: Mapping[str, str], cwd: Path, log: Path, timeout: float = 300
) -> None:
    """Run a one-shot command (migrate, seed); it must exit 0. Output goes to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as fh:
        fh.write(f"\n=== python -m {service} {command}\n".encode())
        fh.flush()
        res = subprocess.run(
            [sys.executable, "-m", service, command],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=dict(env),
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
    if res.returncode != 0:
        from devstack.processes import tail

        raise RuntimeError(
            f"`python -m {service} {command}` exited {res.returncode}\n--- {log} ---\n{tail(log)}"
        )


def api_ready(api: ServiceSpec | ServiceProcess) -> bool:
    """``GET /readyz`` answers 200."""
    return httpx.get(api.base_url + "/readyz", timeout=3).status_code == 200
