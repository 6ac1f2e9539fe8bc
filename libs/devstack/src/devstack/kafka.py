"""Apache Kafka 4.3.1 in KRaft mode (one combined broker+controller) from Maven Central jars.

There is no Docker engine and no tarball download: Maven resolves ``kafka_2.13`` plus
``kafka-tools`` and a log4j2 backend into ``<home>/kafka-lib`` once (stamped by the pom's
hash), then the broker runs as ``java -cp '<lib>/*' kafka.Kafka server.properties``.
Storage is formatted once (``kafka.tools.StorageTool format --standalone``), so topics and
offsets survive ``stop``/``up``.
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
class KafkaBroker:
    """A single-node KRaft cluster rooted at ``state_dir`` (data, config, cluster id)."""

    home: Path  # holds run/ and logs/ (pidfile, stdout log)
    state_dir: Path  # holds config, data and the cluster id
    port: int
    controller_port: int
    name: str = "kafka"
    #: (listen port, advertised port) of a second listener that clients reach through a
    #: relay that can cut them off (devstack.netcut); None: no such listener
    cuttable: tuple[int, int] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def process(self) -> ManagedProcess:
        return ManagedProcess(self.name, self.home)

    @property
    def data_dir(self) -> Path:
        return self.state_dir / "data"

    @property
    def config_file(self) -> Path:
        return self.state_dir / "server.properties"

    @property
    def broker_log(self) -> Path:
        return self.home / "logs" / f"{self.name}-server.log"

    def server_properties(self) -> str:
        listeners = (
            f"PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}"
        )
        advertised = f"PLAINTEXT://127.0.0.1:{self.port}"
        protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
        if self.cuttable:
            listen, relayed = self.cuttable
            listeners += f",CUTTABLE://127.0.0.1:{listen}"
            advertised += f",CUTTABLE://127.0.0.1:{relayed}"
            protocols += ",CUTTABLE:PLAINTEXT"
        props = {
            "node.id": "1",
            "process.roles": "broker,controller",
            "listeners": listeners,
            "advertised.listeners": advertised,
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": protocols,
            "controller.quorum.bootstrap.servers": f"127.0.0.1:{self.controller_port}",
            "log.dirs": str(self.data_dir),
            "num.partitions": "1",
            "default.replication.factor": "1",
            "auto.create.topics.enable": "false",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "3",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "transaction.state.log.num.partitions": "3",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            # the group coordinator holds offset-commit writes up to 5 ms (Kafka 4.x's
            # default) to batch them: every consumer's commit, i.e. every batch handled,
            # waited for it (docs/benchmarks/messaging.md)
            "group.coordinator.append.linger.ms": "0",
            "num.network.threads": "2",
            "num.io.threads": "2",
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
        path = self.state_dir / "cluster.id"
        if path.exists() and not (stored := path.read_text().strip()).startswith("-"):
            return stored
        cid = "-"
        while cid.startswith("-"):  # kafka-storage would take "-..." for an option; Kafka's
            # own Uuid.randomUuid() draws again for the same reason
            cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
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
        """Format the log dir once; a formatted dir has ``meta.properties`` and is left alone."""
        if (self.data_dir / "meta.properties").exists():
            return
        cmd = self._java_cmd(
            lib,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            self.cluster_id(),
            "-c",
            str(self.config_file),
            "--standalone",
            "--ignore-formatted",
        )
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"Kafka storage format failed:\n{result.stdout}\n{result.stderr}")

    def start(self, lib: Path, timeout: float = READY_TIMEOUT) -> None:
        """Start (idempotently) and wait until an admin client can describe the cluster."""
        if not self.process.is_running():
            self.write_config()
            self.format_storage(lib)
            # extra broker JVM flags for a diagnosing run (bench/bench_soak.py turns on the
            # JVM's native memory tracking this way)
            extra = tuple(os.environ.get("DEVSTACK_KAFKA_JVM_OPTS", "").split())
            cmd = self._java_cmd(
                lib, "kafka.Kafka", str(self.config_file), heap=(*JVM_HEAP, *extra)
            )
            self.process.start(cmd, cwd=self.state_dir)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        from devstack.kafka_admin import wait_cluster_ready

        try:
            run_sync(lambda: wait_cluster_ready(self.bootstrap, timeout, self.process.is_running))
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


def ensure_topics(bootstrap: str) -> None:
    """Create every registry topic and its dead-letter topic if missing (replication 1)."""
    from devstack.kafka_admin import create_registry_topics

    created = run_sync(lambda: create_registry_topics(bootstrap))
    if created:
        log.info("created topics: %s", ", ".join(created))


if __name__ == "__main__":  # pragma: no cover - manual helper
    logging.basicConfig(level=logging.INFO)
    print(ensure_jars(Path(sys.argv[1])))
