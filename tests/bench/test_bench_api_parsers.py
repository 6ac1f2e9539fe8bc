"""The API benchmark's pgbench parser and its HTTP load driver (wrk, driven against tiny
in-test HTTP servers: no Kafka or Postgres needed)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

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


class Recorder(asyncio.Protocol):
    """HTTP/1.1 keep-alive server: every 5th answer is a 500; remembers what it was sent."""

    seen: list[bytes]
    count: list[int]

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, _, rest = self.buffer.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(rest) < length:
                return
            self.buffer = rest[length:]
            self.seen.append(head + b"\r\n\r\n" + rest[:length])
            self.count[0] += 1
            status = b"500 Internal Server Error" if self.count[0] % 5 == 0 else b"200 OK"
            self.transport.write(b"HTTP/1.1 " + status + b"\r\ncontent-length: 2\r\n\r\n{}")


@pytest.fixture
def servers() -> Iterator[tuple[list[int], list[list[bytes]]]]:
    """Two replicas on their own ports, in a background event loop."""
    loop = asyncio.new_event_loop()
    seen: list[list[bytes]] = [[], []]
    ports: list[int] = []

    async def start() -> list[asyncio.Server]:
        made = []
        for log in seen:
            protocol = type("R", (Recorder,), {"seen": log, "count": [0]})
            server = await loop.create_server(protocol, "127.0.0.1", 0)
            ports.append(server.sockets[0].getsockname()[1])
            made.append(server)
        return made

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    made = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield ports, seen
    finally:

        async def stop() -> None:
            for server in made:
                server.close()
                await server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


# CI installs wrk (.ci/run: make bench-tools), so there a missing wrk fails this test
@pytest.mark.skipif(
    shutil.which("wrk") is None and not os.environ.get("CI"),
    reason="wrk is not installed (make bench-tools)",
)
def test_wrk_counts_only_successes_and_sends_the_request_to_every_replica(
    servers: tuple[list[int], list[list[bytes]]],
) -> None:
    ports, seen = servers
    target = bench_api.Target(
        ports,
        "/v1/things",
        method="POST",
        headers={"Authorization": "Bearer t0k3n", "Content-Type": "application/json"},
        body=b'{"title": "a \\"quoted\\" title"}',
    )
    result = bench_api.wrk(target, duration_s=1, concurrency=4)
    assert result["requests"] > 0
    assert result["errors"]["status"] > 0  # the 500s are errors, not throughput
    total = result["requests"] + result["errors"]["status"]
    assert sum(len(s) for s in seen) >= total
    assert result["requests"] == pytest.approx(total * 4 / 5, abs=2 * len(ports))
    assert 0 < result["p50_ms"] <= result["p99_ms"]
    assert result["generator_cpu_pct"] >= 0
    for log in seen:  # one wrk thread per replica: both replicas served
        assert log, "a replica got no requests"
        request = log[0]
        assert request.startswith(b"POST /v1/things HTTP/1.1\r\n")
        assert b"\r\nAuthorization: Bearer t0k3n\r\n" in request
        assert request.endswith(b'\r\n\r\n{"title": "a \\"quoted\\" title"}')
