"""``python -m messaging.roles relay|worker``: one chassis role as its own process.

The end-to-end benchmark runs writer, relay and worker as separate processes, as they are
deployed, so each has its own event loop and the two cores are shared the way they would be.
"""

from __future__ import annotations

import asyncio
import sys

from eventkit.heap import settle_after_startup
from eventkit.service import stop_on_signals
from messaging import benchkit


async def _main(role: str) -> None:
    c, topic = benchkit.env_chassis()
    settle_after_startup()  # as eventkit.cli does for a service's relay and worker
    stop = stop_on_signals()
    if role == "relay":
        print("ready", flush=True)
        await c.run_relay(stop)
    elif role == "worker":
        ready = asyncio.Event()
        task = asyncio.create_task(
            c.run_worker(benchkit.dispatcher(c, benchkit.event_class(topic)), stop, ready=ready)
        )
        await ready.wait()
        print("ready", flush=True)
        await task
    else:
        raise SystemExit(f"unknown role {role!r}")


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1]))
