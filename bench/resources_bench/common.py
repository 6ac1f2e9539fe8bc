"""A private database for the resources benchmarks, machine description, percentiles, report
writing. The benchmarks never touch the test suite's ``resources`` schema: they provision the
same role and schema in a database of their own (``bench_resources``)."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from benchkit import describe_machine, log

from devstack.harness import ensure_test_infra
from devstack.postgres import aprovision_service, ensure_database, plain_url
from resources.bootstrap import ResourcesService
from resources.config import ResourcesSettings

REPO = Path(__file__).resolve().parents[2]
BENCH_DATABASE = "bench_resources"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


async def fresh_service() -> tuple[ResourcesService, str]:
    """The resources service on a freshly migrated schema in the benchmark database; also
    the admin URL of that database (for COPY)."""
    infra = await asyncio.to_thread(ensure_test_infra)
    await ensure_database(infra.admin_database_url, BENCH_DATABASE)
    admin = _with_database(plain_url(infra.admin_database_url), BENCH_DATABASE)
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute("DROP SCHEMA IF EXISTS resources CASCADE")
    finally:
        await conn.close()
    url = await aprovision_service(admin, "resources")
    service = ResourcesService(
        ResourcesSettings(
            database_url=url, kafka_bootstrap_servers=infra.kafka_bootstrap, log_json=False
        )
    )
    await asyncio.to_thread(service.chassis.migrate, service.migrations_dir)
    return service, admin


def machine() -> dict[str, Any]:
    return describe_machine(("sqlalchemy", "asyncpg"))


async def postgres_version(admin: str) -> str:
    conn = await asyncpg.connect(admin)
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


def summary(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, round(p / 100 * (len(ms) - 1)))], 3)

    return {
        "n": len(ms),
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": round(statistics.fmean(ms), 3),
        "max_ms": round(ms[-1], 3),
    }


async def timed(
    runs: list[Callable[[], Awaitable[Any]]], warmup: int = 5
) -> tuple[dict[str, float], list[Any]]:
    for run in runs[:warmup]:
        await run()
    samples: list[float] = []
    results: list[Any] = []
    for run in runs:
        t0 = time.perf_counter()
        results.append(await run())
        samples.append(time.perf_counter() - t0)
    return summary(samples), results


def write(name: str, result: dict[str, Any], markdown: str) -> None:
    out = REPO / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (out / f"{name}.md").write_text(markdown)
    log(f"wrote docs/benchmarks/{name}.json and .md")


def machine_lines(m: dict[str, Any], pg: str) -> list[str]:
    return [
        f"- machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, "
        f"kernel {m['kernel']}, load average at start {m['loadavg_at_start']}",
        f"- Python {m['python']}, PostgreSQL {pg}, SQLAlchemy {m['libraries']['sqlalchemy']}, "
        f"asyncpg {m['libraries']['asyncpg']}",
    ]
