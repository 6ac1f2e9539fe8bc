"""The messaging benchmark's parsers of Kafka's tool output (no infrastructure needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from messaging import kafka_tools
from messaging.outbox_bench import percentile

PRODUCER = """\
32115 records sent, 6388.5 records/sec (3.12 MB/sec), 1038.4 ms avg latency, 1718.0 ms max latency.
100000 records sent, 11930.3 records/sec (5.83 MB/sec), 1788.04 ms avg latency, 2504.00 ms max \
latency, 2072 ms 50th, 2328 ms 95th, 2412 ms 99th, 2490 ms 99.9th.
"""

CONSUMER = """\
start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
2026-11-22 13:53:33:042, 2026-11-22 13:53:38:201, 48.8281, 9.4646, 100000, 19383.6015, 1921, \
3238, 15.0797, 30883.2613
"""

LATENCY = """\
0\t821.787255
Avg latency: 16.1913 ms
Percentiles: 50th = 9, 99th = 69, 99.9th = 821
"""


def test_producer_summary_is_the_final_line_not_a_progress_line() -> None:
    result = kafka_tools.parse_producer(PRODUCER)
    assert result.messages == 100_000
    assert result.msgs_per_s == pytest.approx(11930.3)
    assert result.seconds == pytest.approx(100_000 / 11930.3)


def test_consumer_rate_leaves_the_group_join_out() -> None:
    result = kafka_tools.parse_consumer(CONSUMER)
    assert result.messages == 100_000
    assert result.msgs_per_s == pytest.approx(100_000 / 3.238)  # fetch.time.ms, not total


def test_latency_percentiles() -> None:
    result = kafka_tools.parse_latency(LATENCY, 500)
    assert (result.p50_ms, result.p99_ms, result.p999_ms) == (9.0, 69.0, 821.0)
    assert result.avg_ms == pytest.approx(16.1913)


def test_tool_output_without_a_summary_is_an_error() -> None:
    with pytest.raises(ValueError):
        kafka_tools.parse_producer("1000 records sent, 10.0 records/sec (0.01 MB/sec)\n")
    with pytest.raises(ValueError):
        kafka_tools.parse_latency("Avg latency: 1.0 ms\n", 10)


def test_nearest_rank_percentile() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([7.0], 99) == 7.0
