"""A private, whole platform for fault injection, soak tests and benchmarks: its own Kafka
broker and PostgreSQL server (so killing them never disturbs other tests), the services as
real processes (``python -m <svc> api|relay|worker``) and the real gateway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field

import httpx
import psutil
import yaml

from devstack import kafka
from devstack.gateway import Gateway
from devstack.harness import SmtpSink, start_smtp_sink
from devstack.paths import devstack_home, env_port, routes_path
from devstack.postgres import plain_url, provision_service
from devstack.processes import ManagedProcess, known_processes
from devstack.services import platform_env
from devstack.stack import Stack
from devstack.waiting import free_port, wait_until
from devstack.web import WEB, start_web

SERVICES = ("profiles", "resources", "alliance", "notifications")
#: the chaos stack's own broker and Postgres (the broker also listens on the next two ports).
#: Like every fixed port of the devstack, below the kernel's ephemeral range (32768-60999
#: on Linux): an outgoing connection holding the port as its local end made the broker
#: fail to bind in a CI dry run
CHAOS_KAFKA_PORT = 29192
CHAOS_PG_PORT = 25532
#: the process that faults can cut off the network: it reaches Kafka and Postgres only
#: through a devstack.netcut relay
CUTTABLE = ("notifications", "worker")


@dataclass
class ChaosPlatform:
    stack: Stack
    smtp: SmtpSink
    gateway: Gateway
    ports: dict[str, int]
    db_urls: dict[str, str] = field(default_factory=dict)
    #: (Kafka, Postgres) ports of the network-cut relay in front of the CUTTABLE process
    relayed: tuple[int, int] = (0, 0)
    #: the processes under test, by role: every service's API, relay and worker (two
    #: notification workers share a consumer group, so one can take over from the other)
    roles: dict[str, list[str]] = field(
        default_factory=lambda: {
            "profiles": ["api", "relay", "worker"],
            "resources": ["api", "relay", "worker"],
            "alliance": ["api", "relay", "worker"],
            "notifications": ["api", "relay", "worker", "worker-2"],
        }
    )

    # ---- lifecycle ---------------------------------------------------------------------
    @classmethod
    def start(cls) -> ChaosPlatform:
        home = devstack_home() / "chaos"
        relayed = (free_port(), free_port())
        # fixed ports: a KRaft controller's formatted storage remembers its own endpoint
        kafka_port = env_port("CHAOS_KAFKA_PORT", CHAOS_KAFKA_PORT)
        stack = Stack(
            home=home,
            kafka_port=kafka_port,
            pg_port=env_port("CHAOS_PG_PORT", CHAOS_PG_PORT),
            smtp_port=0,
            gateway_port=free_port(),
            jar_home=devstack_home(),
            kafka_cuttable=(kafka_port + 2, relayed[0]),
        )
        for leftover in known_processes(home):  # from an interrupted earlier run
            if leftover.name not in ("kafka", "postgres"):
                leftover.stop(timeout=5)
        stack.kafka.stop()  # its listeners are configured per run
        stack.kafka.start(kafka.ensure_jars(stack.jar_home))
        stack.postgres.start()
        kafka.ensure_topics(stack.kafka.bootstrap)
        smtp = start_smtp_sink()
        table = yaml.safe_load(routes_path().read_text())
        ports = {name: free_port() for name in table["services"]}
        for name, port in ports.items():
            table["services"][name]["port"] = port
        (home / "routes.yaml").write_text(yaml.safe_dump(table))
        platform = cls(
            stack, smtp, Gateway(home, f"127.0.0.1:{stack.gateway_port}"), ports, relayed=relayed
        )
        platform.netcut.start(
            [
                sys.executable,
                "-m",
                "devstack.netcut",
                "--route",
                f"{relayed[0]}:{kafka_port + 2}",
                "--route",
                f"{relayed[1]}:{stack.pg_port}",
            ]
        )
        for service in SERVICES:
            platform.db_urls[service] = provision_service(stack.admin_url, service)
            subprocess.run(
                [sys.executable, "-m", service, "migrate"],
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
        start_web(home, ports[WEB], platform.gateway.url)
        platform.gateway.start(home / "routes.yaml")
        return platform

    def stop(self) -> None:
        for service in SERVICES:
            for role in self.roles[service]:
                self.process(service, role).stop(timeout=5)
        self.netcut.stop(timeout=5)
        self.gateway.stop()
        ManagedProcess(WEB, self.stack.home).stop(timeout=5)
        self.smtp.stop()
        self.stack.kafka.stop()
        self.stack.postgres.stop()

    # ---- processes ---------------------------------------------------------------------
    def env(self, service: str, faults: str = "", role: str = "") -> dict[str, str]:
        database_url, bootstrap = self.db_urls[service], self.stack.kafka.bootstrap
        if (service, role) == CUTTABLE:
            kafka_relayed, pg_relayed = self.relayed
            bootstrap = f"127.0.0.1:{kafka_relayed}"
            database_url = database_url.replace(f":{self.stack.pg_port}/", f":{pg_relayed}/")
        return {
            # crypto-shredding on, as everywhere: notifications fetches profiles' subject keys
            **platform_env(
                service,
                services=list(SERVICES),
                home=self.stack.home,
                database_url=database_url,
                bootstrap=bootstrap,
                smtp_port=self.smtp.port,
                profiles_port=self.ports["profiles"],
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
        }

    def process(self, service: str, role: str) -> ManagedProcess:
        return ManagedProcess(f"{service}-{role}", self.stack.home)

    def start_process(self, service: str, role: str, faults: str = "") -> int:
        command = role.split("-")[0]
        args = ["--port", str(self.ports[service])] if command == "api" else []
        return self.process(service, role).start(
            [sys.executable, "-m", service, command, *args], env=self.env(service, faults, role)
        )

    @property
    def netcut(self) -> ManagedProcess:
        return ManagedProcess("netcut", self.stack.home)

    def cut_network(self, cut: bool) -> None:
        """Cut the CUTTABLE process off Kafka and Postgres, or heal the cut."""
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

    def kill_kafka(self, sig: signal.Signals = signal.SIGKILL) -> None:
        pid = self.stack.kafka.process.pid()
        assert pid is not None
        os.kill(pid, sig)
        if sig == signal.SIGKILL:
            psutil.Process(pid).wait(20)

    def restart_kafka(self) -> None:
        self.stack.kafka.start(kafka.ensure_jars(self.stack.jar_home))

    def kill_postgres(self) -> None:
        pid = self.stack.postgres.postmaster_pid()
        assert pid is not None
        children = psutil.Process(pid).children(recursive=True)
        os.kill(pid, signal.SIGKILL)  # a crash: no checkpoint, no goodbye to clients
        psutil.wait_procs([psutil.Process(pid), *children], timeout=20)

    def restart_postgres(self) -> None:
        self.stack.postgres.start()

    # ---- observation -------------------------------------------------------------------
    def api_ready(self, service: str = "profiles") -> bool:
        try:
            url = f"http://127.0.0.1:{self.ports[service]}/readyz"
            return httpx.get(url, timeout=2).status_code == 200
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
