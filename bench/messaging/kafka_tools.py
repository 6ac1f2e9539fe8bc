"""Kafka's own performance tools (the ceiling), run from the jars devstack already fetched.

The command lines of the devstack's Kafka (4.3.1; checked with ``--help``):

* ``ProducerPerformance --topic T --num-records N --record-size S --throughput -1
  --producer-props k=v ...`` prints ``N records sent, R records/sec (...), ... 50th, 95th,
  99th, 99.9th.``
* ``ConsumerPerformance --bootstrap-server B --topic T --num-records N --group G`` prints a
  CSV header and one line; ``fetch.nMsg.sec`` excludes the group join (``rebalance.time.ms``).
  (``--messages`` is deprecated since 4.2.)
* ``EndToEndLatency --bootstrap-server B --topic T --num-records N --producer-acks all
  --record-size S`` (options since 4.2; 4.1 took them positionally) sends one message at a
  time and waits for its own consumer to see it; prints ``Percentiles: 50th = a, 99th = b,
  99.9th = c`` (ms).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from devstack import kafka, paths

HEAP = "-Xmx384m"


def lib_dir() -> Path:
    return kafka.ensure_jars(paths.devstack_home())


def java_version() -> str:
    out = subprocess.run([kafka.java(), "-version"], capture_output=True, text=True, check=False)
    return (out.stderr or out.stdout).splitlines()[0].strip()


def _run(main: str, *args: str, timeout_s: float) -> str:
    cmd = [kafka.java(), HEAP, "-cp", f"{lib_dir()}/*", f"org.apache.kafka.tools.{main}", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"{main} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


@dataclass(frozen=True)
class ToolThroughput:
    messages: int
    msgs_per_s: float

    @property
    def seconds(self) -> float:
        return self.messages / self.msgs_per_s


_PRODUCER_FINAL = re.compile(r"^(\d+) records sent, ([\d.]+) records/sec.*99\.9th\.$", re.M)


def parse_producer(stdout: str) -> ToolThroughput:
    match = _PRODUCER_FINAL.search(stdout)
    if match is None:
        raise ValueError(f"no final ProducerPerformance line in:\n{stdout}")
    return ToolThroughput(int(match.group(1)), float(match.group(2)))


def producer_performance(
    bootstrap: str, topic: str, messages: int, size: int, timeout_s: float = 300
) -> ToolThroughput:
    out = _run(
        "ProducerPerformance",
        "--topic",
        topic,
        "--num-records",
        str(messages),
        "--record-size",
        str(size),
        "--throughput",
        "-1",
        "--producer-props",
        f"bootstrap.servers={bootstrap}",
        "acks=all",
        "enable.idempotence=true",
        "linger.ms=5",  # the same linger as eventkit's producer
        timeout_s=timeout_s,
    )
    return parse_producer(out)


def parse_consumer(stdout: str) -> ToolThroughput:
    lines = [line for line in stdout.splitlines() if line.strip()]
    header_at = next(i for i, line in enumerate(lines) if line.startswith("start.time"))
    header = [h.strip() for h in lines[header_at].split(",")]
    values = [v.strip() for v in lines[header_at + 1].split(",")]
    row = dict(zip(header, values, strict=True))
    messages = int(row["data.consumed.in.nMsg"])
    fetch_ms = float(row["fetch.time.ms"])
    if messages <= 0 or fetch_ms <= 0:
        raise ValueError(f"ConsumerPerformance consumed nothing:\n{stdout}")
    return ToolThroughput(messages, messages / (fetch_ms / 1000))


def _where(bootstrap: str, topic: str, messages: int) -> tuple[str, ...]:
    return ("--bootstrap-server", bootstrap, "--topic", topic, "--num-records", str(messages))


def consumer_performance(
    bootstrap: str, topic: str, messages: int, group: str, timeout_s: float = 300
) -> ToolThroughput:
    out = _run(
        "ConsumerPerformance",
        *_where(bootstrap, topic, messages),
        "--group",
        group,
        "--timeout",
        "30000",
        timeout_s=timeout_s,
    )
    return parse_consumer(out)


@dataclass(frozen=True)
class ToolLatency:
    messages: int
    avg_ms: float
    p50_ms: float
    p99_ms: float
    p999_ms: float


_AVG = re.compile(r"Avg latency: ([\d.]+) ms")
_PCT = re.compile(r"Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)")


def parse_latency(stdout: str, messages: int) -> ToolLatency:
    avg, pct = _AVG.search(stdout), _PCT.search(stdout)
    if avg is None or pct is None:
        raise ValueError(f"no EndToEndLatency summary in:\n{stdout}")
    p50, p99, p999 = (float(x) for x in pct.groups())
    return ToolLatency(messages, float(avg.group(1)), p50, p99, p999)


def end_to_end_latency(
    bootstrap: str, topic: str, messages: int, size: int, timeout_s: float = 300
) -> ToolLatency:
    out = _run(
        "EndToEndLatency",
        *_where(bootstrap, topic, messages),
        "--producer-acks",
        "all",
        "--record-size",
        str(size),
        timeout_s=timeout_s,
    )
    return parse_latency(out, messages)
