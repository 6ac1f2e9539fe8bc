"""Conversation endpoints: private messages between connected people, with unread counts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import BaseModel, Field

from eventkit.cursors import decode_time_key, encode_time_key
from eventkit.http.auth import CurrentPrincipal, writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from profiles.domain.conversation import BODY_MAX, Message
from profiles.domain.directory import MAX_LIMIT
from profiles.entrypoints.http import schemas
from profiles.entrypoints.http.deps import UoW
from profiles.service_layer import messaging

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/conversations",
    tags=["messages"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


class NewConversation(BaseModel):
    person_id: UUID
    body: str = Field(min_length=1, max_length=BODY_MAX)


class NewMessage(BaseModel):
    body: str = Field(min_length=1, max_length=BODY_MAX)


class MessageView(BaseModel):
    message_id: UUID
    conversation_id: UUID
    sender_id: UUID
    body: str
    sent_at: datetime


class MessagePage(BaseModel):
    items: list[MessageView]
    next_cursor: str | None = Field(description="pages back in time")


def _view(msg: Message) -> MessageView:
    return MessageView(
        message_id=msg.id,
        conversation_id=msg.conversation_id,
        sender_id=msg.sender_id,
        body=msg.body,
        sent_at=msg.sent_at,
    )


def _written(msg: Message, response: Response) -> MessageView:
    response.headers["Location"] = f"/v1/conversations/{msg.conversation_id}/messages"
    return _view(msg)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageView,
    responses={**CREATED, 403: {}, 404: {}},
)
async def write(
    body: NewConversation, principal: CurrentPrincipal, uow: UoW, now: Now, response: Response
) -> MessageView:
    """Write to a connection (opens the conversation the first time).

    ``Location`` is the conversation's messages, where the new one is read.
    """
    _, msg = await messaging.write_to(principal.subject, body.person_id, body.body, uow, now.now())
    return _written(msg, response)


@router.get("", response_model=list[schemas.ConversationSummary])
async def list_conversations(principal: CurrentPrincipal, uow: UoW) -> list[dict[str, Any]]:
    return await messaging.inbox(principal.subject, uow)


@router.get("/unread")
async def unread(principal: CurrentPrincipal, uow: UoW) -> dict[str, int]:
    return {"unread": await messaging.unread_total(principal.subject, uow)}


@router.post(
    "/{conversation_id}/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageView,
    responses={**CREATED, 403: {}, 404: {}},
)
async def reply(
    conversation_id: UUID,
    body: NewMessage,
    principal: CurrentPrincipal,
    uow: UoW,
    now: Now,
    response: Response,
) -> MessageView:
    msg = await messaging.reply(principal.subject, conversation_id, body.body, uow, now.now())
    return _written(msg, response)


@router.get("/{conversation_id}/messages", response_model=MessagePage, responses={400: {}, 404: {}})
async def read_messages(
    conversation_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Newest first; ``next_cursor`` pages back in time."""
    before = decode_time_key(cursor) if cursor else None
    found, more = await messaging.read(principal.subject, conversation_id, limit, before, uow)
    last = found[-1] if found else None
    return {
        "items": [_view(m).model_dump(mode="json") for m in found],
        "next_cursor": encode_time_key(last.sent_at, last.id) if more and last else None,
    }


@router.post("/{conversation_id}/read", status_code=status.HTTP_204_NO_CONTENT, responses={404: {}})
async def mark_conversation_read(
    conversation_id: UUID, principal: CurrentPrincipal, uow: UoW, now: Now
) -> Response:
    await messaging.mark_read(principal.subject, conversation_id, uow, now.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)
