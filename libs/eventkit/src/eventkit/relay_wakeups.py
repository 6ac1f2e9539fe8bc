"""The relay's wake-up NOTIFY, shared by the commits that happen together.

A commit that wrote outbox rows tells the relay with ``pg_notify`` once it has committed (a
NOTIFY inside the transaction serialises every committing writer; see
``OutboxWriter.wake_relay``). One NOTIFY per commit costs every write a second round trip to
Postgres and Postgres a statement. But a NOTIFY only says "look again": one sent after
several commits covers them all. So each process sends at most one NOTIFY at a time per
database, and a commit waits for the first NOTIFY that *starts* after it committed. Under
load that is one round trip for every commit that finished while the previous NOTIFY was on
its way; alone, a commit waits as long as it did for its own. Measured side by side against a
NOTIFY per commit, under the API benchmark's load (bench/bench_api.py): 12-16% more writes per
second for the resources API, whose processes are CPU-bound. An app with CPU to spare can be
slower this way, as a commit may wait for the NOTIFY in flight and then for its own.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from eventkit.logging import get_logger

log = get_logger(__name__)

NOTIFY = "SELECT pg_notify($1, '')"


@dataclass(eq=False)
class _Sender:
    """The NOTIFYs of one database (engine) while any is due: the one the newest commits wait
    for, which has not started yet, and the task sending them one after another (held here:
    the event loop keeps only a weak reference to it)."""

    next: asyncio.Future[None] | None = None
    task: asyncio.Task[None] = field(init=False, repr=False)


class RelayWakeUps:
    """``patience_s``: how long a commit waits for its NOTIFY at most. The hint is best
    effort and the relay polls every second anyway (``relay_poll_interval_s``), so a commit
    whose NOTIFY hangs (a database that stopped answering) is not held up longer than that."""

    def __init__(self, channel: str, *, patience_s: float = 1.0) -> None:
        self.channel = channel
        self.patience_s = patience_s
        self._senders: dict[AsyncEngine, _Sender] = {}
        #: NOTIFYs sent by this process (tests read it)
        self.sent = 0

    async def after_commit(self, engine: AsyncEngine) -> None:
        """Returns once a NOTIFY that started after this call reached Postgres, or failed, or
        ``patience_s`` passed (the hint is best effort: the relay also polls)."""
        loop = asyncio.get_running_loop()
        sender = self._senders.get(engine)
        if sender is None or sender.task.get_loop() is not loop:
            sender = self._senders[engine] = _Sender()
            sender.task = loop.create_task(self._send(engine, sender))
        if sender.next is None:
            sender.next = loop.create_future()
        waiting = sender.next
        # shielded: a waiter that is cancelled (its client went away) or runs out of patience
        # must not cancel the NOTIFY the other commits are waiting for
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(waiting), self.patience_s)

    async def _send(self, engine: AsyncEngine, sender: _Sender) -> None:
        try:
            while (due := sender.next) is not None:
                # commits from here on wait for the next NOTIFY: this one may be sent before
                # they committed
                sender.next = None
                try:
                    await self._notify(engine)
                except Exception as exc:  # best effort: the relay also polls
                    log.warning(
                        "relay.wake_up_failed", channel=self.channel, error=type(exc).__name__
                    )
                finally:
                    _release(due)
        finally:
            # ended early (cancelled with its loop): nobody would send the NOTIFY still due
            if sender.next is not None:
                _release(sender.next)
                sender.next = None
            if self._senders.get(engine) is sender:
                del self._senders[engine]

    async def _notify(self, engine: AsyncEngine) -> None:
        # outside SQLAlchemy's transaction handling: no BEGIN, no COMMIT, no WAL flush
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute(NOTIFY, self.channel)  # type: ignore[union-attr]
        self.sent += 1


def _release(waiting: asyncio.Future[None]) -> None:
    if not waiting.done():
        waiting.set_result(None)
