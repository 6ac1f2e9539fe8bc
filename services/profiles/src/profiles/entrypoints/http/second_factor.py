"""Two-factor sign-in: enrol an authenticator app (TOTP), renew recovery codes, remove it.

Signing in with it is ``POST /v1/auth/login`` with ``otp`` (or ``recovery_code``) beside the
password; the access token then carries ``amr: ["pwd", "otp", "mfa"]``.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from eventkit.http.auth import CurrentPrincipal
from eventkit.http.clock import Now
from profiles.entrypoints.http.deps import Settings, UoW
from profiles.service_layer import second_factor as use

router = APIRouter(prefix="/v1/auth/2fa", tags=["accounts"])

_NO_STORE = {"Cache-Control": "no-store"}


class SecondFactorView(BaseModel):
    enrolled: bool = Field(description="an authenticator app is turned on")
    confirmed_at: datetime | None
    recovery_codes_left: int
    required: bool = Field(description="a role of the account needs a second factor")


class EnrolmentView(BaseModel):
    secret: str = Field(description="base 32, for typing into the app by hand")
    otpauth_uri: str = Field(description="the otpauth:// URI, usually shown as a QR code")


class SecondFactorCode(BaseModel):
    code: str = Field(
        min_length=6,
        max_length=20,
        description="the app's code or, to remove the app, a recovery code",
    )


class RecoveryCodes(BaseModel):
    recovery_codes: list[str] = Field(description="each works once; shown only this time")


@router.get("", response_model=SecondFactorView)
async def second_factor_status(
    principal: CurrentPrincipal, uow: UoW, settings: Settings
) -> SecondFactorView:
    found = await use.status(principal.subject, uow, settings)
    return SecondFactorView(
        enrolled=found.enrolled,
        confirmed_at=found.confirmed_at,
        recovery_codes_left=found.recovery_codes_left,
        required=found.required,
    )


@router.post(
    "/totp",
    status_code=status.HTTP_201_CREATED,
    response_model=EnrolmentView,
    responses={409: {"description": "An app is already enrolled"}},
)
async def start_authenticator_enrolment(
    principal: CurrentPrincipal, uow: UoW, settings: Settings, now: Now, response: Response
) -> EnrolmentView:
    """Begin enrolling an authenticator app; it is on once ``/totp/confirm`` gets a code."""
    enrolment = await use.start(principal.subject, uow, settings, now.now())
    response.headers.update(_NO_STORE)
    return EnrolmentView(secret=enrolment.secret, otpauth_uri=enrolment.otpauth_uri)


@router.post(
    "/totp/confirm",
    response_model=RecoveryCodes,
    responses={
        422: {"description": "Wrong code (beside `code`)"},
        409: {"description": "Nothing to confirm"},
    },
)
async def confirm_authenticator_enrolment(
    body: SecondFactorCode, principal: CurrentPrincipal, uow: UoW, now: Now, response: Response
) -> RecoveryCodes:
    """Turn the app on with its first code; answers the recovery codes, shown only now."""
    codes = await use.confirm(principal.subject, body.code, uow, now.now())
    response.headers.update(_NO_STORE)
    return RecoveryCodes(recovery_codes=codes)


@router.post(
    "/recovery-codes",
    response_model=RecoveryCodes,
    responses={
        422: {"description": "Wrong code (beside `code`)"},
        409: {"description": "No app enrolled"},
    },
)
async def renew_recovery_codes(
    body: SecondFactorCode, principal: CurrentPrincipal, uow: UoW, now: Now, response: Response
) -> RecoveryCodes:
    """New recovery codes for a current code of the app; the old ones stop working."""
    codes = await use.renew_recovery_codes(principal.subject, body.code, uow, now.now())
    response.headers.update(_NO_STORE)
    return RecoveryCodes(recovery_codes=codes)


@router.post(
    "/totp/remove",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={
        422: {"description": "Wrong code (beside `code`)"},
        409: {"description": "No app enrolled"},
    },
)
async def remove_authenticator_app(
    body: SecondFactorCode, principal: CurrentPrincipal, uow: UoW, now: Now
) -> Response:
    """Remove the app, for one of its codes or a recovery code (a lost phone)."""
    await use.remove(principal.subject, body.code, uow, now.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)
