"""Apache Kafka 4.3.1 in KRaft mode from Maven Central jars: one combined broker+controller
node (the default), or a cluster of three such nodes (``KafkaCluster``, the cluster topology).

There is no Docker engine and no tarball download: Maven resolves ``kafka_2.13`` plus
``kafka-tools`` and a log4j2 backend into ``<home>/kafka-lib`` once (stamped by the pom's
hash), then each node runs as ``java -cp '<lib>/*' kafka.Kafka server.properties``.
Storage is formatted once (``kafka.tools.StorageTool format``: ``--standalone`` for one node,
a static quorum of the three for a cluster), so topics and offsets survive ``stop``/``up``.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from devstack.processes import ManagedProcess, tail
from devstack.waiting import NotReadyError, run_sync

log = logging.getLogger(__name__)

POM = Path(__file__).resolve().parents[2] / "kafka" / "pom.xml"
#: a fixed heap, like the deployed brokers' (deploy/config.yaml ``kafka.heap``): committed at
#: start, so the broker's memory does not creep up while the heap grows to its max
JVM_HEAP = ("-Xms512m", "-Xmx512m")
READY_TIMEOUT = 120.0


def lib_dir(home: Path) -> Path:
    """Shared jar folder (the test broker reuses the `make run` download)."""
    return home / "kafka-lib"


def ensure_jars(home: Path) -> Path:
    """Copy Kafka's jars into ``<home>/kafka-lib`` unless a stamp says they are already there.

    The stamp holds the pom's hash, so bumping a version in the pom refreshes the folder;
    Maven's own ``~/.m2`` cache means even a refresh rarely hits the network.
    """
    target = lib_dir(home)
    stamp = target / ".devstack-stamp"
    digest = hashlib.sha256(POM.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError("Maven (mvn) is required to fetch Kafka's jars from Maven Central")
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    log.info("fetching Kafka jars with Maven into %s (one-off)", target)
    result = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}",
            "-DincludeScope=runtime",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not any(tmp.glob("kafka_2.13-*.jar")):
        raise RuntimeError(f"mvn failed to copy Kafka jars:\n{result.stdout}\n{result.stderr}")
    shutil.rmtree(target, ignore_errors=True)
    tmp.replace(target)
    stamp.write_text(digest)
    return target


def java() -> str:
    """The java executable (``$JAVA_HOME/bin/java`` wins over PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise RuntimeError("Java 17+ is required to run Kafka (no `java` on PATH)")
    return found


LOG4J2_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- devstack: Kafka logs WARN and above to one file; stdout stays quiet. -->
<Configuration status="WARN">
  <Appenders>
    <File name="file" fileName="{logfile}" append="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
    <Logger name="kafka.server.BrokerServer" level="INFO"/>
    <!-- consumer groups joining, rebalancing and losing members: rare, and the only way to
         tell a stalled group from an idle one -->
    <Logger name="org.apache.kafka.coordinator.group.GroupMetadataManager" level="INFO"/>
    <Logger name="org.apache.kafka.coordinator.group.classic" level="INFO"/>
    <Root level="WARN"><AppenderRef ref="file"/></Root>
  </Loggers>
</Configuration>
"""


@dataclass(frozen=True)
class Listener:
    """One listener of a node: where it binds, and the port it advertises (None: not
    advertised, the controller's). A relay (devstack.netcut) may sit between the two."""

    name: str
    port: int
    advertised: int | None = None


@dataclass(frozen=True)
class ClusterMembership:
    """A node's place in a multi-node cluster, as this node sees it.

    ``voters`` are the controllers of the quorum at the ports *this node* reaches them on: a
    static quorum (``controller.quorum.voters``) is each node's own view, so the links of one
    node can run through a relay that cuts them while the others talk directly."""

    voters: tuple[tuple[int, int], ...]
    listeners: tuple[Listener, ...]
    #: the listener name whose endpoint this node fetches replicas from (on the leader)
    inter_broker: str


#: what a cluster's topics and internal topics are created with: the production settings
#: (deploy/k8s/overlays/prod: three brokers, min.insync.replicas 2, no unclean election)
CLUSTER_REPLICATION = 3
CLUSTER_MIN_ISR = 2


@dataclass(frozen=True)
class KafkaBroker:
    """One KRaft node rooted at ``state_dir`` (data, config): alone (a single-node cluster)
    or, with ``membership``, one of the nodes of a ``KafkaCluster``."""

    home: Path  # holds run/ and logs/ (pidfile, stdout log)
    state_dir: Path  # holds config, data and the cluster id
    port: int
    controller_port: int
    name: str = "kafka"
    #: (listen port, advertised port) of a second listener that clients reach through a
    #: relay that can cut them off (devstack.netcut); None: no such listener
    cuttable: tuple[int, int] | None = None
    node_id: int = 1
    membership: ClusterMembership | None = None
    #: where the cluster id is kept (shared by every node of a cluster)
    cluster_id_file: Path | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def process(self) -> ManagedProcess:
        return ManagedProcess(self.name, self.home)

    @property
    def processes(self) -> list[ManagedProcess]:
        return [self.process]

    @property
    def nodes(self) -> list[KafkaBroker]:
        return [self]

    @property
    def data_dir(self) -> Path:
        return self.state_dir / "data"

    @property
    def config_file(self) -> Path:
        return self.state_dir / "server.properties"

    @property
    def broker_log(self) -> Path:
        return self.home / "logs" / f"{self.name}-server.log"

    def listeners(self) -> tuple[Listener, ...]:
        if self.membership is not None:
            return self.membership.listeners
        own = (
            Listener("PLAINTEXT", self.port, self.port),
            Listener("CONTROLLER", self.controller_port),
        )
        if self.cuttable is None:
            return own
        listen, relayed = self.cuttable
        return (*own, Listener("CUTTABLE", listen, relayed))

    def server_properties(self) -> str:
        listeners = self.listeners()
        replicas = CLUSTER_REPLICATION if self.membership else 1
        min_isr = CLUSTER_MIN_ISR if self.membership else 1
        if self.membership is None:
            quorum = {"controller.quorum.bootstrap.servers": f"127.0.0.1:{self.controller_port}"}
        else:
            voters = ",".join(f"{i}@127.0.0.1:{port}" for i, port in self.membership.voters)
            quorum = {
                "controller.quorum.voters": voters,
                # leadership goes back to each partition's preferred replica 10 s after a
                # node returns (Kafka's default waits 300 s): a restarted node takes its
                # share of the load again before the next fault
                "leader.imbalance.check.interval.seconds": "10",
            }
        props = {
            "node.id": str(self.node_id),
            "process.roles": "broker,controller",
            "listeners": ",".join(f"{x.name}://127.0.0.1:{x.port}" for x in listeners),
            "advertised.listeners": ",".join(
                f"{x.name}://127.0.0.1:{x.advertised}" for x in listeners if x.advertised
            ),
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": (
                self.membership.inter_broker if self.membership else "PLAINTEXT"
            ),
            "listener.security.protocol.map": ",".join(f"{x.name}:PLAINTEXT" for x in listeners),
            **quorum,
            "log.dirs": str(self.data_dir),
            "num.partitions": "1",
            "default.replication.factor": str(replicas),
            "min.insync.replicas": str(min_isr),
            "unclean.leader.election.enable": "false",
            "auto.create.topics.enable": "false",
            "offsets.topic.replication.factor": str(replicas),
            "offsets.topic.num.partitions": "3",
            "transaction.state.log.replication.factor": str(replicas),
            "transaction.state.log.min.isr": str(min_isr),
            "transaction.state.log.num.partitions": "3",
            "share.coordinator.state.topic.replication.factor": str(replicas),
            "share.coordinator.state.topic.min.isr": str(min_isr),
            "group.initial.rebalance.delay.ms": "0",
            # the group coordinator holds offset-commit writes up to 5 ms (Kafka 4.x's
            # default) to batch them: every consumer's commit, i.e. every batch handled,
            # waited for it (docs/benchmarks/messaging.md)
            "group.coordinator.append.linger.ms": "0",
            "num.network.threads": "2",
            "num.io.threads": "2",
            "num.replica.fetchers": "1",
            "background.threads": "2",
            "num.recovery.threads.per.data.dir": "1",
            "log.retention.check.interval.ms": "300000",
        }
        return "".join(f"{k}={v}\n" for k, v in props.items())

    def write_config(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.broker_log.parent.mkdir(parents=True, exist_ok=True)
        self.config_file.write_text(self.server_properties())
        (self.state_dir / "log4j2.xml").write_text(LOG4J2_XML.format(logfile=self.broker_log))

    def cluster_id(self) -> str:
        """The stored cluster id, generated once (Kafka's base64url form of a UUID)."""
        path = self.cluster_id_file or self.state_dir / "cluster.id"
        if path.exists() and not (stored := path.read_text().strip()).startswith("-"):
            return stored
        cid = "-"
        while cid.startswith("-"):  # kafka-storage would take "-..." for an option; Kafka's
            # own Uuid.randomUuid() draws again for the same reason
            cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(cid)
        return cid

    def _java_cmd(self, lib: Path, main: str, *args: str, heap: tuple[str, ...] = ()) -> list[str]:
        return [
            java(),
            *heap,
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={self.state_dir / 'log4j2.xml'}",
            f"-Dkafka.logs.dir={self.broker_log.parent}",
            "-cp",
            f"{lib}/*",
            main,
            *args,
        ]

    def format_storage(self, lib: Path) -> None:
        """Format the log dir once; a formatted dir has ``meta.properties`` and is left alone.

        One node formats a quorum of itself (``--standalone``); a cluster's nodes format
        with the same cluster id and the static quorum of their configuration."""
        if (self.data_dir / "meta.properties").exists():
            return
        quorum = () if self.membership else ("--standalone",)
        cmd = self._java_cmd(
            lib,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            self.cluster_id(),
            "-c",
            str(self.config_file),
            *quorum,
            "--ignore-formatted",
        )
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"Kafka storage format failed:\n{result.stdout}\n{result.stderr}")

    def launch(self, lib: Path) -> None:
        """Start the node's JVM unless it runs; does not wait for it."""
        if self.process.is_running():
            return
        self.write_config()
        self.format_storage(lib)
        # extra broker JVM flags for a diagnosing run (bench/bench_soak.py turns on the
        # JVM's native memory tracking this way)
        extra = tuple(os.environ.get("DEVSTACK_KAFKA_JVM_OPTS", "").split())
        cmd = self._java_cmd(lib, "kafka.Kafka", str(self.config_file), heap=(*JVM_HEAP, *extra))
        self.process.start(cmd, cwd=self.state_dir)

    def start(self, lib: Path, timeout: float = READY_TIMEOUT) -> None:
        """Start (idempotently) and wait until an admin client can describe the cluster."""
        self.launch(lib)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = READY_TIMEOUT, brokers: int = 1) -> None:
        from devstack.kafka_admin import wait_cluster_ready

        try:
            run_sync(
                lambda: wait_cluster_ready(
                    self.bootstrap, timeout, self.process.is_running, brokers=brokers
                )
            )
        except NotReadyError as exc:
            raise NotReadyError(
                f"Kafka at {self.bootstrap} is not ready: {exc}\n"
                f"--- {self.broker_log} ---\n{tail(self.broker_log)}\n"
                f"--- {self.process.logfile} ---\n{self.process.tail(20)}"
            ) from exc

    def healthy(self) -> bool:
        from devstack.kafka_admin import probe

        return run_sync(lambda: probe(self.bootstrap))

    def stop(self) -> bool:
        return self.process.stop()

    def topic_settings(self) -> TopicSettings:
        return TopicSettings(1, {})


@dataclass(frozen=True)
class TopicSettings:
    """How the registry's topics are created on a broker or cluster."""

    replication_factor: int
    #: topic configs that win over the registry's (the cluster's production durability)
    overrides: dict[str, str]


#: per node, the ports from a cluster's base port on: client, controller, replication,
#: isolated (the listener the isolatable node fetches replicas from)
NODE_PORTS = 4
#: per node, the relay ports after the nodes' own (used when a node is isolatable): the
#: isolatable node's replication listener or another node's isolated listener, and the
#: node's controller as reached across the cut
RELAY_PORTS = 2


@dataclass(frozen=True)
class KafkaCluster:
    """Three combined controller+broker nodes with a static quorum, topics replicated three
    times with ``min.insync.replicas`` 2 and no unclean leader election (the production
    settings of deploy/k8s/overlays/prod).

    Ports from ``port`` on: node n (1-based) uses ``port + 4(n-1)`` (clients),
    ``+1`` (controller), ``+2`` (replication: the others fetch from it there) and ``+3``
    (isolated: see below). Names ``kafka-1`` … ``kafka-3``, state under ``<home>/kafka-n``.

    ``isolatable``: a node that fault injection can cut off the other nodes (not off the
    clients) through a ``devstack.netcut`` relay, the machine having no iptables. Every link
    between it and another node runs through the relay: the others fetch its replicas from
    a relayed replication port, it fetches theirs from their relayed isolated listener
    (its ``inter.broker.listener.name``), and the controller links that touch it use relayed
    ports in each node's own view of the static quorum. ``relay_routes()`` lists the
    relay's routes (listen -> target), at ports following the nodes' own."""

    home: Path
    port: int
    size: int = 3
    isolatable: int | None = None

    def _base(self, node: int) -> int:
        return self.port + NODE_PORTS * (node - 1)

    def _relayed(self, node: int) -> tuple[int, int]:
        """The relay ports in front of a node: for the isolatable node, (its replication
        listener, its controller as the others reach it); for another node, (its isolated
        listener, its controller as the isolatable node reaches it)."""
        first = self.port + NODE_PORTS * self.size + RELAY_PORTS * (node - 1)
        return first, first + 1

    def relay_routes(self) -> list[tuple[int, int]]:
        if self.isolatable is None:
            return []
        routes: list[tuple[int, int]] = []
        for node in range(1, self.size + 1):
            base, relayed = self._base(node), self._relayed(node)
            if node == self.isolatable:
                routes += [(relayed[0], base + 2), (relayed[1], base + 1)]
            else:
                routes += [(relayed[0], base + 3), (relayed[1], base + 1)]
        return routes

    def node(self, n: int) -> KafkaBroker:
        cut = self.isolatable
        base = self._base(n)
        crossing = {  # does the link between these two nodes run through the relay?
            m: cut is not None and cut in (n, m) and n != m for m in range(1, self.size + 1)
        }
        voters = tuple(
            (m, self._relayed(m)[1] if crossing[m] else self._base(m) + 1)
            for m in range(1, self.size + 1)
        )
        replication_advertised = self._relayed(n)[0] if n == cut else base + 2
        isolated_advertised = self._relayed(n)[0] if cut is not None and n != cut else base + 3
        listeners = (
            Listener("PLAINTEXT", base, base),
            Listener("CONTROLLER", base + 1),
            Listener("REPLICATION", base + 2, replication_advertised),
            Listener("ISOLATED", base + 3, isolated_advertised),
        )
        return KafkaBroker(
            self.home,
            self.home / f"kafka-{n}",
            base,
            base + 1,
            name=f"kafka-{n}",
            node_id=n,
            membership=ClusterMembership(
                voters, listeners, "ISOLATED" if n == cut else "REPLICATION"
            ),
            cluster_id_file=self.home / "kafka-cluster.id",
        )

    @property
    def nodes(self) -> list[KafkaBroker]:
        return [self.node(n) for n in range(1, self.size + 1)]

    @property
    def processes(self) -> list[ManagedProcess]:
        return [node.process for node in self.nodes]

    @property
    def bootstrap(self) -> str:
        return ",".join(node.bootstrap for node in self.nodes)

    def start(self, lib: Path, timeout: float = READY_TIMEOUT) -> None:
        """Start every node that is not running (in parallel: each waits for a quorum),
        then wait until every broker has registered with the quorum."""
        for node in self.nodes:
            node.launch(lib)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        for node in self.nodes:
            node.wait_ready(timeout, brokers=self.size)

    def healthy(self) -> bool:
        return all(node.healthy() for node in self.nodes)

    def stop(self) -> bool:
        stopped = [node.stop() for node in reversed(self.nodes)]
        return any(stopped)

    def topic_settings(self) -> TopicSettings:
        return TopicSettings(
            CLUSTER_REPLICATION,
            {
                "min.insync.replicas": str(CLUSTER_MIN_ISR),
                "unclean.leader.election.enable": "false",
            },
        )


Kafka = KafkaBroker | KafkaCluster


def ensure_topics(bootstrap: str, settings: TopicSettings | None = None) -> None:
    """Create every registry topic and its dead-letter topic if missing (by default with
    replication 1: a single broker's)."""
    from devstack.kafka_admin import create_registry_topics

    chosen = settings or TopicSettings(1, {})
    created = run_sync(lambda: create_registry_topics(bootstrap, chosen))
    if created:
        log.info("created topics: %s", ", ".join(created))


if __name__ == "__main__":  # pragma: no cover - manual helper
    logging.basicConfig(level=logging.INFO)
    print(ensure_jars(Path(sys.argv[1])))
