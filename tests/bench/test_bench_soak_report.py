"""The soak benchmark's verdicts, rows, parsers and report text (no platform needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_soak
from bench_soak import (
    KAFKA_HEAP,
    KAFKA_LIVE,
    KAFKA_OLD,
    KAFKA_OUTSIDE,
    PG_ANON,
    PG_SHARED,
    Cap,
    Sample,
    build_rows,
    native_memory_rows,
    parse_native_memory,
    summarize,
    verdict,
)

JSTAT_G1 = """\
    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
        0.0      1024.0         0.0      1024.0       8192.0       4096.0      58368.0      32059.0     9280.0     9059.5    1216.0    1092.7     11     0.174     0     0.000     4     0.010     0.184
"""  # noqa: E501 - jstat's own line

HEAP_INFO = """\
25082:
 garbage-first heap   total 67584K, used 35172K [0x00000000f8000000, 0x0000000100000000)
  region size 1024K, 3 young (3072K), 1 survivors (1024K)
 Metaspace       used 9059K, committed 9280K, reserved 1114112K
"""

SMAPS = """\
f7000000-f8000000 rw-p 00000000 00:00 0
Rss:                1000 kB
Pss:                1000 kB
Pss_Dirty:          1000 kB
f8000000-fc000000 rw-p 00000000 00:00 0
Rss:                4096 kB
Pss:                4096 kB
fc000000-ffe00000 ---p 00000000 00:00 0
Pss:                   0 kB
ffe00000-ffe75000 rw-p 00c77000 fe:00 315149       /usr/lib/jvm/lib/server/classes.jsa
Pss:                 300 kB
fff00000-100100000 rw-p 00000000 00:00 0
Pss:                 200 kB
55e3bfa68000-55e3bfa69000 r--p 00000000 fe:00 314792  /usr/lib/jvm/bin/java
Pss:                   4 kB
"""

ROLLUP = """\
00400000-7ffe6b4a0000 ---p 00000000 00:00 0                              [rollup]
Rss:               28460 kB
Pss:                9417 kB
Pss_Anon:            243 kB
Pss_File:            654 kB
Pss_Shmem:          8519 kB
Private_Dirty:      7472 kB
"""


def test_jstat_columns_are_read_by_name() -> None:
    gc = bench_soak.parse_jstat(JSTAT_G1)
    assert gc["OU"] == 32059.0 and gc["YGC"] == 11 and gc["FGC"] == 0 and gc["CGC"] == 4
    assert bench_soak.heap_committed_mb(gc) == pytest.approx((1024 + 8192 + 58368) / 1024)
    with pytest.raises(ValueError):
        bench_soak.parse_jstat("12345 not found")


def test_heap_range_and_flags_come_from_jcmd() -> None:
    assert bench_soak.parse_heap_range(HEAP_INFO) == (0xF8000000, 0x100000000)
    flags = "-XX:InitialHeapSize=268435456 -XX:MaxHeapSize=536870912 -XX:+UseG1GC"
    assert bench_soak.parse_flag_bytes(flags, "MaxHeapSize") == 512 * 1024 * 1024
    with pytest.raises(ValueError):
        bench_soak.parse_heap_range("garbage")


def test_heap_pss_counts_the_mappings_inside_the_heap_range_only() -> None:
    # 4096 + 0 + 300 (the archived heap) + half of the mapping straddling the top
    assert bench_soak.pss_in_range(SMAPS, 0xF8000000, 0x100000000) == 4096 + 300 + 100


def test_rollup_fields_and_a_real_process_tree() -> None:
    fields = bench_soak.parse_rollup(ROLLUP)
    assert fields == {
        "Rss": 28460,
        "Pss": 9417,
        "Pss_Anon": 243,
        "Pss_File": 654,
        "Pss_Shmem": 8519,
        "Private_Dirty": 7472,
    }
    mine = bench_soak.tree_rollup(os.getpid())
    assert mine["Pss"] > 0 and mine["Pss_Anon"] > 0 and "Pss_Shmem" in mine
    assert bench_soak.tree_rollup(None) == {}


def test_no_jvm_says_why() -> None:
    assert bench_soak.find_jvm(None) == (None, "Kafka is not running")
    # a process with no java under it (not this one: the test harness may have started a
    # Kafka broker as its child)
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        jvm, why = bench_soak.find_jvm(sleeper.pid)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert jvm is None and "no java process" in why


@pytest.mark.parametrize(
    ("first", "slope", "peak", "bound", "expected"),
    [
        (100.0, 0.49, 105.0, None, "flat"),  # 4.9 MB over 10 min < 5 MB
        (100.0, 0.5, 105.0, None, "GROWING"),  # 5 MB over 10 min is not under 5%
        (100.0, -3.0, 100.0, None, "flat"),  # shrinking
        (0.0, 0.0, 0.0, None, "flat"),
        (100.0, 2.0, 120.0, 120.0, "bounded"),  # not flat, but never above the bound
        (100.0, 2.0, 120.1, 120.0, "GROWING"),
    ],
)
def test_verdict(
    first: float, slope: float, peak: float, bound: float | None, expected: str
) -> None:
    assert verdict(first, slope, peak, bound) == expected


def _line(t0: float, v0: float, per_min: float, n: int = 10) -> list[tuple[float, float]]:
    return [(t0 + 60.0 * i, v0 + per_min * i) for i in range(n)]


def test_rows_compare_the_fifths_of_the_warm_window_and_derive_bounds() -> None:
    series = {
        "profiles-api": [(0.0, 50.0), *_line(60.0, 100.0, 0.1)],  # the warm-up is left out
        "kafka": _line(60.0, 400.0, 20.0),
        KAFKA_HEAP: _line(60.0, 250.0, 20.0),
        "leaky": _line(60.0, 100.0, 1.0),
    }
    caps = {
        "kafka": Cap(512.0, "max heap", part=KAFKA_HEAP),
        KAFKA_HEAP: Cap(512.0, "max heap"),
        "absent": Cap(1.0, "nothing", part="no such row"),
    }
    rows = {r["process"]: r for r in summarize(series, 60.0, caps)}
    assert list(rows) == ["profiles-api", "kafka", KAFKA_HEAP, "leaky"]
    api = rows["profiles-api"]
    # 10 warm points, fifths of 2: means of 100.0/100.1 and 100.8/100.9
    assert (api["first MB"], api["last MB"], api["points"]) == (100.0, 100.8, 10)
    assert api["slope MB/min"] == pytest.approx(0.1)
    assert api["verdict"] == "flat" and api["bound MB"] is None
    kafka = rows["kafka"]
    # outside the heap at the start (410 - 260) plus the whole max heap
    assert kafka["bound MB"] == pytest.approx(410.0 - 260.0 + 512.0)
    assert kafka["bound"] == "max heap" and kafka["verdict"] == "bounded"  # peak 580
    assert rows[KAFKA_HEAP]["bound MB"] == 512.0 and rows[KAFKA_HEAP]["verdict"] == "bounded"
    assert rows["leaky"]["verdict"] == "GROWING"
    assert rows["leaky"]["growth %"] == pytest.approx(100 * 8 / 100.5, abs=0.05)  # 100.5 -> 108.5


def test_a_pss_beyond_its_bound_is_growing() -> None:
    series = {"postgres": _line(60.0, 150.0, 30.0), PG_SHARED: _line(60.0, 30.0, 1.0)}
    caps = {"postgres": Cap(157.0, "shared_memory_size", part=PG_SHARED)}
    (row, _) = summarize(series, 60.0, caps)
    assert row["bound MB"] == pytest.approx(165.0 - 30.5 + 157.0)  # 291.5 < peak 420
    assert row["verdict"] == "GROWING"


def _samples() -> list[Sample]:
    out = []
    for i in range(8):
        t = 10.0 * i
        mb = {
            "gateway": 57.0,
            "kafka": 440.0 + i,
            KAFKA_HEAP: 285.0 + i,
            KAFKA_OUTSIDE: 155.0,
            KAFKA_OLD: 177.0 + 2 * i,
            "postgres": 156.0,
            PG_ANON: 113.0,
            PG_SHARED: 35.0,
        }
        gc = {"YGC": 10.0 + 3 * i, "CGC": 0.0, "FGC": 1.0}
        out.append(Sample(t, mb, gc))
    return out


def test_report_rows_caps_and_the_live_heap_row() -> None:
    samples = _samples()
    kafka_jvm = {"max_heap_MB": 512.0}
    pg: dict[str, Any] = {"shared_buffers_MB": 128.0, "shared_memory_size_MB": None}
    rows = build_rows(samples, [(20.0, 177.0), (70.0, 177.2)], 1.0, kafka_jvm, pg)
    names = [r["process"] for r in rows]
    assert names.index(KAFKA_LIVE) == names.index(KAFKA_OLD) + 1
    by = {r["process"]: r for r in rows}
    assert by[KAFKA_LIVE]["points"] == 2 and by[KAFKA_LIVE]["verdict"] == "flat"
    assert by[KAFKA_OLD]["verdict"] == "GROWING"  # shown, not hidden
    # no shared_memory_size (PostgreSQL < 15): shared_buffers is the stated cap
    assert by[PG_SHARED]["bound"] == "shared_buffers" and by[PG_SHARED]["bound MB"] == 128.0
    assert by["kafka"]["bound"] == "max heap"
    assert bench_soak.gc_counts(samples, 12.0) == {"young": 15.0, "concurrent": 0.0, "full": 0.0}
    # without the JVM's numbers Kafka's PSS has no bound
    bare = {r["process"]: r for r in build_rows(samples, [], 1.0, {"tools": "none"}, pg)}
    assert bare["kafka"]["bound MB"] is None and KAFKA_LIVE not in bare


def _report(kafka_jvm: dict[str, Any]) -> dict[str, Any]:
    pg = {"shared_buffers_MB": 128.0, "shared_memory_size_MB": 157.0}
    return {
        "minutes": 10.0,
        "rate_per_s": 4.0,
        "requests": 5400,
        "acknowledged": 2400,
        "profiles_saved": 2400,
        "erasures": 600,
        "backlog_at_end": {"welcome deliveries": 1},
        "drained_s": 1.2,
        "left_after_drain": {"welcome deliveries": 0},
        "warm_start_s": 60.0,
        "verdict_rule": {"flat_percent": 5.0, "horizon_min": 10.0},
        "kafka_jvm": kafka_jvm,
        "postgres_memory": pg,
        "processes": build_rows(_samples(), [(20.0, 177.0), (70.0, 177.2)], 1.0, kafka_jvm, pg),
    }


def test_markdown_states_the_rule_the_caps_and_every_verdict() -> None:
    jvm = {
        "tools": "jstat and jcmd from /jdk/bin",
        "heap_flags": ["-Xms256m", "-Xmx512m"],
        "max_heap_MB": 512.0,
        "initial_heap_MB": 256.0,
        "heap_committed_MB": [330.0, 330.0],
        "gcs_in_warm_window": {"young": 15.0, "concurrent": 0.0, "full": 0.0},
        "live_heap_MB": [[20.0, 177.0], [70.0, 177.2]],
        "live_heap_errors": [],
    }
    report = _report(jvm)
    md = bench_soak.render(report, ["--quick"], "2 cores")
    assert "`uv run python bench/bench_soak.py --quick`" in md and "shared and noisy" in md
    assert "extrapolated over 10 minutes, stays under 5% of the first value" in md
    assert "-Xms256m -Xmx512m" in md and "max heap of 512.0 MB" in md
    assert "15 young or mixed, 0 concurrent-marking pauses" in md
    assert "177.0 MB at 20.0 s, 177.2 MB at 70.0 s" in md
    assert "shared_buffers = 128.0 MB" in md and "segment of 157.0 MB" in md
    assert "| process | first MB | last MB | growth % | slope MB/min | bound MB | verdict |" in md
    for row in report["processes"]:
        line = next(x for x in md.splitlines() if x.startswith(f"| {row['process']} |"))
        assert line.endswith(f"| {row['verdict']} |")
    kafka = next(x for x in md.splitlines() if x.startswith("| kafka |"))
    assert "(max heap)" in kafka


def test_markdown_says_when_the_jvm_could_not_be_read() -> None:
    md = bench_soak.render(_report({"tools": "no jstat beside /jre/bin/java"}), [], "2 cores")
    assert "could not be read (no jstat beside /jre/bin/java)" in md


NMT_KB = """
Native Memory Tracking:

Total: reserved=1795211KB, committed=612370KB
-                 Java Heap (reserved=524288KB, committed=524288KB)
                            (mmap: reserved=524288KB, committed=524288KB)

-                     Class (reserved=1051187KB, committed=11571KB)
                            (classes #12023)
-                    Thread (reserved=75923KB, committed=8031KB)
-                      Code (reserved=249963KB, committed=31643KB)
-                        GC (reserved=41532KB, committed=41532KB)
"""


def test_native_memory_summary_in_kb_and_in_bytes() -> None:
    kb = parse_native_memory(NMT_KB)
    assert kb["Total"] == pytest.approx(612370 / 1024)
    assert kb["Java Heap"] == 512.0 and kb["GC"] == pytest.approx(41532 / 1024)
    in_bytes = parse_native_memory(
        "Total: reserved=8021474344, committed=483916840\n"
        "-                 Java Heap (reserved=6320816128, committed=406847488)\n"
    )
    assert in_bytes["Java Heap"] == pytest.approx(406847488 / 1024 / 1024)
    with pytest.raises(ValueError):
        parse_native_memory("Native memory tracking is not enabled")


def test_native_memory_rows_put_the_biggest_change_first() -> None:
    rows = native_memory_rows(
        [(60.0, {"Code": 20.0, "GC": 30.0}), (600.0, {"Code": 21.0, "GC": 41.0})]
    )
    assert list(rows["categories"]) == ["GC", "Code"]
    assert rows["at_s"] == [60.0, 600.0] and rows["categories"]["GC"] == [30.0, 41.0]
    assert native_memory_rows([(60.0, {"GC": 1.0})]) == {}


GCTRACE = """\
{"level":"info","ts":1795400000.1,"msg":"serving initial configuration"}
gc 1 @0.012s 1%: 0.010+0.45+0.003 ms clock, 0.020+0.1/0.3/0+0.006 ms cpu, 3->3->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 2 @61.5s 0%: 0.031+1.2+0.004 ms clock, 0.062+0.2/1.0/0.1+0.009 ms cpu, 14->15->7 MB, 16 MB goal, 0 MB stacks, 0 MB globals, 2 P
{"level":"info","ts":1795400062.0,"msg":"a log line of Caddy's own"}
"""  # noqa: E501 - the Go runtime's own lines


def test_the_gateways_last_collection_is_read_from_its_gctrace() -> None:
    assert bench_soak.parse_gctrace(GCTRACE) == (7.0, 16.0)
    assert bench_soak.parse_gctrace('{"msg": "no collection yet"}\n') is None
