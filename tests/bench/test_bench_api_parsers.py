"""The API benchmark's pgbench parser and its HTTP load driver (no infrastructure needed:
the driver runs against an in-process ASGI app)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_api

PGBENCH = """\
transaction type: <builtin: TPC-B (sort of)>
scaling factor: 1
number of clients: 8
number of threads: 2
duration: 4 s
number of transactions actually processed: 2764
latency average = 11.577 ms
initial connection time = 10.215 ms
tps = 691.030415 (without initial connection time)
"""


def test_pgbench_tps_is_read_from_its_report() -> None:
    assert bench_api.pgbench_tps(PGBENCH) == pytest.approx(691.030415)
    with pytest.raises(RuntimeError):
        bench_api.pgbench_tps("pgbench: error: connection refused")


def test_the_driver_counts_only_successes_after_warm_up() -> None:
    calls = {"n": 0}

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        status = 500 if calls["n"] % 5 == 0 else 200
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    transport = httpx.ASGITransport(app=app)

    async def request(_client: httpx.AsyncClient) -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await c.get("/")

    result = asyncio.run(bench_api.drive(request, duration_s=0.3, concurrency=2, warmup_s=0.1))
    assert result["requests"] > 0 and result["errors"].get("500", 0) > 0
    assert result["rps"] == round(result["requests"] / 0.3, 1)
    assert result["p50_ms"] <= result["p99_ms"]
