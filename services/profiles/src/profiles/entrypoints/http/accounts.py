"""Account endpoints: registration (more identity flows build on this)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, Field

from eventkit.http.problems import Problem
from profiles.domain.commands import RegisterAccount
from profiles.domain.passwords import WeakPassword
from profiles.service_layer import handlers
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

router = APIRouter(prefix="/v1/auth", tags=["accounts"])


class RegistrationRequest(BaseModel):
    email: str = Field(max_length=320, examples=["amina@example.org"])
    password: str = Field(min_length=1, max_length=256)
    display_name: str = Field(min_length=1, max_length=200)
    locale: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class RegistrationResponse(BaseModel):
    account_id: UUID
    status: str = "unverified"


def unit_of_work(request: Request) -> ProfilesUnitOfWork:
    uow: ProfilesUnitOfWork = request.app.state.uow_factory()
    return uow


UoW = Annotated[ProfilesUnitOfWork, Depends(unit_of_work)]


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=RegistrationResponse,
    responses={409: {"description": "Email already registered"}, 422: {"description": "Invalid"}},
)
async def register(body: RegistrationRequest, uow: UoW) -> RegistrationResponse:
    try:
        account_id = await handlers.register_account(
            RegisterAccount(
                email=body.email,
                password=body.password,
                display_name=body.display_name,
                locale=body.locale,
            ),
            uow,
        )
    except handlers.InvalidEmail as exc:
        raise Problem(422, "Invalid email address", str(exc)) from exc
    except WeakPassword as exc:
        raise Problem(422, "Weak password", str(exc)) from exc
    except handlers.EmailAlreadyRegistered as exc:
        raise Problem(409, "Email already registered", "Try signing in instead.") from exc
    return RegistrationResponse(account_id=account_id)
