"""Readiness polling and sync/async bridging.

Readiness is always checked by asking the real thing (a TCP handshake, an admin request),
never by sleeping a fixed time: startup on a 2-core CI box varies by an order of magnitude.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class NotReadyError(RuntimeError):
    """A component did not become ready in time (message says why and shows its log)."""


def wait_until(
    predicate: Callable[[], bool],
    timeout: float,
    interval: float = 0.2,
    what: str = "condition",
    on_timeout: Callable[[], str] | None = None,
) -> None:
    """Poll ``predicate`` until it returns True; raise ``NotReadyError`` after ``timeout`` s.

    Exceptions from the predicate count as "not yet" (the last one is reported), because
    probes against a starting server fail in many transient ways.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            if predicate():
                return
        except Exception as exc:
            last_error = exc
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            extra = f"\n{on_timeout()}" if on_timeout else ""
            raise NotReadyError(f"timed out after {timeout:.0f}s waiting for {what}{detail}{extra}")
        time.sleep(interval)


async def async_wait_until(
    predicate: Callable[[], Awaitable[bool]],
    limit_s: float,
    interval: float = 0.2,
    what: str = "condition",
) -> None:
    """Async twin of :func:`wait_until` for callers already inside an event loop."""
    deadline = time.monotonic() + limit_s
    last_error: BaseException | None = None
    while True:
        try:
            if await predicate():
                return
        except Exception as exc:
            last_error = exc
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise NotReadyError(f"timed out after {limit_s:.0f}s waiting for {what}{detail}")
        await asyncio.sleep(interval)


def run_sync(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from sync code, even when a loop is already running.

    The harness is called from pytest fixtures that may live inside pytest-asyncio's loop,
    where ``asyncio.run`` is forbidden; then the coroutine runs on a fresh loop in a thread.
    """

    async def _main() -> T:
        return await factory()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_main())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _main()).result()


def free_port(host: str = "127.0.0.1") -> int:
    """An ephemeral port that was free a moment ago (for tests that need their own server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
