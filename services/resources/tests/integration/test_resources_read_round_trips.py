"""Reading a resource (``get_visible``, behind ``GET /v1/resources/{id}``) is ONE statement on
the wire (counted by devstack.pgwire): no BEGIN, no ROLLBACK, no statement per translation or
attachment list; and it loads exactly what the transactional path loads (``get`` and
``AttachmentRepository.for_resource``), which writes keep using."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import httpx
import pytest
from resources_testkit import new_id, resource_body
from sqlalchemy import text

from devstack.pgwire import PgWireRecorder, recording
from devstack.testing import TokenIssuer
from eventkit.db import make_engine, make_session_factory
from resources.bootstrap import ResourcesService
from resources.domain import resource as r
from resources.service_layer import resource_handlers as handlers
from resources.service_layer.errors import NotFound
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

pytestmark = pytest.mark.infra

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
async def resource(client: httpx.AsyncClient, tokens: TokenIssuer) -> tuple[UUID, UUID]:
    """A draft with two translations and three attachments; (its id, its author)."""
    author = new_id()
    headers = tokens.headers(author)
    created = await client.post("/v1/resources", json=resource_body(), headers=headers)
    rid = created.json()["id"]
    fr = {"title": "Boîte à outils", "summary": "Résumé ✓", "body": "Étapes"}
    assert (
        await client.put(f"/v1/resources/{rid}/translations/fr", json=fr, headers=headers)
    ).status_code == 200
    for name, content in (("a.pdf", PDF), ("b.png", PNG), ("c.pdf", PDF)):
        uploaded = await client.post(
            f"/v1/resources/{rid}/attachments",
            params={"filename": name},
            content=content,
            headers=headers,
        )
        assert uploaded.status_code == 201, uploaded.text
    return UUID(rid), author


@pytest.fixture
async def wire(resources_service: ResourcesService) -> AsyncIterator[PgWireRecorder]:
    async with recording(resources_service.settings.database_url) as recorder:
        yield recorder


@pytest.fixture
async def recorded_uow(
    resources_service: ResourcesService, wire: PgWireRecorder
) -> AsyncIterator[Any]:
    """Units of work like the app's, on one pooled connection through the recorder."""
    engine = make_engine(wire.database_url, pool_size=1)
    sessions = make_session_factory(engine)
    chassis = resources_service.chassis
    yield lambda: ResourcesUnitOfWork(sessions, chassis.outbox, chassis.inbox)
    await engine.dispose()


def _fields(resource: r.Resource) -> dict[str, Any]:
    return dataclasses.asdict(resource)


async def test_reading_a_resource_is_one_statement_without_a_transaction(
    resource: tuple[UUID, UUID], recorded_uow: Any, wire: PgWireRecorder
) -> None:
    rid, author = resource
    actor = handlers.Actor(author)
    await handlers.get_visible(recorded_uow(), rid, actor)  # prepares the statement
    wire.clear()

    found, attachments = await handlers.get_visible(recorded_uow(), rid, actor)

    assert wire.commands() == ["SELECT"], wire.statements
    assert wire.round_trips == 1
    assert not wire.encrypted
    assert set(found.translations) == {"en", "fr"}
    assert [a.filename for a in attachments] == ["a.pdf", "b.png", "c.pdf"]

    # an actor who may not see the draft: NotFound, from the same single statement
    wire.clear()
    with pytest.raises(NotFound):
        await handlers.get_visible(recorded_uow(), rid, handlers.Actor(new_id()))
    with pytest.raises(NotFound):
        await handlers.get_visible(recorded_uow(), uuid.uuid4(), actor)
    assert wire.commands() == ["SELECT", "SELECT"]

    # the pooled connection the reads left is transactional again: a write rolls back
    wire.clear()
    async with recorded_uow() as uow:
        await uow.session.execute(
            text("UPDATE resources.resources SET moderation_note = 'x' WHERE id = :id"),
            {"id": rid},
        )
        await uow.rollback()
    assert wire.commands() == ["BEGIN", "UPDATE", "ROLLBACK"]
    found, _ = await handlers.get_visible(recorded_uow(), rid, actor)
    assert found.moderation_note is None


async def test_the_one_statement_read_loads_what_the_transactional_path_loads(
    resource: tuple[UUID, UUID], resources_service: ResourcesService
) -> None:
    rid, _ = resource
    # the uploader of one attachment erased (personal data unlinks it): uploaded_by is NULL
    async with resources_service.chassis.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE resources.attachments SET uploaded_by = NULL WHERE resource_id = :id"
                " AND filename = 'b.png'"
            ),
            {"id": rid},
        )
    async with resources_service.uow() as uow:
        expected = await uow.resources.get(rid)
        expected_attachments = await uow.attachments.for_resource(rid)
        locked = await uow.resources.get(rid, for_update=True)
    async with resources_service.uow().autocommit_reads() as uow:
        found = await uow.resources.get_with_attachments(rid)
        assert await uow.resources.get_with_attachments(uuid.uuid4()) is None
    assert found is not None and expected is not None and locked is not None
    resource_read, attachments = found
    assert _fields(resource_read) == _fields(expected) == _fields(locked)
    assert attachments == expected_attachments
    assert [a.uploaded_by is None for a in attachments] == [False, True, False]
    assert all(a.uploaded_at.tzinfo is not None for a in attachments)


async def test_a_resource_without_attachments_reads_an_empty_list(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    author = new_id()
    created = await client.post(
        "/v1/resources", json=resource_body(), headers=tokens.headers(author)
    )
    rid = UUID(created.json()["id"])
    found, attachments = await handlers.get_visible(
        resources_service.uow(), rid, handlers.Actor(author)
    )
    assert attachments == []
    assert set(found.translations) == {"en"}
