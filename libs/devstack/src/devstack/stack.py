"""The `make run` stack: infrastructure, then services, then the gateway, then demo data.

Every step is idempotent (already running means skipped), so ``up`` doubles as "repair":
on a running platform it starts only what is missing, migrates only a service with a
missing process, and seeds a database once (``seeding``). The topology
(``devstack.topology``) decides how many Kafka nodes, Postgres servers and processes per
service there are. Stop order is the reverse of start order.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from devstack import kafka, paths, portal, postgres
from devstack.gateway import Balancing, Gateway, RouteTable, load_route_table
from devstack.postgres import PostgresPair, PostgresServer
from devstack.processes import ManagedProcess, known_processes, stop_all
from devstack.seeding import SeedStamp
from devstack.services import (
    ServiceSpec,
    api_ready,
    has_cli,
    platform_env,
    run_once,
)
from devstack.smtp import smtp_ready
from devstack.topology import TOPOLOGIES, Topology, topology_from_env
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
    topology: Topology = field(default_factory=topology_from_env)
    #: a node of the Kafka cluster that fault injection can cut off the others
    kafka_isolatable: int | None = None
    #: added to every service port of the route table (a second platform beside another)
    service_port_offset: int = field(
        default_factory=lambda: paths.env_port("DEVSTACK_SERVICE_PORT_OFFSET", 0)
    )

    # --- components -----------------------------------------------------------------------
    @property
    def kafka(self) -> kafka.Kafka:
        if self.topology.kafka_nodes > 1:
            return kafka.KafkaCluster(
                self.home, self.kafka_port, self.topology.kafka_nodes, self.kafka_isolatable
            )
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
    def postgres(self) -> postgres.PostgresServer | postgres.PostgresPair:
        if self.topology.postgres_standby:
            return postgres.PostgresPair(self.home, self.pg_port)
        return postgres.PostgresServer(self.home, self.home / "postgres", self.pg_port)

    @property
    def smtp(self) -> ManagedProcess:
        return ManagedProcess("smtp", self.home)

    @property
    def maildir(self) -> Path:
        return self.home / "mail"

    @property
    def gateway(self) -> Gateway:
        balancing = None
        if self.topology.api_replicas > 1:
            specs = self.services()
            balancing = Balancing(
                {s.name: s.api_ports() for s in specs}, {s.name: s.internal_port for s in specs}
            )
        return Gateway(
            self.home,
            f"127.0.0.1:{self.gateway_port}",
            portal=self.home / "portal",
            balancing=balancing,
        )

    @property
    def bootstrap(self) -> str:
        return self.external_kafka or self.kafka.bootstrap

    @property
    def admin_url(self) -> str:
        return postgres.plain_url(self.external_database_url or self.postgres.admin_url)

    # None: every service of the route table; else only these (``up --services``).
    only_services: frozenset[str] | None = field(default_factory=_services_from_env)

    def route_table(self) -> RouteTable:
        """The route table, its service ports moved by ``service_port_offset``."""
        table = load_route_table(paths.routes_path())
        moved = {name: port + self.service_port_offset for name, port in table.services.items()}
        return replace(table, services=moved)

    def services(self) -> list[ServiceSpec]:
        """Services of the route table (all of them; stop/status never filter), the web
        client apart (:meth:`web_port`)."""
        replicas = self.topology.replicas
        return [
            ServiceSpec(n, port, replicas)
            for n, port in self.route_table().services.items()
            if not is_web(n)
        ]

    def web_port(self) -> int:
        """The web client's port (the route table's ``web`` upstream): one web process in
        either topology."""
        return self.route_table().services[WEB]

    def selected_services(self) -> list[ServiceSpec]:
        """Services ``up`` should run (``DEVSTACK_SERVICES`` / ``--services`` narrow it)."""
        wanted = self.only_services
        return [s for s in self.services() if wanted is None or s.name in wanted]

    def service_env(self, spec: ServiceSpec, database_url: str) -> dict[str, str]:
        profiles = next((s for s in self.services() if s.name == "profiles"), None)
        # several replicas: reached through the gateway's internal balancer, as pods
        # through a Kubernetes Service
        many = self.topology.api_replicas > 1
        profiles_port = (profiles.internal_port if many else profiles.port) if profiles else 8001
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
            log.info("Postgres: %s", ", ".join(postgres.server_addresses(self.admin_url)))
            self._refuse_a_lone_standby()
            self.postgres.start()
        log.info("SMTP sink: 127.0.0.1:%d -> %s", self.smtp_port, self.maildir)
        self.start_smtp()
        try:
            kafka.ensure_topics(self.bootstrap, self.kafka.topic_settings())
        except RuntimeError as exc:
            if "contracts.registry" not in str(exc):
                raise
            log.warning("topics not created: %s", exc)

    def _refuse_a_lone_standby(self) -> None:
        """A standby of the cluster topology started alone would be a read-only copy."""
        server = self.postgres
        if isinstance(server, PostgresServer) and server.is_standby:
            raise RuntimeError(
                f"{server.data_dir} is the standby of the cluster topology's Postgres pair "
                "(its primary is postgres-2): run with TOPOLOGY=cluster, or `make clean` "
                "to start afresh"
            )

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
            missing = [m for m in spec.members() if not m.process(self.home).is_running()]
            if missing:
                log.info("service %s: migrate", spec.name)
                run_once(
                    spec.name, "migrate", env, cwd, self.home / "logs" / f"{spec.name}-migrate.log"
                )
            for member in missing:
                log.info("service %s: start %s", spec.name, member.name)
                member.process(self.home).start(member.argv(), env=env, cwd=cwd)
            started.append(spec)
        for spec in started:
            self.wait_api(spec)
            log.info("service %s: ready on %s", spec.name, spec.base_url)
        return started

    def wait_api(self, spec: ServiceSpec) -> None:
        """Block until every API replica answers /readyz 200; the error shows its log tail."""
        for api in spec.apis():
            wait_until(
                lambda api=api: api_ready(api),  # type: ignore[misc]
                API_READY_TIMEOUT,
                what=f"{spec.name} API {api.base_url}/readyz",
                on_timeout=api.process(self.home).tail,
            )

    def seed(self, started: list[ServiceSpec]) -> None:
        """Demo data, once per database and seed code (``SeedStamp``): seeding anew is
        idempotent but costs a Python start per service, most of a repair's time."""
        cwd = paths.repo_root()
        for spec in started:
            env = self.service_env(spec, postgres.service_url(self.admin_url, spec.name))
            stamp = SeedStamp(self.home, spec.name, self.admin_url)
            if stamp.current():
                continue
            if stamp.seedable(env, cwd):
                log.info("service %s: seed demo data", spec.name)
                run_once(spec.name, "seed", env, cwd, self.home / "logs" / f"{spec.name}-seed.log")
            stamp.record()

    def up(self) -> None:
        self.up_infra()
        started = self.up_services()
        log.info("developer portal: %s", portal.build(self.home / "portal"))
        log.info("web: %s", self.gateway.url)
        start_web(self.home, self.web_port(), self.gateway.url)
        self.gateway.start(table=self.route_table())
        self.seed(started)

    # --- stop / inspect -------------------------------------------------------------------
    def service_processes(self) -> list[ManagedProcess]:
        return [p for spec in self.services() for p in spec.processes(self.home)]

    def _infra_of_every_topology(self) -> list[Stack]:
        return [replace(self, topology=t) for t in TOPOLOGIES.values()]

    def infra_names(self) -> set[str]:
        """Names of the infrastructure processes of any topology (not services)."""
        names = {"gateway", "smtp"}
        for stack in self._infra_of_every_topology():
            names |= {p.name for p in stack.kafka.processes + stack.postgres.processes}
        return names

    def stop(self) -> list[str]:
        """Stop everything, whichever topology started it, in reverse start order; returns
        the names stopped. Services (every replica, and strays of an older route table)
        are stopped together, each given its graceful timeout."""
        stopped: list[str] = []
        if self.gateway.stop():
            stopped.append("gateway")
        infra = self.infra_names()
        services = [p for p in known_processes(self.home) if p.name not in infra]
        stopped += stop_all(services)
        if self.smtp.stop():
            stopped.append("smtp")
        pair = PostgresPair(self.home, self.pg_port)  # covers the single server too
        running = [n.name for n in pair.nodes if n.is_running()]
        if pair.stop():
            stopped += running
        for stack in self._infra_of_every_topology():
            running = [p.name for p in stack.kafka.processes if p.is_running()]
            if stack.kafka.stop():
                stopped += running
        return stopped

    def health(self, name: str) -> str:
        try:
            for node in self.kafka.nodes:
                if name == node.name:
                    return "ok" if node.healthy() else "down"
            for server in self._postgres_nodes():
                if name == server.name:
                    role = " (standby)" if server.is_standby else ""
                    if isinstance(self.postgres, PostgresPair) and not role:
                        role = " (primary)"
                    return ("ok" if server.healthy() else "down") + role
            if name == "smtp":
                return "ok" if smtp_ready("127.0.0.1", self.smtp_port) else "down"
            if name == "gateway":
                return "ok" if self.gateway.healthy() else "down"
            if is_web(name):
                from devstack.web import web_ready

                return "ok" if web_ready(self.web_port()) else "down"
            for spec in self.services():
                for api in spec.apis():
                    if name == api.name:
                        return "ok" if api_ready(api) else "not ready"
        except Exception as exc:
            return f"error: {type(exc).__name__}"
        return "-"

    def _postgres_nodes(self) -> list[PostgresServer]:
        return self.postgres.nodes

    def postmaster_pid(self, name: str) -> int | None:
        """The pid of the Postgres node called ``name`` (pg_ctl forks it: no pidfile of ours
        is the truth), or None when it is not one."""
        for server in self._postgres_nodes():
            if server.name == name:
                return server.postmaster_pid()
        return None

    def all_processes(self) -> list[ManagedProcess]:
        names = [
            *[p.name for p in self.kafka.processes],
            *[n.name for n in self._postgres_nodes()],
            "smtp",
            *[p.name for p in self.service_processes()],
            WEB,
            "gateway",
        ]
        extra = [p.name for p in known_processes(self.home) if p.name not in names]
        return [ManagedProcess(n, self.home) for n in [*names, *extra]]

    def rss(self, proc: ManagedProcess) -> int:
        for server in self._postgres_nodes():
            if proc.name == server.name:
                return server.rss()
        return proc.rss()

    def urls(self) -> list[tuple[str, str]]:
        out = [
            ("topology", self.topology.name),
            ("web (open this)", self.gateway.url + "/"),
            ("API (gateway)", self.gateway.url + "/v1"),
            ("developer portal", f"{self.gateway.url}/developers/"),
        ]
        for spec in self.services():
            out += [
                (f"{spec.name} openapi", f"{spec.base_url}/openapi.json"),
                (f"{spec.name} asyncapi", f"{spec.base_url}/asyncapi.json"),
            ]
            out += [(f"{spec.name} replica {a.replica}", a.base_url) for a in spec.apis()[1:]]
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


def running_topology(home: Path) -> Topology | None:
    """The topology of the platform running under ``home`` (by its infrastructure's
    processes), or None when nothing runs."""
    for topology in sorted(TOPOLOGIES.values(), key=lambda t: -t.kafka_nodes):
        stack = Stack(home=home, topology=topology)
        if any(p.is_running() for p in stack.kafka.processes):
            return topology
    return None
