"""The `make run` stack: infrastructure, then services, then the gateway, then demo data.

Every step is idempotent (already running means skipped), so ``up`` doubles as "repair" and
reruns are quick. Stop order is the reverse of start order.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from devstack import kafka, paths, portal, postgres
from devstack.gateway import Gateway, load_route_table
from devstack.processes import ManagedProcess, known_processes
from devstack.services import (
    ServiceSpec,
    api_ready,
    has_cli,
    has_command,
    platform_env,
    run_once,
)
from devstack.smtp import smtp_ready
from devstack.waiting import wait_until
from devstack.web import WEB, is_web, start_web

log = logging.getLogger("devstack")

API_READY_TIMEOUT = 90.0
DEMO_ADMIN_EMAIL = "admin@diaspora.example.org"
DEMO_ADMIN_PASSWORD = "local demo admin passphrase"


def _services_from_env() -> frozenset[str] | None:
    """``DEVSTACK_SERVICES=profiles,alliance`` (or ``none``) limits which services ``up`` runs."""
    raw = os.environ.get("DEVSTACK_SERVICES")
    if raw is None or raw.strip() in ("", "all"):
        return None
    return frozenset(s.strip() for s in raw.split(",") if s.strip() and s.strip() != "none")


@dataclass
class Stack:
    """Ports and locations of one local stack (``make run``)."""

    home: Path = field(default_factory=paths.devstack_home)
    kafka_port: int = field(
        default_factory=lambda: paths.env_port("DEVSTACK_KAFKA_PORT", paths.KAFKA_PORT)
    )
    pg_port: int = field(
        default_factory=lambda: paths.env_port("DEVSTACK_PG_PORT", paths.POSTGRES_PORT)
    )
    smtp_port: int = field(
        default_factory=lambda: paths.env_port("DEVSTACK_SMTP_PORT", paths.SMTP_PORT)
    )
    gateway_port: int = field(
        default_factory=lambda: paths.env_port("DEVSTACK_GATEWAY_PORT", paths.GATEWAY_PORT)
    )
    # Kafka's jars are shared by every stack under the main home: downloaded once.
    jar_home: Path = field(default_factory=paths.devstack_home)
    #: a second Kafka listener reached through a network-cut relay (fault injection only)
    kafka_cuttable: tuple[int, int] | None = None

    # --- components -----------------------------------------------------------------------
    @property
    def kafka(self) -> kafka.KafkaBroker:
        return kafka.KafkaBroker(
            self.home,
            self.home / "kafka",
            self.kafka_port,
            self.kafka_port + 1,
            cuttable=self.kafka_cuttable,
        )

    @property
    def external_database_url(self) -> str | None:
        return os.environ.get("DATABASE_URL") or None

    @property
    def external_kafka(self) -> str | None:
        return os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None

    @property
    def postgres(self) -> postgres.PostgresServer:
        return postgres.PostgresServer(self.home, self.home / "postgres", self.pg_port)

    @property
    def smtp(self) -> ManagedProcess:
        return ManagedProcess("smtp", self.home)

    @property
    def maildir(self) -> Path:
        return self.home / "mail"

    @property
    def gateway(self) -> Gateway:
        return Gateway(self.home, f"127.0.0.1:{self.gateway_port}", portal=self.home / "portal")

    @property
    def bootstrap(self) -> str:
        return self.external_kafka or self.kafka.bootstrap

    @property
    def admin_url(self) -> str:
        return postgres.plain_url(self.external_database_url or self.postgres.admin_url)

    # None: every service of the route table; else only these (``up --services``).
    only_services: frozenset[str] | None = field(default_factory=_services_from_env)

    def services(self) -> list[ServiceSpec]:
        """Services of the route table (all of them; stop/status never filter), the web
        client apart (:meth:`web_port`)."""
        table = load_route_table(paths.routes_path())
        return [
            ServiceSpec(name, port) for name, port in table.services.items() if not is_web(name)
        ]

    def web_port(self) -> int:
        """The web client's port (the route table's ``web`` upstream)."""
        return load_route_table(paths.routes_path()).services[WEB]

    @property
    def web(self) -> ManagedProcess:
        return ManagedProcess(WEB, self.home)

    def selected_services(self) -> list[ServiceSpec]:
        """Services ``up`` should run (``DEVSTACK_SERVICES`` / ``--services`` narrow it)."""
        wanted = self.only_services
        return [s for s in self.services() if wanted is None or s.name in wanted]

    def service_env(self, spec: ServiceSpec, database_url: str) -> dict[str, str]:
        profiles_port = next((s.port for s in self.services() if s.name == "profiles"), 8001)
        return {
            **os.environ,
            **platform_env(
                spec.name,
                services=[s.name for s in self.services()],
                home=self.home,
                database_url=database_url,
                bootstrap=self.bootstrap,
                smtp_port=self.smtp_port,
                profiles_port=profiles_port,
                public_base_url=self.gateway.url,
            ),
            "LOG_LEVEL": "INFO",
            "DEVSTACK_HOME": str(self.home),
            # the demo's platform admin (local only; set your own in the environment)
            "ADMIN_EMAIL": os.environ.get("ADMIN_EMAIL", DEMO_ADMIN_EMAIL),
            "ADMIN_PASSWORD": os.environ.get("ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD),
            "PYTHONUNBUFFERED": "1",
        }

    # --- infrastructure -------------------------------------------------------------------
    def start_smtp(self) -> None:
        if not self.smtp.is_running():
            self.maildir.mkdir(parents=True, exist_ok=True)
            self.smtp.start(
                [
                    sys.executable,
                    "-m",
                    "devstack.smtp",
                    "--port",
                    str(self.smtp_port),
                    "--maildir",
                    str(self.maildir),
                ]
            )
        wait_until(
            lambda: smtp_ready("127.0.0.1", self.smtp_port),
            30,
            what=f"SMTP sink on 127.0.0.1:{self.smtp_port}",
            on_timeout=lambda: self.smtp.tail(),
        )

    def up_infra(self) -> None:
        if self.external_kafka:
            log.info("Kafka: using KAFKA_BOOTSTRAP_SERVERS=%s", self.external_kafka)
        else:
            lib = kafka.ensure_jars(self.jar_home)
            log.info("Kafka: %s", self.kafka.bootstrap)
            self.kafka.start(lib)
        if self.external_database_url:
            log.info("Postgres: using DATABASE_URL (no local server started)")
        else:
            log.info("Postgres: 127.0.0.1:%d", self.pg_port)
            self.postgres.start()
        log.info("SMTP sink: 127.0.0.1:%d -> %s", self.smtp_port, self.maildir)
        self.start_smtp()
        try:
            kafka.ensure_topics(self.bootstrap)
        except RuntimeError as exc:
            if "contracts.registry" not in str(exc):
                raise
            log.warning("topics not created: %s", exc)

    # --- services -------------------------------------------------------------------------
    def up_services(self) -> list[ServiceSpec]:
        """Migrate and start every service that exists; returns the ones started."""
        cwd = paths.repo_root()
        started: list[ServiceSpec] = []
        for spec in self.selected_services():
            if not has_cli(spec.name):
                log.warning("service %s: no `python -m %s` yet, skipped", spec.name, spec.name)
                continue
            db_url = postgres.provision_service(self.admin_url, spec.name)
            env = self.service_env(spec, db_url)
            procs = spec.processes(self.home)
            if not all(p.is_running() for p in procs):
                log.info("service %s: migrate", spec.name)
                run_once(
                    spec.name, "migrate", env, cwd, self.home / "logs" / f"{spec.name}-migrate.log"
                )
            for role, proc in zip(("api", "relay", "worker"), procs, strict=True):
                proc.start(spec.argv(role), env=env, cwd=cwd)
            started.append(spec)
        for spec in started:
            self.wait_api(spec)
            log.info("service %s: ready on %s", spec.name, spec.base_url)
        return started

    def wait_api(self, spec: ServiceSpec) -> None:
        """Block until the API answers /readyz 200; the error shows the API's log tail."""
        api = spec.processes(self.home)[0]
        wait_until(
            lambda: api_ready(spec),
            API_READY_TIMEOUT,
            what=f"{spec.name} API {spec.base_url}/readyz",
            on_timeout=api.tail,
        )

    def seed(self, started: list[ServiceSpec]) -> None:
        cwd = paths.repo_root()
        for spec in started:
            env = self.service_env(spec, postgres.service_url(self.admin_url, spec.name))
            if has_command(spec.name, "seed", env, cwd):
                log.info("service %s: seed demo data", spec.name)
                run_once(spec.name, "seed", env, cwd, self.home / "logs" / f"{spec.name}-seed.log")

    def up(self) -> None:
        self.up_infra()
        started = self.up_services()
        log.info("developer portal: %s", portal.build(self.home / "portal"))
        log.info("web: %s", self.gateway.url)
        start_web(self.home, self.web_port(), self.gateway.url)
        self.gateway.start(paths.routes_path())
        self.seed(started)

    # --- stop / inspect -------------------------------------------------------------------
    def service_processes(self) -> list[ManagedProcess]:
        return [p for spec in self.services() for p in spec.processes(self.home)]

    def stop(self) -> list[str]:
        """Stop everything in reverse start order; returns the names stopped."""
        stopped: list[str] = []
        fixed = {"gateway", WEB, "smtp", "kafka", "postgres"}
        svc = self.service_processes()
        svc_names = {p.name for p in svc}
        # strays first (pidfiles of processes no longer in the route table)
        strays = [p for p in known_processes(self.home) if p.name not in fixed | svc_names]
        for proc in [self.gateway.process, self.web, *strays, *reversed(svc), self.smtp]:
            if proc.stop():
                stopped.append(proc.name)
        if self.postgres.stop():
            stopped.append("postgres")
        if self.kafka.stop():
            stopped.append("kafka")
        return stopped

    def health(self, name: str) -> str:
        try:
            if name == "kafka":
                return "ok" if self.kafka.healthy() else "down"
            if name == "postgres":
                return "ok" if self.postgres.healthy() else "down"
            if name == "smtp":
                return "ok" if smtp_ready("127.0.0.1", self.smtp_port) else "down"
            if name == "gateway":
                return "ok" if self.gateway.healthy() else "down"
            if is_web(name):
                from devstack.web import web_ready

                return "ok" if web_ready(self.web_port()) else "down"
            for spec in self.services():
                if name == f"{spec.name}-api":
                    return "ok" if api_ready(spec) else "not ready"
        except Exception as exc:
            return f"error: {type(exc).__name__}"
        return "-"

    def all_processes(self) -> list[ManagedProcess]:
        names = [
            "kafka",
            "postgres",
            "smtp",
            *[p.name for p in self.service_processes()],
            WEB,
            "gateway",
        ]
        extra = [p.name for p in known_processes(self.home) if p.name not in names]
        return [ManagedProcess(n, self.home) for n in [*names, *extra]]

    def rss(self, proc: ManagedProcess) -> int:
        if proc.name == "postgres":
            return self.postgres.rss()
        return proc.rss()

    def urls(self) -> list[tuple[str, str]]:
        out = [
            ("web (open this)", self.gateway.url + "/"),
            ("API (gateway)", self.gateway.url + "/v1"),
            ("developer portal", f"{self.gateway.url}/developers/"),
        ]
        for spec in self.services():
            out += [
                (f"{spec.name} openapi", f"{spec.base_url}/openapi.json"),
                (f"{spec.name} asyncapi", f"{spec.base_url}/asyncapi.json"),
            ]
        out += [
            ("kafka", self.bootstrap),
            ("postgres (admin)", self.admin_url),
            ("smtp", f"127.0.0.1:{self.smtp_port}"),
            ("mail folder", str(self.maildir)),
            (
                "demo admin",
                f"{os.environ.get('ADMIN_EMAIL', DEMO_ADMIN_EMAIL)} / "
                + ("$ADMIN_PASSWORD" if "ADMIN_PASSWORD" in os.environ else DEMO_ADMIN_PASSWORD),
            ),
            ("logs", str(self.home / "logs")),
        ]
        return out
