"""What member journeys (devstack.load) must have caused downstream, and what is still missing:
shared by the chaos suite (nothing lost) and the soak (the backlog drains)."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from devstack.load import LoadResult


@dataclass(frozen=True)
class Expected:
    """Who must have which effect downstream, derived once from the acknowledged requests.

    People whose erasure was acknowledged, or had no answer (it may have happened), are left
    out of the registration effects: erasure removes them."""

    accounts: set[str]  # account ids of kept registrations: a welcome delivery each
    emails: list[str]  # their addresses: a welcome email each
    profiled: list[str]  # kept people whose profile save was acknowledged: projected
    erasures: dict[str, str]  # account id -> acknowledged erasure id: completed

    @classmethod
    def of(cls, load: LoadResult) -> Expected:
        erasing = set(load.erasures.acknowledged) | set(load.erasures.unknown)
        kept = {e: i for e, i in load.acknowledged.items() if i not in erasing}
        accounts = set(kept.values())
        return cls(
            accounts=accounts,
            emails=list(kept),
            profiled=[i for i in load.profiles.acknowledged if i in accounts],
            erasures=dict(load.erasures.acknowledged),
        )


async def pending_effects(dsn: str, expected: Expected) -> dict[str, int]:
    """Acknowledged requests whose effects are not all there yet, by kind of effect."""
    ids, profiled = list(expected.accounts), expected.profiled
    erasures = list(expected.erasures.values())
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
