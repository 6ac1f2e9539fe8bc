"""The chaos suite's traffic goes on until the fault is repaired (a process restarted armed
with a fault point must meet traffic), and stops on time when there is nothing to wait for."""

from __future__ import annotations

import asyncio

from devstack.load import _paced


async def test_traffic_goes_on_until_the_repair() -> None:
    started: list[int] = []
    repaired = asyncio.Event()

    async def person(i: int) -> None:
        started.append(i)

    asyncio.get_running_loop().call_later(0.5, repaired.set)
    await _paced(40.0, 0.1, person, until=repaired)
    assert repaired.is_set()
    assert len(started) >= 15  # 4 in the duration, then about 16 more until the repair


async def test_without_a_repair_to_wait_for_it_stops_after_its_duration() -> None:
    started: list[int] = []

    async def person(i: int) -> None:
        started.append(i)

    await _paced(40.0, 0.1, person)
    assert started == [0, 1, 2, 3]
