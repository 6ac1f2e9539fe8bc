"""The relay's wake-up NOTIFY is shared by the commits that happen together, and each commit
still gets one that started after it.

The first two tests replace only the NOTIFY's round trip (``_notify``) with one the test
releases, to fix the interleaving; the last ones send real NOTIFYs to the real Postgres.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import asyncpg
import kit
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from structlog.testing import capture_logs

from eventkit.db import plain_dsn
from eventkit.outbox import notify_channel
from eventkit.relay_wakeups import RelayWakeUps
from eventkit.service import Chassis

ENGINE = cast(AsyncEngine, object())  # the fake round trip never uses it


class HeldWakeUps(RelayWakeUps):
    """Each NOTIFY starts (``started`` gets its number) and waits for ``release``."""

    def __init__(self) -> None:
        super().__init__("test_outbox")
        self.started: list[int] = []
        self.release = asyncio.Event()

    async def _notify(self, engine: AsyncEngine) -> None:
        self.started.append(len(self.started) + 1)
        await self.release.wait()
        self.release.clear()
        self.sent += 1


async def test_commits_during_a_notify_share_the_next_one() -> None:
    wake_ups = HeldWakeUps()
    first = asyncio.create_task(wake_ups.after_commit(ENGINE))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert wake_ups.started == [1]
    # ten commits finish while the first NOTIFY is on its way: it may have reached Postgres
    # before they committed, so they must wait for the next one, and only one more is sent
    later = [asyncio.create_task(wake_ups.after_commit(ENGINE)) for _ in range(10)]
    await asyncio.sleep(0)
    assert not any(t.done() for t in later)

    wake_ups.release.set()
    await first
    await asyncio.sleep(0)
    assert wake_ups.started == [1, 2]
    assert not any(t.done() for t in later)  # the second NOTIFY has not reached Postgres yet

    wake_ups.release.set()
    await asyncio.gather(*later)
    assert wake_ups.sent == 2
    assert wake_ups._senders == {}  # idle: nothing kept, not even the engine


async def test_a_commit_that_stops_waiting_does_not_cancel_the_others() -> None:
    wake_ups = HeldWakeUps()
    impatient = asyncio.create_task(wake_ups.after_commit(ENGINE))
    patient = asyncio.create_task(wake_ups.after_commit(ENGINE))
    await asyncio.sleep(0)
    impatient.cancel()  # its client went away
    await asyncio.sleep(0)
    wake_ups.release.set()
    await asyncio.wait_for(patient, 5)
    assert wake_ups.sent == 1


async def test_a_commit_waits_for_a_hanging_notify_no_longer_than_its_patience() -> None:
    wake_ups = HeldWakeUps()  # never released: a database that stopped answering
    wake_ups.patience_s = 0.2
    started = asyncio.get_running_loop().time()
    await asyncio.wait_for(wake_ups.after_commit(ENGINE), 5)
    assert asyncio.get_running_loop().time() - started < 2
    assert wake_ups.started == [1]  # still on its way
    wake_ups.release.set()
    for _ in range(500):
        if not wake_ups._senders:
            break
        await asyncio.sleep(0.01)
    assert wake_ups.sent == 1
    assert wake_ups._senders == {}


async def test_committed_outbox_rows_wake_a_listener_with_fewer_notifies_than_commits(
    kit_chassis: Chassis, topic: str
) -> None:
    heard: list[str] = []
    listener = await asyncpg.connect(plain_dsn(kit_chassis.settings.database_url))
    channel = notify_channel(kit.SCHEMA)
    await listener.add_listener(channel, lambda *args: heard.append(args[2]))
    Thing = kit.event_class(topic)
    wake_ups = kit_chassis.outbox.wake_ups
    before = wake_ups.sent
    try:

        async def write() -> None:
            async with kit.uow_factory(kit_chassis)() as uow:
                await uow.publish(Thing(thing_id=kit.new_id(), seq=1))
                await uow.commit()

        await asyncio.gather(*(write() for _ in range(40)))
        sent = wake_ups.sent - before
        await kit.eventually(lambda: _count(heard), sent)
        assert 1 <= sent < 40
        assert set(heard) == {channel}
    finally:
        await listener.close()


async def test_a_wake_up_that_cannot_reach_postgres_is_logged_not_raised() -> None:
    # a server that is not there: the commit already happened, the relay will poll
    engine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    wake_ups = RelayWakeUps("kit_outbox")
    try:
        with capture_logs() as logs:
            await asyncio.wait_for(wake_ups.after_commit(engine), 30)
    finally:
        await engine.dispose()
    assert wake_ups.sent == 0
    assert [(e["event"], e["log_level"]) for e in logs] == [("relay.wake_up_failed", "warning")]


async def _count(items: list[Any]) -> int:
    return len(items)
