"""Runs ``bench/bench_messaging.py --quick`` for real (test broker + Postgres) and checks the
report: well-formed, every rate and ratio computed from the measured numbers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from devstack.harness import TestInfra

REPO = Path(__file__).resolve().parents[2]
#: the broker version the devstack fetches (libs/devstack/kafka/pom.xml)
KAFKA_VERSION = re.search(
    r"<kafka.version>([^<]+)</kafka.version>",
    (REPO / "libs" / "devstack" / "kafka" / "pom.xml").read_text(),
).group(1)  # type: ignore[union-attr]
REQUIRED_RATIOS = {
    ("faststream_produce", "aiokafka_produce_batch"),
    ("faststream_produce_each", "aiokafka_produce_fs_headers"),
    # like for like: the same commit policy on both sides
    ("faststream_consume", "aiokafka_consume_commit_each"),
    ("faststream_consume_batch", "aiokafka_consume_batch_commit"),
    ("relay_drain", "aiokafka_produce"),
    ("aiokafka_produce", "kafka_producer_perf"),
    ("faststream_produce", "kafka_producer_perf"),
    ("relay_drain", "kafka_producer_perf"),
    ("aiokafka_consume", "kafka_consumer_perf"),
    ("faststream_consume_batch", "kafka_consumer_perf"),
    ("eventkit_end_to_end", "kafka_end_to_end_latency"),
}


def _holds(value: float, op: str, threshold: float) -> bool:
    return value >= threshold if op == ">=" else value <= threshold


@pytest.fixture(scope="module")
def report(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench-messaging")
    result = subprocess.run(
        [sys.executable, "bench/bench_messaging.py", "--quick", "--out-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    data: dict[str, Any] = json.loads((out / "messaging.json").read_text())
    data["_markdown"] = (out / "messaging.md").read_text()
    return data


@pytest.mark.timeout(450)
def test_report_describes_machine_command_and_sizes(report: dict[str, Any]) -> None:
    machine = report["machine"]
    assert machine["nproc"] >= 1 and machine["memory_gib"] > 0
    assert machine["cpu_model"] and machine["python"].startswith("3.11")
    assert "version" in machine["java"] and machine["kafka"] == KAFKA_VERSION
    assert report["command"] == "uv run python bench/bench_messaging.py --quick"
    assert report["sizes"]["message_bytes"] > 0 and report["sizes"]["messages"] > 0
    md = report["_markdown"]
    assert report["command"] in md and "shared and noisy" in md
    assert "| ratio | value | target | met |" in md


def test_every_rate_is_messages_over_seconds(report: dict[str, Any]) -> None:
    meas = report["measurements"]
    rates = {k: v for k, v in meas.items() if "msgs_per_s" in v}
    assert len(rates) >= 10
    for name, row in rates.items():
        assert row["messages"] > 0 and row["seconds"] > 0, name
        rate = row["messages"] / row["seconds"]  # rates are reported to 0.1 msg/s
        assert row["msgs_per_s"] == pytest.approx(rate, rel=1e-3, abs=0.051), name
        assert row["ceiling"] is None or row["ceiling"] in meas, name
    e2e = meas["eventkit_end_to_end"]
    assert e2e["measured"] > 0 and e2e["written"] > 0
    assert 0 < e2e["p50_ms"] <= e2e["p99_ms"] <= e2e["max_ms"]
    assert e2e["target_rate"] == pytest.approx(e2e["capacity_msgs_per_s"] / 2, abs=0.1)
    # the capacity is the path's own, measured flat out: the lower of written and handled
    flat = meas["eventkit_end_to_end_flat_out"]
    assert flat["target_rate"] == 0 and flat["written"] > 0
    capacity = min(flat["achieved_rate"], flat["handled_rate"])
    assert e2e["capacity_msgs_per_s"] == pytest.approx(capacity, abs=0.1)
    lat = meas["kafka_end_to_end_latency"]
    assert 0 <= lat["p50_ms"] <= lat["p99_ms"] <= lat["p999_ms"]


def test_every_python_consumer_row_reports_its_cpu_per_message(report: dict[str, Any]) -> None:
    meas = report["measurements"]
    consumers = [k for k in meas if k.startswith(("aiokafka_consume", "faststream_consume"))]
    assert len(consumers) >= 7
    for name in consumers:
        row = meas[name]
        assert row["cpu_us_per_msg"] > 0, name
        assert row["cpu_us_per_msg"] == min(row["rounds_cpu_us_per_msg"]), name
        assert f"{row['cpu_us_per_msg']:.2f} |" in report["_markdown"], name


def test_every_ratio_is_computed_from_the_measurements(report: dict[str, Any]) -> None:
    meas = report["measurements"]
    seen = set()
    for r in report["ratios"]:
        num, den = meas[r["numerator"]][r["metric"]], meas[r["denominator"]][r["metric"]]
        assert r["value"] == pytest.approx(num / den, rel=1e-3, abs=1e-4), r["label"]
        if r["op"] is not None:
            assert r["met"] == _holds(r["value"], r["op"], r["threshold"]), r["label"]
        assert r["label"] in report["_markdown"]
        seen.add((r["numerator"], r["denominator"]))
    assert seen >= REQUIRED_RATIOS
    for t in report["targets"]:
        assert t["value"] == meas[t["measurement"]][t["metric"]]
        assert t["met"] == _holds(t["value"], t["op"], t["threshold"])
