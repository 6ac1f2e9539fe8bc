"""The events calendar API: schedule, list, register (capacity, waitlist), iCalendar."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, Field

from contracts.vocabulary.types import LanguageCode
from eventkit.cursors import decode_time_key, encode_time_key
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.http.problems import Problem
from resources.adapters import icalendar
from resources.domain import calendar as cal
from resources.entrypoints.http.deps import CurrentActor, Organiser, UoW
from resources.service_layer import learning_handlers as handlers

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/events",
    tags=["events calendar"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


class EventIn(BaseModel):
    kind: cal.EventKind
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20_000)
    language: LanguageCode = "en"
    organiser: str = Field(min_length=1, max_length=300)
    time_zone: str = Field(max_length=64, examples=["Europe/Dublin"])
    starts_at: datetime = Field(description="wall-clock time in time_zone, or with an offset")
    ends_at: datetime
    location: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=2000, pattern=r"^https://")
    capacity: int | None = Field(default=None, ge=1, le=1_000_000)
    waitlist: bool = True


class EventPatch(BaseModel):
    """Only the fields sent change (a field sent as null is cleared where that is allowed)."""

    model_config = {"extra": "forbid"}

    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    language: LanguageCode | None = None
    organiser: str | None = Field(default=None, min_length=1, max_length=300)
    time_zone: str | None = Field(default=None, max_length=64)
    starts_at: datetime | None = Field(
        default=None, description="wall-clock time in time_zone (new or current), or with offset"
    )
    ends_at: datetime | None = None
    location: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=2000, pattern=r"^https://")
    capacity: int | None = Field(default=None, ge=1, le=1_000_000)
    waitlist: bool | None = None


#: fields that may not be cleared with null
_REQUIRED = (
    "title",
    "description",
    "language",
    "organiser",
    "time_zone",
    "starts_at",
    "ends_at",
    "waitlist",
)


class CancelIn(BaseModel):
    reason: str | None = Field(default=None, max_length=500)


class EventOut(BaseModel):
    id: UUID
    kind: str
    title: str
    description: str
    language: str
    organiser: str
    time_zone: str
    starts_at: datetime = Field(description="UTC")
    ends_at: datetime
    local_starts_at: datetime = Field(description="in the organiser's time zone")
    local_ends_at: datetime
    viewer_starts_at: datetime | None = Field(default=None, description="in ?tz=, if given")
    location: str | None
    online_url: str | None
    capacity: int | None
    seats_left: int | None
    waitlist: bool
    status: str = Field(description="scheduled or cancelled")
    revision: int = Field(description="the organiser's revisions (the ETag, iCalendar SEQUENCE)")
    cancelled_at: datetime | None = None
    cancellation_reason: str | None = None


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(description="pass as cursor for the next page")


class RegistrationOut(BaseModel):
    id: UUID
    event_id: UUID
    person_id: UUID
    status: str
    waitlist_position: int | None = None


def _out(e: cal.CalendarEvent, confirmed: int | None = None, tz: str | None = None) -> EventOut:
    return EventOut(
        id=e.id,
        kind=e.kind.value,
        title=e.title,
        description=e.description,
        language=e.language,
        organiser=e.organiser,
        time_zone=e.time_zone,
        starts_at=e.starts_at,
        ends_at=e.ends_at,
        local_starts_at=e.local(e.starts_at),
        local_ends_at=e.local(e.ends_at),
        viewer_starts_at=e.local(e.starts_at, tz) if tz else None,
        location=e.location,
        online_url=e.online_url,
        capacity=e.capacity,
        seats_left=None
        if e.capacity is None or confirmed is None
        else max(0, e.capacity - confirmed),
        waitlist=e.waitlist,
        status=e.status.value,
        revision=e.revision,
        cancelled_at=e.cancelled_at,
        cancellation_reason=e.cancellation_reason,
    )


def _registration(view: handlers.RegistrationView) -> RegistrationOut:
    r = view.registration
    return RegistrationOut(
        id=r.id,
        event_id=r.event_id,
        person_id=r.person_id,
        status=r.status.value,
        waitlist_position=view.waitlist_position,
    )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=EventOut, responses=CREATED)
async def schedule_event(
    body: EventIn,
    principal: Organiser,
    uow: UoW,
    response: Response,
) -> EventOut:
    """Organisations, focal points and moderators put events on the public calendar."""
    fields = body.model_dump()
    fields["starts_at"] = cal.to_utc(body.starts_at, body.time_zone)
    fields["ends_at"] = cal.to_utc(body.ends_at, body.time_zone)
    fields["organised_by"] = principal.subject
    event = await handlers.schedule(uow, fields)
    response.headers["Location"] = f"/v1/events/{event.id}"
    return _out(event, 0)


@router.get("", response_model=EventPage)
async def list_events(
    uow: UoW,
    now: Now,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> dict[str, object]:
    """Upcoming and ongoing events, soonest first (keyset pagination)."""
    after = decode_time_key(cursor) if cursor else None
    events = await handlers.upcoming(uow, after, limit + 1, now.now())
    next_cursor = None
    if len(events) > limit:
        last = events[limit - 1]
        next_cursor = encode_time_key(last.starts_at, last.id)
    return {
        "items": [_out(e).model_dump(mode="json") for e in events[:limit]],
        "next_cursor": next_cursor,
    }


class OrganisedEvents(BaseModel):
    items: list[EventOut]


@router.get("/organised", response_model=OrganisedEvents)
async def organised_events(
    actor: CurrentActor, uow: UoW, limit: Annotated[int, Query(ge=1, le=200)] = 100
) -> OrganisedEvents:
    """The caller's own events, past and cancelled ones too, latest first, each with its
    seats left (an organiser's console: each leads to its registrations)."""
    found = await handlers.organised_by(uow, actor, limit)
    return OrganisedEvents(items=[_out(e, confirmed) for e, confirmed in found])


@router.get("/calendar.ics", response_class=Response)
async def calendar_feed(uow: UoW, now: Now, request: Request) -> Response:
    """Every upcoming event as one subscribable iCalendar feed."""
    events = await handlers.upcoming(uow, None, 500, now.now())
    body = icalendar.calendar(events, request.app.state.settings.public_base_url, "Diaspora events")
    return Response(body, media_type="text/calendar; charset=utf-8")


@router.get("/{event_id}", response_model=EventOut)
async def get_event(
    event_id: UUID,
    uow: UoW,
    response: Response,
    tz: Annotated[str | None, Query(max_length=64, description="IANA zone of the viewer")] = None,
) -> EventOut:
    """The entry; its ETag (the organiser's revision) goes in If-Match of a PATCH."""
    event, confirmed = await handlers.get_event(uow, event_id)
    out = _out(event, confirmed, tz)
    response.headers["ETag"] = event.etag
    return out


@router.patch(
    "/{event_id}",
    response_model=EventOut,
    responses={
        409: {"description": "The event was cancelled"},
        412: {"description": "If-Match is stale"},
        428: {"description": "If-Match missing"},
    },
)
async def update_event(
    event_id: UUID,
    body: EventPatch,
    actor: CurrentActor,
    uow: UoW,
    response: Response,
    expected: IfMatchHeader,
    now: Now,
) -> EventOut:
    """The organiser or a moderator changes the details (If-Match: the ETag last read).
    Publishes resources.calendar_event.updated; the iCalendar SEQUENCE goes up."""
    changes: dict[str, object] = body.model_dump(exclude_unset=True)
    cleared = [k for k in _REQUIRED if k in changes and changes[k] is None]
    if cleared:
        raise Problem(422, "Unprocessable Content", f"cannot clear: {', '.join(cleared)}")
    event, confirmed = await handlers.update_event(
        uow, event_id, actor, changes, expected, now.now()
    )
    response.headers["ETag"] = event.etag
    return _out(event, confirmed)


@router.post(
    "/{event_id}/cancel",
    response_model=EventOut,
    responses={409: {"description": "Already cancelled"}, 412: {"description": "Stale If-Match"}},
)
async def cancel_event(
    event_id: UUID,
    body: CancelIn,
    actor: CurrentActor,
    uow: UoW,
    response: Response,
    expected: IfMatchHeader,
    now: Now,
) -> EventOut:
    """Call the event off with a reason (organiser or moderator). Registrations are kept as
    a record; new registrations are refused. Publishes resources.calendar_event.cancelled."""
    event = await handlers.cancel_event(uow, event_id, actor, body.reason, expected, now.now())
    response.headers["ETag"] = event.etag
    return _out(event)


@router.get("/{event_id}/ics", response_class=Response)
async def event_ics(event_id: UUID, uow: UoW, request: Request) -> Response:
    event, _ = await handlers.get_event(uow, event_id)
    body = icalendar.calendar([event], request.app.state.settings.public_base_url, event.title)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event.id}.ics"'},
    )


@router.post(
    "/{event_id}/registrations",
    status_code=status.HTTP_201_CREATED,
    response_model=RegistrationOut,
    responses={
        **CREATED,
        409: {"description": "Full (no waitlist), started, cancelled, or already registered"},
    },
)
async def register_for_event(
    event_id: UUID, actor: CurrentActor, uow: UoW, now: Now, response: Response
) -> RegistrationOut:
    """A seat if one is free, otherwise a place on the waitlist."""
    registration = _registration(await handlers.register(uow, event_id, actor, now.now()))
    response.headers["Location"] = f"/v1/events/{event_id}/registrations/me"
    return registration


@router.get("/{event_id}/registrations/me", response_model=RegistrationOut)
async def my_registration(event_id: UUID, actor: CurrentActor, uow: UoW) -> RegistrationOut:
    return _registration(await handlers.my_registration(uow, event_id, actor))


@router.delete("/{event_id}/registrations/me", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_registration(event_id: UUID, actor: CurrentActor, uow: UoW, now: Now) -> Response:
    """Cancel; if a seat is freed, the first person on the waitlist gets it."""
    await handlers.cancel(uow, event_id, actor, now.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{event_id}/registrations", response_model=list[RegistrationOut])
async def list_registrations(
    event_id: UUID, actor: CurrentActor, uow: UoW
) -> list[RegistrationOut]:
    found = await handlers.registrations(uow, event_id, actor)
    return [
        RegistrationOut(id=r.id, event_id=r.event_id, person_id=r.person_id, status=r.status.value)
        for r in found
    ]
