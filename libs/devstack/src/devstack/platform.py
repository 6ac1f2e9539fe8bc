"""A private, whole platform for fault injection, soak tests and benchmarks: its own Kafka
and PostgreSQL (so killing them never disturbs other tests), the services as real processes
(``python -m <svc> api|relay|worker``) and the real gateway.

Two shapes (``devstack.topology``): ``single`` (one broker, one Postgres, one process of
each kind, two notification workers) and ``cluster`` (three Kafka nodes, a Postgres primary
with a synchronous standby, two of every process). Each keeps its state under its own home
(``chaos``, ``chaos-cluster``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field

import asyncpg
import httpx
import psutil
import yaml

from devstack import kafka
from devstack.gateway import Balancing, Gateway
from devstack.harness import SmtpSink, start_smtp_sink
from devstack.kafka_admin import describe_partitions, end_offsets
from devstack.kafka_admin import list_topics as _topics
from devstack.paths import devstack_home, env_port, routes_path
from devstack.postgres import PostgresPair, PostgresServer, plain_url, provision_service
from devstack.processes import ManagedProcess, known_processes
from devstack.services import platform_env
from devstack.stack import Stack
from devstack.topology import CLUSTER, ROLES, SINGLE, Topology, replica_name
from devstack.waiting import free_port, run_sync, wait_until
from devstack.web import WEB, start_web

SERVICES = ("profiles", "resources", "alliance", "notifications")
#: the chaos stacks' own brokers and Postgres servers. Like every fixed port of the
#: devstack, below the kernel's ephemeral range (32768-60999 on Linux): an outgoing
#: connection holding the port as its local end made the broker fail to bind in a CI dry
#: run. The single broker also listens on the next two ports; the cluster's nodes and their
#: network-cut relay on the next 17 (devstack.kafka.KafkaCluster); the pair on the next one.
CHAOS_KAFKA_PORT = 29192
CHAOS_PG_PORT = 25532
CHAOS_CLUSTER_KAFKA_PORT = 29292
CHAOS_CLUSTER_PG_PORT = 25632
#: single: the process that faults can cut off the network: it reaches Kafka and Postgres
#: only through a devstack.netcut relay
CUTTABLE = ("notifications", "worker")
#: cluster: the Kafka node that faults can cut off the other nodes
ISOLATABLE_NODE = 3
#: how long a restarted broker or service may take to be ready
RESTART_TIMEOUT_S = 300.0
#: the cluster runs twice the processes on the same cores: an idle worker's consumer polls
#: every 5 ms and asks each broker every 25 ms (end-to-end latency settings), and eight of
#: them polling three brokers kept the machine busy doing nothing; latency, not what the
#: faults test, pays for these
RELAXED_POLLING = {"CONSUMER_BATCH_TIMEOUT_MS": "50", "CONSUMER_FETCH_MAX_WAIT_MS": "200"}
#: the platform administrator profiles seeds (a partner's actions in the faults need one)
CHAOS_ADMIN = ("admin@chaos.example.org", "the chaos platform's admin passphrase")
#: per service: the administrator; a partner's receiver on loopback allowed, and a leased
#: webhook sent again 15 s after a worker died with it (not 60 s: the runs wait for it)
CHAOS_SETTINGS: dict[str, dict[str, str]] = {
    "profiles": {"ADMIN_EMAIL": CHAOS_ADMIN[0], "ADMIN_PASSWORD": CHAOS_ADMIN[1]},
    "notifications": {"WEBHOOK_ALLOWED_PRIVATE": "127.0.0.1", "WEBHOOK_LEASE_S": "15"},
}


def _roles(topology: Topology) -> dict[str, list[str]]:
    """The processes under test, by role: single, every service's API, relay and worker
    (two notification workers share a consumer group, so one can take over from the other);
    cluster, two of each."""
    if topology.replicas["worker"] == 1:
        return {s: [*ROLES, "worker-2"] if s == "notifications" else list(ROLES) for s in SERVICES}
    return {
        s: [replica_name(r, i) for r in ROLES for i in range(1, topology.replicas[r] + 1)]
        for s in SERVICES
    }


@dataclass
class ChaosPlatform:
    stack: Stack
    smtp: SmtpSink
    gateway: Gateway
    #: each service's API ports, one per replica
    ports: dict[str, list[int]]
    db_urls: dict[str, str] = field(default_factory=dict)
    #: single: (Kafka, Postgres) ports of the network-cut relay in front of CUTTABLE
    relayed: tuple[int, int] = (0, 0)
    #: cluster: the gateway's port balancing each service for the other services
    internal: dict[str, int] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=lambda: _roles(SINGLE))

    # ---- lifecycle ---------------------------------------------------------------------
    @classmethod
    def start(cls, topology: Topology = SINGLE) -> ChaosPlatform:
        single = topology.kafka_nodes == 1
        home = devstack_home() / ("chaos" if single else "chaos-cluster")
        relayed = (free_port(), free_port())
        # fixed ports: a KRaft controller's formatted storage remembers its own endpoint
        if single:
            kafka_port = env_port("CHAOS_KAFKA_PORT", CHAOS_KAFKA_PORT)
            pg_port = env_port("CHAOS_PG_PORT", CHAOS_PG_PORT)
        else:
            kafka_port = env_port("CHAOS_CLUSTER_KAFKA_PORT", CHAOS_CLUSTER_KAFKA_PORT)
            pg_port = env_port("CHAOS_CLUSTER_PG_PORT", CHAOS_CLUSTER_PG_PORT)
        stack = Stack(
            home=home,
            kafka_port=kafka_port,
            pg_port=pg_port,
            smtp_port=0,
            gateway_port=free_port(),
            jar_home=devstack_home(),
            kafka_cuttable=(kafka_port + 2, relayed[0]) if single else None,
            topology=topology,
            kafka_isolatable=None if single else ISOLATABLE_NODE,
        )
        for leftover in known_processes(home):  # from an interrupted earlier run
            if leftover.name not in stack.infra_names():
                leftover.stop(timeout=5)
        if single:
            stack.kafka.stop()  # its listeners are configured per run
        roles = _roles(topology)
        ports = {s: [free_port() for r in roles[s] if r.startswith("api")] for s in SERVICES}
        internal = {} if single else {s: free_port() for s in SERVICES}
        balancing = None if single else Balancing(ports, internal)
        platform = cls(
            stack,
            start_smtp_sink(),
            Gateway(home, f"127.0.0.1:{stack.gateway_port}", balancing=balancing),
            ports,
            relayed=relayed,
            internal=internal,
            roles=roles,
        )
        platform.netcut.start(platform.netcut_command())
        stack.kafka.start(kafka.ensure_jars(stack.jar_home))
        stack.postgres.start()
        kafka.ensure_topics(stack.kafka.bootstrap, stack.kafka.topic_settings())
        table = yaml.safe_load(routes_path().read_text())
        for name, replica_ports in ports.items():
            table["services"][name]["port"] = replica_ports[0]
        web_port = table["services"][WEB]["port"] = free_port()
        (home / "routes.yaml").write_text(yaml.safe_dump(table))
        for service in SERVICES:
            platform.db_urls[service] = provision_service(stack.admin_url, service)
            # profiles' seed creates the administrator (CHAOS_ADMIN)
            for command in ("migrate", "seed") if service == "profiles" else ("migrate",):
                subprocess.run(
                    [sys.executable, "-m", service, command],
                    env={**os.environ, **platform.env(service)},
                    check=True,
                    capture_output=True,
                )
            for role in platform.roles[service]:
                platform.start_process(service, role)
        for service in SERVICES:
            wait_until(
                lambda s=service: platform.api_ready(s),  # type: ignore[misc]
                90,
                what=f"{service} API",
                on_timeout=platform.logs,
            )
        start_web(home, web_port, platform.gateway.url)
        platform.gateway.start(home / "routes.yaml")
        return platform

    def netcut_command(self) -> list[str]:
        """The network-cut relay: single, in front of the CUTTABLE process' Kafka and
        Postgres; cluster, on every link between the isolatable Kafka node and the others."""
        if self.single:
            kafka_relayed, pg_relayed = self.relayed
            routes = [(kafka_relayed, self.stack.kafka_port + 2), (pg_relayed, self.stack.pg_port)]
        else:
            routes = self.cluster.relay_routes()
        args = [arg for listen, target in routes for arg in ("--route", f"{listen}:{target}")]
        return [sys.executable, "-m", "devstack.netcut", *args]

    def stop(self) -> None:
        for service in SERVICES:
            for role in self.roles[service]:
                self.process(service, role).stop(timeout=5)
        self.gateway.stop()
        ManagedProcess(WEB, self.stack.home).stop(timeout=5)
        self.smtp.stop()
        self.stack.kafka.stop()
        self.netcut.stop(timeout=5)
        self.stack.postgres.stop()

    @property
    def single(self) -> bool:
        return self.stack.topology.kafka_nodes == 1

    @property
    def bootstrap(self) -> str:
        return self.stack.kafka.bootstrap

    # ---- processes ---------------------------------------------------------------------
    def env(self, service: str, faults: str = "", role: str = "") -> dict[str, str]:
        database_url, bootstrap = self.db_urls[service], self.bootstrap
        if (service, role) == CUTTABLE and self.single:
            kafka_relayed, pg_relayed = self.relayed
            bootstrap = f"127.0.0.1:{kafka_relayed}"
            database_url = database_url.replace(f":{self.stack.pg_port}/", f":{pg_relayed}/")
        profiles_port = self.internal.get("profiles") or self.ports["profiles"][0]
        return {
            # crypto-shredding on, as everywhere: notifications fetches profiles' subject keys
            **platform_env(
                service,
                services=list(SERVICES),
                home=self.stack.home,
                database_url=database_url,
                bootstrap=bootstrap,
                smtp_port=self.smtp.port,
                profiles_port=profiles_port,
                public_base_url=self.gateway.url,
            ),
            "ATTACHMENT_DIR": str(self.stack.home / "attachments"),
            "RELAY_POLL_INTERVAL_S": "0.5",
            "DISPATCH_POLL_INTERVAL_S": "0.2",
            # argon2's cheapest legal cost: the load signs people in; hash strength is not
            # what these faults test, and the default cost would cap the request rate
            "ARGON2_TIME_COST": "1",
            "ARGON2_MEMORY_COST_KIB": "64",
            "EVENTKIT_FAULTS": faults,
            "LOG_LEVEL": "WARNING",
            **CHAOS_SETTINGS.get(service, {}),
            **({} if self.single else RELAXED_POLLING),
        }

    def process(self, service: str, role: str) -> ManagedProcess:
        return ManagedProcess(f"{service}-{role}", self.stack.home)

    def api_port(self, service: str, role: str = "api") -> int:
        replica = int(role.rpartition("-")[2]) if role != "api" else 1
        return self.ports[service][replica - 1]

    def start_process(self, service: str, role: str, faults: str = "") -> int:
        command = role.split("-")[0]
        args = ["--port", str(self.api_port(service, role))] if command == "api" else []
        return self.process(service, role).start(
            [sys.executable, "-m", service, command, *args], env=self.env(service, faults, role)
        )

    @property
    def netcut(self) -> ManagedProcess:
        return ManagedProcess("netcut", self.stack.home)

    def cut_network(self, cut: bool) -> None:
        """Cut (or heal) what the network-cut relay carries: single, the CUTTABLE process'
        Kafka and Postgres connections; cluster, the isolatable Kafka node's links to the
        other nodes."""
        pid = self.netcut.pid()
        assert pid is not None, "the network-cut relay is not running"
        os.kill(pid, signal.SIGUSR1 if cut else signal.SIGUSR2)

    def kill(self, service: str, role: str, sig: signal.Signals = signal.SIGKILL) -> None:
        pid = self.process(service, role).pid()
        assert pid is not None, f"{service}-{role} is not running"
        os.kill(pid, sig)
        if sig == signal.SIGKILL:
            psutil.Process(pid).wait(10)

    def wait_exit(self, service: str, role: str, timeout: float = 60) -> None:
        wait_until(
            lambda: not self.process(service, role).is_running(),
            timeout,
            what=f"{service}-{role} to die at its fault point",
            on_timeout=self.logs,
        )

    # ---- Kafka -------------------------------------------------------------------------
    @property
    def cluster(self) -> kafka.KafkaCluster:
        cluster = self.stack.kafka
        assert isinstance(cluster, kafka.KafkaCluster), "a single broker is no cluster"
        return cluster

    def kafka_node(self, node_id: int = 1) -> kafka.KafkaBroker:
        return self.stack.kafka.nodes[node_id - 1]

    def kill_kafka(self, sig: signal.Signals = signal.SIGKILL, node_id: int = 1) -> None:
        pid = self.kafka_node(node_id).process.pid()
        assert pid is not None, f"Kafka node {node_id} is not running"
        os.kill(pid, sig)
        if sig == signal.SIGKILL:
            psutil.Process(pid).wait(20)

    def restart_kafka(self, node_id: int | None = None) -> None:
        """Start what is not running of the broker (or cluster) and wait for it (with a
        cluster: for every broker registered again). A JVM loading its logs on a busy
        2-core machine has taken minutes to start: waited for up to RESTART_TIMEOUT_S."""
        lib = kafka.ensure_jars(self.stack.jar_home)
        if node_id is not None:
            self.kafka_node(node_id).launch(lib)
        self.stack.kafka.start(lib, timeout=RESTART_TIMEOUT_S)

    def end_offsets(self, topics: list[str]) -> dict[tuple[str, int], int]:
        return run_sync(lambda: end_offsets(self.bootstrap, topics))

    def busiest_leader(self, topics: list[str], since: dict[tuple[str, int], int]) -> int:
        """The node leading the partitions of ``topics`` that grew most since ``since``
        (end offsets taken earlier)."""
        grown = {tp: end - since.get(tp, 0) for tp, end in self.end_offsets(topics).items()}
        load: dict[int, int] = {}
        for partition in run_sync(lambda: describe_partitions(self.bootstrap, topics)):
            leader = partition["leader"]
            load[leader] = load.get(leader, 0) + grown.get(
                (partition["topic"], partition["partition"]), 0
            )
        return max((n for n in load if n > 0), key=lambda n: load[n])

    def settled(self) -> bool:
        """Every partition has all its replicas in sync and its preferred leader."""
        topics = [t for t in run_sync(lambda: _topics(self.bootstrap)) if not t.startswith("__")]
        described = run_sync(lambda: describe_partitions(self.bootstrap, topics))
        return all(
            len(p["isr"]) == len(p["replicas"]) and p["leader"] == p["replicas"][0]
            for p in described
        )

    def quorum_leader(self) -> int:
        """The node leading the KRaft controller quorum, from the newest quorum state any
        node has written (``__cluster_metadata-0/quorum-state``)."""
        newest = (-1, -1)
        for node in self.stack.kafka.nodes:
            state = node.data_dir / "__cluster_metadata-0" / "quorum-state"
            try:
                data = json.loads(state.read_text())
            except (FileNotFoundError, ValueError):
                continue
            if data.get("leaderId", -1) >= 0:
                newest = max(newest, (int(data["leaderEpoch"]), int(data["leaderId"])))
        assert newest[1] > 0, "no node knows a quorum leader"
        return newest[1]

    # ---- Postgres ----------------------------------------------------------------------
    @property
    def pair(self) -> PostgresPair:
        pair = self.stack.postgres
        assert isinstance(pair, PostgresPair), "a single Postgres has no standby"
        return pair

    @property
    def postgres_primary(self) -> PostgresServer:
        server = self.stack.postgres
        return server.primary() if isinstance(server, PostgresPair) else server

    def kill_postgres(self) -> None:
        """SIGKILL the (primary's) postmaster and its children: a crash, no checkpoint, no
        goodbye to clients."""
        pid = self.postgres_primary.postmaster_pid()
        assert pid is not None
        children = psutil.Process(pid).children(recursive=True)
        os.kill(pid, signal.SIGKILL)
        psutil.wait_procs([psutil.Process(pid), *children], timeout=20)

    def restart_postgres(self) -> None:
        """Start what is not running; with a pair, rebuild a lost node as the standby and
        replicate synchronously again."""
        self.stack.postgres.start()

    # ---- relays ------------------------------------------------------------------------
    def active_relay(self, service: str) -> str:
        """The relay role (``relay``, ``relay-2``) holding the service's leadership: the
        one whose connection holds the outbox relay's advisory lock."""

        async def holder_port() -> int | None:
            conn = await asyncpg.connect(self.admin_dsn)
            try:
                port = await conn.fetchval(
                    "SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
                    " WHERE l.locktype = 'advisory' AND l.granted"
                    " AND l.objid::int = hashtext($1)",
                    f"outbox-relay:{service}",
                )
            finally:
                await conn.close()
            return int(port) if port is not None else None

        port = run_sync(holder_port)
        for role in self.roles[service]:
            pid = self.process(service, role).pid() if role.startswith("relay") else None
            if pid is None or port is None:
                continue
            if any(c.laddr and c.laddr.port == port for c in psutil.Process(pid).net_connections()):
                return role
        raise AssertionError(f"no running relay of {service} holds its leadership")

    # ---- observation -------------------------------------------------------------------
    def api_ready(self, service: str = "profiles") -> bool:
        try:
            return all(
                httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
                for port in self.ports[service]
            )
        except httpx.HTTPError:
            return False

    @property
    def admin_dsn(self) -> str:
        return plain_url(self.stack.admin_url)

    def logs(self, lines: int = 20, width: int = 300) -> str:
        """Each process's last log lines, each cut to ``width`` characters so a failure's
        message stays readable (a partition assignment alone runs to thousands); the whole
        logs stay in ``<home>/logs``."""
        out = [f"(whole logs: {self.stack.home / 'logs'})"]
        for service in SERVICES:
            for role in self.roles[service]:
                tail = self.process(service, role).tail(lines).splitlines()
                cut = [t if len(t) <= width else t[:width] + " ..." for t in tail]
                out.append(f"--- {service}-{role}\n" + "\n".join(cut))
        return "\n".join(out)


__all__ = ["CLUSTER", "SERVICES", "SINGLE", "ChaosPlatform"]
