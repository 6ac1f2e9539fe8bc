"""Soak: memory stays flat under steady traffic.

Runs the whole platform from a private stack (every service's API, relay and worker, a second
notifications worker, the gateway, Kafka, Postgres), drives member journeys through the gateway
for the whole period (register, sign in, save a profile, one in four asks to be erased:
devstack.load.member_journeys), samples every process's resident memory, and reports growth
between the first and the last fifth of the run (after a warm-up) with a least-squares slope.

    uv run python bench/bench_soak.py            # 10 minutes (the issue's soak)
    uv run python bench/bench_soak.py --quick    # 1 minute
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform as host
import statistics
import sys
import time

from devstack.effects import Expected, pending_effects
from devstack.load import ERASING_EVERY, member_journeys
from devstack.paths import repo_root
from devstack.platform import SERVICES, ChaosPlatform
from devstack.processes import ManagedProcess

SAMPLE_EVERY_S = 10.0
DRAIN_TIMEOUT_S = 300.0
RATE_PER_S = 4.0
MB = 1024 * 1024


def processes(p: ChaosPlatform) -> dict[str, ManagedProcess]:
    procs = {f"{s}-{r}": p.process(s, r) for s in SERVICES for r in p.roles[s]}
    procs["gateway"] = p.gateway.process
    procs["kafka"] = p.stack.kafka.process
    return procs


def sample(p: ChaosPlatform) -> dict[str, float]:
    values = {name: proc.rss(proportional=True) / MB for name, proc in processes(p).items()}
    values["postgres"] = p.stack.postgres.rss(proportional=True) / MB
    return values


def slope_mb_per_min(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    xs = [t / 60 for t, _ in points]
    ys = [v for _, v in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs) or 1.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


async def soak(minutes: float) -> dict[str, object]:
    p = ChaosPlatform.start()
    try:
        samples: list[tuple[float, dict[str, float]]] = []
        start = time.monotonic()
        load = asyncio.create_task(
            member_journeys(p.gateway.url, "soak", rate_per_s=RATE_PER_S, duration_s=minutes * 60)
        )
        while not load.done():
            samples.append((time.monotonic() - start, sample(p)))
            await asyncio.wait({load}, timeout=SAMPLE_EVERY_S)
        result = load.result()
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

    warm = [s for s in samples if s[0] >= min(60.0, minutes * 60 / 5)] or samples
    fifth = max(1, len(warm) // 5)
    rows = []
    for name in samples[0][1]:
        first = statistics.fmean(v[name] for _, v in warm[:fifth])
        last = statistics.fmean(v[name] for _, v in warm[-fifth:])
        rows.append(
            {
                "process": name,
                "first MB": round(first, 1),
                "last MB": round(last, 1),
                "growth %": round(100 * (last - first) / first, 1) if first else 0.0,
                "slope MB/min": round(slope_mb_per_min([(t, v[name]) for t, v in warm]), 2),
            }
        )
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
        "processes": rows,
    }


def write_report(report: dict[str, object], argv: list[str]) -> None:
    out = repo_root() / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    machine = f"{os.cpu_count()} cores, {host.platform()}, Python {sys.version.split()[0]}"
    lines = [
        "# Soak: memory under steady traffic",
        "",
        f"Command: `uv run python bench/bench_soak.py {' '.join(argv)}`. Machine: {machine} "
        "(shared and noisy). Memory is the proportional set size (PSS) of each process "
        "tree: a shared page counts as its share among the processes mapping it, so Postgres' "
        "shared buffers count once however many backends touched them.",
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
        "| process | first MB | last MB | growth % | slope MB/min |",
        "|---|---|---|---|---|",
    ]
    for row in report["processes"]:  # type: ignore[attr-defined]
        lines.append(
            f"| {row['process']} | {row['first MB']} | {row['last MB']} | {row['growth %']} "
            f"| {row['slope MB/min']} |"
        )
    (out / "soak.md").write_text("\n".join(lines) + "\n")
    (out / "soak.json").write_text(json.dumps(report, indent=2) + "\n")
    print("\n".join(lines))


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
