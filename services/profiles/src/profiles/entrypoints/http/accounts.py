"""Account and identity endpoints: registration, sign-in, tokens, emailed links, roles."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.vocabulary import Permission, may_grant
from contracts.vocabulary.types import LocaleTag
from eventkit.http.auth import CurrentPrincipal, Principal, require_permission
from eventkit.http.clock import Now
from eventkit.http.idempotency import AnonymousOnce
from eventkit.http.problems import PROBLEM_JSON, Problem
from profiles.domain.account import Account, Role
from profiles.domain.commands import RegisterAccount
from profiles.entrypoints.http.deps import ClientIp, Settings, UoW
from profiles.service_layer import identity, registration

router = APIRouter(prefix="/v1/auth", tags=["accounts"])


class RegistrationRequest(BaseModel):
    email: str = Field(max_length=320, examples=["amina@example.org"])
    password: str = Field(min_length=1, max_length=256)
    display_name: str = Field(min_length=1, max_length=200)
    locale: LocaleTag = "en"


class RegistrationResponse(BaseModel):
    account_id: UUID
    status: str = "unverified"


class LoginRequest(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=256)
    otp: str | None = Field(
        default=None, max_length=10, description="the authenticator app's code (2FA accounts)"
    )
    recovery_code: str | None = Field(
        default=None, max_length=20, description="instead of `otp`: one of the recovery codes"
    )


class SecondFactorRequest(BaseModel):
    challenge: str = Field(
        min_length=1, max_length=100, description="from the login's second-factor-required answer"
    )
    otp: str | None = Field(default=None, max_length=10, description="the authenticator app's code")
    recovery_code: str | None = Field(
        default=None, max_length=20, description="instead of `otp`: one of the recovery codes"
    )

    @model_validator(mode="after")
    def _one_proof(self) -> SecondFactorRequest:
        if bool(self.otp) == bool(self.recovery_code):
            raise ValueError("send exactly one of `otp` and `recovery_code`")
        return self


class LoginProblem(BaseModel):
    """A sign-in's 401 (problem+json): wrong credentials, or, of ``type`` ending in
    ``/second-factor-required``, the password is right and ``challenge`` is the second step's."""

    # inline in the document (problem+json), named by the SDKs' generators "LoginProblem"
    model_config = ConfigDict(title="Problem")

    type: str = Field(examples=["https://diaspora.example/problems/second-factor-required"])
    title: str
    status: int = 401
    detail: str | None = None
    challenge: str | None = Field(
        default=None,
        description="second-factor-required only: send it back to "
        "/v1/auth/login/second-factor with the code; good once",
    )
    challenge_expires_in: int | None = Field(
        default=None, description="second-factor-required only: seconds the challenge is valid"
    )


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int = Field(description="seconds until the access token expires")
    refresh_token: str = Field(description="single use: each refresh returns a new one")
    refresh_expires_in: int


class LinkToken(BaseModel):
    token: str = Field(min_length=1, max_length=200)


class PasswordResetRequest(BaseModel):
    email: str = Field(max_length=320)


class PasswordResetConfirmation(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=256)


class AccountView(BaseModel):
    account_id: UUID
    email: str
    display_name: str
    locale: str
    status: str
    roles: list[str]


class RolesView(BaseModel):
    account_id: UUID
    roles: list[str]


def _tokens(pair: identity.TokenPair) -> TokenResponse:
    return TokenResponse(
        access_token=pair.access_token,
        token_type=pair.token_type,
        expires_in=pair.expires_in,
        refresh_token=pair.refresh_token,
        refresh_expires_in=pair.refresh_expires_in,
    )


_INVALID_LINK = "The link is invalid or was already used."
_NO_STORE = {"Cache-Control": "no-store"}


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=RegistrationResponse,
    responses={422: {"description": "Invalid"}},
)
async def register(
    body: RegistrationRequest, uow: UoW, settings: Settings, once: AnonymousOnce, now: Now
) -> Response:
    """Create an account and email a verification link.

    An address that already has an account gets the same answer (201 with an account id
    that is never used): whether an address is registered is not revealed. No second
    account is created; the owner is emailed that someone tried to register with it.
    A retry with the same Idempotency-Key (its first answer lost) gets the first answer
    again: without it, a retried registration told the new member that someone had tried
    to register with their address.
    """

    async def work() -> RegistrationResponse:
        account_id = await registration.register_account(
            RegisterAccount(
                email=body.email,
                password=body.password,
                display_name=body.display_name,
                locale=body.locale,
            ),
            uow,
            settings,
            now.now(),
        )
        return RegistrationResponse(account_id=account_id)

    return await once(work, status_code=status.HTTP_201_CREATED)


_CHALLENGE_PROBLEM = {PROBLEM_JSON: {"schema": LoginProblem.model_json_schema()}}


@router.post(
    "/login",
    response_model=TokenResponse,
    responses={
        401: {
            "description": "Wrong email or password; or, of type `.../second-factor-required`, "
            "the password is right and the second step needs the app's code",
            "content": _CHALLENGE_PROBLEM,
        },
        429: {"description": "Throttled"},
    },
)
async def login(
    body: LoginRequest, uow: UoW, settings: Settings, ip: ClientIp, now: Now, response: Response
) -> TokenResponse:
    """Failed sign-ins slow down where they come from: past a few failures from one address
    (or many on one account from addresses it never signed in from), each attempt waits a
    doubling delay (429 with Retry-After). The owner's usual client is never held back by
    someone else's guesses; a password reset clears the account's count.

    An account with an authenticator app needs its code too. Without one the answer is 401
    of type ``.../second-factor-required`` carrying a ``challenge`` (good once, for
    ``challenge_expires_in`` seconds): send it with the code to ``/v1/auth/login/second-factor``,
    so the client never keeps the password. The code may also come here as ``otp`` (or
    ``recovery_code``) with the password, in one request."""
    proof = identity.SecondFactorProof(otp=body.otp, recovery_code=body.recovery_code)
    pair = await identity.login(
        body.email, body.password, ip, uow, settings, now.now(), second_factor=proof
    )
    response.headers.update(_NO_STORE)
    return _tokens(pair)


@router.post(
    "/login/second-factor",
    response_model=TokenResponse,
    responses={
        401: {
            "description": "Wrong code (with `attempts_left`), or, of type "
            "`.../sign-in-challenge-invalid`, the challenge is unknown, expired, used or has "
            "had too many wrong codes (`reason`): sign in again with the password"
        },
        429: {"description": "Throttled"},
    },
)
async def login_second_factor(
    body: SecondFactorRequest,
    uow: UoW,
    settings: Settings,
    ip: ClientIp,
    now: Now,
    response: Response,
) -> TokenResponse:
    """Complete a sign-in with the challenge its password earned and the authenticator app's
    code (or a recovery code). A wrong code counts toward the sign-in throttle like a wrong
    password, and a challenge takes only a few wrong codes."""
    proof = identity.SecondFactorProof(otp=body.otp, recovery_code=body.recovery_code)
    pair = await identity.login_second_factor(body.challenge, proof, ip, uow, settings, now.now())
    response.headers.update(_NO_STORE)
    return _tokens(pair)


@router.post("/refresh", response_model=TokenResponse, responses={401: {"description": "Invalid"}})
async def refresh(
    body: RefreshRequest, uow: UoW, settings: Settings, now: Now, response: Response
) -> TokenResponse:
    pair = await identity.refresh(body.refresh_token, uow, settings, now.now())
    response.headers.update(_NO_STORE)
    return _tokens(pair)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(body: RefreshRequest, uow: UoW, now: Now) -> Response:
    await identity.logout(body.refresh_token, uow, now.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _verify(token: str, uow: UoW, now: Now) -> dict[str, str]:
    account_id = await identity.verify_email(token, uow, now.now())
    return {"account_id": str(account_id), "status": "active"}


@router.post("/verify-email", responses={400: {}, 409: {}, 410: {}})
async def verify_email(body: LinkToken, uow: UoW, now: Now) -> dict[str, str]:
    return await _verify(body.token, uow, now)


@router.get("/verify-email", responses={400: {}, 409: {}, 410: {}})
async def verify_email_link(
    uow: UoW, now: Now, token: Annotated[str, Query(min_length=1, max_length=200)]
) -> dict[str, str]:
    """The emailed link itself (clicked in a mail client); same effect as the POST."""
    return await _verify(token, uow, now)


@router.post(
    "/verify-email/resend",
    status_code=status.HTTP_202_ACCEPTED,
    response_class=Response,  # no body: the document must not promise JSON
    responses={409: {}, 429: {}},
)
async def resend_verification(
    principal: CurrentPrincipal, uow: UoW, settings: Settings, now: Now
) -> Response:
    await identity.resend_verification(principal.subject, uow, settings, now.now())
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/password-reset", status_code=status.HTTP_202_ACCEPTED, response_class=Response)
async def request_password_reset(
    body: PasswordResetRequest, uow: UoW, settings: Settings, now: Now
) -> Response:
    """Always 202: whether an email exists is not revealed."""
    await identity.request_password_reset(body.email, uow, settings, now.now())
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post(
    "/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={400: {}, 410: {}, 422: {}},
)
async def confirm_password_reset(body: PasswordResetConfirmation, uow: UoW, now: Now) -> Response:
    await identity.reset_password(body.token, body.new_password, uow, now.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=AccountView)
async def me(principal: CurrentPrincipal, uow: UoW) -> AccountView:
    async with uow:
        account = await uow.accounts.get(principal.subject)
    if account is None or account.status.value == "erased":
        raise Problem(404, "Not Found", "The account does not exist.")
    return _account_view(account)


def _account_view(account: Account) -> AccountView:
    return AccountView(
        account_id=account.id,
        email=account.email,
        display_name=account.display_name,
        locale=account.locale,
        status=account.status.value,
        roles=sorted(account.roles),
    )


PlatformAdmin = Annotated[
    Principal, Depends(require_permission(Permission.PROFILES_ADMINISTER_ACCOUNTS))
]


async def _change_role(
    account_id: UUID, role: Role, grant: bool, admin: Principal, uow: UoW, now: Now
) -> RolesView:
    if role != Role.MEMBER and not may_grant(admin.roles, role):
        raise Problem(403, "Forbidden", f"Your roles may not grant or revoke {role.value}.")
    roles = await identity.change_role(
        account_id, role, grant=grant, by=admin.subject, uow=uow, now=now.now()
    )
    return RolesView(account_id=account_id, roles=sorted(roles))


class AccountsFound(BaseModel):
    """The accounts with the email asked for: none or one."""

    items: list[AccountView]


@router.get(
    "/accounts",
    response_model=AccountsFound,
    responses={403: {}, 422: {}},
    summary="Find an account by its exact email (platform admins only); a found account's "
    "read is recorded in the person's audit log",
)
async def find_account(
    admin: PlatformAdmin,
    uow: UoW,
    email: Annotated[str, Query(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")],
) -> AccountsFound:
    account = await identity.find_account_for_admin(email, admin, uow)
    return AccountsFound(items=[] if account is None else [_account_view(account)])


@router.get(
    "/accounts/{account_id}",
    response_model=AccountView,
    responses={403: {}, 404: {}},
    summary="Read an account (platform admins only); recorded in the person's audit log",
)
async def read_account(account_id: UUID, admin: PlatformAdmin, uow: UoW) -> AccountView:
    return _account_view(await identity.account_for_admin(account_id, admin, uow))


@router.put(
    "/accounts/{account_id}/roles/{role}",
    response_model=RolesView,
    responses={403: {}, 404: {}},
    summary="Grant a role (platform admins only); takes effect at the next token refresh",
)
async def grant_role(
    account_id: UUID, role: Role, admin: PlatformAdmin, uow: UoW, now: Now
) -> RolesView:
    return await _change_role(account_id, role, True, admin, uow, now)


@router.delete(
    "/accounts/{account_id}/roles/{role}",
    response_model=RolesView,
    responses={403: {}, 404: {}},
    summary="Revoke a role (platform admins only)",
)
async def revoke_role(
    account_id: UUID, role: Role, admin: PlatformAdmin, uow: UoW, now: Now
) -> RolesView:
    return await _change_role(account_id, role, False, admin, uow, now)


@router.post(
    "/signing-keys/rotate",
    status_code=status.HTTP_201_CREATED,
    responses={403: {}},
    summary="Start signing with a new key now; older keys stay published until tokens expire",
)
async def rotate_signing_key(
    _: PlatformAdmin, uow: UoW, settings: Settings, now: Now
) -> dict[str, str]:
    return {"kid": await identity.rotate_signing_key(uow, settings, now.now())}
