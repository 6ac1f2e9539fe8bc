"""Realistic traffic through the gateway: people registering, at a steady pace."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field

import httpx

LOCALES = ("en", "fr", "es", "ar", "pt")


@dataclass
class LoadResult:
    acknowledged: dict[str, str] = field(default_factory=dict)  # email -> account id
    rejected: dict[str, int] = field(default_factory=dict)  # email -> status (a clear "no")
    unknown: list[str] = field(default_factory=list)  # no answer: outcome not known
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.acknowledged) + len(self.rejected) + len(self.unknown)


async def register_people(
    gateway_url: str, run: str, *, rate_per_s: float, duration_s: float
) -> LoadResult:
    """Bounded in count and time; every request carries a unique email of this run."""
    result = LoadResult()
    interval = 1.0 / rate_per_s
    total = int(rate_per_s * duration_s)
    async with httpx.AsyncClient(base_url=gateway_url, timeout=30.0) as client:

        async def one(i: int) -> None:
            email = f"{run}-{i}-{uuid.uuid4().hex[:6]}@chaos.example.org"
            body = {
                "email": email,
                "password": "correct horse battery staple",
                "display_name": f"Person {i}",
                "locale": LOCALES[i % len(LOCALES)],
            }
            try:
                response = await client.post("/v1/auth/register", json=body)
            except httpx.HTTPError:
                result.unknown.append(email)
                return
            result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1
            if response.status_code in (502, 504):  # the gateway lost the answer: unknown
                result.unknown.append(email)
            elif response.status_code == 201:
                result.acknowledged[email] = response.json()["account_id"]
            else:
                result.rejected[email] = response.status_code

        tasks = []
        start = time.monotonic()
        for i in range(total):
            delay = start + i * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
        await asyncio.gather(*tasks)
    return result
