"""The API benchmark's bare Starlette server: the ceiling and the floor beside the service.

    python bench/bare_api.py PORT     (DATABASE_URL, BENCH_JWKS in the environment)

* ``GET /hello``: JSON, no database: what uvicorn + Starlette + the load generator can do.
* ``GET /jwks.json``: the bench token issuer's keys, which the service under test fetches.
* ``POST /write``: the write ``POST /v1/resources`` makes, statement by statement, with nothing
  of the service around it: the service's SQL (captured with ``log_statement = 'all'``) as
  separate round trips (BEGIN, four INSERTs, COMMIT, then the relay's NOTIFY), on raw asyncpg;
  no token check, no validation beyond reading the JSON, no unit of work, no ORM, no FastAPI.
  This is how the service wrote before its unit of work deferred new rows
  (``eventkit.deferred``).
* ``POST /write/one-trip``: the same rows in one statement (data-modifying CTEs) in autocommit,
  then a NOTIFY: two round trips. The floor of a Python HTTP endpoint making this write on
  this machine: what is left of the gap to pgbench beside it is the service's own code. The
  service shares its NOTIFY with the writes committing at the same time
  (``eventkit.relay_wakeups``); this app keeps one per write, because sharing made it slower
  when the two were run side by side (about 10%: it has CPU to spare, so waiting for a shared
  NOTIFY costs it more than the round trip saves), and a floor should be the faster one.

``python bench/bare_api.py PORT --framework`` serves ``framework_app`` instead: the same
one-statement write behind FastAPI, with the service's own request and response models
(``ResourceIn``, ``Created``) validated and serialised by FastAPI as the service's route does,
and nothing else of the service (no middlewares, token check, unit of work or ORM). It
separates what the web framework and pydantic cost from what the service's own code costs.

Served exactly like the services (``eventkit.cli``'s ``api`` command): uvicorn, access log
off, the same graceful timeout.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncpg
import uvicorn
from fastapi import FastAPI, Response, status
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from eventkit.outbox import notify_channel
from eventkit.relay_wakeups import NOTIFY
from resources.entrypoints.http.schemas import Created, ResourceIn

INSERT_RESOURCE = (
    "INSERT INTO resources.resources (id, kind, status, original_language, languages, themes,"
    " sdgs, countries, regions, year, url, authors, project, contributor_id, hidden,"
    " moderation_note, source_ref, version, created_at, updated_at, published_at)"
    " VALUES ($1::UUID, $2::VARCHAR, $3::VARCHAR, $4::VARCHAR,"
    " $5::VARCHAR(3)[], $6::VARCHAR(40)[], $7::INTEGER[], $8::VARCHAR(2)[],"
    " $9::VARCHAR(100)[], $10::INTEGER, $11::VARCHAR, $12::JSONB, $13::JSONB, $14::UUID,"
    " $15::BOOLEAN, $16::VARCHAR, $17::VARCHAR, $18::INTEGER, $19::TIMESTAMP WITH TIME ZONE,"
    " $20::TIMESTAMP WITH TIME ZONE, $21::TIMESTAMP WITH TIME ZONE)"
)
UPSERT_TRANSLATION = (
    "INSERT INTO resources.resource_translations (resource_id, language, title, summary, body)"
    " VALUES ($1::UUID, $2::VARCHAR, $3::VARCHAR, $4::VARCHAR, $5::VARCHAR)"
    " ON CONFLICT (resource_id, language) DO UPDATE SET title = excluded.title,"
    " summary = excluded.summary, body = excluded.body"
)
INSERT_HISTORY = (
    "INSERT INTO resources.resource_history (resource_id, version, action, to_status, actor_id,"
    " snapshot, at) VALUES ($1::UUID, $2::INTEGER, $3::VARCHAR, $4::VARCHAR, $5::UUID,"
    " $6::JSONB, $7::TIMESTAMP WITH TIME ZONE) RETURNING resources.resource_history.id"
)
INSERT_OUTBOX = (
    "INSERT INTO resources.outbox (id, aggregatetype, aggregateid, type, topic, payload,"
    " headers, created_at) VALUES ($1::UUID, $2::VARCHAR, $3::VARCHAR, $4::VARCHAR,"
    " $5::VARCHAR, $6::JSONB, $7::JSONB, $8::TIMESTAMP WITH TIME ZONE)"
)
#: the same four INSERTs as one statement (data-modifying CTEs: one round trip, its own
#: transaction; the foreign keys are checked at the statement's end)
ONE_TRIP = (
    f"WITH r AS ({INSERT_RESOURCE}),"
    " t AS (INSERT INTO resources.resource_translations (resource_id, language, title,"
    " summary, body) VALUES ($1::UUID, $4::VARCHAR, $22::VARCHAR, $23::VARCHAR, $24::VARCHAR)),"
    " h AS (INSERT INTO resources.resource_history (resource_id, version, action, to_status,"
    " actor_id, snapshot, at) VALUES ($1::UUID, 1, 'drafted', 'draft', $14::UUID, $25::JSONB,"
    " $19::TIMESTAMP WITH TIME ZONE))"
    " INSERT INTO resources.outbox (id, aggregatetype, aggregateid, type, topic, payload,"
    " headers, created_at) VALUES ($26::UUID, 'resources.resource', $1::text,"
    " 'resources.resource.drafted', 'resources.resource.v1', $27::JSONB, $28::JSONB,"
    " $19::TIMESTAMP WITH TIME ZONE)"
)
#: the resources relay's channel (eventkit.outbox.notify_channel)
CHANNEL = notify_channel("resources")
ACTOR = uuid.uuid4()  # the token's subject is not read: no token check here

pool: asyncpg.Pool[Any] | None = None


async def hello(request: Request) -> JSONResponse:
    return JSONResponse({"hello": "world"})


async def jwks(request: Request) -> JSONResponse:
    return JSONResponse(json.loads(os.environ["BENCH_JWKS"]))


@dataclass(frozen=True)
class Draft:
    """The parameters of the four INSERTs for a draft resource, from the request body."""

    id: uuid.UUID
    resource: list[Any]
    translation: list[Any]
    history: list[Any]
    outbox: list[Any]

    @classmethod
    def of(cls, body: dict[str, Any]) -> Draft:
        """The rows the service writes for this body, with the same JSON documents (the
        snapshot, the event's payload and its CloudEvents headers carry the same keys)."""
        title, summary, language = body["title"], body.get("summary", ""), body["language"]
        kind, rid, event_id, now = body["kind"], uuid.uuid4(), uuid.uuid4(), datetime.now(UTC)
        translation = {"body": "", "title": title, "summary": summary, "language": language}
        snapshot = {
            **dict.fromkeys(("url", "year", "project", "source_ref", "moderation_note")),
            **{k: [] for k in ("sdgs", "themes", "authors", "regions", "countries")},
            "id": str(rid),
            "kind": kind,
            "hidden": False,
            "status": "draft",
            "version": 1,
            "languages": [language],
            "translations": {language: translation},
            "contributor_id": str(ACTOR),
            "original_language": language,
        }
        at = now.isoformat().replace("+00:00", "Z")
        payload = {
            "kind": kind,
            "title": title,
            "status": "draft",
            "actor_id": str(ACTOR),
            "language": language,
            "occurred_at": at,
            "resource_id": str(rid),
            "contributor_id": str(ACTOR),
        }
        headers = {
            "ce_id": str(event_id),
            "ce_time": at,
            "ce_type": "resources.resource.drafted",
            "ce_source": "/resources",
            "ce_subject": str(rid),
            "ce_sequence": "1",
            "ce_specversion": "1.0",
            "ce_correlationid": str(uuid.uuid4()),
            "content-type": "application/json",
        }
        return cls(
            rid,
            [
                *(rid, kind, "draft", language, [language], [], [], [], [], None, None),
                *("[]", "null", ACTOR, False, None, None, 1, now, now, None),
            ],
            [rid, language, title, summary, ""],
            [rid, 1, "drafted", "draft", ACTOR, json.dumps(snapshot), now],
            [
                *(event_id, "resources.resource", str(rid), "resources.resource.drafted"),
                *("resources.resource.v1", json.dumps(payload), json.dumps(headers), now),
            ],
        )


async def write(request: Request) -> JSONResponse:
    """The service's round trips: BEGIN, four INSERTs, COMMIT, then the NOTIFY."""
    draft = Draft.of(json.loads(await request.body()))
    assert pool is not None
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute(INSERT_RESOURCE, *draft.resource)
            await conn.execute(UPSERT_TRANSLATION, *draft.translation)
            await conn.execute(INSERT_HISTORY, *draft.history)
            await conn.execute(INSERT_OUTBOX, *draft.outbox)
        await conn.execute(NOTIFY, CHANNEL)
    return JSONResponse({"id": str(draft.id)}, status_code=201)


async def write_one_trip(request: Request) -> JSONResponse:
    """The same rows in one statement, then the NOTIFY: two round trips."""
    draft = Draft.of(json.loads(await request.body()))
    await _write_in_one_trip(draft)
    return JSONResponse({"id": str(draft.id)}, status_code=201)


async def _write_in_one_trip(draft: Draft) -> None:
    snapshot, (event_id, *_, payload, headers, _) = draft.history[5], draft.outbox
    assert pool is not None
    async with pool.acquire() as conn:
        await conn.execute(
            ONE_TRIP, *draft.resource, *draft.translation[2:], snapshot, event_id, payload, headers
        )
        await conn.execute(NOTIFY, CHANNEL)


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    global pool
    url = os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://", 1)
    # the services' pool: 10 connections (eventkit.db.make_engine)
    pool = await asyncpg.create_pool(url, min_size=1, max_size=10)
    try:
        yield
    finally:
        await pool.close()


app = Starlette(
    routes=[
        Route("/hello", hello),
        Route("/jwks.json", jwks),
        Route("/write", write, methods=["POST"]),
        Route("/write/one-trip", write_one_trip, methods=["POST"]),
    ],
    lifespan=lifespan,
)

framework_app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
framework_app.add_route("/hello", hello)  # the bench's readiness probe


@framework_app.post("/write/one-trip", status_code=status.HTTP_201_CREATED, response_model=Created)
async def write_one_trip_validated(body: ResourceIn, response: Response) -> Created:
    """The service route's framework work (FastAPI routing, the request model's validation,
    the response model's serialisation, a Location header) around the one-trip write."""
    draft = Draft.of(body.model_dump(mode="json"))
    await _write_in_one_trip(draft)
    response.headers["Location"] = f"/v1/resources/{draft.id}"
    return Created(id=draft.id, status="draft", version=1)


if __name__ == "__main__":
    uvicorn.run(
        framework_app if "--framework" in sys.argv[2:] else app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
