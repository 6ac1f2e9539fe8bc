"""Periodic work in a worker process (retention, schedulers, dispatchers, retries): one loop
for every service, with an interval, jitter, failure logging and a prompt shutdown.

``PeriodicJob`` is what ``Service.background_jobs`` returns: call it with the worker's stop
event. A round that fails is logged (a database or broker away as a warning, anything else
with its traceback) and the next round runs as planned: a job never dies of one bad round.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from eventkit.errors import is_transient
from eventkit.logging import get_logger
from eventkit.stopping import sleep_until_stopped

log = get_logger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    #: one round of the work; a truthy result means it found something to do
    work: Callable[[], Awaitable[Any]]
    interval_s: float
    #: after a round that found work, the next one starts after this long instead (0: at
    #: once, to drain a backlog); None: the usual interval
    busy_interval_s: float | None = None
    #: each pause is the interval +/- this fraction, so replicas do not run in lockstep
    jitter: float = 0.1

    async def __call__(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            busy = await self.run_once()
            pause = (
                self.busy_interval_s
                if busy and self.busy_interval_s is not None
                else self.interval_s
            )
            if pause > 0:
                await sleep_until_stopped(
                    stop, pause * random.uniform(1 - self.jitter, 1 + self.jitter)
                )
            else:
                await asyncio.sleep(0)  # let the stop event and other jobs run

    async def run_once(self) -> bool:
        """One round; True when it found work. Failures are logged, never raised."""
        try:
            return bool(await self.work())
        except Exception as exc:
            if is_transient(exc):
                log.warning("job.interrupted", job=self.name, error=type(exc).__name__)
            else:
                log.exception("job.failed", job=self.name, error=type(exc).__name__)
            return False
