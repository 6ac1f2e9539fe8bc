"""Health and metrics of the processes that serve no API: relays and workers.

A relay or worker started with ``HEALTH_PORT`` serves, on that port:

* ``/metrics``: every Prometheus metric of the process (relay: ``relay_is_leader``,
  ``relay_last_drain_age_seconds``, ``outbox_unpublished_rows``,
  ``outbox_oldest_unpublished_age_seconds``; worker: ``worker_last_batch_age_seconds``,
  ``consumer_lag_records``, ``dead_letter_records``, ``events_handled_total``);
* ``/livez``: 200 while the role's loop makes progress, 503 once it is wedged (a relay whose
  loop has not come round for ``HEALTH_STALL_AFTER_S``, whether it leads or waits; a worker
  that has held one batch that long). The kubelet restarts a process whose liveness fails.
  An absent broker or database never fails it: the loops keep coming round while they wait;
* ``/readyz``: 200 once the role has connected to the broker (nothing routes traffic to
  these processes; it tells an operator the process got that far).

The server is a few lines of asyncio on the process's own loop, so a loop blocked by a
synchronous call cannot answer at all, and the probe's timeout catches that too.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from eventkit.logging import get_logger

log = get_logger(__name__)

#: what a check answers: None when fine, else why not
Verdict = Callable[[], str | None]


class Heartbeat:
    """When a role's loop last came round, and whether it is inside a unit of work."""

    def __init__(self) -> None:
        self.at = time.monotonic()
        self.busy = False

    def beat(self) -> None:
        self.at = time.monotonic()

    def begin(self) -> None:
        self.busy = True
        self.beat()

    def end(self) -> None:
        self.busy = False
        self.beat()

    def quiet_s(self) -> float:
        return time.monotonic() - self.at


def loop_alive(heartbeat: Heartbeat, stall_after_s: float) -> Verdict:
    """Live while the loop has come round within ``stall_after_s`` (relays: their loop
    comes round at least every poll interval, leading or waiting)."""

    def verdict() -> str | None:
        quiet = heartbeat.quiet_s()
        return f"no progress for {quiet:.0f} s" if quiet > stall_after_s else None

    return verdict


def not_stuck_in_work(heartbeat: Heartbeat, stall_after_s: float) -> Verdict:
    """Live unless one unit of work (a consumed batch) has been held for ``stall_after_s``:
    an idle worker waits for records as long as there are none."""

    def verdict() -> str | None:
        quiet = heartbeat.quiet_s()
        if heartbeat.busy and quiet > stall_after_s:
            return f"one batch held for {quiet:.0f} s"
        return None

    return verdict


@dataclass
class ProcessHealth:
    """What the health endpoints of one relay or worker process answer."""

    live: Verdict
    #: set once the role connected to the infrastructure it needs
    started: asyncio.Event = field(default_factory=asyncio.Event)

    def liveness(self) -> tuple[int, bytes]:
        reason = self.live()
        if reason is None:
            return 200, b'{"status":"ok"}'
        return 503, b'{"status":"wedged","reason":"' + reason.encode() + b'"}'

    def readiness(self) -> tuple[int, bytes]:
        if self.started.is_set():
            return 200, b'{"status":"ready"}'
        return 503, b'{"status":"starting"}'


_JSON = b"application/json"


async def _answer(
    health: ProcessHealth, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    try:
        request = await asyncio.wait_for(reader.readline(), 5)
        while (await asyncio.wait_for(reader.readline(), 5)) not in (b"\r\n", b"\n", b""):
            pass  # headers: nothing in them matters here
        parts = request.split()
        path = parts[1].split(b"?")[0] if len(parts) >= 2 else b""
        if path == b"/livez":
            status, body, ctype = *health.liveness(), _JSON
        elif path == b"/readyz":
            status, body, ctype = *health.readiness(), _JSON
        elif path == b"/metrics":
            status, body, ctype = 200, generate_latest(), CONTENT_TYPE_LATEST.encode()
        else:
            status, body, ctype = 404, b'{"status":"not found"}', _JSON
        reason = {200: b"OK", 404: b"Not Found", 503: b"Service Unavailable"}[status]
        writer.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: %s\r\ncontent-length: %d\r\n"
            b"connection: close\r\n\r\n" % (status, reason, ctype, len(body)) + body
        )
        await writer.drain()
    except (TimeoutError, ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


@contextlib.asynccontextmanager
async def serving_health(
    health: ProcessHealth, port: int, host: str = "0.0.0.0"
) -> AsyncIterator[int]:
    """Serve the health endpoints on ``port`` (0: any free port) while the block runs;
    yields the port bound."""
    server = await asyncio.start_server(
        lambda r, w: _answer(health, r, w), host=host, port=port, reuse_address=True
    )
    bound = server.sockets[0].getsockname()[1]
    log.info("health.serving", port=bound)
    try:
        yield bound
    finally:
        server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), 2)
