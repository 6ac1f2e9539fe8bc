"""A whole platform of real processes for system and browser tests: the given services'
API, relay and worker (``python -m <svc> api|relay|worker``) on fresh schemas of the shared
test Kafka and Postgres, a real SMTP sink, the real gateway (Caddy) configured from the route
table, and the web client behind it at ``/``."""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

from devstack.gateway import Gateway
from devstack.harness import SmtpSink, TestInfra
from devstack.paths import routes_path
from devstack.portal import build as build_portal
from devstack.processes import ManagedProcess
from devstack.subject_keys import subject_key_env
from devstack.testing import fresh_service_database, skip_history
from devstack.waiting import free_port, run_sync, wait_until
from devstack.web import WEB, is_web, web_argv, web_env, web_ready


@dataclass
class Platform:
    """A running set of service processes behind a gateway."""

    home: Path
    infra: TestInfra
    smtp: SmtpSink
    gateway_url: str = ""
    ports: dict[str, int] = field(default_factory=dict)
    processes: list[ManagedProcess] = field(default_factory=list)
    db_urls: dict[str, str] = field(default_factory=dict)
    #: crypto-shredding's KEK for this run (profiles) and the source of the services' tokens
    key_secret: bytes = field(default_factory=lambda: os.urandom(32))

    def env(self, service: str, db_url: str) -> dict[str, str]:
        return {
            "SERVICE_NAME": service,
            "DATABASE_URL": db_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.infra.kafka_bootstrap,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(self.smtp.port),
            "JWKS_URL": f"http://127.0.0.1:{self.ports['profiles']}/.well-known/jwks.json",
            "PUBLIC_BASE_URL": self.gateway_url,
            # social sign-in comes back to the web client's page, which hands over to the API
            "OIDC_CALLBACK_URL": f"{self.gateway_url}/auth/oidc/{{provider}}/callback",
            "RELAY_POLL_INTERVAL_S": "0.2",
            "DISPATCH_POLL_INTERVAL_S": "0.2",
            **subject_key_env(
                service,
                list(self.ports),
                f"http://127.0.0.1:{self.ports['profiles']}",
                self.key_secret,
            ),
        }

    def start(self, service: str, command: str, env: dict[str, str], *args: str) -> None:
        proc = ManagedProcess(f"{service}-{command}", self.home)
        proc.start([sys.executable, "-m", service, command, *args], env=env)
        self.processes.append(proc)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.tail(30)}" for p in self.processes)

    def start_web(self, extra_env: dict[str, str] | None = None) -> None:
        """The web client, reaching the API through this platform's gateway."""
        proc = ManagedProcess(WEB, self.home)
        env = {**os.environ, **web_env(self.gateway_url, None), **(extra_env or {})}
        proc.start(web_argv(self.ports[WEB]), env=env)
        self.processes.append(proc)
        wait_until(
            lambda: web_ready(self.ports[WEB]), 120, what="web /readyz", on_timeout=self.logs
        )


@contextlib.contextmanager
def start_platform(
    infra: TestInfra,
    services: tuple[str, ...],
    extra_env: dict[str, dict[str, str]] | None = None,
    *,
    web: bool = True,
    seeded: tuple[str, ...] = ("profiles",),
    portal: bool = False,
) -> Iterator[Platform]:
    """``services`` as real api/relay/worker processes behind the gateway, on fresh schemas,
    and (``web``) the web client at the gateway's ``/``; ``seeded`` load their demo data
    (profiles' creates the administrator when ADMIN_EMAIL is set); with ``portal`` the
    gateway serves the developer portal at /developers."""
    from devstack.harness import start_smtp_sink

    home = Path(tempfile.mkdtemp(prefix="system-"))
    with start_smtp_sink() as smtp:
        p = Platform(home=home, infra=infra, smtp=smtp)
        table = yaml.safe_load(routes_path().read_text())
        for name in table["services"]:
            p.ports[name] = free_port()
            table["services"][name]["port"] = p.ports[name]
        test_routes = home / "routes.yaml"
        test_routes.write_text(yaml.safe_dump(table))
        # the gateway's port is held from now until Caddy binds it, minutes later on a loaded
        # machine: a port only looked up free was taken by someone else's process meanwhile
        held = socket.socket()
        held.bind(("127.0.0.1", 0))
        gateway = Gateway(
            home,
            listen=f"127.0.0.1:{held.getsockname()[1]}",
            portal=build_portal(home / "portal") if portal else None,
        )
        p.gateway_url = gateway.url
        try:
            for service in (s for s in services if not is_web(s)):
                db_url = run_sync(functools.partial(fresh_service_database, infra, service))
                env = {**p.env(service, db_url), **(extra_env or {}).get(service, {})}
                p.db_urls[service] = db_url
                dispatcher = (
                    importlib.import_module(f"{service}.bootstrap").bootstrap().dispatcher()
                )
                if dispatcher is not None:
                    # its own consumer group, starting now: the shared test broker holds the
                    # history of every other test, which is not this test's business
                    env["KAFKA_CONSUMER_GROUP"] = group = f"{service}-{uuid.uuid4().hex[:8]}"
                    run_sync(
                        functools.partial(
                            skip_history, infra.kafka_bootstrap, group, dispatcher.topics()
                        )
                    )
                # profiles' seed creates the administrator when ADMIN_EMAIL is set
                for command in ("migrate", "seed") if service in seeded else ("migrate",):
                    subprocess.run(
                        [sys.executable, "-m", service, command],
                        env={**os.environ, **env},
                        check=True,
                        capture_output=True,
                    )
                p.start(service, "api", env, "--port", str(p.ports[service]))
                p.start(service, "relay", env)
                p.start(service, "worker", env)
            for service in services:
                wait_until(
                    functools.partial(service_ready, p.ports[service]),
                    180,  # a loaded shared machine starts a service's processes slowly
                    what=f"{service} /readyz",
                    on_timeout=p.logs,
                )
            if web:
                p.start_web((extra_env or {}).get(WEB))
            held.close()
            gateway.start(test_routes)
            p.processes.append(gateway.process)
            yield p
        finally:
            held.close()
            for proc in reversed(p.processes):
                proc.stop()


#: the administrator of the developer platform (seeded by profiles)
ADMIN = ("admin@developers.example.org", "the developer platform's admin passphrase")


@contextlib.contextmanager
def developer_platform(infra: TestInfra) -> Iterator[Platform]:
    """All four services, the demo alliance seeded (its partner-visible events), an
    administrator, loopback webhook receivers allowed, the developer portal and the web
    client: what a client-app developer or a partner has after
    ``make run WEBHOOK_ALLOWED_PRIVATE=127.0.0.1`` (system tests and journey tests).

    For a module or a package, never for the session: its workers consume the shared
    broker's topics, so alive beside another test's services they answer that test's privacy
    requests and read events whose subject keys they cannot fetch."""
    # notifications' consumer group starts before alliance seeds, so it records those events
    services = ("profiles", "notifications", "resources", "alliance")
    env = {
        "profiles": {"ADMIN_EMAIL": ADMIN[0], "ADMIN_PASSWORD": ADMIN[1]},
        "notifications": {"WEBHOOK_ALLOWED_PRIVATE": "127.0.0.1"},
    }
    with start_platform(infra, services, env, seeded=("profiles", "alliance"), portal=True) as p:
        yield p


def service_ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
