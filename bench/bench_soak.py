"""Soak: memory stays flat under steady traffic.

Runs the whole platform from a private stack (every service's API, relay and worker, a second
notifications worker, the gateway, Kafka, Postgres), drives member journeys through the gateway
for the whole period (register, sign in, save a profile, one in four asks to be erased:
devstack.load.member_journeys), samples every process's resident memory, and reports growth
between the first and the last fifth of the run (after a warm-up) with a least-squares slope.

Kafka and Postgres hold memory that fills up to a configured cap (the JVM heap up to its max
heap, the buffer pool up to the shared memory segment), so a rising PSS says little on its own.
Their PSS is split: Kafka's into the Java heap's resident pages and everything outside the
heap, plus the old generation at each sample (``jstat -gc``) and the live heap after a full GC
forced twice (``jcmd GC.run``, at the start of the warm window and when the traffic stops);
Postgres' into the anonymous memory its processes own and the shared memory they touched
(``/proc/<pid>/smaps_rollup``). The gateway (Caddy, a Go program) runs with
``GODEBUG=gctrace=1``: after every collection the Go runtime writes the heap still live and
the next collection's goal to its log, so its PSS can be told from its live heap. Every row
gets a verdict: flat, bounded (by a stated cap) or GROWING (see ``verdict``).

    uv run python bench/bench_soak.py            # 10 minutes (the issue's soak)
    uv run python bench/bench_soak.py --quick    # 1 minute
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform as host
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import psutil

from devstack.effects import Expected, pending_effects
from devstack.load import ERASING_EVERY, member_journeys
from devstack.paths import repo_root
from devstack.platform import SERVICES, ChaosPlatform
from devstack.processes import ManagedProcess

SAMPLE_EVERY_S = 10.0
DRAIN_TIMEOUT_S = 300.0
RATE_PER_S = 4.0
MB = 1024 * 1024

#: a row is flat when its least-squares slope over the warm window, extrapolated over
#: FLAT_HORIZON_MIN minutes, stays under FLAT_PERCENT of its first value
FLAT_HORIZON_MIN = 10.0
FLAT_PERCENT = 5.0

#: what a failed read of the JVM raises (the tool failed, its output was unexpected, ...)
JVM_ERRORS = (OSError, subprocess.SubprocessError, ValueError, LookupError, RuntimeError)

KAFKA_HEAP = "kafka: Java heap resident"
KAFKA_OUTSIDE = "kafka: outside the Java heap"
KAFKA_OUTSIDE_ANON = "kafka: outside the heap, anonymous"
KAFKA_OUTSIDE_FILE = "kafka: outside the heap, file-backed"
KAFKA_OLD = "kafka: old gen used (jstat OU)"
KAFKA_LIVE = "kafka: live heap after a forced full GC"
PG_ANON = "postgres: anonymous (backends' own)"
PG_ANON_EACH = "postgres: anonymous per process"
PG_SHARED = "postgres: shared memory touched"
GATEWAY_LIVE = "gateway: Go heap live after its last GC"
GATEWAY_GOAL = "gateway: Go heap goal"
#: the soak's gateway reports every garbage collection (the Go runtime's own trace)
GO_GCTRACE = "gctrace=1"
#: ``gc 12 @3.4s 0%: ..., 4->4->2 MB, 5 MB goal, ...``: heap at start -> at end -> live, goal
GCTRACE_LINE = re.compile(r"^gc \d+ @.*? (\d+)->(\d+)->(\d+) MB, (\d+) MB goal", re.MULTILINE)

# ---- the Kafka broker's JVM --------------------------------------------------------------


def parse_jstat(text: str) -> dict[str, float]:
    """``jstat -gc`` output (a header line, a value line) as column -> number (KB, counts)."""
    lines = [line.split() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise ValueError(f"unexpected jstat output: {text!r}")
    values: dict[str, float] = {}
    for key, raw in zip(lines[0], lines[-1], strict=True):
        with contextlib.suppress(ValueError):  # "-" for a collector the JVM does not have
            values[key] = float(raw)
    return values


def parse_heap_range(text: str) -> tuple[int, int]:
    """The Java heap's reserved address range from ``jcmd <pid> GC.heap_info``."""
    for line in text.splitlines():
        found = re.search(r"heap\s.*\[(0x[0-9a-fA-F]+),\s*(0x[0-9a-fA-F]+)\)", line)
        if found:
            return int(found.group(1), 16), int(found.group(2), 16)
    raise ValueError(f"no heap address range in GC.heap_info output: {text!r}")


def parse_native_memory(text: str) -> dict[str, float]:
    """``jcmd <pid> VM.native_memory summary scale=KB``: committed MB per category and the
    total (values without a unit are bytes, as ``-XX:+PrintNMTStatistics`` prints them)."""

    def mb(value: str, unit: str) -> float:
        return int(value) / 1024 if unit == "KB" else int(value) / MB

    found: dict[str, float] = {}
    total = re.search(r"Total: reserved=\d+(?:KB)?, committed=(\d+)(KB)?", text)
    if total:
        found["Total"] = mb(total.group(1), total.group(2) or "")
    for name, committed, unit in re.findall(
        r"^-\s+(.+?) \(reserved=\d+(?:KB)?, committed=(\d+)(KB)?", text, re.MULTILINE
    ):
        found[name.strip()] = mb(committed, unit)
    if not found:
        raise ValueError(f"no native memory summary in: {text[:200]!r}")
    return found


def parse_flag_bytes(text: str, flag: str) -> int:
    """A size flag (``-XX:MaxHeapSize=536870912``) from ``jcmd <pid> VM.flags``."""
    found = re.search(rf"-XX:{flag}=(\d+)", text)
    if not found:
        raise ValueError(f"no {flag} in VM.flags output: {text!r}")
    return int(found.group(1))


def pss_in_range(smaps: str, low: int, high: int) -> int:
    """PSS (KB) of the mappings of a ``/proc/<pid>/smaps`` text inside [low, high); a mapping
    straddling a boundary counts for the share of its length inside."""
    total = 0.0
    share = 0.0
    for line in smaps.splitlines():
        head = re.match(r"^([0-9a-f]+)-([0-9a-f]+) ", line)
        if head:
            start, end = int(head.group(1), 16), int(head.group(2), 16)
            overlap = min(end, high) - max(start, low)
            share = overlap / (end - start) if overlap > 0 else 0.0
        elif line.startswith("Pss:") and share:
            total += share * int(line.split()[1])
    return round(total)


@dataclass(frozen=True)
class Jvm:
    """The broker's JVM and the JDK tools (found beside its ``java``) that read it."""

    pid: int
    tools: Path
    heap_flags: tuple[str, ...]  # -Xms/-Xmx as on its command line
    max_heap_mb: float
    initial_heap_mb: float
    heap_range: tuple[int, int]

    def run(self, tool: str, *args: str) -> str:
        return subprocess.run(
            [str(self.tools / tool), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout

    def gc(self) -> dict[str, float]:
        return parse_jstat(self.run("jstat", "-gc", str(self.pid)))

    def heap_resident_mb(self) -> float:
        smaps = Path(f"/proc/{self.pid}/smaps").read_text()
        return pss_in_range(smaps, *self.heap_range) / 1024

    def native_memory_mb(self) -> dict[str, float]:
        """Committed native memory per category (needs -XX:NativeMemoryTracking)."""
        return parse_native_memory(self.run("jcmd", str(self.pid), "VM.native_memory", "summary"))

    def live_heap_mb(self) -> float:
        """Old gen used right after a full GC (``jcmd GC.run`` returns when it is done): the
        live set (objects allocated since are in the young generation). Raises when no full
        GC happened (a JVM told to make System.gc() concurrent, or to ignore it)."""
        full_gcs = self.gc()["FGC"]
        self.run("jcmd", str(self.pid), "GC.run")
        after = self.gc()
        if after["FGC"] <= full_gcs:
            raise RuntimeError(f"jcmd GC.run did not run a full GC in pid {self.pid}")
        return after["OU"] / 1024


def find_jvm(pid: int | None) -> tuple[Jvm | None, str]:
    """The JVM of the Kafka process (itself or a ``java`` child), or None and why not."""
    if pid is None:
        return None, "Kafka is not running"
    try:
        root = psutil.Process(pid)
        java = next(p for p in (root, *root.children(recursive=True)) if p.name() == "java")
        exe, cmdline = Path(os.path.realpath(java.exe())), java.cmdline()
    except (StopIteration, psutil.Error) as exc:
        return None, f"no java process under Kafka's pid {pid} ({exc!r})"
    tools = exe.parent
    missing = [t for t in ("jstat", "jcmd") if not (tools / t).exists()]
    if missing:
        return None, f"no {' and '.join(missing)} beside {exe} (a JRE without the JDK tools)"
    probe = Jvm(java.pid, tools, (), 0.0, 0.0, (0, 0))
    try:
        flags = probe.run("jcmd", str(java.pid), "VM.flags")
        jvm = Jvm(
            java.pid,
            tools,
            tuple(a for a in cmdline if a.startswith(("-Xms", "-Xmx"))),
            parse_flag_bytes(flags, "MaxHeapSize") / MB,
            parse_flag_bytes(flags, "InitialHeapSize") / MB,
            parse_heap_range(probe.run("jcmd", str(java.pid), "GC.heap_info")),
        )
        jvm.gc()
    except JVM_ERRORS as exc:
        return None, f"jcmd/jstat in {tools} could not read pid {java.pid} ({exc!r})"
    return jvm, f"jstat and jcmd from {tools}"


# ---- Postgres ----------------------------------------------------------------------------


def parse_gctrace(text: str) -> tuple[float, float] | None:
    """The (live heap, heap goal) in MB after the last garbage collection in a Go program's
    log (``GODEBUG=gctrace=1``); None before its first collection."""
    collections = GCTRACE_LINE.findall(text)
    if not collections:
        return None
    *_, live, goal = collections[-1]
    return float(live), float(goal)


def parse_rollup(text: str) -> dict[str, int]:
    """``/proc/<pid>/smaps_rollup`` as field -> KB."""
    fields = {}
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
            fields[parts[0][:-1]] = int(parts[1])
    return fields


def tree_rollup(pid: int | None) -> dict[str, int]:
    """smaps_rollup fields (KB) summed over ``pid`` and every descendant alive now."""
    total: dict[str, int] = {}
    if pid is None:
        return total
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return total
    for proc in procs:
        try:  # a backend may end between listing and reading
            fields = parse_rollup(Path(f"/proc/{proc.pid}/smaps_rollup").read_text())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for key, kb in fields.items():
            total[key] = total.get(key, 0) + kb
        total["processes"] = total.get("processes", 0) + 1
    return total


async def shared_memory_config(dsn: str) -> dict[str, float | None]:
    """shared_buffers and the main shared memory segment's size (PostgreSQL 15+), in MB."""
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            "SELECT pg_size_bytes(current_setting('shared_buffers')) AS buffers,"
            " pg_size_bytes(current_setting('shared_memory_size', true)) AS segment"
        )
    finally:
        await conn.close()
    assert row is not None
    return {
        "shared_buffers_MB": row["buffers"] / MB,
        "shared_memory_size_MB": row["segment"] / MB if row["segment"] is not None else None,
    }


# ---- sampling ----------------------------------------------------------------------------


@dataclass
class Sample:
    t: float
    mb: dict[str, float]  # one value per report row
    gc: dict[str, float] = field(default_factory=dict)  # jstat -gc columns (KB, counts)


def processes(p: ChaosPlatform) -> dict[str, ManagedProcess]:
    procs = {f"{s}-{r}": p.process(s, r) for s in SERVICES for r in p.roles[s]}
    procs["gateway"] = p.gateway.process
    procs["kafka"] = p.stack.kafka.process
    return procs


def sample(p: ChaosPlatform, jvm: Jvm | None, t: float) -> Sample:
    values = {name: proc.rss(proportional=True) / MB for name, proc in processes(p).items()}
    gc: dict[str, float] = {}
    if jvm is not None:  # a failed read leaves a gap in the series, not a wrong number
        with contextlib.suppress(OSError):
            heap = jvm.heap_resident_mb()
            values[KAFKA_HEAP] = heap
            values[KAFKA_OUTSIDE] = values["kafka"] - heap
            kafka = tree_rollup(p.stack.kafka.process.pid())
            if "Pss_Anon" in kafka and "Pss_File" in kafka:
                values[KAFKA_OUTSIDE_ANON] = kafka["Pss_Anon"] / 1024 - heap
                values[KAFKA_OUTSIDE_FILE] = kafka["Pss_File"] / 1024
        with contextlib.suppress(*JVM_ERRORS):
            gc = jvm.gc()
            values[KAFKA_OLD] = gc["OU"] / 1024
    with contextlib.suppress(OSError):
        go = parse_gctrace(p.gateway.process.logfile.read_text(errors="replace"))
        if go is not None:
            values[GATEWAY_LIVE], values[GATEWAY_GOAL] = go
    values["postgres"] = p.stack.postgres.rss(proportional=True) / MB
    rollup = tree_rollup(p.stack.postgres.postmaster_pid())
    if "Pss_Anon" in rollup and "Pss_Shmem" in rollup:
        values[PG_ANON] = rollup["Pss_Anon"] / 1024
        # the pools open backends as the load needs them: a total that grows with their number
        # is not a backend that grows
        values[PG_ANON_EACH] = rollup["Pss_Anon"] / 1024 / rollup["processes"]
        values[PG_SHARED] = rollup["Pss_Shmem"] / 1024
    return Sample(t, values, gc)


# ---- numbers -> rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cap:
    """A configured cap on a row, or on the part of a row held in another row."""

    mb: float
    what: str  # e.g. "max heap", "shared_memory_size"
    #: the row holding the capped part of this row; None: the row itself is capped
    part: str | None = None


def slope_mb_per_min(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    xs = [t / 60 for t, _ in points]
    ys = [v for _, v in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs) or 1.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def verdict(first: float, slope: float, peak: float, bound: float | None) -> str:
    """flat: the slope over FLAT_HORIZON_MIN minutes stays under FLAT_PERCENT of the first
    value; bounded: not flat, but no warm sample above the cap-derived bound; else GROWING."""
    projected = slope * FLAT_HORIZON_MIN
    if projected <= 0 or projected < FLAT_PERCENT / 100 * first:
        return "flat"
    if bound is not None and peak <= bound:
        return "bounded"
    return "GROWING"


def summarize(
    series: dict[str, list[tuple[float, float]]], warm_start: float, caps: dict[str, Cap]
) -> list[dict[str, Any]]:
    """One row per series: first and last fifth of the warm window, slope, bound, verdict.

    A row whose part is capped (``Cap.part``) is bounded by what lay outside that part at the
    start plus the whole cap: first(row) - first(part) + cap."""
    warm = {
        name: [pt for pt in points if pt[0] >= warm_start] or points
        for name, points in series.items()
        if points
    }
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for name, points in warm.items():
        fifth = max(1, len(points) // 5)
        first[name] = statistics.fmean(v for _, v in points[:fifth])
        last[name] = statistics.fmean(v for _, v in points[-fifth:])
    rows = []
    for name, points in warm.items():
        cap = caps.get(name)
        bound = None
        if cap is not None and (cap.part is None or cap.part in first):
            bound = cap.mb if cap.part is None else first[name] - first[cap.part] + cap.mb
        slope = slope_mb_per_min(points)
        f, la = first[name], last[name]
        rows.append(
            {
                "process": name,
                "first MB": round(f, 1),
                "last MB": round(la, 1),
                "growth %": round(100 * (la - f) / f, 1) if f else 0.0,
                "slope MB/min": round(slope, 2),
                "points": len(points),
                "bound MB": round(bound, 1) if bound is not None else None,
                "bound": cap.what if bound is not None and cap is not None else None,
                "verdict": verdict(f, slope, max(v for _, v in points), bound),
            }
        )
    return rows


def series_of(samples: list[Sample]) -> dict[str, list[tuple[float, float]]]:
    series: dict[str, list[tuple[float, float]]] = {}
    for s in samples:
        for name, value in s.mb.items():
            series.setdefault(name, []).append((s.t, value))
    return series


def gc_counts(samples: list[Sample], warm_start: float) -> dict[str, float] | None:
    """Collections between the first and the last warm sample, by kind (jstat -gc counters)."""
    warm = [s.gc for s in samples if s.gc and s.t >= warm_start]
    if len(warm) < 2:
        return None
    return {
        kind: warm[-1][col] - warm[0][col]
        for kind, col in (("young", "YGC"), ("concurrent", "CGC"), ("full", "FGC"))
        if col in warm[0] and col in warm[-1]
    }


def heap_committed_mb(gc: dict[str, float]) -> float:
    return sum(gc.get(c, 0.0) for c in ("S0C", "S1C", "EC", "OC")) / 1024


def warm_start_s(minutes: float) -> float:
    return min(60.0, minutes * 60 / 5)


def build_rows(
    samples: list[Sample],
    live: list[tuple[float, float]],
    minutes: float,
    kafka_jvm: dict[str, Any],
    pg_memory: dict[str, Any],
) -> list[dict[str, Any]]:
    """The report's rows, in sampling order, the live heap after Kafka's other rows."""
    caps: dict[str, Cap] = {}
    if kafka_jvm.get("max_heap_MB"):
        caps["kafka"] = Cap(kafka_jvm["max_heap_MB"], "max heap", part=KAFKA_HEAP)
        caps[KAFKA_HEAP] = Cap(kafka_jvm["max_heap_MB"], "max heap")
    segment = pg_memory.get("shared_memory_size_MB") or pg_memory.get("shared_buffers_MB")
    if segment:
        what = "shared_memory_size" if pg_memory.get("shared_memory_size_MB") else "shared_buffers"
        caps["postgres"] = Cap(segment, what, part=PG_SHARED)
        caps[PG_SHARED] = Cap(segment, what)
    series: dict[str, list[tuple[float, float]]] = {}
    for name, points in series_of(samples).items():
        series[name] = points
        if name == KAFKA_OLD and live:
            series[KAFKA_LIVE] = live
    if live and KAFKA_LIVE not in series:
        series[KAFKA_LIVE] = live
    return summarize(series, warm_start_s(minutes), caps)


# ---- the run -----------------------------------------------------------------------------


#: the soak's own broker tracks its native memory (a few % of its CPU), so the report can say
#: which part of the memory outside the heap moves
KAFKA_NMT = "-XX:NativeMemoryTracking=summary"


async def soak(minutes: float) -> dict[str, object]:
    os.environ["DEVSTACK_KAFKA_JVM_OPTS"] = KAFKA_NMT
    os.environ["GODEBUG"] = GO_GCTRACE  # only the gateway is a Go program
    p = ChaosPlatform.start()
    try:
        jvm, jvm_note = find_jvm(p.stack.kafka.process.pid())
        pg_memory: dict[str, Any] = await shared_memory_config(p.admin_dsn)
        warm_start = warm_start_s(minutes)
        samples: list[Sample] = []
        live: list[tuple[float, float]] = []  # (t, live heap MB) after forced full GCs
        live_errors: list[str] = []
        native: list[tuple[float, dict[str, float]]] = []  # (t, NMT committed MB by category)

        async def read_jvm(jvm: Jvm, t: float) -> None:
            """The live heap (a forced full GC) and the native memory, at ``t``."""
            try:
                live.append((t, await asyncio.to_thread(jvm.live_heap_mb)))
            except JVM_ERRORS as exc:
                live_errors.append(f"at {t:.0f} s: {exc!r}")
            with contextlib.suppress(*JVM_ERRORS):
                native.append((t, await asyncio.to_thread(jvm.native_memory_mb)))

        forced_at_warm_start = False
        start = time.monotonic()
        load = asyncio.create_task(
            member_journeys(p.gateway.url, "soak", rate_per_s=RATE_PER_S, duration_s=minutes * 60)
        )
        while not load.done():
            t = time.monotonic() - start
            if jvm is not None and not forced_at_warm_start and t >= warm_start:
                forced_at_warm_start = True  # once: every warm sample comes after it
                await read_jvm(jvm, t)
            samples.append(await asyncio.to_thread(sample, p, jvm, t))
            # on a fixed schedule (start + k * SAMPLE_EVERY_S), however long a sample took
            elapsed = time.monotonic() - start
            next_at = (math.floor(elapsed / SAMPLE_EVERY_S) + 1) * SAMPLE_EVERY_S
            await asyncio.wait({load}, timeout=next_at - elapsed)
        result = load.result()
        if jvm is not None and live:  # the live set when the traffic stops
            await read_jvm(jvm, time.monotonic() - start)
        # the downstream backlog at the end of the traffic, and how long it takes to drain
        expected = Expected.of(result)
        backlog = await pending_effects(p.admin_dsn, expected)
        drain_start = time.monotonic()
        left = backlog
        while any(left.values()) and time.monotonic() - drain_start < DRAIN_TIMEOUT_S:
            await asyncio.sleep(1.0)
            left = await pending_effects(p.admin_dsn, expected)
        drained_s = time.monotonic() - drain_start if not any(left.values()) else None
    finally:
        p.stop()

    kafka_jvm: dict[str, Any] = {"tools": jvm_note}
    if jvm is not None:
        warm_gc = [s.gc for s in samples if s.gc and s.t >= warm_start]
        kafka_jvm |= {
            "heap_flags": list(jvm.heap_flags),
            "max_heap_MB": round(jvm.max_heap_mb, 1),
            "initial_heap_MB": round(jvm.initial_heap_mb, 1),
            "heap_committed_MB": [
                round(heap_committed_mb(g), 1) for g in warm_gc[:1] + warm_gc[-1:]
            ],
            "gcs_in_warm_window": gc_counts(samples, warm_start),
            "live_heap_MB": [[round(t, 1), round(v, 1)] for t, v in live],
            "live_heap_errors": live_errors,
            "native_memory_MB": native_memory_rows(native),
        }
    pg_memory = {k: round(v, 1) if v is not None else None for k, v in pg_memory.items()}
    return {
        "minutes": minutes,
        "rate_per_s": RATE_PER_S,
        "requests": result.requests,
        "acknowledged": len(result.acknowledged),
        "profiles_saved": len(result.profiles.acknowledged),
        "erasures": len(result.erasures.acknowledged),
        "backlog_at_end": backlog,
        "drained_s": round(drained_s, 1) if drained_s is not None else None,
        "left_after_drain": left,
        "samples": len(samples),
        "warm_start_s": round(warm_start, 1),
        "verdict_rule": {"flat_percent": FLAT_PERCENT, "horizon_min": FLAT_HORIZON_MIN},
        "kafka_jvm": kafka_jvm,
        "postgres_memory": pg_memory,
        "processes": build_rows(samples, live, minutes, kafka_jvm, pg_memory),
    }


# ---- the report --------------------------------------------------------------------------


def _mb(value: Any) -> str:
    return f"{value} MB" if value is not None else "unknown"


def _count(counts: dict[str, float], kind: str) -> str:
    return f"{counts[kind]:.0f}" if kind in counts else "?"


def kafka_text(report: dict[str, Any]) -> str:
    jvm = report["kafka_jvm"]
    if "max_heap_MB" not in jvm:
        return (
            f"Kafka's JVM could not be read ({jvm['tools']}): its heap rows are missing and "
            "its PSS has no bound, so its verdict is flat or GROWING only."
        )
    gcs = jvm["gcs_in_warm_window"] or {}
    committed = jvm["heap_committed_MB"]
    live = jvm["live_heap_MB"]
    return (
        f"Kafka's JVM runs with {' '.join(jvm['heap_flags']) or 'no -Xms/-Xmx'} "
        f"(devstack.kafka.JVM_HEAP); the JVM reports a max heap of {jvm['max_heap_MB']} MB "
        f"(initial {jvm['initial_heap_MB']} MB); heap committed "
        f"{' -> '.join(str(c) for c in committed)} MB over the warm window. Read with "
        f"{jvm['tools']}. *Java heap resident* is the PSS of the heap's reserved address "
        "range (from `jcmd GC.heap_info`, summed over `/proc/<pid>/smaps`): it cannot exceed "
        "the max heap. *Outside the Java heap* is the rest of Kafka's PSS, split by "
        "`smaps_rollup` into *anonymous* (`Pss_Anon` minus the heap: metaspace, JIT code, "
        "thread stacks, direct buffers, malloc) and *file-backed* (`Pss_File`: the jars and "
        "the log segments' offset and time indexes, which Kafka maps into memory and touches "
        "as it appends, so they grow with the data written until segments roll and old ones "
        "are deleted by retention). *Old gen used* is `jstat -gc`'s "
        "OU at each sample: the old generation as the last collection left it, dead objects "
        "included until an old-gen collection (a concurrent marking cycle and its mixed "
        "collections, or a full GC) reclaims them; collections between the first and the last "
        f"warm sample: {_count(gcs, 'young')} young or mixed, "
        f"{_count(gcs, 'concurrent')} concurrent-marking pauses (jstat CGC: remark and "
        f"cleanup, two per cycle), {_count(gcs, 'full')} full. *Live heap* is the old "
        "generation right after a full GC forced with `jcmd GC.run`, the live set, at "
        f"{len(live)} points only: "
        + ", ".join(f"{v} MB at {t} s" for t, v in live)
        + " (the first before the first warm sample, the last when the traffic stopped); "
        "a heap leak shows there."
        + (
            f" Forced GCs that failed: {'; '.join(jvm['live_heap_errors'])}."
            if jvm.get("live_heap_errors")
            else ""
        )
    )


def native_memory_rows(native: list[tuple[float, dict[str, float]]]) -> dict[str, Any]:
    """NMT's categories at the first and the last reading, largest change first."""
    if len(native) < 2:
        return {}
    (t0, first), (t1, last) = native[0], native[-1]
    names = sorted(
        set(first) | set(last),
        key=lambda n: -abs(last.get(n, 0.0) - first.get(n, 0.0)),
    )
    return {
        "at_s": [round(t0, 1), round(t1, 1)],
        "categories": {n: [round(first.get(n, 0.0), 1), round(last.get(n, 0.0), 1)] for n in names},
    }


def native_memory_table(jvm: dict[str, Any]) -> list[str]:
    nmt = jvm.get("native_memory_MB") or {}
    if not nmt:
        return ["Kafka's native memory tracking gave no two readings."]
    t0, t1 = nmt["at_s"]
    lines = [
        "The JVM's own account of Kafka's committed memory (native memory tracking, "
        f"`{KAFKA_NMT}` on the soak's broker, read with `jcmd VM.native_memory summary` at "
        f"{t0} s and {t1} s), the categories that moved most first:",
        "",
        "| category | at start MB | at end MB | change MB |",
        "|---|---|---|---|",
    ]
    for name, (a, b) in list(nmt["categories"].items())[:8]:
        lines.append(f"| {name} | {a} | {b} | {round(b - a, 1)} |")
    return lines


def postgres_text(report: dict[str, Any]) -> str:
    pg = report["postgres_memory"]
    return (
        f"Postgres runs with shared_buffers = {_mb(pg['shared_buffers_MB'])} in a main shared "
        f"memory segment of {_mb(pg['shared_memory_size_MB'])} (`shared_memory_size`). "
        "*Anonymous* is the sum of `Pss_Anon` from `/proc/<pid>/smaps_rollup` over the "
        "postmaster and every child alive at the sample (backends come and go with the "
        "pools): the memory the processes own (caches, plans, sorts), each page counted once, "
        "shared memory excluded; *per process* divides it by the processes alive at the sample "
        "(the services' connection pools open backends as the load needs them, up to their "
        "pool sizes, so the total grows with their number). (`Private_Clean + "
        "Private_Dirty` would not do: a page of the "
        "buffer pool touched by one process only counts as private.) *Shared memory touched* "
        "is the sum of `Pss_Shmem`: the buffer pool and the rest of the segment as far as "
        "touched, plus any dynamic shared memory in use."
    )


def gateway_text() -> str:
    return (
        f"The gateway (Caddy, a Go program) runs with `GODEBUG={GO_GCTRACE}`: after every "
        "garbage collection the Go runtime logs the heap still live and the goal of the next "
        "collection (the heap size that triggers it: twice the live heap by default), in whole "
        "MB. The *Go heap* rows are the last collection's numbers at each sample: a leak in "
        "the gateway shows in the live heap; a PSS that grows while the live heap stays flat "
        "is memory the Go runtime keeps after collections (it returns it to the system "
        "lazily)."
    )


def render(report: dict[str, Any], argv: list[str], machine: str) -> str:
    rule = report["verdict_rule"]
    lines = [
        "# Soak: memory under steady traffic",
        "",
        f"Command: `uv run python bench/bench_soak.py {' '.join(argv)}`. Machine: {machine} "
        "(shared and noisy). Memory is the proportional set size (PSS) of each process "
        "tree: a shared page counts as its share among the processes mapping it, so Postgres' "
        "shared buffers count once however many backends touched them. Rows compare the mean "
        f"of the first and the last fifth of the warm window (samples every {SAMPLE_EVERY_S:.0f}"
        f" s from {report['warm_start_s']} s on); the slope is a least-squares fit over it.",
        "",
        f"{report['minutes']} min, {report['rate_per_s']} people/s starting a journey through "
        f"the gateway (register, sign in, save a profile; one in {ERASING_EVERY} asks to be "
        f"erased): {report['requests']} state-changing requests; {report['acknowledged']} "
        f"registrations, {report['profiles_saved']} profile saves and {report['erasures']} "
        f"erasures acknowledged. Effects not yet downstream when the traffic stopped: "
        f"{report['backlog_at_end']}; "
        + (
            f"drained {report['drained_s']} s later."
            if report["drained_s"] is not None
            else f"still missing after {DRAIN_TIMEOUT_S:.0f} s: {report['left_after_drain']}."
        ),
        "",
        "A rising PSS is not by itself a leak: Kafka's heap and Postgres' buffer pool fill up "
        "to a configured cap. So their PSS is split into the capped part and the rest.",
        "",
        kafka_text(report),
        "",
        *(
            native_memory_table(report["kafka_jvm"])
            if report["kafka_jvm"].get("max_heap_MB")
            else []
        ),
        "",
        postgres_text(report),
        "",
        gateway_text(),
        "",
        f"Verdict: **flat** when the slope, extrapolated over {rule['horizon_min']:.0f} "
        f"minutes, stays under {rule['flat_percent']:.0f}% of the first value; **bounded** "
        "when it does not, but no warm sample exceeds the bound shown: for the heap resident "
        "and shared rows the cap itself (max heap, shared memory segment); for Kafka's and "
        "Postgres' PSS what lay outside the capped part at the start plus the whole cap "
        "(first PSS - first heap resident + max heap; first PSS - first shared + segment); "
        "**GROWING** otherwise. A bounded PSS grows only within a cap the configuration sets; "
        "a leak would show as GROWING in the live heap, outside-the-heap or anonymous rows.",
        "",
        "| process | first MB | last MB | growth % | slope MB/min | bound MB | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report["processes"]:
        bound = f"{row['bound MB']} ({row['bound']})" if row["bound MB"] is not None else ""
        lines.append(
            f"| {row['process']} | {row['first MB']} | {row['last MB']} | {row['growth %']} "
            f"| {row['slope MB/min']} | {bound} | {row['verdict']} |"
        )
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], argv: list[str]) -> None:
    out = repo_root() / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    machine = f"{os.cpu_count()} cores, {host.platform()}, Python {sys.version.split()[0]}"
    text = render(report, argv, machine)
    (out / "soak.md").write_text(text)
    (out / "soak.json").write_text(json.dumps(report, indent=2) + "\n")
    print(text, end="")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1 minute instead of 10")
    parser.add_argument("--minutes", type=float)
    args = parser.parse_args()
    minutes = args.minutes or (1.0 if args.quick else 10.0)
    report = asyncio.run(soak(minutes))
    write_report(report, sys.argv[1:])


if __name__ == "__main__":
    main()
