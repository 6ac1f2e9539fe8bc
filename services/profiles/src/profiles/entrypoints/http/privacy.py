"""The person's privacy requests: erase my account, download my data (docs/privacy.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, Field

from eventkit.http.auth import CurrentPrincipal
from eventkit.http.clock import Now
from profiles.adapters.archive_store import ArchiveStore
from profiles.domain.privacy import OWN_SERVICE, DataExport, Erasure
from profiles.entrypoints.http.deps import Settings, UoW
from profiles.service_layer import privacy as sagas

router = APIRouter(tags=["privacy"])


def archive_store(request: Request) -> ArchiveStore:
    store: ArchiveStore = request.app.state.archive_store
    return store


Archives = Annotated[ArchiveStore, Depends(archive_store)]


class ErasureRequest(BaseModel):
    password: str | None = Field(
        default=None,
        max_length=256,
        description="required for accounts with a password; accounts that only sign in "
        "through a social login present an access token issued in the last 5 minutes instead",
    )


class ErasureAccepted(BaseModel):
    erasure_id: UUID
    receipt: str = Field(
        description="shown once: your sessions end with the account, this secret lets you "
        "follow the erasure at status_url"
    )
    status_url: str


class ParticipantAnswer(BaseModel):
    status: str = Field(description="confirmed | pending")
    erased_at: str | None = None
    deleted: dict[str, int] = {}
    de_identified: dict[str, int] = {}


class ErasureView(BaseModel):
    erasure_id: UUID
    status: str = Field(description="pending | completed")
    requested_at: datetime
    completed_at: datetime | None
    requests: int = Field(description="how many times the participants were asked")
    services: dict[str, ParticipantAnswer]


class ServiceProgress(BaseModel):
    status: str = Field(description="received | pending")
    parts_received: int
    parts_expected: int | None


class ExportView(BaseModel):
    export_id: UUID
    status: str = Field(description="assembling | ready | expired")
    requested_at: datetime
    ready_at: datetime | None
    expires_at: datetime
    services: dict[str, ServiceProgress]


def _erasure_view(e: Erasure) -> ErasureView:
    services: dict[str, ParticipantAnswer] = {}
    for service in (OWN_SERVICE, *e.participants):
        answer: dict[str, Any] | None = e.confirmations.get(service)
        services[service] = (
            ParticipantAnswer(status="confirmed", **answer)
            if answer is not None
            else ParticipantAnswer(status="pending")
        )
    return ErasureView(
        erasure_id=e.id,
        status=e.status.value,
        requested_at=e.requested_at,
        completed_at=e.completed_at,
        requests=e.requests,
        services=services,
    )


def _export_view(x: DataExport) -> ExportView:
    return ExportView(
        export_id=x.id,
        status=x.status.value,
        requested_at=x.requested_at,
        ready_at=x.ready_at,
        expires_at=x.expires_at,
        services={s: ServiceProgress(**p) for s, p in x.progress().items()},
    )


@router.post(
    "/v1/me/erasure",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ErasureAccepted,
    responses={401: {}, 403: {"description": "Re-authentication failed"}, 404: {}},
    summary="Erase my account everywhere (irreversible; follow it with the receipt)",
)
async def request_erasure(
    body: ErasureRequest,
    principal: CurrentPrincipal,
    uow: UoW,
    settings: Settings,
    archives: Archives,
    now: Now,
    response: Response,
) -> ErasureAccepted:
    iat = principal.claims.get("iat")
    issued_at = datetime.fromtimestamp(iat, UTC) if isinstance(iat, int | float) else None
    receipt = await sagas.request_erasure(
        uow,
        principal.subject,
        password=body.password,
        token_issued_at=issued_at,
        settings=settings,
        archives=archives,
        now=now.now(),
    )
    url = f"/v1/privacy/erasures/{receipt.erasure_id}?receipt={receipt.receipt}"
    response.headers["Location"] = url
    return ErasureAccepted(erasure_id=receipt.erasure_id, receipt=receipt.receipt, status_url=url)


@router.get(
    "/v1/privacy/erasures/{erasure_id}",
    response_model=ErasureView,
    responses={404: {}},
    summary="Follow an erasure: which services confirmed (no sign-in; the receipt proves it)",
)
async def erasure_status(
    erasure_id: UUID,
    uow: UoW,
    receipt: Annotated[str, Query(min_length=1, max_length=200)],
) -> ErasureView:
    erasure = await sagas.erasure_status(uow, erasure_id, receipt)
    return _erasure_view(erasure)


@router.post(
    "/v1/me/exports",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ExportView,
    responses={401: {}, 404: {}},
    summary="Download my data: every service contributes its slice to one archive",
)
async def request_export(
    principal: CurrentPrincipal, uow: UoW, settings: Settings, now: Now, response: Response
) -> ExportView:
    export = await sagas.request_export(uow, principal.subject, settings, now.now())
    response.headers["Location"] = f"/v1/me/exports/{export.id}"
    return _export_view(export)


@router.get(
    "/v1/me/exports/{export_id}",
    response_model=ExportView,
    responses={401: {}, 404: {}},
    summary="Progress of my export: which services' slices arrived",
)
async def export_progress(export_id: UUID, principal: CurrentPrincipal, uow: UoW) -> ExportView:
    export = await sagas.export_progress(uow, principal.subject, export_id)
    return _export_view(export)


@router.get(
    "/v1/me/exports/{export_id}/archive",
    response_class=Response,
    responses={
        200: {"content": {"application/zip": {}}},
        404: {},
        409: {"description": "Not assembled yet"},
        410: {"description": "The link expired"},
    },
    summary="The archive (zip: data.json and summary.html), through the emailed secret link",
)
async def download_archive(
    export_id: UUID,
    uow: UoW,
    archives: Archives,
    now: Now,
    token: Annotated[str, Query(min_length=1, max_length=200)],
) -> Response:
    data = await sagas.download_archive(uow, archives, export_id, token, now.now())
    return Response(
        data,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="my-data-{export_id}.zip"',
            "Cache-Control": "no-store",
        },
    )
