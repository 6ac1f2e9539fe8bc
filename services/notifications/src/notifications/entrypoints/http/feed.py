"""The in-app feed: list (keyset), unread count, mark read, and a live SSE stream.

The stream sends every feed item as an SSE event whose ``id`` is the item's position; a client
reconnecting with ``Last-Event-ID`` gets everything after it (nothing lost across reconnects).
New items are found by polling the person's feed (cheap: an index on (person, position)).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from eventkit.http.auth import CurrentPrincipal
from eventkit.http.clock import Now
from eventkit.http.problems import Problem
from notifications.domain.feed import FeedItem
from notifications.entrypoints.http.deps import Settings, UoW, parse_cursor

router = APIRouter(prefix="/v1/notifications", tags=["feed"])


class FeedItemView(BaseModel):
    id: UUID
    position: int
    category: str
    type: str
    locale: str
    title: str
    body: str
    link: str | None
    created_at: datetime
    read: bool


class FeedPage(BaseModel):
    items: list[FeedItemView]
    next_cursor: str | None
    unread: int


class UnreadCount(BaseModel):
    unread: int


def _view(item: FeedItem) -> FeedItemView:
    return FeedItemView(
        id=item.id,
        position=item.position,
        category=item.category,
        type=item.template,
        locale=item.locale,
        title=item.title,
        body=item.body,
        link=item.link,
        created_at=item.created_at,
        read=item.read_at is not None,
    )


@router.get("/feed", response_model=FeedPage)
async def list_feed(
    principal: CurrentPrincipal,
    uow: UoW,
    cursor: str | None = Query(default=None, max_length=20),
    limit: int = Query(default=20, ge=1, le=100),
    unread_only: bool = False,
) -> FeedPage:
    before = parse_cursor(cursor)
    async with uow:
        items = await uow.feed.page(
            principal.subject, before=before, limit=limit, unread_only=unread_only
        )
        unread = await uow.feed.unread_count(principal.subject)
    next_cursor = str(items[-1].position) if len(items) == limit else None
    return FeedPage(items=[_view(i) for i in items], next_cursor=next_cursor, unread=unread)


@router.get("/feed/unread-count", response_model=UnreadCount)
async def unread_count(principal: CurrentPrincipal, uow: UoW) -> UnreadCount:
    async with uow:
        return UnreadCount(unread=await uow.feed.unread_count(principal.subject))


@router.post("/feed/{item_id}/read", response_model=UnreadCount)
async def mark_feed_item_read(
    item_id: UUID, principal: CurrentPrincipal, uow: UoW, now: Now
) -> UnreadCount:
    async with uow:
        if not await uow.feed.mark_read(principal.subject, item_id, now.now()):
            raise Problem(404, "Not Found", "No such feed item.")
        await uow.commit()
        return UnreadCount(unread=await uow.feed.unread_count(principal.subject))


@router.post("/feed/read-all", response_model=UnreadCount)
async def mark_all_read(principal: CurrentPrincipal, uow: UoW, now: Now) -> UnreadCount:
    async with uow:
        await uow.feed.mark_all_read(principal.subject, now.now())
        await uow.commit()
    return UnreadCount(unread=0)


def _sse(item: FeedItem) -> str:
    data = _view(item).model_dump_json()
    return f"id: {item.position}\nevent: notification\ndata: {data}\n\n"


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def stream(
    request: Request,
    principal: CurrentPrincipal,
    settings: Settings,
    last_event_id: str | None = Header(default=None),
) -> StreamingResponse:
    """Server-Sent Events of the caller's feed. Without ``Last-Event-ID`` it starts from now."""
    factory = request.app.state.uow_factory
    person = principal.subject
    if last_event_id is not None:
        if not last_event_id.strip().isdigit() or len(last_event_id) > 18:
            raise Problem(400, "Bad Request", "Last-Event-ID is not a feed position.")
        position = int(last_event_id)
    else:
        async with factory() as uow:
            position = await uow.feed.latest_position(person)

    async def events() -> AsyncIterator[str]:
        nonlocal position
        # tell the browser how soon to reconnect; announce where the stream starts
        yield f"retry: 2000\nevent: ready\ndata: {json.dumps({'position': position})}\n\n"
        last_sent = time.monotonic()
        while not await request.is_disconnected():
            async with factory() as uow:
                items = await uow.feed.after(person, position)
            for item in items:
                position = item.position
                yield _sse(item)
                last_sent = time.monotonic()
            if not items:
                if time.monotonic() - last_sent > settings.sse_heartbeat_s:
                    yield ": keep-alive\n\n"
                    last_sent = time.monotonic()
                await asyncio.sleep(settings.sse_poll_interval_s)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
