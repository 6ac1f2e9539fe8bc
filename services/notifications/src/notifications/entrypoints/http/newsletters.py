"""Newsletters and campaigns for communicators (platform admins, alliance secretariat)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import AwareDatetime, BaseModel, Field

from contracts.vocabulary import Permission
from contracts.vocabulary.types import CountryCode, LanguageCode
from eventkit.cursors import decode_time_key, encode_time_key
from eventkit.http.auth import Principal, require_permission, writes_need_a_verified_email
from eventkit.http.openapi_headers import CREATED
from eventkit.http.problems import Problem
from notifications.domain.newsletter import (
    LocalisedContent,
    Newsletter,
    NewsletterStatus,
    Segment,
)
from notifications.domain.preferences import SUPPORTED_LANGUAGES
from notifications.entrypoints.http.deps import UoW
from notifications.service_layer.newsletters import (
    check_calendar,
    check_resources,
)

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/newsletters",
    tags=["newsletters"],
    dependencies=[Depends(writes_need_a_verified_email)],
)
Communicator = Annotated[
    Principal, Depends(require_permission(Permission.NOTIFICATIONS_SEND_NEWSLETTERS))
]
Code = Annotated[str, Field(min_length=1, max_length=64)]


class SegmentBody(BaseModel):
    countries_of_origin: list[CountryCode] = Field(default_factory=list, max_length=250)
    countries_of_residence: list[CountryCode] = Field(default_factory=list, max_length=250)
    interests: list[Code] = Field(default_factory=list, max_length=100)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=50)
    organisation_kinds: list[Code] = Field(
        default_factory=list,
        max_length=50,
        description="members of organisations of these kinds (e.g. diaspora_association)",
    )
    alliance_ids: list[UUID] = Field(
        default_factory=list,
        max_length=50,
        description="representatives of active members of these alliances",
    )
    alliance_member_kinds: list[Code] = Field(
        default_factory=list,
        max_length=10,
        description="representatives of active alliance members of these kinds "
        "(member_state, organisation, expert, observer, guest, youth_leader)",
    )
    alliance_body_ids: list[UUID] = Field(
        default_factory=list,
        max_length=50,
        description="representatives of members holding an active seat on these alliance bodies",
    )
    alliance_body_kinds: list[Code] = Field(
        default_factory=list,
        max_length=10,
        description="representatives of members holding an active seat on an alliance body of "
        "these kinds (secretariat, steering_committee, advisory_group, working_group, plenary)",
    )

    def domain(self) -> Segment:
        return Segment(**self.model_dump())


class ContentBody(BaseModel):
    subject: str = Field(min_length=1, max_length=200)
    intro: str = Field(min_length=1, max_length=20_000)


class NewsletterCreate(BaseModel):
    content: dict[str, ContentBody] = Field(
        min_length=1, description="per language (en, fr, es, ar): subject and introduction"
    )
    resource_ids: list[UUID] = Field(default_factory=list, max_length=50)
    event_ids: list[UUID] = Field(
        default_factory=list,
        max_length=50,
        description="public calendar entries to announce; cancelled ones are left out",
    )
    segment: SegmentBody = Field(default_factory=SegmentBody)
    per_minute: int = Field(default=60, ge=1, le=10_000, description="sending rate")


class NewsletterProgress(BaseModel):
    """Where the sending stands: the audience's deliveries recorded so far (``queued``;
    complete once the status is ``sent``) and how many of them are waiting, were sent, or
    failed for good."""

    queued: int
    pending: int
    sent: int
    failed: int


class NewsletterView(NewsletterCreate):
    id: UUID
    status: NewsletterStatus
    send_at: datetime | None
    recipients: int | None
    progress: NewsletterProgress


class ScheduleRequest(BaseModel):
    send_at: AwareDatetime


class AudienceSize(BaseModel):
    size: int


def _view(n: Newsletter, counts: dict[str, int] | None = None) -> NewsletterView:
    counts = counts or {}
    return NewsletterView(
        id=n.id,
        content={k: ContentBody(subject=v.subject, intro=v.intro) for k, v in n.content.items()},
        resource_ids=n.resource_ids,
        event_ids=n.event_ids,
        segment=SegmentBody(**n.segment.__dict__),
        per_minute=n.per_minute,
        status=n.status,
        send_at=n.send_at,
        recipients=n.recipients,
        progress=NewsletterProgress(
            queued=n.queued,
            pending=counts.get("pending", 0),
            sent=counts.get("sent", 0),
            failed=counts.get("failed", 0),
        ),
    )


@router.post("/audience-preview", response_model=AudienceSize)
async def audience_preview(segment: SegmentBody, who: Communicator, uow: UoW) -> AudienceSize:
    """How many people a segment reaches now (after their preferences), before sending."""
    async with uow:
        return AudienceSize(size=await uow.audience.audience_size(segment.domain()))


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=NewsletterView, responses=CREATED
)
async def create(
    body: NewsletterCreate, who: Communicator, uow: UoW, response: Response
) -> NewsletterView:
    unsupported = sorted(set(body.content) - set(SUPPORTED_LANGUAGES))
    if unsupported:
        raise Problem(422, "Unsupported language", f"no such content language: {unsupported}")
    newsletter = Newsletter(
        created_by=who.subject,
        content={
            k: LocalisedContent(subject=v.subject, intro=v.intro) for k, v in body.content.items()
        },
        resource_ids=body.resource_ids,
        event_ids=body.event_ids,
        segment=body.segment.domain(),
        per_minute=body.per_minute,
    )
    async with uow:
        await check_resources(uow, body.resource_ids)
        await check_calendar(uow, body.event_ids)
        await uow.audience.add_newsletter(newsletter)
        await uow.commit()
    response.headers["Location"] = f"/v1/newsletters/{newsletter.id}"
    return _view(newsletter)


async def _owned(uow: UoW, newsletter_id: UUID, who: Principal) -> Newsletter:
    newsletter = await uow.audience.newsletter(newsletter_id, for_update=True)
    if newsletter is None or (
        newsletter.created_by != who.subject
        and not who.may(Permission.NOTIFICATIONS_MANAGE_NEWSLETTERS)
    ):
        raise Problem(404, "Not Found", "No such newsletter.")
    return newsletter


class NewsletterPage(BaseModel):
    items: list[NewsletterView]
    next_cursor: str | None


@router.get("", response_model=NewsletterPage, responses={400: {"description": "Bad cursor"}})
async def list_newsletters(
    who: Communicator,
    uow: UoW,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> NewsletterPage:
    """Your newsletters, newest first (everyone's for those who manage newsletters), each
    with its sending's progress; keyset-paginated with ``next_cursor``."""
    mine = None if who.may(Permission.NOTIFICATIONS_MANAGE_NEWSLETTERS) else who.subject
    before = decode_time_key(cursor) if cursor else None
    async with uow:
        page = await uow.audience.newsletters_page(created_by=mine, before=before, limit=limit)
        progress = await uow.deliveries.campaigns_progress([n.id for n in page])
    items = [_view(n, progress[n.id]) for n in page]
    last = page[-1] if len(page) == limit else None
    return NewsletterPage(
        items=items, next_cursor=encode_time_key(last.created_at, last.id) if last else None
    )


@router.get("/{newsletter_id}", response_model=NewsletterView)
async def get(newsletter_id: UUID, who: Communicator, uow: UoW) -> NewsletterView:
    """The newsletter and its sending's progress (poll it while it goes out)."""
    async with uow:
        newsletter = await _owned(uow, newsletter_id, who)
        return _view(newsletter, await uow.deliveries.campaign_progress(newsletter.id))


@router.post("/{newsletter_id}/schedule", response_model=NewsletterView)
async def schedule_newsletter(
    newsletter_id: UUID, body: ScheduleRequest, who: Communicator, uow: UoW
) -> NewsletterView:
    async with uow:
        newsletter = await _owned(uow, newsletter_id, who)
        newsletter.schedule(body.send_at)
        await uow.audience.save_newsletter(newsletter)
        await uow.commit()
    return _view(newsletter)
