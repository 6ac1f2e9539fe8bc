"""Each API replica's search index follows the change log the tables' triggers write (real
Postgres): every write path reaches it, including raw SQL such as erasure's; a transaction
that commits after a newer one is not missed; every replica sees a change before its next
search answers; a new replica builds what the others hold."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from resources_testkit import new_id, resource_body
from sqlalchemy import text

from devstack.testing import TokenIssuer
from resources.adapters import search
from resources.adapters.search_feed import SearchReplica
from resources.bootstrap import ResourcesService

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
async def replica(resources_service: ResourcesService) -> AsyncIterator[SearchReplica]:
    found = SearchReplica(lambda: resources_service.chassis.engine)
    await found.build()
    yield found


async def publish(client: httpx.AsyncClient, tokens: TokenIssuer, theme: str, **fields: Any) -> str:
    author = tokens.headers(new_id())
    moderator = tokens.headers(new_id(), roles=("moderator",))
    created = await client.post(
        "/v1/resources", json=resource_body(themes=[theme], **fields), headers=author
    )
    assert created.status_code == 201, created.text
    rid = str(created.json()["id"])
    assert (await client.post(f"/v1/resources/{rid}/submit", headers=author)).status_code == 200
    published = await client.post(f"/v1/resources/{rid}/publish", headers=moderator)
    assert published.status_code == 200, published.text
    return rid


async def found(replica: SearchReplica, q: str, theme: str) -> list[str]:
    await replica.catch_up()
    return [str(i) for i in replica.index.search(q, filters=search.Filters(theme=theme)).ids]


async def test_a_transaction_committed_after_a_newer_one_is_not_missed(
    resources_service: ResourcesService,
    replica: SearchReplica,
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
) -> None:
    theme = f"t{uuid.uuid4().hex[:10]}"
    first = await publish(client, tokens, theme, title="Remittance corridors")
    second = await publish(client, tokens, theme, title="Mentoring networks")
    assert await found(replica, "remittance", theme) == [first]

    engine = resources_service.chassis.engine
    retitle = text(
        "UPDATE resources.resource_translations SET title = :title WHERE resource_id = :id"
    )
    async with engine.connect() as older:
        await older.begin()  # takes its transaction id first...
        await older.execute(retitle, {"title": "Zanzibarite archive", "id": first})
        async with engine.begin() as newer:  # ...and a newer one commits before it
            await newer.execute(retitle, {"title": "Quokkaverse almanac", "id": second})
        assert await found(replica, "quokkaverse", theme) == [second]
        assert await found(replica, "zanzibarite", theme) == []  # not committed yet
        await older.commit()
    assert await found(replica, "zanzibarite", theme) == [first]
    assert await found(replica, "remittance", theme) == []


async def test_every_replica_sees_a_change_before_it_answers_and_erasure_leaves_no_name(
    resources_service: ResourcesService,
    replica: SearchReplica,
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
) -> None:
    theme = f"t{uuid.uuid4().hex[:10]}"
    person = uuid.uuid4()
    authors = [{"name": "Wanjiru Quennell-Abara", "kind": "person", "person_id": str(person)}]
    rid = await publish(client, tokens, theme, title="Diaspora bonds", authors=authors)
    # the app's own replica (the API) and this one both find the author's name
    by_api = await client.get("/v1/resources", params={"q": "Quennell-Abara", "theme": theme})
    assert [i["id"] for i in by_api.json()["items"]] == [rid]
    assert await found(replica, "wanjiru", theme) == [rid]

    # erasure rewrites the authors by SQL, outside the aggregate: the triggers still log it
    async with resources_service.uow() as uow:
        await uow.personal_data.erase(person, datetime.now(UTC))
        await uow.commit()
    assert await found(replica, "wanjiru", theme) == []
    assert await found(replica, "quennell", theme) == []
    for q in ("Wanjiru", "Quennell-Abara", "Wanjiru Quennell-Abara"):
        answer = await client.get("/v1/resources", params={"q": q})
        assert answer.status_code == 200
        assert rid not in [i["id"] for i in answer.json()["items"]], q
    assert await found(replica, "bonds", theme) == [rid]  # the resource itself stays

    # a new replica builds the same from the tables
    fresh = SearchReplica(lambda: resources_service.chassis.engine)
    await fresh.build()
    assert await found(fresh, "bonds", theme) == [rid]
    assert await found(fresh, "wanjiru", theme) == []

    # archived: gone from every replica's results
    moderator = tokens.headers(new_id(), roles=("moderator",))
    archived = await client.post(
        f"/v1/resources/{rid}/archive", json={"reason": "outdated"}, headers=moderator
    )
    assert archived.status_code == 200, archived.text
    assert await found(replica, "bonds", theme) == []
    assert await found(fresh, "bonds", theme) == []
