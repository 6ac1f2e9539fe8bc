"""The API benchmark's floors (bench/bare_api.py: the bare app and the framework app) write
what the service writes: the same rows in the same tables, the same search change log rows, JSON
documents with the same keys. A floor doing less work than the service would flatter every
ratio against it. Real Postgres."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager

from devstack.harness import TestInfra
from devstack.postgres import plain_url
from devstack.testing import TokenIssuer, api_client, fresh_service_database, migrate
from resources.bootstrap import ResourcesService
from resources.config import ResourcesSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bare_api
import bench_api

ROW = """
SELECT r.kind, r.status, r.original_language, r.languages, r.themes, r.sdgs, r.countries,
       r.regions, r.authors, r.project, r.hidden, r.version, r.published_at,
       t.language, t.title, t.summary, t.body,
       h.version AS history_version, h.action, h.to_status, h.snapshot::text AS snapshot,
       o.aggregatetype, o.type, o.topic, o.published_at AS sent,
       o.payload::text AS payload, o.headers::text AS headers,
       (SELECT count(*) FROM resources.search_changes c WHERE c.resource_id = r.id) AS changes
FROM resources.resources r
JOIN resources.resource_translations t ON t.resource_id = r.id
JOIN resources.resource_history h ON h.resource_id = r.id
JOIN resources.outbox o ON o.aggregateid = r.id::text
WHERE r.id = $1
"""


async def _written(url: str, resource_id: str) -> dict[str, Any]:
    conn = await asyncpg.connect(plain_url(url))
    try:
        rows = await conn.fetch(ROW, uuid.UUID(resource_id))
    finally:
        await conn.close()
    assert len(rows) == 1, f"{resource_id}: {len(rows)} joined rows, expected exactly one"
    row = dict(rows[0])
    for document in ("snapshot", "payload", "headers"):  # values differ (ids, times): keys
        row[document] = sorted(json.loads(row[document]))
    return row


#: the bench's own body, and one with real words
BODIES = [
    bench_api.WRITE_BODY,
    {
        "kind": "toolkit",
        "language": "en",
        "title": "Remittance toolkit for diaspora investors",
        "summary": "Sending money home safely and cheaply",
    },
]


@pytest.mark.parametrize("body", BODIES, ids=["bench-body", "worded-body"])
async def test_the_floor_writes_what_the_service_writes(
    infra: TestInfra, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: dict[str, str]
) -> None:
    url = await fresh_service_database(infra, "resources")
    service = ResourcesService(
        ResourcesSettings(
            database_url=url,
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            attachment_dir=tmp_path,
            log_json=False,
        )
    )
    await migrate(service)
    tokens = TokenIssuer()
    app = service.create_app()
    tokens.install(app)
    try:
        async with api_client(app) as api:
            answer = await api.post(
                "/v1/resources", json=body, headers=tokens.headers(uuid.uuid4())
            )
        assert answer.status_code == 201, answer.text
        by_service = await _written(url, answer.json()["id"])

        monkeypatch.setenv("DATABASE_URL", url)
        async with LifespanManager(bare_api.app) as bare_app:
            transport = httpx.ASGITransport(app=bare_app.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bare") as bare:
                for name, path in bench_api.BARE_WRITES.items():
                    floor = await bare.post(path, json=body)
                    assert floor.status_code == 201, (name, floor.text)
                    assert await _written(url, floor.json()["id"]) == by_service, name
        async with api_client(bare_api.framework_app) as framework:
            for name, path in bench_api.FRAMEWORK_WRITES.items():
                floor = await framework.post(path, json=body)
                assert floor.status_code == 201, (name, floor.text)
                assert floor.json() == {**answer.json(), "id": floor.json()["id"]}, name
                assert floor.headers["location"].endswith(floor.json()["id"]), name
                assert await _written(url, floor.json()["id"]) == by_service, name
    finally:
        await service.chassis.dispose()
