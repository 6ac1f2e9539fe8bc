"""What member journeys (devstack.load) must have caused downstream, and what is still missing:
shared by the chaos suite (nothing lost) and the soak (the backlog drains)."""

from __future__ import annotations

import asyncpg

from devstack.load import LoadResult


def kept(load: LoadResult) -> list[str]:
    """Account ids of acknowledged registrations whose person did not ask to be erased."""
    # an erasure with no answer may have happened: such people are neither kept nor checked
    erasing = set(load.erasures.acknowledged) | set(load.erasures.unknown)
    return [i for i in load.acknowledged.values() if i not in erasing]


async def pending_effects(dsn: str, load: LoadResult) -> dict[str, int]:
    """Acknowledged requests whose effects are not all there yet, by kind of effect."""
    ids = kept(load)
    profiled = [i for i in load.profiles.acknowledged if i in set(ids)]
    erasures = list(load.erasures.acknowledged.values())
    conn = await asyncpg.connect(dsn)
    try:
        welcomed = await conn.fetchval(
            "SELECT count(DISTINCT recipient_id) FROM notifications.deliveries"
            " WHERE template = 'welcome' AND recipient_id = ANY($1::uuid[])",
            ids,
        )
        projected = await conn.fetchval(
            "SELECT count(*) FROM resources.people WHERE person_id = ANY($1::uuid[])", profiled
        )
        completed = await conn.fetchval(
            "SELECT count(*) FROM profiles.privacy_erasures"
            " WHERE id = ANY($1::uuid[]) AND status = 'completed'",
            erasures,
        )
    finally:
        await conn.close()
    return {
        "welcome deliveries": len(ids) - welcomed,
        "projected profiles": len(profiled) - projected,
        "completed erasures": len(erasures) - completed,
    }
