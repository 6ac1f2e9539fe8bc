"""Partner webhook endpoints, their delivery logs, redelivery and replay.

Partners (role ``partner``) manage their own endpoints; platform admins (operators) any.
The signing secret is shown once, at creation and at rotation.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import AwareDatetime, BaseModel, Field

from contracts.vocabulary import Permission
from eventkit.http.auth import Principal, require_permission, writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.http.problems import Problem
from eventkit.preconditions import etag
from notifications.domain.webhooks import Endpoint, EndpointStatus, WebhookDelivery
from notifications.entrypoints.http.deps import Catalogue, Guard, Settings, UoW, parse_cursor
from notifications.service_layer import webhooks as service

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/webhooks", tags=["webhooks"], dependencies=[Depends(writes_need_a_verified_email)]
)

Partner = Annotated[
    Principal, Depends(require_permission(Permission.NOTIFICATIONS_SUBSCRIBE_WEBHOOKS))
]


def _owner(principal: Principal) -> UUID | None:
    """Whose endpoints the caller may touch: their own, or any for an operator."""
    operator = principal.may(Permission.NOTIFICATIONS_OPERATE_WEBHOOKS)
    return None if operator else principal.subject


class EndpointCreate(BaseModel):
    url: str = Field(max_length=2000, examples=["https://partner.example.org/hooks"])
    event_types: list[str] = Field(default_factory=list, max_length=100)
    description: str = Field(default="", max_length=300)


class EndpointView(BaseModel):
    id: UUID
    url: str
    description: str
    event_types: list[str]
    status: EndpointStatus
    created_at: datetime
    secret_rotation_overlap_until: datetime | None
    version: int = Field(description="changes with every change; the ETag names it")


class EndpointWithSecret(EndpointView):
    secret: str = Field(description="whsec_...: shown only now; store it safely")


class EndpointUpdate(BaseModel):
    status: EndpointStatus | None = None
    event_types: list[str] | None = Field(default=None, max_length=100)


class DeliveryView(BaseModel):
    id: UUID
    message_id: str
    event_id: str
    event_type: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


class AttemptView(BaseModel):
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


class DeliveryDetail(DeliveryView):
    attempts_log: list[AttemptView]


class DeliveryPage(BaseModel):
    items: list[DeliveryView]
    next_cursor: str | None


class ReplayRequest(BaseModel):
    since: AwareDatetime


class ReplayResult(BaseModel):
    queued: int


def _endpoint_view(e: Endpoint) -> EndpointView:
    return EndpointView(
        id=e.id,
        url=e.url,
        description=e.description,
        event_types=e.event_types,
        status=e.status,
        created_at=e.created_at,
        secret_rotation_overlap_until=e.previous_secret_expires_at,
        version=e.version,
    )


def _tagged(e: Endpoint, response: Response) -> EndpointView:
    response.headers["ETag"] = etag(e.version)
    return _endpoint_view(e)


def _delivery_view(d: WebhookDelivery) -> DeliveryView:
    return DeliveryView(
        id=d.id,
        message_id=d.message_id,
        event_id=d.event_id,
        event_type=d.event_type,
        status=d.status.value,
        attempts=d.attempts,
        next_attempt_at=d.next_attempt_at if d.status.value == "pending" else None,
        last_status_code=d.last_status_code,
        last_error=d.last_error,
        created_at=d.created_at,
        delivered_at=d.delivered_at,
    )


async def _endpoint(uow: UoW, endpoint_id: UUID, principal: Principal) -> Endpoint:
    return await service.owned_endpoint(uow, endpoint_id, _owner(principal))


@router.get("/event-types", response_model=list[str])
async def event_types(principal: Partner, catalogue: Catalogue) -> list[str]:
    """The event types partners can subscribe to (partner-visible topics only)."""
    return sorted(catalogue.types)


@router.post(
    "/endpoints",
    status_code=status.HTTP_201_CREATED,
    response_model=EndpointWithSecret,
    responses={**CREATED, 422: {"description": "Unsafe URL or unknown event type"}},
)
async def create_endpoint(
    body: EndpointCreate,
    principal: Partner,
    uow: UoW,
    guard: Guard,
    catalogue: Catalogue,
    response: Response,
) -> EndpointWithSecret:
    endpoint = await service.register_endpoint(
        uow,
        guard,
        catalogue,
        owner_id=principal.subject,
        url=body.url,
        event_types=body.event_types,
        description=body.description,
    )
    response.headers["Location"] = f"/v1/webhooks/endpoints/{endpoint.id}"
    return EndpointWithSecret(**_tagged(endpoint, response).model_dump(), secret=endpoint.secret)


@router.get("/endpoints", response_model=list[EndpointView])
async def list_endpoints(principal: Partner, uow: UoW) -> list[EndpointView]:
    async with uow:
        return [_endpoint_view(e) for e in await uow.webhooks.endpoints_of(principal.subject)]


@router.get("/endpoints/{endpoint_id}", response_model=EndpointView)
async def get_endpoint(
    endpoint_id: UUID, principal: Partner, uow: UoW, response: Response
) -> EndpointView:
    async with uow:
        return _tagged(await _endpoint(uow, endpoint_id, principal), response)


@router.patch(
    "/endpoints/{endpoint_id}",
    response_model=EndpointView,
    responses={412: {"description": "Changed since you read it"}, 428: {}},
)
async def update_endpoint(
    endpoint_id: UUID,
    body: EndpointUpdate,
    principal: Partner,
    uow: UoW,
    catalogue: Catalogue,
    expected: IfMatchHeader,
    response: Response,
    now: Now,
) -> EndpointView:
    """Change what it wants or whether it is on, naming the version you read in
    ``If-Match`` (a change made since, e.g. disabled after failed deliveries, is not
    overwritten)."""
    async with uow:
        endpoint = await _endpoint(uow, endpoint_id, principal)
        expected.check(endpoint.version, what="this webhook endpoint")
        if body.event_types is not None:
            catalogue.check(body.event_types)
        endpoint.reconfigure(event_types=body.event_types, status=body.status, now=now.now())
        uow.track(endpoint)
        await uow.webhooks.save_endpoint(endpoint)
        await uow.commit()
    return _tagged(endpoint, response)


@router.post("/endpoints/{endpoint_id}/rotate-secret", response_model=EndpointWithSecret)
async def rotate_secret(
    endpoint_id: UUID,
    principal: Partner,
    uow: UoW,
    settings: Settings,
    response: Response,
    now: Now,
) -> EndpointWithSecret:
    """A new secret; the old one still signs (beside the new) until the overlap ends."""
    async with uow:
        endpoint = await _endpoint(uow, endpoint_id, principal)
        secret = endpoint.rotate_secret(
            now.now(), timedelta(seconds=settings.webhook_secret_overlap_s)
        )
        await uow.webhooks.save_endpoint(endpoint)
        await uow.commit()
    return EndpointWithSecret(**_tagged(endpoint, response).model_dump(), secret=secret)


@router.get("/endpoints/{endpoint_id}/deliveries", response_model=DeliveryPage)
async def list_deliveries(
    endpoint_id: UUID,
    principal: Partner,
    uow: UoW,
    cursor: str | None = Query(default=None, max_length=20),
    limit: int = Query(default=50, ge=1, le=200),
    delivery_status: str | None = Query(
        default=None, alias="status", pattern="^(pending|succeeded|dead)$"
    ),
) -> DeliveryPage:
    async with uow:
        await _endpoint(uow, endpoint_id, principal)
        rows = await uow.webhooks.deliveries_of(
            endpoint_id, before=parse_cursor(cursor), limit=limit, status=delivery_status
        )
    next_cursor = str(rows[-1][0]) if len(rows) == limit else None
    return DeliveryPage(items=[_delivery_view(d) for _, d in rows], next_cursor=next_cursor)


async def _delivery(uow: UoW, delivery_id: UUID, principal: Principal) -> WebhookDelivery:
    delivery = await uow.webhooks.delivery(delivery_id, for_update=True)
    if delivery is None:
        raise Problem(404, "Not Found", "No such delivery.")
    await _endpoint(uow, delivery.endpoint_id, principal)  # 404 unless the caller owns it
    return delivery


@router.get("/deliveries/{delivery_id}", response_model=DeliveryDetail)
async def get_delivery(delivery_id: UUID, principal: Partner, uow: UoW) -> DeliveryDetail:
    async with uow:
        delivery = await _delivery(uow, delivery_id, principal)
        attempts = await uow.webhooks.attempts_of(delivery_id)
    return DeliveryDetail(
        **_delivery_view(delivery).model_dump(),
        attempts_log=[
            AttemptView(
                attempted_at=a["attempted_at"],
                status_code=a["status_code"],
                error=a["error"],
                duration_ms=a["duration_ms"],
            )
            for a in attempts
        ],
    )


@router.post(
    "/deliveries/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryView,
)
async def redeliver(delivery_id: UUID, principal: Partner, uow: UoW, now: Now) -> DeliveryView:
    async with uow:
        delivery = await _delivery(uow, delivery_id, principal)
        await service.redeliver(uow, delivery, now.now())
        await uow.commit()
    return _delivery_view(delivery)


@router.post(
    "/endpoints/{endpoint_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ReplayResult,
)
async def replay(
    endpoint_id: UUID, body: ReplayRequest, principal: Partner, uow: UoW, now: Now
) -> ReplayResult:
    """Send again every subscribed event since ``since`` (same ``webhook-id`` per event)."""
    async with uow:
        endpoint = await _endpoint(uow, endpoint_id, principal)
        if endpoint.status != EndpointStatus.ACTIVE:
            raise Problem(409, "Conflict", "Enable the endpoint before replaying to it.")
        queued = await service.replay_since(uow, endpoint, body.since, now.now())
        await uow.commit()
    return ReplayResult(queued=queued)
