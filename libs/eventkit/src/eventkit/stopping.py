"""Waiting in a loop that must end promptly on shutdown."""

from __future__ import annotations

import asyncio
import contextlib


async def sleep_until_stopped(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds``, or less when ``stop`` is set meanwhile (a job between two rounds
    must not hold up a shutdown for its whole interval)."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
