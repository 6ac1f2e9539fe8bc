"""The person's privacy controls: the consent ledger and the audit log of reads by officials.

Consent API (docs/privacy.md):

* ``GET /v1/me/consents``: the current state of every purpose (and every named recipient ever
  consented to) plus the full history, newest first.
* ``POST /v1/me/consents``: give consent for a purpose (towards the platform, or a named
  organisation / partner / account). Giving the same consent again under the same policy
  version changes nothing (``changed: false``).
* ``POST /v1/me/consents/withdrawals``: withdraw it; takes effect in every service as soon as
  it consumes ``profiles.consent.withdrawn``. Withdrawing what is not in force changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from contracts.events import privacy as contract
from eventkit.http.auth import CurrentPrincipal
from eventkit.http.clock import Now
from profiles.entrypoints.http import schemas
from profiles.entrypoints.http.deps import Settings, UoW
from profiles.service_layer import audit, consents

router = APIRouter(tags=["privacy"])


class ConsentTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    purpose: str = Field(description=f"one of {', '.join(contract.PURPOSES)}", max_length=40)
    recipient_kind: str = Field(
        default=contract.RECIPIENT_PLATFORM,
        description=f"one of {', '.join(contract.RECIPIENT_KINDS)}",
        max_length=20,
    )
    recipient_id: UUID | None = Field(default=None, description="null for the platform")
    channel: str = Field(default="web", description="web, api, survey, import, email")


class ConsentGrant(ConsentTarget):
    policy_version: str | None = Field(
        default=None, max_length=40, description="default: the privacy notice in force"
    )


def _changed(change: consents.Change) -> dict[str, Any]:
    return {
        "changed": change.entry is not None,
        "entry": consents.entry_view(change.entry) if change.entry else None,
        "consent": consents.state_view(change.ledger),
    }


def _request(body: ConsentTarget) -> consents.ConsentRequest:
    return consents.ConsentRequest(
        purpose=body.purpose,
        recipient_kind=body.recipient_kind,
        recipient_id=body.recipient_id,
        channel=body.channel,
    )


@router.get("/v1/me/consents", response_model=schemas.Consents)
async def my_consents(principal: CurrentPrincipal, uow: UoW) -> dict[str, Any]:
    """Current state of every purpose and named recipient, and the history (newest first)."""
    return await consents.overview(uow, principal.subject)


@router.post(
    "/v1/me/consents",
    response_model=schemas.ConsentChange,
    responses={422: {"description": "Unknown purpose, recipient kind or organisation"}},
)
async def give_consent(
    body: ConsentGrant, principal: CurrentPrincipal, uow: UoW, settings: Settings, now: Now
) -> dict[str, Any]:
    """Give consent for a purpose towards the platform or a named recipient."""
    change = await consents.give(
        uow,
        principal.subject,
        _request(body),
        body.policy_version or settings.privacy_policy_version,
        now.now(),
    )
    return _changed(change)


@router.post(
    "/v1/me/consents/withdrawals",
    response_model=schemas.ConsentChange,
    responses={422: {"description": "Unknown purpose, recipient kind or organisation"}},
)
async def withdraw_consent(
    body: ConsentTarget, principal: CurrentPrincipal, uow: UoW, now: Now
) -> dict[str, Any]:
    """Withdraw a consent; every service stops that use when it hears of it."""
    change = await consents.withdraw(uow, principal.subject, _request(body), now.now())
    return _changed(change)


@router.get(
    "/v1/me/audit-log",
    response_model=schemas.AuditLogPage,
    responses={400: {"description": "Bad cursor"}},
)
async def my_audit_log(
    principal: CurrentPrincipal,
    uow: UoW,
    limit: Annotated[int, Query(ge=1, le=audit.PAGE_MAX)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Who (official, moderator, admin) read your identified data, in which service; newest
    first, keyset-paginated with ``next_cursor``."""
    return await audit.my_audit_log(uow, principal.subject, limit=limit, cursor=cursor)
