"""Connection endpoints: requests with a note, answers, removal, blocking."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field

# a request, an answer, reach the other person: they wait for a verified email address;
# withdrawing, removing and blocking protect the caller and never wait
from eventkit.http.auth import CurrentPrincipal, VerifiedPrincipal
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from eventkit.http.problems import Problem
from profiles.domain.connection import (
    Connection,
    ConnectionStatus,
)
from profiles.entrypoints.http.deps import UoW
from profiles.service_layer import connections as handlers

router = APIRouter(prefix="/v1/connections", tags=["connections"])


class ConnectionRequest(BaseModel):
    person_id: UUID
    note: str | None = Field(default=None, max_length=300, description="a short introduction")


class ConnectionView(BaseModel):
    connection_id: UUID
    person_id: UUID = Field(description="the other person")
    direction: Literal["incoming", "outgoing"]
    status: ConnectionStatus
    note: str | None
    requested_at: datetime
    responded_at: datetime | None


class BlockRequest(BaseModel):
    person_id: UUID


class BlockView(BaseModel):
    person_id: UUID
    blocked_at: datetime


def _view(c: Connection, me: UUID) -> ConnectionView:
    return ConnectionView(
        connection_id=c.id,
        person_id=c.other_than(me),
        direction="outgoing" if c.requester_id == me else "incoming",
        status=c.status,
        note=c.note,
        requested_at=c.requested_at,
        responded_at=c.responded_at,
    )


_NO_PERSON = "No such person."


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ConnectionView,
    responses={**CREATED, 404: {}, 409: {}, 422: {}},
)
async def request_connection(
    body: ConnectionRequest,
    principal: VerifiedPrincipal,
    uow: UoW,
    now: Now,
    response: Response,
) -> ConnectionView:
    c = await handlers.request_connection(
        principal.subject, body.person_id, body.note, uow, now.now()
    )
    response.headers["Location"] = f"/v1/connections/{c.id}"
    return _view(c, principal.subject)


@router.get("", response_model=list[ConnectionView])
async def list_connections(
    principal: CurrentPrincipal,
    uow: UoW,
    status_: Annotated[ConnectionStatus | None, Query(alias="status")] = None,
) -> list[ConnectionView]:
    found = await handlers.my_connections(principal.subject, status_, uow)
    return [_view(c, principal.subject) for c in found]


async def _act(
    connection_id: UUID, action: str, principal: CurrentPrincipal, uow: UoW, now: Now
) -> ConnectionView:
    c = await handlers.answer(principal.subject, connection_id, action, uow, now.now())
    return _view(c, principal.subject)


@router.post(
    "/{connection_id}/accept", response_model=ConnectionView, responses={403: {}, 404: {}, 409: {}}
)
async def accept(
    connection_id: UUID, principal: VerifiedPrincipal, uow: UoW, now: Now
) -> ConnectionView:
    return await _act(connection_id, "accept", principal, uow, now)


@router.post(
    "/{connection_id}/decline", response_model=ConnectionView, responses={403: {}, 404: {}, 409: {}}
)
async def decline(
    connection_id: UUID, principal: VerifiedPrincipal, uow: UoW, now: Now
) -> ConnectionView:
    return await _act(connection_id, "decline", principal, uow, now)


@router.post(
    "/{connection_id}/withdraw",
    response_model=ConnectionView,
    responses={403: {}, 404: {}, 409: {}},
)
async def withdraw_connection_request(
    connection_id: UUID, principal: CurrentPrincipal, uow: UoW, now: Now
) -> ConnectionView:
    return await _act(connection_id, "withdraw", principal, uow, now)


@router.delete("/{connection_id}", response_model=ConnectionView, responses={404: {}})
async def remove(
    connection_id: UUID, principal: CurrentPrincipal, uow: UoW, now: Now
) -> ConnectionView:
    return await _act(connection_id, "remove", principal, uow, now)


@router.post("/blocks", status_code=status.HTTP_204_NO_CONTENT, responses={404: {}, 422: {}})
async def block(body: BlockRequest, principal: CurrentPrincipal, uow: UoW, now: Now) -> Response:
    await handlers.block(principal.subject, body.person_id, uow, now.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/blocks", response_model=list[BlockView])
async def list_blocks(principal: CurrentPrincipal, uow: UoW) -> list[BlockView]:
    rows = await handlers.my_blocks(principal.subject, uow)
    return [BlockView(person_id=person, blocked_at=at) for person, at in rows]


@router.delete("/blocks/{person_id}", status_code=status.HTTP_204_NO_CONTENT, responses={404: {}})
async def unblock(person_id: UUID, principal: CurrentPrincipal, uow: UoW) -> Response:
    if not await handlers.unblock(principal.subject, person_id, uow):
        raise Problem(404, "Not Found", "You have not blocked this person.")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
